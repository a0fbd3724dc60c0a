import { describe, expect, it } from 'vitest';
import type { AccessState, AclUnavailable } from '../../shared/sharing';
import { bucketToggleOff, objectTogglesOff, profileAclUnavailable, toggledAccess } from './access-words';

const state = (access: AccessState['access']): AccessState => ({ access, summary: '', grants: [] });
const denied: AclUnavailable = { reason: 'denied', message: 'No.', hint: 'Ask.' };

describe('profileAclUnavailable', () => {
  it('turns the toggles off for a profile without ACLs, saying what to do instead', () => {
    const off = profileAclUnavailable('no');
    expect(off?.reason).toBe('provider-without-acls');
    expect(off?.hint).toMatch(/presigned link/);
  });

  it('keeps bucket ACLs for a bucket-only profile, and asks the server otherwise', () => {
    expect(profileAclUnavailable('bucket-only')?.reason).toBe('bucket-level-only');
    expect(profileAclUnavailable('auto')).toBeUndefined();
    expect(profileAclUnavailable('yes')).toBeUndefined();
  });
});

describe('objectTogglesOff and bucketToggleOff', () => {
  it('prefer the profile over the server', () => {
    expect(objectTogglesOff('no', denied)?.reason).toBe('provider-without-acls');
    expect(objectTogglesOff('auto', denied)).toBe(denied);
    expect(objectTogglesOff('auto', undefined)).toBeUndefined();
  });

  it('leave the bucket toggle on where access is per bucket', () => {
    expect(bucketToggleOff('bucket-only', undefined)).toBeUndefined();
    expect(bucketToggleOff('auto', { ...denied, reason: 'bucket-level-only' })).toBeUndefined();
    expect(bucketToggleOff('auto', denied)).toBe(denied);
    expect(bucketToggleOff('no', undefined)?.reason).toBe('provider-without-acls');
  });
});

describe('toggledAccess', () => {
  it('makes private only what is all known to be public', () => {
    expect(toggledAccess([state('public-read'), state('public-read')])).toBe('private');
    expect(toggledAccess([state('public-read'), state('private')])).toBe('public-read');
    expect(toggledAccess([state('public-read'), undefined])).toBe('public-read');
    expect(toggledAccess([state('custom')])).toBe('public-read');
    expect(toggledAccess([])).toBe('public-read');
  });
});
