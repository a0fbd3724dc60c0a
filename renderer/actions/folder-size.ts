import type { Result } from '../../shared/errors';
import type { JobStarted } from '../../shared/jobs';
import { api } from '../api';
import { useFolderSizesStore, type SizePlace } from '../stores/folder-sizes';
import { useJobsStore } from '../stores/jobs';

/**
 * Starts "Calculate size" for a folder (or a bucket, prefix ""): a job the Activity panel shows;
 * its progress carries the running totals, and when it ends the folder keeps the count and when it
 * was made.
 */
export async function calculateSize(place: SizePlace): Promise<Result<JobStarted>> {
  const result = await api.s3.folderSize(place);
  if (!result.ok) return result;
  const { jobId } = result.data;
  const store = useFolderSizesStore.getState();
  store.set(place, { jobId, status: 'running' });
  const where = place.prefix ? `${place.bucket}/${place.prefix}` : place.bucket;
  useJobsStore.getState().track(jobId, `Calculating the size of ${where}`, 'folderSize', (finished) => {
    useFolderSizesStore.getState().set(place, {
      jobId,
      status: finished.status === 'succeeded' ? 'done' : finished.status === 'cancelled' ? 'cancelled' : 'failed',
      objects: finished.done,
      bytes: finished.bytes,
      at: new Date().toISOString(),
      ...(finished.error && { error: finished.error }),
    });
  });
  return result;
}
