import type { ErrorInfo } from '../../../../shared/errors';
import {
  stateCounts,
  FINISHED_STATES,
  type BatchSnapshot,
  type ConflictDecision,
  type ConflictPolicy,
  type ExistingTarget,
  type TransferDirection,
  type TransferSnapshot,
  type TransferState,
  type TransferTotals,
} from '../../../../shared/transfers';
import { etaSeconds, noticedSilence, RateMeter } from './rate-meter';
import type { TransferTask } from './task-types';
import type { RateLimiter } from './bandwidth';

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

/** A transfer as the engine holds it: what the UI sees, plus its task and run state. */
export class TransferRecord {
  private current: TransferState = 'queued';
  key: string;
  localPath?: string;
  bytes = 0;
  total?: number;
  parts?: { done: number; total: number };
  retries = 0;
  resumable = false;
  conflict?: ExistingTarget;
  error?: ErrorInfo;
  note?: string;
  startedAt?: string;
  finishedAt?: string;
  /** This transfer's own answer to "ask". */
  decision?: ConflictDecision;
  /** The current run's controller (cancel aborts it). */
  controller?: AbortController;
  pausing = false;
  cancelling = false;
  /** This transfer's own speed limit, once one was set (see bandwidth.ts). */
  limiter?: RateLimiter;
  readonly meter: RateMeter;

  constructor(
    readonly id: string,
    readonly batch: BatchRecord,
    readonly task: TransferTask,
    init: { key: string; name: string; localPath?: string; sourceUrl?: string; total?: number },
    now: () => number,
  ) {
    this.key = init.key;
    this.name = init.name;
    this.localPath = init.localPath;
    this.sourceUrl = init.sourceUrl;
    this.total = init.total;
    this.meter = new RateMeter(now);
    batch.transfers.push(this);
    batch.counts.queued += 1;
  }

  readonly name: string;
  readonly sourceUrl?: string;

  /** Where the transfer is; setting it keeps the batch's counts (so a batch of 10,000 is not recounted per change). */
  get state(): TransferState {
    return this.current;
  }

  set state(next: TransferState) {
    this.batch.counts[this.current] -= 1;
    this.batch.counts[next] += 1;
    this.current = next;
  }

  /** Bytes per second now (0 unless moving). */
  rate(): number {
    return this.state === 'running' ? this.meter.rate() : 0;
  }

  /**
   * Seconds this running transfer has moved nothing, when worth telling: only
   * while its whole batch is silent too (a transfer waiting for a free request
   * slot while others move is not a server that stopped answering).
   */
  silentSeconds(): number | undefined {
    if (this.state !== 'running' || this.batch.silentSeconds() === undefined) return undefined;
    return noticedSilence(this.meter.silentMs());
  }

  /** The value the UI gets. */
  snapshot(): TransferSnapshot {
    const rate = this.rate();
    const silent = this.silentSeconds();
    const eta = this.total !== undefined && this.state === 'running' && silent === undefined ? etaSeconds(this.total - this.bytes, rate) : undefined;
    const b = this.batch;
    return {
      id: this.id,
      batchId: b.id,
      direction: b.direction,
      state: this.state,
      profileId: b.profileId,
      bucket: b.bucket,
      key: this.key,
      name: this.name,
      bytes: this.bytes,
      rate: Math.round(rate),
      retries: this.retries,
      resumable: this.resumable,
      ...(this.localPath !== undefined && { localPath: this.localPath }),
      ...(this.sourceUrl !== undefined && { sourceUrl: this.sourceUrl }),
      ...(this.total !== undefined && { total: this.total }),
      ...(eta !== undefined && { etaSeconds: eta }),
      ...(silent !== undefined && { silentSeconds: silent }),
      ...(this.parts && { parts: { ...this.parts } }),
      ...(this.limiter?.limit && { limit: this.limiter.limit }),
      ...(this.conflict && { conflict: this.conflict }),
      ...(this.error && { error: this.error }),
      ...(this.note && { note: this.note }),
      ...(this.startedAt && { startedAt: this.startedAt }),
      ...(this.finishedAt && { finishedAt: this.finishedAt }),
    };
  }
}

/** A batch: its transfers, its conflict policy, its destination claims. */
export class BatchRecord {
  readonly transfers: TransferRecord[] = [];
  /** Transfers in each state, kept by TransferRecord's state setter. */
  readonly counts = stateCounts();
  /** Local paths downloads of this batch have taken, by transfer (two keys can map to one safe name). */
  readonly claims = new Map<string, string>();
  readonly meter: RateMeter;
  readonly createdAt = new Date().toISOString();
  finishedAt?: string;
  /** Its warm-up request is out: its transfers wait in the queue (see startWarmBatch). */
  warming = false;
  /** The batch's speed limit, shared by all its transfers, once one was set. */
  limiter?: RateLimiter;

  constructor(
    readonly id: string,
    readonly direction: TransferDirection,
    readonly title: string,
    readonly profileId: string,
    readonly bucket: string,
    public policy: ConflictPolicy,
    now: () => number,
  ) {
    this.meter = new RateMeter(now);
  }

  /** True when no transfer of the batch will move again by itself. */
  isFinished(): boolean {
    return FINISHED_STATES.reduce((sum, s) => sum + this.counts[s], 0) === this.transfers.length;
  }

  /** Seconds no byte of the batch has moved while some of it runs, when worth telling. */
  silentSeconds(): number | undefined {
    return this.counts.running > 0 ? noticedSilence(this.meter.silentMs()) : undefined;
  }

  /** Takes a transfer out (clear-finished). */
  remove(record: TransferRecord): void {
    this.transfers.splice(this.transfers.indexOf(record), 1);
    this.counts[record.state] -= 1;
  }

  /** The value the UI gets (sums over the batch's transfers). */
  snapshot(): BatchSnapshot {
    let bytes = 0;
    let total = 0;
    for (const t of this.transfers) {
      bytes += t.bytes;
      total += t.total ?? t.bytes;
    }
    const finished = this.isFinished();
    const rate = finished ? 0 : this.meter.rate();
    const silent = finished ? undefined : this.silentSeconds();
    const eta = finished || silent !== undefined ? undefined : etaSeconds(total - bytes, rate);
    return {
      id: this.id,
      direction: this.direction,
      title: this.title,
      profileId: this.profileId,
      bucket: this.bucket,
      conflictPolicy: this.policy,
      counts: { ...this.counts },
      files: this.transfers.length,
      bytes,
      total,
      rate: Math.round(rate),
      ...(eta !== undefined && { etaSeconds: eta }),
      ...(silent !== undefined && { silentSeconds: silent }),
      finished,
      ...(this.limiter?.limit && { limit: this.limiter.limit }),
      createdAt: this.createdAt,
      ...(this.finishedAt && { finishedAt: this.finishedAt }),
    };
  }
}

/**
 * Totals over the transfers of batches still moving (one pass), for the
 * taskbar and the panel header: a batch that finished long ago (or failed)
 * would otherwise make a new upload read "12 MiB of 2 GiB".
 */
export function totalsOf(records: Iterable<TransferRecord>): TransferTotals {
  let active = 0;
  let queued = 0;
  let bytes = 0;
  let total = 0;
  let rate = 0;
  const finished = new Map<BatchRecord, boolean>();
  for (const t of records) {
    let batchDone = finished.get(t.batch);
    if (batchDone === undefined) finished.set(t.batch, (batchDone = t.batch.isFinished()));
    if (batchDone) continue;
    if (t.state === 'running' || t.state === 'verifying') active += 1;
    if (t.state === 'queued') queued += 1;
    if (t.state === 'cancelled' || t.state === 'skipped') continue;
    bytes += t.bytes;
    total += t.total ?? t.bytes;
    rate += t.rate();
  }
  const eta = active ? etaSeconds(total - bytes, rate) : undefined;
  return { active, queued, bytes, total, rate: Math.round(rate), ...(eta !== undefined && { etaSeconds: eta }) };
}
