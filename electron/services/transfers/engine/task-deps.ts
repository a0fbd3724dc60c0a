import { bucketUploadDefaults } from '../../../../shared/upload-defaults';
import { DownloadFolder, entryAt } from '../tasks/download-folder';
import type { DownloadDeps } from '../tasks/download-task';
import type { BatchOptions } from '../tasks/object-headers';
import type { UploadDeps } from '../tasks/upload-task';
import type { TransferQueue } from './transfer-queue';
import type { BatchRecord } from './transfer-records';

/**
 * How long the tasks of a batch share one look-up of their client: each look
 * stats the profiles file (another Pail process may have edited it), which
 * profiling a 2,000-file upload showed as 7% of the main thread's time when
 * done for every file.
 */
const CLIENT_FRESH_MS = 1_000;

/** The queue's client for a profile and bucket, looked up at most once a second for a batch (a failed look is not kept). */
function sharedClient(queue: TransferQueue, profileId: string, bucket: string): () => ReturnType<TransferQueue['client']> {
  let held: { at: number; answer: ReturnType<TransferQueue['client']> } | undefined;
  return () => {
    const at = Date.now();
    if (!held || at - held.at > CLIENT_FRESH_MS) {
      const answer = queue.client(profileId, bucket);
      const look = { at, answer };
      held = look;
      answer.catch(() => {
        if (held === look) held = undefined;
      });
    }
    return held.answer;
  };
}

/**
 * What an upload task of a batch takes from the queue: its client, with the profile's and the bucket's upload
 * defaults, the saved states, and whether the batch goes on from an earlier run.
 */
export function uploadDepsOf(queue: TransferQueue, batch: BatchRecord, options: BatchOptions): UploadDeps {
  const { profileId, bucket, earlierRun } = batch;
  const client = sharedClient(queue, profileId, bucket);
  return {
    profileId,
    bucket,
    store: queue.store,
    options,
    ...(earlierRun && { earlierRun }),
    client: async () => {
      const { handle, profile } = await client();
      return { handle, defaults: bucketUploadDefaults(profile, bucket) };
    },
  };
}

/** What a download task takes from the queue: its client, the saved states, its batch's claims on local paths, and whether the batch goes on from an earlier run. */
export function downloadDepsOf(queue: TransferQueue, batch: BatchRecord, conflict: DownloadDeps['conflict']): DownloadDeps {
  const client = sharedClient(queue, batch.profileId, batch.bucket);
  const folders = new Map<string, DownloadFolder>();
  return {
    folderOf: (root) => folders.get(root) ?? folders.set(root, new DownloadFolder(root)).get(root)!,
    profileId: batch.profileId,
    bucket: batch.bucket,
    store: queue.store,
    conflict,
    ...(batch.earlierRun && { earlierRun: batch.earlierRun }),
    client: async () => (await client()).handle,
    claim: (path, transferId, origin) => batch.claims.claim(path, transferId, origin, async (at) => (await entryAt(at)) !== undefined),
  };
}
