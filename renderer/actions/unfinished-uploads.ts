import type { Result } from '../../shared/errors';
import type { JobStarted } from '../../shared/jobs';
import { fromResult, reloading } from '../../shared/loadable';
import type { UploadRef } from '../../shared/unfinished-uploads';
import { api } from '../api';
import { bucketKeyOf } from '../stores/bucket-key';
import { useUnfinishedUploadsStore } from '../stores/unfinished-uploads';
import { follow } from './operations';

const store = () => useUnfinishedUploadsStore.getState();

/** Lists a bucket's unfinished uploads with the space each holds (what was shown stays while it loads again). */
export async function loadUnfinishedUploads(profileId: string, bucket: string): Promise<void> {
  const key = bucketKeyOf(profileId, bucket);
  const before = store().buckets[key];
  store().patch(key, { list: reloading(before?.list ?? { status: 'idle' }) });
  const result = await api.s3.listUnfinishedUploads({ profileId, bucket });
  const list = fromResult(result);
  // Ticks stay only on uploads still listed.
  const chosen = result.ok ? (store().buckets[key]?.chosen ?? []).filter((id) => result.data.uploads.some((upload) => upload.uploadId === id)) : [];
  store().patch(key, { list, chosen });
}

/**
 * Aborts uploads as a job (the Activity panel shows it); when it ends, the section says how it
 * went and lists the bucket's uploads again.
 */
export async function abortUnfinishedUploads(profileId: string, bucket: string, uploads: UploadRef[]): Promise<Result<JobStarted>> {
  const key = bucketKeyOf(profileId, bucket);
  const result = await api.s3.abortUploads({ profileId, bucket, uploads });
  if (!result.ok) return result;
  store().patch(key, { aborting: true, outcome: undefined });
  const title = uploads.length === 1 ? `Aborting the upload of ${uploads[0].key} in ${bucket}` : `Aborting ${uploads.length} unfinished uploads in ${bucket}`;
  follow(result.data.jobId, title, 'abortUploads', [], (finished) => {
    store().patch(key, {
      aborting: false,
      chosen: [],
      outcome: { summary: finished.summary, failed: finished.status !== 'succeeded', ...(finished.error && { error: finished.error }) },
    });
    void loadUnfinishedUploads(profileId, bucket);
  });
  return result;
}
