import { randomUUID } from 'node:crypto';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { ERROR_TEXT } from '../../../../shared/error-text';
import { PailError, type ErrorInfo } from '../../../../shared/errors';
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
import { FileWorkers } from '../io/file-workers';
import { ProgressEmitter } from './progress-emitter';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';
import { TransferStateStore } from '../state/state-store';
import { createTaskContext } from './task-context';
import { DEFAULT_TUNING, type ClientHandle, type TransferTask, type TransferTuning } from './task-types';
import { toTransferError } from './transfer-errors';
import { BatchRecord, TransferRecord, totalsOf } from './transfer-records';

/** Where the engine's events go: the renderers (through the transport) or the CLI's progress bar. */
export interface TransferEvents {
  progress(event: TransferProgressEvent): void;
  batchFinished(batch: BatchSnapshot): void;
}

/** What the engine is built from. */
export interface TransferEngineOptions {
  /** Transfer clients (see transfer-client.ts). */
  clients: S3ClientProvider;
  dataDir: string;
  events: TransferEvents;
  tuning?: Partial<TransferTuning>;
  retry?: Partial<RetryPolicy>;
  now?: () => number;
  /** "batches": progress events carry batches and totals only (for the CLI, which shows no single file). */
  progressDetail?: 'transfers' | 'batches';
}

/** How long a profile lookup (and its client) is reused. */
const CLIENT_REUSE_MS = 2_000;
/** The longest a batch waits for its warm-up request before its transfers start anyway. */
const WARM_UP_MS = 10_000;

/** A new transfer's task and its first facts. */
export interface NewTransfer {
  id?: string;
  task: TransferTask;
  key: string;
  name: string;
  localPath?: string;
  sourceUrl?: string;
  total?: number;
  state?: 'queued' | 'paused' | 'failed';
  resumable?: boolean;
  bytes?: number;
  error?: ErrorInfo;
  note?: string;
}

/**
 * The queue every upload, download and import goes through: a limit on files
 * in flight and one on parts in flight (over all files), a task per transfer
 * run with retries and a context to report through, and progress sent as one
 * batched event at most ten times a second. The user's actions on it are in
 * transfer-engine.ts; planning batches in transfer-service.ts.
 */
export class TransferQueue {
  readonly tuning: TransferTuning;
  readonly store: TransferStateStore;
  protected readonly retryPolicy: RetryPolicy;
  protected readonly parts: Limiter;
  private readonly now: () => number;
  protected readonly records = new Map<string, TransferRecord>();
  protected readonly batches = new Map<string, BatchRecord>();
  protected readonly queue: TransferRecord[] = [];
  protected readonly running = new Set<TransferRecord>();
  protected readonly emitter: ProgressEmitter;
  private readonly files = new FileWorkers();
  private readonly clientCache = new Map<string, { at: number; value: Promise<{ handle: ClientHandle; profile: Profile }> }>();
  private readonly settledWaiters = new Map<string, ((batch: BatchSnapshot) => void)[]>();

  constructor(private readonly options: TransferEngineOptions) {
    this.tuning = { ...DEFAULT_TUNING, ...options.tuning };
    this.retryPolicy = { ...DEFAULT_RETRY, ...options.retry };
    this.parts = new Limiter(this.tuning.partsInFlight);
    this.now = options.now ?? Date.now;
    this.store = new TransferStateStore(options.dataDir);
    this.emitter = new ProgressEmitter(
      (event) => options.events.progress(event),
      this.running,
      () => this.records.values(),
      options.progressDetail !== 'batches',
    );
  }

  /** A client for a profile and bucket, with the endpoint for error messages. */
  async client(profileId: string, bucket: string): Promise<{ handle: ClientHandle; profile: Profile }> {
    // Looking a profile up reads profiles.json: a batch of 2,000 small files would read it
    // 2,000 times. A lookup is reused for a moment, so an edited profile still applies soon.
    const id = `${profileId}\n${bucket}`;
    const cached = this.clientCache.get(id);
    if (cached && this.now() - cached.at < CLIENT_REUSE_MS) return cached.value;
    const value = this.options.clients
      .clientFor(profileId, bucket)
      .then(({ client, profile }) => ({ handle: { client, endpoint: profile.endpoint }, profile }));
    this.clientCache.set(id, { at: this.now(), value });
    value.catch(() => this.clientCache.delete(id));
    return value;
  }

  /** Forgets the profile lookups reused for a moment (a profile was edited: its new settings apply at once). */
  forgetClients(): void {
    this.clientCache.clear();
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
    return new Promise((resolve) => this.settledWaiters.set(batchId, [...(this.settledWaiters.get(batchId) ?? []), resolve]));
  }

  /** Everything, for a window that opens. */
  list(): TransferList {
    return {
      transfers: [...this.records.values()].map((r) => r.snapshot()),
      batches: [...this.batches.values()].map((b) => b.snapshot()),
      totals: totalsOf(this.records.values()),
    };
  }

  /** Stops everything in flight (saved states stay, to resume at the next start) and the event timer. */
  async dispose(): Promise<void> {
    for (const record of this.running) record.controller?.abort(new PailError({ code: 'Internal', message: 'Pail is closing.', hint: '' }));
    this.queue.length = 0;
    this.emitter.stop();
    await this.files.close();
  }

  protected *select(selection: TransferSelection): Iterable<TransferRecord> {
    if (selection.ids) {
      for (const id of selection.ids) {
        const record = this.records.get(id);
        if (record) yield record;
      }
    } else if (selection.batchId) yield* this.batches.get(selection.batchId)?.transfers ?? [];
    else yield* this.records.values();
  }

  protected enqueue(record: TransferRecord): void {
    this.setState(record, 'queued');
    this.queue.push(record);
  }

  protected unqueue(record: TransferRecord): void {
    const at = this.queue.indexOf(record);
    if (at !== -1) this.queue.splice(at, 1);
  }

  protected pump(): void {
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
    let outcome: Awaited<ReturnType<TransferTask['run']>> | undefined;
    let failure: unknown;
    try {
      outcome = await record.task.run(
        createTaskContext(record, controller.signal, {
          parts: this.parts,
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
    await this.finish(record, outcome, failure);
    this.pump();
  }

  private async finish(record: TransferRecord, outcome: Awaited<ReturnType<TransferTask['run']>> | undefined, failure: unknown): Promise<void> {
    if (record.cancelling) {
      record.cancelling = false;
      await this.discard(record);
      this.setState(record, 'cancelled');
    } else if (failure !== undefined || !outcome) {
      const { endpoint } = await this.client(record.batch.profileId, record.batch.bucket).then(
        (c) => c.handle,
        () => ({ endpoint: undefined }),
      );
      const error = toTransferError(failure, describe(record), endpoint);
      record.error = error.toInfo();
      if (record.error.code === 'Internal' && !record.error.hint) record.error.hint = ERROR_TEXT.Internal.hint;
      // A saved multipart upload survives the failure: retry resumes it.
      record.resumable = (await this.store.read(record.id)) !== undefined;
      this.setState(record, 'failed');
    } else if (outcome.state === 'done') {
      if (record.total !== undefined) record.bytes = record.total;
      record.resumable = false;
      this.setState(record, 'done');
    } else if (outcome.state === 'skipped') {
      record.note = outcome.note;
      this.setState(record, 'skipped');
    } else if (outcome.state === 'conflict') {
      record.conflict = outcome.existing;
      this.setState(record, 'conflict');
    } else this.setState(record, 'paused');
  }

  protected async discard(record: TransferRecord): Promise<void> {
    try {
      await record.task.discard(record.id);
      record.resumable = false;
    } catch (error) {
      record.note = `Could not clean up on the server: ${toTransferError(error, 'cancelling').message}`;
    }
    this.touch(record);
  }

  protected setState(record: TransferRecord, state: TransferRecord['state']): void {
    record.state = state;
    if (isFinished(state)) record.finishedAt = new Date().toISOString();
    this.touch(record);
    this.checkBatch(record.batch);
  }

  protected touch(record: TransferRecord): void {
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
    this.options.events.batchFinished(snapshot);
    for (const resolve of this.settledWaiters.get(batch.id) ?? []) resolve(snapshot);
    this.settledWaiters.delete(batch.id);
  }

  /** A transfer, by id (tests and the CLI's failure list). */
  get(id: string): TransferRecord | undefined {
    return this.records.get(id);
  }
}

function describe(record: TransferRecord): string {
  const verb = record.batch.direction === 'download' ? 'downloading' : record.batch.direction === 'import' ? 'importing' : 'uploading';
  return `${verb} ${record.key || record.sourceUrl || record.name}`;
}
