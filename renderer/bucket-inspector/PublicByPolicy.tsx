import { useState } from 'react';
import { withPublicRead } from '../../shared/bucket-policy';
import type { ErrorInfo } from '../../shared/errors';
import { loadBucketPolicy } from '../actions/bucket-config';
import { ErrorPanel } from '../common/ErrorPanel';
import { selectBucketConfig, useBucketConfigStore } from '../stores/bucket-config';
import { PolicyDialog } from './PolicyDialog';

/**
 * Where ACLs are off (the bucket enforces ownership, the provider has none), "Make public" offers the
 * policy way: the bucket's policy with one statement added that lets anyone read this object or
 * folder, shown in words before it is saved.
 */
export function PublicByPolicy({ profileId, bucket, target }: { profileId: string; bucket: string; target: { key: string } | { prefix: string } }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const loaded = useBucketConfigStore((state) => selectBucketConfig(state, 'policy', profileId, bucket));

  const start = async () => {
    setError(undefined);
    if (loaded.status !== 'ready') await loadBucketPolicy(profileId, bucket);
    const now = selectBucketConfig(useBucketConfigStore.getState(), 'policy', profileId, bucket);
    if (now.status === 'failed') setError(now.error);
    else setOpen(true);
  };

  const current = loaded.status === 'ready' ? loaded.value.policy : null;
  return (
    <>
      <button type="button" className="button button-small" onClick={() => void start()}>
        Make public with a bucket policy…
      </button>
      {error && <ErrorPanel title="Could not read the bucket policy" error={error} />}
      {open && loaded.status === 'ready' && (
        <PolicyDialog profileId={profileId} bucket={bucket} current={current} start={withPublicRead(current, bucket, target)} onClose={() => setOpen(false)} />
      )}
    </>
  );
}
