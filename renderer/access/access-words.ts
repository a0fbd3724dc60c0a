import type { AclSupport } from '../../shared/providers';
import type { AccessChoice, AccessLevel, AccessState, AclUnavailable } from '../../shared/sharing';

/**
 * How access (ACLs) reads in the UI, and whether the toggles may be used: pure
 * functions of the profile's ACL setting and what the server answered.
 */

/** A level as the table's Access column and the info panel name it. */
export const ACCESS_LABELS: Record<AccessLevel, string> = {
  private: 'Private',
  'public-read': 'Public',
  'public-read-write': 'Public read/write',
  custom: 'Custom',
};

/** Why the toggles are off, in a few words (the toolbar's note; the full message and hint go beside it). */
export const UNAVAILABLE_TITLES: Record<AclUnavailable['reason'], string> = {
  'ownership-enforced': 'ACLs disabled (owner enforced)',
  'public-access-blocked': 'Public ACLs blocked',
  'provider-without-acls': 'No ACLs here',
  'bucket-level-only': 'Access per bucket only',
  denied: 'ACLs not permitted',
};

// Constants, so a component reading them keeps the same object from render to render.
const PROFILE_WITHOUT_ACLS: AclUnavailable = {
  reason: 'provider-without-acls',
  message: 'This profile says the server has no ACLs (ACL support: no), so objects cannot be made public or private here.',
  hint: 'Share with a presigned link instead, or make objects public with a bucket policy or in the provider’s dashboard. If the server does support ACLs, change “ACL support” in the profile’s compatibility settings.',
};
const PROFILE_BUCKET_ONLY: AclUnavailable = {
  reason: 'bucket-level-only',
  message: 'This profile says the server sets access per bucket only (ACL support: bucket only), not per object.',
  hint: 'Change the bucket’s access from its menu in the sidebar, or share single objects with a presigned link.',
};

/**
 * What the profile alone says about object ACLs, before the server is asked:
 * "no" turns every toggle off, "bucket-only" turns off the object toggles.
 */
export function profileAclUnavailable(aclSupport: AclSupport | undefined): AclUnavailable | undefined {
  if (aclSupport === 'no') return PROFILE_WITHOUT_ACLS;
  if (aclSupport === 'bucket-only') return PROFILE_BUCKET_ONLY;
  return undefined;
}

/** Why the object toggles are off (the profile's setting first, then the server's answer), or undefined when they work. */
export function objectTogglesOff(aclSupport: AclSupport | undefined, fromServer: AclUnavailable | undefined): AclUnavailable | undefined {
  return profileAclUnavailable(aclSupport) ?? fromServer;
}

/** Why the bucket toggle is off, or undefined when it works: a bucket-level-only provider still has bucket ACLs. */
export function bucketToggleOff(aclSupport: AclSupport | undefined, fromServer: AclUnavailable | undefined): AclUnavailable | undefined {
  const off = objectTogglesOff(aclSupport, fromServer);
  return off?.reason === 'bucket-level-only' ? undefined : off;
}

/** What a toggle on these objects sets: private when every one is known to be public, public otherwise. */
export function toggledAccess(states: (AccessState | null | undefined)[]): AccessChoice {
  return states.length > 0 && states.every((s) => s?.access === 'public-read') ? 'private' : 'public-read';
}

/** The word an access choice reads as: "public" or "private". */
export const choiceWord = (access: AccessChoice) => (access === 'public-read' ? 'public' : 'private');
