import { ERROR_TEXT } from '../../../../shared/error-text';
import type { TransferStateStore } from '../state/state-store';
import type { ClientHandle, TaskOutcome } from './task-types';
import { toTransferError } from './transfer-errors';
import type { TransferRecord } from './transfer-records';

/** What settling a run takes from the queue (transfer-queue.ts). */
export interface RunQueue {
  readonly store: Pick<TransferStateStore, 'read'>;
  client(profileId: string, bucket: string): Promise<{ handle: ClientHandle }>;
  discard(record: TransferRecord): Promise<void>;
  setState(record: TransferRecord, state: TransferRecord['state']): void;
}

/**
 * What a run of a task leaves its transfer in: cancelled (its leftovers
 * discarded), failed (the error in words, with the endpoint; resumable when a
 * multipart upload was saved), done, skipped, a conflict to answer, or paused.
 */
export async function settleRun(queue: RunQueue, record: TransferRecord, outcome: TaskOutcome | undefined, failure: unknown): Promise<void> {
  if (record.cancelling) {
    record.cancelling = false;
    await queue.discard(record);
    queue.setState(record, 'cancelled');
  } else if (failure !== undefined || !outcome) {
    const { endpoint } = await queue.client(record.batch.profileId, record.batch.bucket).then(
      (c) => c.handle,
      () => ({ endpoint: undefined }),
    );
    const error = toTransferError(failure, describe(record), endpoint);
    record.error = error.toInfo();
    if (record.error.code === 'Internal' && !record.error.hint) record.error.hint = ERROR_TEXT.Internal.hint;
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
