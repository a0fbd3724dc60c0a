import { describe, expect, it } from 'vitest';
import { GROUPS, grantChangesInWords, parseGrantSpec } from './grants';

describe('grants', () => {
  it('reads the AWS CLI’s grant words', () => {
    expect(parseGrantSpec(`read=uri=${GROUPS.AllUsers}`)).toEqual({ grantee: { type: 'group', uri: GROUPS.AllUsers }, permission: 'READ' });
    expect(parseGrantSpec('full-control=id=abc123')).toEqual({ grantee: { type: 'user', id: 'abc123' }, permission: 'FULL_CONTROL' });
    expect(parseGrantSpec('write-acp=emailaddress=ann@example.com')).toEqual({ grantee: { type: 'email', email: 'ann@example.com' }, permission: 'WRITE_ACP' });
    expect(parseGrantSpec('read=group=LogDelivery')).toEqual({ grantee: { type: 'group', uri: GROUPS.LogDelivery }, permission: 'READ' });
    expect(() => parseGrantSpec('read')).toThrow(/Give a grant as PERMISSION=TYPE=VALUE/);
    expect(() => parseGrantSpec('own=id=x')).toThrow(/"own" is no permission/);
    expect(() => parseGrantSpec('read=group=Friends')).toThrow(/"Friends" is no group S3 knows/);
    expect(() => parseGrantSpec('read=emailaddress=not-mail')).toThrow(/Give an e-mail address/);
  });

  it('says what a save gives and takes away', () => {
    const owner = { id: 'ann', displayName: 'Ann' };
    const full = { grantee: { type: 'user' as const, id: 'ann' }, permission: 'FULL_CONTROL' as const };
    const everyone = parseGrantSpec(`read=uri=${GROUPS.AllUsers}`);
    const bob = parseGrantSpec('write=id=bob');
    expect(grantChangesInWords([full, bob], [full, everyone], owner)).toBe('gives Everyone read; takes away bob write.');
    expect(grantChangesInWords([full], [full], owner)).toBe('');
    expect(grantChangesInWords([full], [], owner)).toBe('takes away owner (Ann) full control.');
  });
});
