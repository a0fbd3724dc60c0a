import { randomUUID } from 'node:crypto';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { PailError } from '../../../../shared/errors';
import {
  isFinished,
  type BatchSnapshot,
  type ConflictPolicy,
  type TransferDirection,
  type TransferList,
  type TransferProgressEvent,
  type TransferSelection,
} from '../../../../shared/transfers';
import type { Profile } from '../../../../shared/profile';
import type { S3ClientProvider } from '../../s3-client-factory';
import { Limiter, manyListeners } from './limiter';
import { GlobalBandwidth, Pacer } from './bandwidth';
import { NO_LIMITS, type BandwidthLimits } from '../../../../shared/bandwidth';
import { FileWorkers } from '../io/file-workers';
import { ProgressEmitter } from './progress-emitter';
import type { RetryPolicy } from './retry';
import type { TransferStateStore } from '../state/state-store';
import { createTaskContext } from './task-context';
import type { ClientHandle, TaskOutcome, TransferTuning } from './task-types';
import { settleRun } from './run-outcome';
import { toTransferError } from './transfer-errors';
import { BatchRecord, TransferRecord, totalsOf, type NewTransfer } from './transfer-records';
import { BatchWaiters } from './batch-waiters';

/** Where the queue's events go: the renderers (through the transport) or the CLI's progress bar. */
export interface QueueEvents {
  progress(event: TransferProgressEvent): void;
  batchFinished(batch: BatchSnapshot): void;
}

/** What the queue is built from: its clients, saved states, limits and where its events go. */
export interface TransferQueueOptions {
  /** Transfer clients (see transfer-client.ts). */
  clients: S3ClientProvider;
  store: TransferStateStore;
  events: QueueEvents;
  tuning: TransferTuning;
  retry: RetryPolicy;
  now: () => number;
  /** "batches": progress events carry batches and totals only (for the CLI, which shows no single file). */
  progressDetail: 'transfers' | 'batches';
  /** The speed limits of all uploads and all downloads at the start (none when absent). */
  bandwidth?: BandwidthLimits;
}

/** The longest a batch waits for its warm-up request before its transfers start anyway. */
const WARM_UP_MS = 10_000;

/**
 * The queue every upload, download and import goes through: a limit on files
 * in flight and one on parts in flight (over all files), a task per transfer
 * run with retries and a context to report through, and progress sent as one
 * batched event at most ten times a second. What the user can do to it is in
 * transfer-engine.ts; planning batches in transfer-service.ts (both hold a
 * queue, neither extends it).
 */
export class TransferQueue {
  readonly tuning: TransferTuning;
  readonly store: TransferStateStore;
  readonly retryPolicy: RetryPolicy;
  /** The speed limits of all uploads and of all downloads. */
  readonly bandwidth: GlobalBandwidth;
  private readonly parts: Limiter;
  private readonly now: () => number;
  private readonly records = new Map<string, TransferRecord>();
  private readonly batches = new Map<string, BatchRecord>();
  private readonly queue: TransferRecord[] = [];
  private readonly running = new Set<TransferRecord>();
  private readonly emitter: ProgressEmitter;
  private readonly files = new FileWorkers();
  private readonly waiters = new BatchWaiters();
  private readonly clients: S3ClientProvider;
  private readonly events: QueueEvents;

  constructor(options: TransferQueueOptions) {
    this.clients = options.clients;
    this.events = options.events;
    this.tuning = options.tuning;
    this.retryPolicy = options.retry;
    this.parts = new Limiter(this.tuning.partsInFlight);
    this.bandwidth = new GlobalBandwidth(options.bandwidth ?? NO_LIMITS);
    this.now = options.now;
    this.store = options.store;
    this.emitter = new ProgressEmitter(
      (event) => this.events.progress(event),
      this.running,
      () => this.records.values(),
      options.progressDetail !== 'batches',
    );
  }

  /** A client for a profile and bucket, with the endpoint for error messages. */
  async client(profileId: string, bucket: string): Promise<{ handle: ClientHandle; profile: Profile }> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    return { handle: { client, endpoint: profile.endpoint }, profile };
  }

  /**
   * Starts a batch after one small request: the SDK corrects its clock from
   * the answer, so a skewed clock costs one refusal, not one per request in
   * flight (PROVIDERS.md #8). The batch's rows show at once, queued; its
   * transfers start when the warm-up has answered or failed (its own failure
   * is not the batch's: a silent server fails each transfer in words).
   */
  startWarmBatch(batch: BatchRecord): { batchId: string; count: number } {
    batch.warming = true;
    const started = this.startBatch(batch);
    void this.client(batch.profileId, batch.bucket)
      .then(({ handle }) => handle.client.send(new HeadBucketCommand({ Bucket: batch.bucket }), { abortSignal: AbortSignal.timeout(WARM_UP_MS) }))
      .catch(() => undefined)
      .finally(() => {
        batch.warming = false;
        this.pump();
      });
    return started;
  }

  /** Opens a batch; add its transfers with `add`, then `startBatch`. */
  openBatch(direction: TransferDirection, title: string, profileId: string, bucket: string, policy: ConflictPolicy): BatchRecord {
    const batch = new BatchRecord(randomUUID(), direction, title, profileId, bucket, policy, this.now);
    this.batches.set(batch.id, batch);
    return batch;
  }

  /** Adds a transfer to a batch. */
  add(batch: BatchRecord, init: NewTransfer): TransferRecord {
    const record = new TransferRecord(init.id ?? randomUUID(), batch, init.task, init, this.now);
    record.state = init.state ?? 'queued';
    record.resumable = init.resumable ?? false;
    record.bytes = init.bytes ?? 0;
    if (init.error) record.error = init.error;
    if (init.note) record.note = init.note;
    if (isFinished(record.state)) record.finishedAt = new Date().toISOString();
    this.records.set(record.id, record);
    if (record.state === 'queued') this.queue.push(record);
    this.touch(record);
    return record;
  }

  /** Starts what a batch queued; returns its id and size. */
  startBatch(batch: BatchRecord): { batchId: string; count: number } {
    this.emitter.touchBatch(batch);
    this.pump();
    this.checkBatch(batch);
    return { batchId: batch.id, count: batch.transfers.length };
  }

  /** Resolves when every transfer of the batch is finished (at once if it is). */
  settled(batchId: string): Promise<BatchSnapshot> {
    const batch = this.batches.get(batchId);
    if (!batch) return Promise.reject(new Error(`no batch ${batchId}`));
    if (batch.isFinished()) return Promise.resolve(batch.snapshot());
    return this.waiters.wait(batchId);
  }

  /** Everything, for a window that opens. */
  list(): TransferList {
    return {
      transfers: [...this.records.values()].map((r) => r.snapshot()),
      batches: [...this.batches.values()].map((b) => b.snapshot()),
      totals: totalsOf(this.records.values()),
      bandwidth: this.bandwidth.limits,
    };
  }

  /** Stops everything in flight (saved states stay, to resume at the next start) and the event timer. */
  async dispose(): Promise<void> {
    for (const record of this.running) record.controller?.abort(new PailError({ code: 'Internal', message: 'Pail is closing.', hint: '' }));
    this.queue.length = 0;
    this.emitter.stop();
    await this.files.close();
  }

  /** The transfers a selection names: by ids, by batch, or all. */
  *select(selection: TransferSelection): Iterable<TransferRecord> {
    if (selection.ids) {
      for (const id of selection.ids) {
        const record = this.records.get(id);
        if (record) yield record;
      }
    } else if (selection.batchId) yield* this.batches.get(selection.batchId)?.transfers ?? [];
    else yield* this.records.values();
  }

  /** Puts a transfer back in the queue. */
  enqueue(record: TransferRecord): void {
    this.setState(record, 'queued');
    this.queue.push(record);
  }

  /** Takes a queued transfer out of the queue. */
  unqueue(record: TransferRecord): void {
    const at = this.queue.indexOf(record);
    if (at !== -1) this.queue.splice(at, 1);
  }

  /** Starts queued transfers while there is room. */
  pump(): void {
    // Transfers of a batch still warming up wait in their place.
    for (let at = 0; this.running.size < this.tuning.filesInFlight && at < this.queue.length;) {
      if (this.queue[at].batch.warming) {
        at += 1;
        continue;
      }
      const [record] = this.queue.splice(at, 1);
      if (record.state === 'queued') void this.run(record);
    }
  }

  private async run(record: TransferRecord): Promise<void> {
    this.running.add(record);
    const controller = new AbortController();
    manyListeners(controller.signal);
    record.controller = controller;
    record.pausing = false;
    record.startedAt ??= new Date().toISOString();
    record.meter.reset();
    this.setState(record, 'running');
    let outcome: TaskOutcome | undefined;
    let failure: unknown;
    try {
      outcome = await record.task.run(
        createTaskContext(record, controller.signal, {
          parts: this.parts,
          pace: this.pacerOf(record, controller.signal),
          tuning: this.tuning,
          retry: this.retryPolicy,
          store: this.store,
          files: this.files,
          touch: () => this.touch(record),
          setState: (state) => this.setState(record, state),
        }),
      );
    } catch (error) {
      failure = error;
    }
    this.running.delete(record);
    record.controller = undefined;
    await settleRun(this, record, outcome, failure);
    this.pump();
  }

  /** The limits a transfer's bytes go through, looked up at each take: its own, its batch's, its direction's. */
  private pacerOf(record: TransferRecord, signal: AbortSignal): Pacer {
    const global = record.batch.direction === 'download' ? this.bandwidth.download : this.bandwidth.upload;
    return new Pacer(() => [record.limiter, record.batch.limiter, global], signal);
  }

  /** Undoes what a transfer left (a multipart upload, a temp file); a failure to is noted, not thrown. */
  async discard(record: TransferRecord): Promise<void> {
    try {
      await record.task.discard(record.id);
      record.resumable = false;
    } catch (error) {
      record.note = `Could not clean up on the server: ${toTransferError(error, 'cancelling').message}`;
    }
    this.touch(record);
  }

  /** Sets a transfer's state (and finishes its batch when it was the last). */
  setState(record: TransferRecord, state: TransferRecord['state']): void {
    record.state = state;
    if (isFinished(state)) record.finishedAt = new Date().toISOString();
    this.touch(record);
    this.checkBatch(record.batch);
  }

  /** A transfer changed: the next event carries it. */
  touch(record: TransferRecord): void {
    this.emitter.touch(record);
  }

  /** When a batch has just finished: flush progress, then tell (notification, taskbar) and wake `settled`. */
  private checkBatch(batch: BatchRecord): void {
    if (!this.batches.has(batch.id)) return;
    if (!batch.isFinished()) {
      batch.finishedAt = undefined;
      return;
    }
    if (batch.finishedAt) return;
    batch.finishedAt = new Date().toISOString();
    this.emitter.emit();
    const snapshot = batch.snapshot();
    this.events.batchFinished(snapshot);
    this.waiters.wake(batch.id, snapshot);
  }

  /** True while the transfer's task runs. */
  isRunning(record: TransferRecord): boolean {
    return this.running.has(record);
  }

  /** A batch, by id. */
  batch(id: string): BatchRecord | undefined {
    return this.batches.get(id);
  }

  /** A transfer, by id. */
  get(id: string): TransferRecord | undefined {
    return this.records.get(id);
  }

  /** A batch changed (its policy): the next event carries it. */
  touchBatch(batch: BatchRecord): void {
    this.emitter.touchBatch(batch);
  }

  /** Forgets finished transfers, and the batches they leave empty. */
  remove(gone: readonly TransferRecord[]): void {
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
  }

  /** Changes how many files and parts move at once, and starts what now fits. */
  setLimits(files: number | undefined, parts: number | undefined): TransferTuning {
    if (files) this.tuning.filesInFlight = files;
    if (parts) {
      this.tuning.partsInFlight = parts;
      this.parts.setLimit(parts);
    }
    this.pump();
    return { ...this.tuning };
  }
}
