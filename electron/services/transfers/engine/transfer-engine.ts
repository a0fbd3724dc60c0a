import { PailError } from '../../../../shared/errors';
import type { ConcurrencyRequest, ResolveConflictRequest, TransferActionResult, TransferSelection } from '../../../../shared/transfers';
import { isFinished } from '../../../../shared/transfers';
import type { TransferTuning } from './task-types';
import { RateLimiter } from './bandwidth';
import type { BandwidthLimits, SetBandwidthRequest, TransferLimitRequest } from '../../../../shared/bandwidth';
import type { TransferQueue } from './transfer-queue';
import { discardSavedOf } from '../state/restore';

/**
 * The transfer queue with what the user can do to it: pause (no new parts;
 * those in flight finish), resume, cancel (requests stop, multipart uploads
 * are aborted, temp files deleted), retry (a saved multipart upload resumes),
 * clear finished, answer an "ask" conflict, change the concurrency. It acts
 * on the queue it is given, through the queue's own methods.
 */
export class TransferEngine {
  constructor(private readonly queue: TransferQueue) {}

  /**
   * Stops taking new parts of the selected transfers (those in flight finish);
   * queued ones wait, and a batch paused as a whole takes no more from its source.
   */
  pause(selection: TransferSelection): TransferActionResult {
    let affected = 0;
    for (const batch of this.queue.selectBatches(selection)) if (!batch.hold && batch.moreToFind()) this.queue.setHold(batch, 'paused');
    for (const record of this.queue.select(selection)) {
      if (record.state === 'queued') {
        this.queue.unqueue(record);
        this.queue.setState(record, 'paused');
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
    for (const batch of this.queue.selectBatches(selection)) {
      if (batch.hold !== 'paused') continue;
      this.queue.setHold(batch, undefined);
      affected += 1;
    }
    for (const record of this.queue.select(selection)) {
      if (record.state === 'paused') {
        this.queue.enqueue(record);
        affected += 1;
      } else if (record.pausing) {
        record.pausing = false;
        affected += 1;
      }
    }
    this.queue.pump();
    return { affected };
  }

  /**
   * Cancels: stops requests in flight, aborts multipart uploads, deletes temp
   * files and saved states; a batch cancelled as a whole takes no more from its
   * source (the rest is not started; retrying the batch goes on with it).
   */
  async cancel(selection: TransferSelection): Promise<TransferActionResult> {
    const waits: Promise<void>[] = [];
    let affected = 0;
    for (const batch of this.queue.selectBatches(selection)) {
      if (!batch.moreToFind()) continue;
      const journaled = batch.journal !== undefined;
      this.queue.setHold(batch, 'cancelled');
      // Its files not found yet may have saved work of an earlier run (a batch brought back after a restart).
      if (journaled) waits.push(discardSavedOf(this.queue, batch));
    }
    for (const record of this.queue.select(selection)) {
      if (record.state === 'done' || record.state === 'skipped' || record.state === 'cancelled') continue;
      affected += 1;
      if (this.queue.isRunning(record)) {
        // The run ends with the abort; finish() then discards and marks it cancelled.
        record.cancelling = true;
        record.controller?.abort(new PailError({ code: 'Internal', message: 'Cancelled.', hint: '' }));
        continue;
      }
      this.queue.unqueue(record);
      this.queue.setState(record, 'cancelled');
      waits.push(this.queue.discard(record));
    }
    await Promise.all(waits);
    return { affected };
  }

  /** Queues failed and cancelled transfers again (and a cancelled batch's rest); a multipart upload with a saved state resumes. */
  retry(selection: TransferSelection): TransferActionResult {
    let affected = 0;
    for (const batch of this.queue.selectBatches(selection)) {
      if (batch.hold !== 'cancelled') continue;
      this.queue.setHold(batch, undefined);
      affected += 1;
    }
    for (const record of this.queue.select(selection)) {
      if (record.state !== 'failed' && record.state !== 'cancelled') continue;
      record.error = undefined;
      record.note = undefined;
      record.finishedAt = undefined;
      if (!record.resumable) record.bytes = 0;
      record.meter.reset();
      this.queue.enqueue(record);
      affected += 1;
    }
    this.queue.pump();
    return { affected };
  }

  /** Removes finished transfers (and batches left empty); a failed one's multipart upload is aborted first. */
  async clearFinished(selection: TransferSelection): Promise<TransferActionResult> {
    const gone = [...this.queue.select(selection)].filter((r) => isFinished(r.state));
    await Promise.all(gone.filter((r) => r.state === 'failed').map((r) => this.queue.discard(r)));
    return { affected: this.queue.remove(gone, this.queue.selectBatches(selection)) };
  }

  /** Answers an "ask": for this transfer, or (applyToBatch) for every conflict of its batch, now and later. */
  resolveConflict(request: ResolveConflictRequest): TransferActionResult {
    const record = this.queue.get(request.transferId);
    if (!record || record.state !== 'conflict') return { affected: 0 };
    const targets = request.applyToBatch ? [...record.batch.live].filter((t) => t.state === 'conflict') : [record];
    if (request.applyToBatch) {
      record.batch.policy = request.decision;
      this.queue.touchBatch(record.batch);
    }
    for (const target of targets) {
      target.decision = request.decision;
      target.conflict = undefined;
      this.queue.enqueue(target);
    }
    this.queue.pump();
    return { affected: targets.length };
  }

  /** Changes the limits of all uploads and of all downloads; bytes already waiting follow the new ones at once. */
  setBandwidth(request: SetBandwidthRequest): BandwidthLimits {
    return this.queue.bandwidth.set(request);
  }

  /**
   * Gives a batch (shared by its transfers) or each selected transfer a speed
   * limit of its own, or takes it away (null); the global limits still apply.
   */
  setLimit({ selection, limit }: TransferLimitRequest): TransferActionResult {
    if (selection.batchId && !selection.ids) {
      const batch = this.queue.batch(selection.batchId);
      if (!batch) return { affected: 0 };
      if (batch.limiter) batch.limiter.setLimit(limit);
      else if (limit) batch.limiter = new RateLimiter(limit);
      this.queue.touchBatch(batch);
      return { affected: batch.files };
    }
    let affected = 0;
    for (const record of this.queue.select(selection)) {
      if (record.limiter) record.limiter.setLimit(limit);
      else if (limit) record.limiter = new RateLimiter(limit);
      this.queue.touch(record);
      affected += 1;
    }
    return { affected };
  }

  /** Changes how many files and parts move at once. */
  setConcurrency(request: ConcurrencyRequest): TransferTuning {
    return this.queue.setLimits(request.files, request.parts);
  }
}
