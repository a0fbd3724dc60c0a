import type { ErrorInfo } from '../../../../shared/errors';
import {
  stateCounts,
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
import type { EarlierRun, TransferTask } from './task-types';
import type { RateLimiter } from './bandwidth';
import type { BatchJournal, JournalEntry } from '../state/batch-journal';
import type { Position } from '../state/journal-position';
import { DestinationClaims } from './destination-claims';

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
  /** Its place in its source's order, for a batch with a journal (see batch-journal.ts). */
  at?: Position;
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
  /** Where it stands in its batch's journal, if the batch keeps one. */
  journal?: JournalEntry;
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
    batch.live.add(this);
    batch.files += 1;
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

/** Bytes of transfers a batch let go of (see BatchRecord.keep), kept as numbers. */
interface LetGo {
  count: number;
  bytes: number;
  total: number;
}

const noneLetGo = (): LetGo => ({ count: 0, bytes: 0, total: 0 });

/**
 * Finished-and-fine transfers (done, skipped) a batch keeps as records, newest
 * last, for the panel to show and for callers that read them back right after
 * a small batch (drag-out reads up to 100); older ones are let go and counted.
 */
export const KEPT_FINISHED = 200;

/** Where a batch's transfers come from when it finds them as it goes (a folder walked, a listing paged). */
export interface BatchSource {
  /** The next transfer to add, or undefined when there are no more. */
  next(): Promise<NewTransfer | undefined>;
}

/** Why a batch takes no more transfers from its source: the user paused or cancelled it as a whole. */
export type BatchHold = 'paused' | 'cancelled';

/**
 * A batch: its conflict policy, its destination claims, and its transfers:
 * only a bounded window of them as records (those queued next, running, and
 * what the user must still act on: failed, cancelled, conflicts, paused; plus
 * the last few finished), the rest as numbers, so a batch of 100,000 files
 * costs what one of a few hundred does.
 */
export class BatchRecord {
  /** The transfers held as records. */
  readonly live = new Set<TransferRecord>();
  /** Transfers found so far (held or let go). */
  files = 0;
  /** Transfers in each state, held or let go, kept by TransferRecord's state setter. */
  readonly counts = stateCounts();
  /** Local paths downloads of this batch have taken (two keys can map to one safe name), in bounded memory. */
  readonly claims = new DestinationClaims();
  readonly meter: RateMeter;
  readonly createdAt = new Date().toISOString();
  finishedAt?: string;
  /** Its warm-up request is out: its transfers wait in the queue (see startWarmBatch). */
  warming = false;
  /** The batch's speed limit, shared by all its transfers, once one was set. */
  limiter?: RateLimiter;
  /** Where more transfers come from, until it has given them all. */
  source?: BatchSource;
  /** The user paused or cancelled the whole batch: its source gives no more until resumed or retried. */
  hold?: BatchHold;
  /** Its size, when known before its source is read (a drop lists its files): shown until the source has given them all. */
  known?: { files: number; bytes: number };
  /** What it keeps on disk to go on after a restart (a folder upload or download; see batch-journal.ts). */
  journal?: BatchJournal;
  /** Brought back from its journal after a restart (see BatchSnapshot.restored). */
  restored?: { retry: number };
  /** It goes on from a journal an earlier run left (a restart, or the CLI's same command run again); see EarlierRun. */
  earlierRun?: EarlierRun;
  /** Finished-and-fine records still held, oldest first. */
  private readonly kept = new Set<TransferRecord>();
  private readonly letGo: Record<'done' | 'skipped', LetGo> = { done: noneLetGo(), skipped: noneLetGo() };

  constructor(
    readonly id: string,
    readonly direction: TransferDirection,
    public title: string,
    readonly profileId: string,
    readonly bucket: string,
    public policy: ConflictPolicy,
    now: () => number,
  ) {
    this.meter = new RateMeter(now);
  }

  /** True while the batch's source may still give transfers. */
  moreToFind(): boolean {
    return this.source !== undefined;
  }

  /** Transfers that will move again by themselves or wait for the user (queued, running, paused, conflicts). */
  unfinished(): number {
    const c = this.counts;
    return c.queued + c.running + c.paused + c.conflict + c.verifying;
  }

  /** True when no transfer of the batch will move again by itself (a cancelled batch's source is not read further). */
  isFinished(): boolean {
    return this.unfinished() === 0 && (!this.moreToFind() || this.hold === 'cancelled');
  }

  /** Seconds no byte of the batch has moved while some of it runs, when worth telling. */
  silentSeconds(): number | undefined {
    return this.counts.running > 0 ? noticedSilence(this.meter.silentMs()) : undefined;
  }

  /**
   * A transfer finished fine: it is kept for a while, and the oldest kept one
   * beyond KEPT_FINISHED is let go (its bytes counted). Returns those let go.
   */
  keep(record: TransferRecord): TransferRecord[] {
    this.kept.add(record);
    const gone: TransferRecord[] = [];
    for (const old of this.kept) {
      if (this.kept.size <= KEPT_FINISHED) break;
      this.kept.delete(old);
      this.live.delete(old);
      // Its path stays claimed: no later transfer of the batch may write there.
      if (old.localPath !== undefined) this.claims.release(old.localPath, old.id);
      const sums = this.letGo[old.state === 'skipped' ? 'skipped' : 'done'];
      sums.count += 1;
      sums.bytes += old.bytes;
      sums.total += old.total ?? old.bytes;
      gone.push(old);
    }
    return gone;
  }

  /**
   * Counts files an earlier run of this batch finished (a batch restored from
   * its journal): as done and let go, never held.
   */
  countEarlier(files: number, bytes: number): void {
    this.files += files;
    this.counts.done += files;
    this.letGo.done.count += files;
    this.letGo.done.bytes += bytes;
    this.letGo.done.total += bytes;
  }

  /** Takes a held transfer out (clear-finished). */
  remove(record: TransferRecord): void {
    this.live.delete(record);
    this.kept.delete(record);
    this.counts[record.state] -= 1;
    this.files -= 1;
  }

  /** Forgets the finished transfers let go of (clear-finished of the whole batch); returns how many. */
  forgetLetGo(): number {
    let count = 0;
    for (const state of ['done', 'skipped'] as const) {
      count += this.letGo[state].count;
      this.counts[state] -= this.letGo[state].count;
      this.files -= this.letGo[state].count;
      this.letGo[state] = noneLetGo();
    }
    return count;
  }

  /** Bytes moved and bytes in all, over held and let-go transfers; `moving` leaves out the skipped and cancelled. */
  sums(moving = false): { bytes: number; total: number } {
    let bytes = this.letGo.done.bytes;
    let total = this.letGo.done.total;
    if (!moving) {
      bytes += this.letGo.skipped.bytes;
      total += this.letGo.skipped.total;
    }
    for (const t of this.live) {
      if (moving && (t.state === 'cancelled' || t.state === 'skipped')) continue;
      bytes += t.bytes;
      total += t.total ?? t.bytes;
    }
    return { bytes, total };
  }

  /** The value the UI gets. */
  snapshot(): BatchSnapshot {
    const sums = this.sums();
    const { bytes } = sums;
    const known = this.moreToFind() ? this.known : undefined;
    const total = Math.max(sums.total, known?.bytes ?? 0);
    const counting = this.moreToFind() && !known;
    const finished = this.isFinished();
    const rate = finished ? 0 : this.meter.rate();
    const silent = finished ? undefined : this.silentSeconds();
    const eta = finished || silent !== undefined || counting ? undefined : etaSeconds(total - bytes, rate);
    const letGo = this.letGo.done.count + this.letGo.skipped.count;
    return {
      id: this.id,
      direction: this.direction,
      title: this.title,
      profileId: this.profileId,
      bucket: this.bucket,
      conflictPolicy: this.policy,
      counts: { ...this.counts },
      files: Math.max(this.files, known?.files ?? 0),
      moreToFind: counting,
      ...(letGo > 0 && { letGo }),
      ...(this.hold && { hold: this.hold }),
      bytes,
      total,
      rate: Math.round(rate),
      ...(eta !== undefined && { etaSeconds: eta }),
      ...(silent !== undefined && { silentSeconds: silent }),
      finished,
      ...(this.limiter?.limit && { limit: this.limiter.limit }),
      ...(this.restored && { restored: { ...this.restored } }),
      createdAt: this.createdAt,
      ...(this.finishedAt && { finishedAt: this.finishedAt }),
    };
  }
}

/**
 * Totals over the batches still moving, for the taskbar and the panel header
 * (a batch that finished long ago, or failed, would otherwise make a new
 * upload read "12 MiB of 2 GiB"): counts and sums per batch, rates over the
 * running transfers, so it costs the same for 10 files as for 100,000.
 */
export function totalsOf(batches: Iterable<BatchRecord>, running: Iterable<TransferRecord>): TransferTotals {
  let active = 0;
  let queued = 0;
  let bytes = 0;
  let total = 0;
  let rate = 0;
  for (const batch of batches) {
    if (batch.isFinished()) continue;
    active += batch.counts.running + batch.counts.verifying;
    queued += batch.counts.queued;
    const sums = batch.sums(true);
    bytes += sums.bytes;
    total += batch.moreToFind() && batch.known ? Math.max(sums.total, batch.known.bytes) : sums.total;
  }
  for (const t of running) if (!t.batch.isFinished()) rate += t.rate();
  const eta = active ? etaSeconds(total - bytes, rate) : undefined;
  return { active, queued, bytes, total, rate: Math.round(rate), ...(eta !== undefined && { etaSeconds: eta }) };
}
