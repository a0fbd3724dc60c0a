import { PailError } from '../../../../shared/errors';
import type { ConcurrencyRequest, ResolveConflictRequest, TransferActionResult, TransferSelection } from '../../../../shared/transfers';
import { isFinished } from '../../../../shared/transfers';
import type { TransferTuning } from './task-types';
import { TransferQueue } from './transfer-queue';

export type { NewTransfer, TransferEngineOptions, TransferEvents } from './transfer-queue';

/**
 * The transfer queue with what the user can do to it: pause (no new parts;
 * those in flight finish), resume, cancel (requests stop, multipart uploads
 * are aborted, temp files deleted), retry (a saved multipart upload resumes),
 * clear finished, answer an "ask" conflict, change the concurrency.
 */
export class TransferEngine extends TransferQueue {
  /** Stops taking new parts of the selected transfers (those in flight finish); queued ones wait. */
  pause(selection: TransferSelection): TransferActionResult {
    let affected = 0;
    for (const record of this.select(selection)) {
      if (record.state === 'queued') {
        this.unqueue(record);
        this.setState(record, 'paused');
        affected += 1;
      } else if (record.state === 'running' && !record.pausing) {
        record.pausing = true;
        affected += 1;
      }
    }
    return { affected };
  }

  /** Puts paused transfers back in the queue (and un-pauses one still finishing its parts). */
  resume(selection: TransferSelection): TransferActionResult {
    let affected = 0;
    for (const record of this.select(selection)) {
      if (record.state === 'paused') {
        this.enqueue(record);
        affected += 1;
      } else if (record.pausing) {
        record.pausing = false;
        affected += 1;
      }
    }
    this.pump();
    return { affected };
  }

  /** Cancels: stops requests in flight, aborts multipart uploads, deletes temp files and saved states. */
  async cancel(selection: TransferSelection): Promise<TransferActionResult> {
    const waits: Promise<void>[] = [];
    let affected = 0;
    for (const record of this.select(selection)) {
      if (record.state === 'done' || record.state === 'skipped' || record.state === 'cancelled') continue;
      affected += 1;
      if (this.running.has(record)) {
        // The run ends with the abort; finish() then discards and marks it cancelled.
        record.cancelling = true;
        record.controller?.abort(new PailError({ code: 'Internal', message: 'Cancelled.', hint: '' }));
        continue;
      }
      this.unqueue(record);
      this.setState(record, 'cancelled');
      waits.push(this.discard(record));
    }
    await Promise.all(waits);
    return { affected };
  }

  /** Queues failed and cancelled transfers again; a multipart upload with a saved state resumes. */
  retry(selection: TransferSelection): TransferActionResult {
    let affected = 0;
    for (const record of this.select(selection)) {
      if (record.state !== 'failed' && record.state !== 'cancelled') continue;
      record.error = undefined;
      record.note = undefined;
      record.finishedAt = undefined;
      if (!record.resumable) record.bytes = 0;
      record.meter.reset();
      this.enqueue(record);
      affected += 1;
    }
    this.pump();
    return { affected };
  }

  /** Removes finished transfers (and batches left empty); a failed one's multipart upload is aborted first. */
  async clearFinished(selection: TransferSelection): Promise<TransferActionResult> {
    const gone = [...this.select(selection)].filter((r) => isFinished(r.state));
    await Promise.all(gone.filter((r) => r.state === 'failed').map((r) => this.discard(r)));
    for (const record of gone) {
      this.records.delete(record.id);
      record.batch.remove(record);
      this.emitter.remove(record);
      this.emitter.touchBatch(record.batch);
    }
    for (const batch of new Set(gone.map((r) => r.batch))) {
      if (batch.transfers.length > 0) continue;
      this.batches.delete(batch.id);
      this.emitter.remove(batch);
    }
    return { affected: gone.length };
  }

  /** Answers an "ask": for this transfer, or (applyToBatch) for every conflict of its batch, now and later. */
  resolveConflict(request: ResolveConflictRequest): TransferActionResult {
    const record = this.records.get(request.transferId);
    if (!record || record.state !== 'conflict') return { affected: 0 };
    const targets = request.applyToBatch ? record.batch.transfers.filter((t) => t.state === 'conflict') : [record];
    if (request.applyToBatch) {
      record.batch.policy = request.decision;
      this.emitter.touchBatch(record.batch);
    }
    for (const target of targets) {
      target.decision = request.decision;
      target.conflict = undefined;
      this.enqueue(target);
    }
    this.pump();
    return { affected: targets.length };
  }

  /** Changes how many files and parts move at once. */
  setConcurrency(request: ConcurrencyRequest): TransferTuning {
    if (request.files) this.tuning.filesInFlight = request.files;
    if (request.parts) {
      this.tuning.partsInFlight = request.parts;
      this.parts.setLimit(request.parts);
    }
    this.pump();
    return { ...this.tuning };
  }
}
