import type { Grant as SdkGrant } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { GROUPS } from '../../shared/grants';
import { keptGrantsOf } from './grant-headers';

const Owner = { ID: 'ann', DisplayName: 'Ann' };
const user = (ID: string, Permission: string): SdkGrant => ({ Grantee: { Type: 'CanonicalUser', ID }, Permission: Permission as never });
const group = (URI: string, Permission: string): SdkGrant => ({ Grantee: { Type: 'Group', URI }, Permission: Permission as never });
const full = user('ann', 'FULL_CONTROL');

describe('the grants a rewrite sends with its write', () => {
  it('sends nothing for an object without an ACL read, or with only the owner’s full control (what a write gives anyway)', () => {
    expect(keptGrantsOf(undefined)).toEqual({ headers: {} });
    expect(keptGrantsOf({ Owner, Grants: [full] })).toEqual({ headers: {} });
    expect(keptGrantsOf({ Owner, Grants: [full, full] })).toEqual({ headers: {} });
  });

  it('sends a canned ACL when the grants are exactly one, in any order', () => {
    expect(keptGrantsOf({ Owner, Grants: [group(GROUPS.AllUsers, 'READ'), full] })).toEqual({ headers: { ACL: 'public-read' } });
    expect(keptGrantsOf({ Owner, Grants: [full, group(GROUPS.AllUsers, 'WRITE'), group(GROUPS.AllUsers, 'READ')] })).toEqual({
      headers: { ACL: 'public-read-write' },
    });
    expect(keptGrantsOf({ Owner, Grants: [full, group(GROUPS.AuthenticatedUsers, 'READ')] })).toEqual({ headers: { ACL: 'authenticated-read' } });
  });

  it('names every grantee of other grants in x-amz-grant-* headers, the owner’s full control included', () => {
    const grants = [full, group(GROUPS.AllUsers, 'READ'), user('bob', 'READ'), user('bob', 'READ_ACP'), user('cy', 'WRITE_ACP')];
    expect(keptGrantsOf({ Owner, Grants: grants })).toEqual({
      headers: {
        GrantFullControl: 'id="ann"',
        GrantRead: `uri="${GROUPS.AllUsers}", id="bob"`,
        GrantReadACP: 'id="bob"',
        GrantWriteACP: 'id="cy"',
      },
    });
    expect(keptGrantsOf({ Owner, Grants: [full, { Grantee: { Type: 'AmazonCustomerByEmail', EmailAddress: 'bo@example.com' }, Permission: 'READ' }] })).toEqual(
      {
        headers: { GrantFullControl: 'id="ann"', GrantRead: 'emailAddress="bo@example.com"' },
      },
    );
  });

  it('keeps an owner given less, or not named, as the ACL has it', () => {
    expect(keptGrantsOf({ Owner, Grants: [user('ann', 'READ'), group(GROUPS.AllUsers, 'READ')] })).toEqual({
      headers: { GrantRead: `id="ann", uri="${GROUPS.AllUsers}"` },
    });
  });

  it('puts the whole ACL back after the write when headers cannot say all of it', () => {
    const withWrite = [full, user('bob', 'WRITE'), user('bob', 'READ')];
    expect(keptGrantsOf({ Owner, Grants: withWrite })).toEqual({
      headers: { GrantFullControl: 'id="ann"', GrantRead: 'id="bob"' },
      rest: { Owner, Grants: withWrite },
    });
    const unnamed = [full, { Grantee: { Type: 'CanonicalUser' as const }, Permission: 'READ' as const }];
    expect(keptGrantsOf({ Owner, Grants: unnamed })).toEqual({ headers: { GrantFullControl: 'id="ann"' }, rest: { Owner, Grants: unnamed } });
    expect(keptGrantsOf({ Owner, Grants: [] })).toEqual({ headers: {}, rest: { Owner, Grants: [] } });
  });
});
