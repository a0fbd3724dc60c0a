import { bucketUploadDefaults } from '../../../../shared/upload-defaults';
import type { DownloadDeps } from '../tasks/download-task';
import type { BatchOptions } from '../tasks/object-headers';
import type { UploadDeps } from '../tasks/upload-task';
import type { TransferQueue } from './transfer-queue';
import type { BatchRecord } from './transfer-records';

/** What an upload task takes from the queue: its client, with the profile's and the bucket's upload defaults, and the saved states. */
export function uploadDepsOf(queue: TransferQueue, profileId: string, bucket: string, options: BatchOptions): UploadDeps {
  return {
    profileId,
    bucket,
    store: queue.store,
    options,
    client: async () => {
      const { handle, profile } = await queue.client(profileId, bucket);
      return { handle, defaults: bucketUploadDefaults(profile, bucket) };
    },
  };
}

/** What a download task takes from the queue: its client, the saved states, and its batch's claims on local paths. */
export function downloadDepsOf(queue: TransferQueue, batch: BatchRecord, conflict: DownloadDeps['conflict']): DownloadDeps {
  return {
    profileId: batch.profileId,
    bucket: batch.bucket,
    store: queue.store,
    conflict,
    client: async () => (await queue.client(batch.profileId, batch.bucket)).handle,
    claim: (path, transferId) => {
      const holder = batch.claims.get(path);
      if (holder !== undefined && holder !== transferId) return false;
      batch.claims.set(path, transferId);
      return true;
    },
  };
}
