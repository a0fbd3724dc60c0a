import type { Result } from '../../shared/errors';
import type { JobStarted } from '../../shared/jobs';
import type { CompareRequest, SyncPlan } from '../../shared/sync';
import type { UploadAcl } from '../../shared/providers';
import type { UploadOptions } from '../../shared/upload-options';
import { api } from '../api';
import { revealWhenSlow } from './jobs';
import { useTransfersStore } from '../stores/transfers';

/** Compares a local folder with a folder of a bucket (the main process walks and lists both). */
export function compareFolders(request: Omit<CompareRequest, 'include'> & { include?: string[] }): Promise<Result<SyncPlan>> {
  return api.sync.compare({ ...request, include: request.include ?? [] });
}

/**
 * Runs a comparison's plan, an upload's with the access and options chosen for it: its transfers show
 * in Transfers, the sync itself in Activity.
 */
export async function runSync(
  planId: string,
  sends: number,
  withDelete: boolean,
  uploads?: { acl: UploadAcl; options: UploadOptions },
): Promise<Result<JobStarted>> {
  const result = await api.sync.run({ planId, delete: withDelete, ...uploads });
  if (result.ok) {
    // The files it sends show in Transfers, opened as an upload or download started here opens it.
    if (sends > 0) useTransfersStore.getState().batchStarted();
    revealWhenSlow(result.data.jobId);
  }
  return result;
}
