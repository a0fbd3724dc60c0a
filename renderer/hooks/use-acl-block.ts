import { useEffect } from 'react';
import type { AclUnavailable } from '../../shared/sharing';
import { loadBucketAccess } from '../actions/access';
import { bucketToggleOff, objectTogglesOff } from '../access/access-words';
import { selectBucketAccess, useAccessStore } from '../stores/access';
import { useProfilesStore } from '../stores/profiles';
import { profileById } from '../stores/selectors';

/**
 * Why ACL toggles are off in a bucket, or undefined when they work: from the
 * profile's "ACL support" setting, then from what the server answered. Asks
 * the server about the bucket once (cached) unless the profile already says no.
 * `level` "bucket" is the bucket's own toggle, which a bucket-only provider keeps.
 */
export function useAclBlock(profileId: string | undefined, bucket: string | undefined, level: 'object' | 'bucket' = 'object'): AclUnavailable | undefined {
  const aclSupport = useProfilesStore((state) => profileById(state, profileId)?.aclSupport);
  const fromServer = useAccessStore((state) => selectBucketAccess(state, profileId, bucket)?.unavailable);
  useEffect(() => {
    if (profileId && bucket) void loadBucketAccess(profileId, bucket);
  }, [profileId, bucket]);
  if (!profileId || !bucket) return undefined;
  return level === 'bucket' ? bucketToggleOff(aclSupport, fromServer) : objectTogglesOff(aclSupport, fromServer);
}
