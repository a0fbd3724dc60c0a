import { basename, dirname } from 'node:path';
import { countOf } from '../../../../shared/counts';
import { downloadDepsOf, uploadDepsOf } from '../engine/task-deps';
import type { TransferQueue } from '../engine/transfer-queue';
import type { BatchRecord } from '../engine/transfer-records';
import { DownloadTask } from '../tasks/download-task';
import { UploadTask } from '../tasks/upload-task';
import type { SavedTransfer } from './state-store';

/**
 * Brings back the uploads and downloads a crash or restart interrupted (their
 * saved states the queue does not hold yet), as paused transfers, one batch
 * per direction, profile and bucket, the user can resume or cancel. Returns
 * how many were found.
 */
export async function restoreInterrupted(queue: TransferQueue): Promise<number> {
  const known = new Set(queue.list().transfers.map((t) => t.id));
  // A file of a folder batch the queue holds (restored from its journal) is that batch's: its task finds the state by key.
  const saved = (await queue.store.list()).filter((s) => !known.has(s.id) && !(s.batchId && queue.batch(s.batchId)?.journal));
  const groups = new Map<string, SavedTransfer[]>();
  for (const state of saved) {
    const group = `${state.kind}\n${state.profileId}\n${state.bucket}`;
    groups.set(group, [...(groups.get(group) ?? []), state]);
  }
  for (const states of groups.values()) {
    const { kind, profileId, bucket } = states[0];
    const batch = queue.openBatch(kind, `${countOf(states.length, `interrupted ${kind}`)} (${bucket})`, profileId, bucket, 'overwrite');
    for (const state of states) {
      const localPath = state.kind === 'upload' ? state.filePath : state.targetPath;
      queue.add(batch, {
        id: state.id,
        ...resumed(queue, batch, state),
        key: state.key,
        name: basename(localPath),
        localPath,
        total: state.size,
        state: 'paused',
        resumable: true,
      });
    }
    queue.startBatch(batch);
  }
  return saved.length;
}

/**
 * Undoes what the files of a cancelled folder batch left saved and the batch
 * holds no record of (found again only when its rest was read): their
 * multipart uploads are aborted and temp files deleted, as a cancel of each would.
 */
export async function discardSavedOf(queue: TransferQueue, batch: BatchRecord): Promise<void> {
  for (const state of await queue.store.list()) {
    if (state.batchId !== batch.id || queue.get(state.id)) continue;
    // One the server cannot be told of now stays saved: it comes back at the next start, to cancel again.
    await resumed(queue, batch, state)
      .task.discard(state.id)
      .catch(() => undefined);
  }
}

/** A saved transfer's task, and the bytes its saved parts or chunks already hold. */
function resumed(queue: TransferQueue, batch: BatchRecord, state: SavedTransfer): { task: UploadTask | DownloadTask; bytes: number } {
  if (state.kind === 'upload') {
    const item = { path: state.filePath, key: state.key, name: basename(state.filePath), size: state.size, marker: false };
    const bytes = Object.keys(state.parts).reduce((sum, n) => sum + Math.min(state.partSize, state.size - (Number(n) - 1) * state.partSize), 0);
    return { task: new UploadTask(item, uploadDepsOf(queue, batch, state), state), bytes };
  }
  const item = { key: state.key, size: state.size, root: dirname(state.targetPath), segments: [basename(state.targetPath)], marker: false };
  const bytes = state.done.reduce((sum, i) => sum + Math.min(state.chunkSize, state.size - i * state.chunkSize), 0);
  return { task: new DownloadTask(item, downloadDepsOf(queue, batch, 'overwrite')), bytes };
}
