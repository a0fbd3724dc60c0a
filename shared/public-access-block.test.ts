import { describe, expect, it } from 'vitest';
import { NOTHING_BLOCKED, publicAccessBlockInWords, publicAccessChangesInWords, publicSwitchBlockedBy } from './public-access-block';

const ALL = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };

describe('Block Public Access in words', () => {
  it('says none, all, or which switches are on', () => {
    expect(publicAccessBlockInWords(NOTHING_BLOCKED)).toBe('Block Public Access is off: ACLs and policies may make this bucket’s objects public.');
    expect(publicAccessBlockInWords(ALL)).toBe('All public access is blocked: no ACL or policy makes this bucket’s objects public.');
    expect(publicAccessBlockInWords({ ...NOTHING_BLOCKED, ignorePublicAcls: true, restrictPublicBuckets: true })).toBe(
      'Block Public Access: public ACLs already set open nothing; a public policy already set serves only this account.',
    );
  });

  it('says what a save turns on and off', () => {
    expect(publicAccessChangesInWords(NOTHING_BLOCKED, { ...NOTHING_BLOCKED, blockPublicAcls: true })).toBe('turns on block public ACLs.');
    expect(publicAccessChangesInWords({ ...NOTHING_BLOCKED, blockPublicPolicy: true }, { ...NOTHING_BLOCKED, ignorePublicAcls: true })).toBe(
      'turns on ignore public ACLs; turns off block public policies.',
    );
    expect(publicAccessChangesInWords(ALL, ALL)).toBe('');
  });

  it('names the switch that keeps the Public switch off, and none for policy switches alone', () => {
    expect(publicSwitchBlockedBy(ALL)).toMatch(/refuses public ACLs .*"Block public ACLs"/);
    expect(publicSwitchBlockedBy({ ...NOTHING_BLOCKED, ignorePublicAcls: true })).toMatch(/ignores public ACLs .*a public object would still be private/);
    expect(publicSwitchBlockedBy({ ...NOTHING_BLOCKED, blockPublicPolicy: true, restrictPublicBuckets: true })).toBeUndefined();
  });
});
