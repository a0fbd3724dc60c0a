import { ERROR_TEXT } from '../../../../shared/error-text';
import type { TransferStateStore } from '../state/state-store';
import type { UploadRefusalHints } from './refusal-hints';
import type { ClientHandle, TaskOutcome } from './task-types';
import { toTransferError } from './transfer-errors';
import type { TransferRecord } from './transfer-records';

/** What settling a run takes from the queue (transfer-queue.ts). */
export interface RunQueue {
  readonly store: Pick<TransferStateStore, 'read'>;
  readonly refusals: Pick<UploadRefusalHints, 'hintFor'>;
  client(profileId: string, bucket: string): Promise<{ handle: ClientHandle }>;
  discard(record: TransferRecord): Promise<void>;
  setState(record: TransferRecord, state: TransferRecord['state']): void;
}

/**
 * What a run of a task leaves its transfer in: cancelled (its leftovers
 * discarded), failed (the error in words, with the endpoint, and for a refused
 * upload what the bucket's settings say of it; resumable when a multipart
 * upload was saved), done, skipped, a conflict to answer, or paused.
 */
export async function settleRun(queue: RunQueue, record: TransferRecord, outcome: TaskOutcome | undefined, failure: unknown): Promise<void> {
  if (record.cancelling) {
    record.cancelling = false;
    await queue.discard(record);
    queue.setState(record, 'cancelled');
  } else if (failure !== undefined || !outcome) {
    const { profileId, bucket, direction } = record.batch;
    const handle = await queue.client(profileId, bucket).then(
      (c) => c.handle,
      () => undefined,
    );
    const error = toTransferError(failure, describe(record), handle?.endpoint);
    record.error = error.toInfo();
    if (record.error.code === 'Internal' && !record.error.hint) record.error.hint = ERROR_TEXT.Internal.hint;
    // A refused upload may be the bucket's own settings, not the keys: say so when they show it.
    if (record.error.code === 'AccessDenied' && direction !== 'download' && handle) {
      const hint = await queue.refusals.hintFor(profileId, handle.client, bucket);
      // Then the keys are not what is wrong, which the usual words for AccessDenied would say.
      if (hint) record.error = { ...record.error, message: `${bucket} refused the upload: its Block Public Access is on (${describe(record)}).`, hint };
    }
    // A saved multipart upload survives the failure: retry resumes it.
    record.resumable = (await queue.store.read(record.id)) !== undefined;
    queue.setState(record, 'failed');
  } else if (outcome.state === 'done') {
    if (record.total !== undefined) record.bytes = record.total;
    record.resumable = false;
    queue.setState(record, 'done');
  } else if (outcome.state === 'skipped') {
    record.note = outcome.note;
    queue.setState(record, 'skipped');
  } else if (outcome.state === 'conflict') {
    record.conflict = outcome.existing;
    queue.setState(record, 'conflict');
  } else queue.setState(record, 'paused');
}

function describe(record: TransferRecord): string {
  const verb = record.batch.direction === 'download' ? 'downloading' : record.batch.direction === 'import' ? 'importing' : 'uploading';
  return `${verb} ${record.key || record.sourceUrl || record.name}`;
}
