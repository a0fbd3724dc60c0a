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
  type TransferSnapshot,
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
import type { BatchJournals, JournalEntry } from '../state/batch-journal';
import { createTaskContext } from './task-context';
import type { ClientHandle, TaskOutcome, TransferTuning } from './task-types';
import { UploadRefusalHints } from './refusal-hints';
import { settleRun } from './run-outcome';
import { toTransferError } from './transfer-errors';
import { BatchRecord, TransferRecord, totalsOf, type BatchSource, type NewTransfer } from './transfer-records';
import { BatchWaiters } from './batch-waiters';

/** Where the queue's events go: the renderers (through the transport) or the CLI's progress bar. */
export interface QueueEvents {
  progress(event: TransferProgressEvent): void;
  batchFinished(batch: BatchSnapshot): void;
  /**
   * A transfer finished fine with a note ("Key made safe", "exists; skipped"):
   * for a listener that says each one (the CLI), as a big batch does not keep
   * its finished transfers to be read back at the end.
   */
  noted?(transfer: TransferSnapshot): void;
}

/** What the queue is built from: its clients, saved states, limits and where its events go. */
export interface TransferQueueOptions {
  /** Transfer clients (see transfer-client.ts). */
  clients: S3ClientProvider;
  store: TransferStateStore;
  /** Where folder batches keep their journals (see batch-journal.ts). */
  journals: BatchJournals;
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
 * Transfers a batch with a source keeps queued ahead of those running: enough
 * that a slot freed never waits for the walk or the listing, few enough that
 * the records held stay a window.
 */
export const queuedAheadOf = (tuning: TransferTuning) => Math.max(64, 4 * tuning.filesInFlight);

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
  readonly journals: BatchJournals;
  readonly retryPolicy: RetryPolicy;
  /** The speed limits of all uploads and of all downloads. */
  readonly bandwidth: GlobalBandwidth;
  /** Explains refused uploads from the bucket's settings (see refusal-hints.ts). */
  readonly refusals = new UploadRefusalHints();
  private readonly parts: Limiter;
  private readonly now: () => number;
  private readonly records = new Map<string, TransferRecord>();
  private readonly batches = new Map<string, BatchRecord>();
  private readonly queue: TransferRecord[] = [];
  private readonly running = new Set<TransferRecord>();
  /** The runs in flight (each until its outcome is settled and journaled), for dispose to wait on. */
  private readonly runs = new Set<Promise<void>>();
  private readonly emitter: ProgressEmitter;
  private readonly files = new FileWorkers();
  private readonly waiters = new BatchWaiters();
  private readonly clients: S3ClientProvider;
  private readonly events: QueueEvents;
  /** Batches whose source is being read right now (one reader each). */
  private readonly feeding = new Set<BatchRecord>();
  private closed = false;

  constructor(options: TransferQueueOptions) {
    this.clients = options.clients;
    this.events = options.events;
    this.tuning = options.tuning;
    this.retryPolicy = options.retry;
    this.parts = new Limiter(this.tuning.partsInFlight);
    this.bandwidth = new GlobalBandwidth(options.bandwidth ?? NO_LIMITS);
    this.now = options.now;
    this.store = options.store;
    this.journals = options.journals;
    this.store.batchOf = (transferId) => {
      const batch = this.records.get(transferId)?.batch;
      return batch?.journal ? batch.id : undefined;
    };
    this.emitter = new ProgressEmitter(
      (event) => this.events.progress(event),
      this.running,
      () => this.batches.values(),
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
  openBatch(direction: TransferDirection, title: string, profileId: string, bucket: string, policy: ConflictPolicy, id: string = randomUUID()): BatchRecord {
    const batch = new BatchRecord(id, direction, title, profileId, bucket, policy, this.now);
    this.batches.set(batch.id, batch);
    return batch;
  }

  /** Forgets a batch that could not start (its planning failed), with what it held. */
  drop(batch: BatchRecord): void {
    for (const record of batch.live) {
      this.records.delete(record.id);
      this.unqueue(record);
    }
    this.batches.delete(batch.id);
    // A journal taken over from an earlier run stays for the next try; a new one goes with the batch.
    if (batch.journal?.carriesWork) void batch.journal.close();
    else void batch.journal?.remove();
    batch.journal = undefined;
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
    if (batch.journal && init.at) {
      record.journal = batch.journal.issue(init.at);
      noteInJournal(record);
    }
    this.records.set(record.id, record);
    if (record.state === 'queued') this.queue.push(record);
    this.touch(record);
    return record;
  }

  /**
   * Gives a batch a source of transfers, read as the queue needs them, and
   * reads the first ones now (up to the queue's look-ahead): a small batch is
   * then whole before it starts, and a source that fails at once (no such
   * bucket) fails the request rather than the batch.
   */
  async fill(batch: BatchRecord, source: BatchSource): Promise<void> {
    batch.source = source;
    const ahead = queuedAheadOf(this.tuning);
    // Marked as being read, so that a pump meanwhile (another batch's) does not start a second reader.
    this.feeding.add(batch);
    try {
      while (batch.source && batch.counts.queued < ahead) await this.takeNext(batch);
    } finally {
      this.feeding.delete(batch);
    }
  }

  /** Adds the source's next transfer to the batch, or notes that it has no more. */
  private async takeNext(batch: BatchRecord): Promise<void> {
    const next = await batch.source!.next();
    if (next) this.add(batch, next);
    else {
      batch.source = undefined;
      this.emitter.touchBatch(batch);
    }
  }

  /**
   * Reads a batch's source while its queued transfers run short of the
   * look-ahead (and it is not held, nor the queue closed). A source that
   * fails ends there, with a failed transfer saying what stopped it.
   */
  private async feed(batch: BatchRecord): Promise<void> {
    if (this.feeding.has(batch)) return;
    this.feeding.add(batch);
    try {
      while (batch.source && !batch.hold && !this.closed && batch.counts.queued < queuedAheadOf(this.tuning)) {
        await this.takeNext(batch);
        this.pump();
      }
    } catch (error) {
      batch.source = undefined;
      const failure = toTransferError(error, `finding what else to transfer for ${batch.title}`);
      this.add(batch, {
        task: { run: () => Promise.reject(failure), discard: () => Promise.resolve() },
        key: '',
        name: 'The rest of the batch',
        state: 'failed',
        error: failure.toInfo(),
      });
    } finally {
      this.feeding.delete(batch);
      this.checkBatch(batch);
    }
  }

  /** Starts what a batch queued; returns its id and the transfers found so far. */
  startBatch(batch: BatchRecord): { batchId: string; count: number } {
    this.emitter.touchBatch(batch);
    this.pump();
    this.checkBatch(batch);
    return { batchId: batch.id, count: batch.files };
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
      totals: totalsOf(this.batches.values(), this.running),
      bandwidth: this.bandwidth.limits,
    };
  }

  /** Stops everything in flight (saved states stay, to resume at the next start) and the event timer. */
  async dispose(): Promise<void> {
    this.closed = true;
    for (const record of this.running) record.controller?.abort(new PailError({ code: 'Internal', message: 'Pail is closing.', hint: '' }));
    this.queue.length = 0;
    this.emitter.stop();
    // A task past its last step that a cancel stops (a download renamed into place) still ends done: its outcome
    // is journaled before the journals close, or the next start would fetch it again and, under "rename", keep
    // both copies ("k1202 (1)", as batch-resume.test.ts found). Bounded: a task that ignores its signal is not waited for.
    await Promise.race([Promise.allSettled([...this.runs]), new Promise((resolve) => setTimeout(resolve, DISPOSE_WAIT_MS).unref())]);
    // What the journals have not written yet goes now: the next start goes on from there.
    await Promise.all([...this.batches.values()].map((batch) => batch.journal?.close()));
    await this.files.close();
  }

  /** The transfers a selection names: by ids, by batch, or all. */
  *select(selection: TransferSelection): Iterable<TransferRecord> {
    if (selection.ids) {
      for (const id of selection.ids) {
        const record = this.records.get(id);
        if (record) yield record;
      }
    } else if (selection.batchId) yield* [...(this.batches.get(selection.batchId)?.live ?? [])];
    else yield* [...this.records.values()];
  }

  /** The batches a selection names as a whole (by batch, or all); none for a selection of ids. */
  selectBatches(selection: TransferSelection): BatchRecord[] {
    if (selection.ids) return [];
    if (selection.batchId) return [this.batches.get(selection.batchId)].filter((b) => b !== undefined);
    return [...this.batches.values()];
  }

  /** Holds a whole batch (its source gives no more) or lets it go on; a hold that ends it finishes it. */
  setHold(batch: BatchRecord, hold: BatchRecord['hold']): void {
    batch.hold = hold;
    this.emitter.touchBatch(batch);
    this.checkBatch(batch);
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

  /** Starts queued transfers while there is room, and has sources running short read further. */
  pump(): void {
    if (this.closed) return;
    const ahead = queuedAheadOf(this.tuning);
    for (const batch of this.batches.values())
      if (batch.source && !batch.hold && !batch.warming && batch.counts.queued < ahead && !this.feeding.has(batch)) void this.feed(batch);
    // Transfers of a batch still warming up wait in their place.
    for (let at = 0; this.running.size < this.tuning.filesInFlight && at < this.queue.length;) {
      if (this.queue[at].batch.warming) {
        at += 1;
        continue;
      }
      const [record] = this.queue.splice(at, 1);
      if (record.state === 'queued') {
        const run = this.run(record);
        this.runs.add(run);
        void run.finally(() => this.runs.delete(run));
      }
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

  /**
   * Sets a transfer's state (and finishes its batch when it was the last). A
   * transfer that finished fine is kept a while, then let go of (see
   * BatchRecord.keep); its note goes to a listener that says notes first.
   */
  setState(record: TransferRecord, state: TransferRecord['state']): void {
    record.state = state;
    if (isFinished(state)) record.finishedAt = new Date().toISOString();
    noteInJournal(record);
    this.touch(record);
    if (state === 'done' || state === 'skipped') {
      if (record.note && this.events.noted) this.events.noted(record.snapshot());
      for (const gone of record.batch.keep(record)) this.forget(gone);
    }
    this.checkBatch(record.batch);
  }

  /** Stops holding a transfer (its batch counted it already); the next event says it is gone. */
  private forget(record: TransferRecord): void {
    this.records.delete(record.id);
    this.emitter.remove(record);
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
    // Ended (or cancelled as a whole): nothing of it comes back at the next start. Not one "ended" by Pail closing
    // (its transfers stopped by dispose): that journal is what the next start goes on from.
    if (!this.closed) {
      void batch.journal?.remove();
      batch.journal = undefined;
    }
    this.emitter.emit();
    const snapshot = batch.snapshot();
    this.events.batchFinished(snapshot);
    this.waiters.wake(batch.id, snapshot);
  }

  /** How many transfers are held as records now, over all batches: a window per batch, whatever its size. */
  recordsHeld(): number {
    return this.records.size;
  }

  /** Local paths held exactly by download claims, over all batches (see DestinationClaims): a window per batch, whatever its size. */
  claimedPathsHeld(): number {
    let held = 0;
    for (const batch of this.batches.values()) held += batch.claims.exactCount();
    return held;
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

  /**
   * Forgets finished transfers, and for `whole` batches the finished ones they
   * let go of too; batches left with nothing held and nothing to come go.
   */
  remove(gone: readonly TransferRecord[], whole: readonly BatchRecord[] = []): number {
    let count = gone.length;
    for (const record of gone) {
      this.records.delete(record.id);
      record.batch.remove(record);
      this.emitter.remove(record);
      this.emitter.touchBatch(record.batch);
    }
    for (const batch of whole) {
      count += batch.forgetLetGo();
      this.emitter.touchBatch(batch);
    }
    for (const batch of new Set([...gone.map((r) => r.batch), ...whole])) {
      if (batch.live.size > 0 || !batch.isFinished()) continue;
      this.batches.delete(batch.id);
      this.emitter.remove(batch);
    }
    return count;
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

/** How long closing waits for the transfers it stopped to settle before their journals close. */
const DISPOSE_WAIT_MS = 3_000;

/** How a journal counts a transfer's state: done (or skipped), to give again on resume, or still moving. */
const JOURNAL_OUTCOME: Record<TransferRecord['state'], JournalEntry['state']> = {
  done: 'done',
  skipped: 'done',
  failed: 'retry',
  cancelled: 'retry',
  conflict: 'retry',
  paused: 'retry',
  queued: 'open',
  running: 'open',
  verifying: 'open',
};

/** Tells the batch's journal (if any) where the transfer now stands. */
function noteInJournal(record: TransferRecord): void {
  if (!record.journal) return;
  record.batch.journal?.settle(record.journal, JOURNAL_OUTCOME[record.state], record.total ?? record.bytes);
}
