import { formatRate } from '../../shared/sizes';
import {
  isFinished,
  stateCounts,
  TRANSFER_STATES,
  type BatchSnapshot,
  type TransferDirection,
  type TransferSnapshot,
  type TransferState,
  type TransferTotals,
} from '../../shared/transfers';
import { countOf, formatCount, formatSize } from '../common/format';

/** How the transfer panel words states, rates, times and progress. */

const MOVING: Record<TransferDirection, string> = { upload: 'Uploading', download: 'Downloading', import: 'Importing' };

const STATE_WORDS: Record<Exclude<TransferState, 'running'>, string> = {
  queued: 'Queued',
  paused: 'Paused',
  conflict: 'Already exists',
  verifying: 'Verifying',
  done: 'Done',
  skipped: 'Skipped',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** A transfer's state in one word or two ("Uploading", "Paused", "Already exists"). */
export function stateWord(transfer: Pick<TransferSnapshot, 'state' | 'direction'>): string {
  return transfer.state === 'running' ? MOVING[transfer.direction] : STATE_WORDS[transfer.state];
}

/**
 * A span of time: "0.4 s" and "3.2 s" (a tenth below 10 s), "42 s",
 * "2 min 5 s", "1 h 4 min".
 */
export function formatDuration(seconds: number): string {
  const at = Math.max(0, seconds);
  if (at < 10) return `${Number(at.toFixed(1))} s`;
  const s = Math.round(at);
  if (s < 60) return `${s} s`;
  if (s < 3600) {
    const rest = s % 60;
    return `${Math.floor(s / 60)} min${rest ? ` ${rest} s` : ''}`;
  }
  const minutes = Math.floor((s % 3600) / 60);
  return `${Math.floor(s / 3600)} h${minutes ? ` ${minutes} min` : ''}`;
}

/** Time left, in whole seconds rounded up: "8 s left", "2 min 5 s left", "1 h 4 min left". */
export function formatEta(seconds: number): string {
  return `${formatDuration(Math.ceil(seconds))} left`;
}

/** "12 MiB of 40 MiB" (or "12 MiB" while the size is not known). */
export function bytesText(bytes: number, total: number | undefined): string {
  return total !== undefined ? `${formatSize(bytes)} of ${formatSize(total)}` : formatSize(bytes);
}

/** "12 MiB of 40 MiB · 5.1 MiB/s · 8 s left" while moving; the size, and what else matters, otherwise. */
export function transferDetail(t: TransferSnapshot): string {
  const parts: string[] = [];
  if (t.state === 'done') parts.push(formatSize(t.total ?? t.bytes));
  else parts.push(bytesText(t.bytes, t.total));
  if (t.state === 'running' && t.silentSeconds !== undefined) parts.push(silenceText(t.silentSeconds));
  else if (t.state === 'running') {
    parts.push(formatRate(t.rate));
    if (t.etaSeconds !== undefined) parts.push(formatEta(t.etaSeconds));
  }
  // A streamed upload learns its part count as it goes: "4 of 4" would read as finished.
  if (t.parts && t.parts.total > 1 && t.state !== 'done') {
    parts.push(
      t.parts.done < t.parts.total ? `${formatCount(t.parts.done)} of ${formatCount(t.parts.total)} parts done` : `${formatCount(t.parts.done)} parts done`,
    );
  }
  if (t.retries > 0) parts.push(countOf(t.retries, 'retry', 'retries'));
  if (t.limit && !isFinished(t.state)) parts.push(`limited to ${formatRate(t.limit)}`);
  return parts.join(' · ');
}

/** The share done, 0–100, or undefined when the size is not known. */
export function percentOf(bytes: number, total: number | undefined): number | undefined {
  if (total === undefined) return undefined;
  if (total === 0) return bytes > 0 ? 100 : 0;
  return Math.min(100, (bytes / total) * 100);
}

/** Transfers of a batch that will still move: queued, running, paused, waiting for an answer, verifying. */
export function unfinishedCount(counts: Record<TransferState, number>): number {
  return counts.queued + counts.running + counts.paused + counts.conflict + counts.verifying;
}

/**
 * What still has to move, and why it waits: "8 remaining (2 paused, 1 waiting
 * for an answer)". Failed transfers are not in it: they wait for Retry.
 */
function remainingText(c: Record<TransferState, number>): string {
  const why = [c.paused && `${formatCount(c.paused)} paused`, c.conflict && `${formatCount(c.conflict)} waiting for an answer`].filter(Boolean);
  return `${formatCount(unfinishedCount(c))} remaining${why.length ? ` (${why.join(', ')})` : ''}`;
}

/** How long a finished batch took, when its times are known. */
function batchSeconds(batch: BatchSnapshot): number | undefined {
  if (!batch.finishedAt) return undefined;
  const ms = Date.parse(batch.finishedAt) - Date.parse(batch.createdAt);
  return Number.isFinite(ms) ? ms / 1000 : undefined;
}

/**
 * A finished batch in one line: "Finished: 12 files, 48 MiB in 3 s", or, when
 * some failed, "Finished with 2 failures: 10 of 12 files done"; skipped and
 * cancelled files are counted after it.
 */
export function finishedSummary(batch: BatchSnapshot): string {
  const c = batch.counts;
  const seconds = batchSeconds(batch);
  const head = c.failed
    ? `Finished with ${countOf(c.failed, 'failure')}: ${formatCount(c.done)} of ${countOf(batch.files, 'file')} done`
    : `Finished: ${countOf(c.done, 'file')}, ${formatSize(batch.bytes)}${seconds !== undefined ? ` in ${formatDuration(seconds)}` : ''}`;
  const parts = [head];
  if (c.skipped) parts.push(`${formatCount(c.skipped)} skipped`);
  if (c.cancelled) parts.push(`${formatCount(c.cancelled)} cancelled`);
  // Cancelled before all its files were taken up: those never started (counted when the batch knew its size, as a drop does).
  const notStarted = batch.files - (c.done + c.skipped + c.failed + c.cancelled);
  if (batch.moreToFind) parts.push('the rest not started');
  else if (notStarted > 0) parts.push(`${formatCount(notStarted)} not started`);
  return parts.join(' · ');
}

/** "12 files" once a batch's files are all found; "12 files found so far" while its folder is walked or its listing read. */
function filesText(batch: BatchSnapshot): string {
  return `${countOf(batch.files, 'file')}${batch.moreToFind ? ' found so far' : ''}`;
}

/**
 * A batch in one line. Moving: "3 of 12 files done · 1 failed · 8 remaining
 * (2 paused) · 1 MiB of 4 MiB · 1 MiB/s · 3 s left" (done, failed and
 * remaining counted apart); paused as a whole: "… · paused · …", or "… ·
 * pausing: 3 files finishing · …" while those in flight end; finished:
 * {@link finishedSummary}.
 */
export function batchSummary(batch: BatchSnapshot): string {
  if (batch.finished) return finishedSummary(batch);
  const c = batch.counts;
  const parts = [`${formatCount(c.done)} of ${filesText(batch)} done`];
  if (c.skipped) parts.push(`${formatCount(c.skipped)} skipped`);
  if (c.failed) parts.push(`${formatCount(c.failed)} failed`);
  if (c.cancelled) parts.push(`${formatCount(c.cancelled)} cancelled`);
  // Paused before any of the rest was found (a batch brought back after a restart): nothing is "remaining" yet to count.
  const restFound = unfinishedCount(c) > 0 || !batch.moreToFind;
  const remaining = restFound ? remainingText(c) : 'the rest is found when resumed';
  const moving = c.running + c.verifying > 0;
  // Paused, a batch still finishes what is in flight: "paused" only once nothing moves, so its count stands still.
  const held = moving ? `pausing: ${countOf(c.running + c.verifying, 'file')} finishing` : 'paused';
  parts.push(batch.hold === 'paused' ? `${held} · ${remaining}` : remaining);
  if (batch.restored) parts.push(restoredText(batch.restored.retry));
  if (batch.total > 0) parts.push(bytesText(batch.bytes, batch.total));
  if (batch.silentSeconds !== undefined) return [...parts, silenceText(batch.silentSeconds)].join(' · ');
  if (moving && batch.rate > 0) parts.push(formatRate(batch.rate));
  if (moving && batch.etaSeconds !== undefined && batch.rate > 0) parts.push(formatEta(batch.etaSeconds));
  if (batch.limit) parts.push(`limited to ${formatRate(batch.limit)}`);
  return parts.join(' · ');
}

/** What a batch brought back after a restart says: it goes on where it was, and what it tries again. */
export function restoredText(retry: number): string {
  const again = retry > 0 ? `; ${countOf(retry, 'file')} that failed or stopped will be tried again` : '';
  return `Pail was closed before it ended: it goes on from the files already done${again}`;
}

/** "The server has not answered for 12 s": what a stalled transfer shows instead of a rate and a time left. */
export function silenceText(seconds: number): string {
  return `the server has not answered for ${formatCount(seconds)} s`;
}

/** What the user can do to a whole batch (its buttons, in this order). */
export type BatchAction = 'Pause all' | 'Resume all' | 'Retry failed' | 'Limit speed…' | 'Cancel all' | 'Clear finished' | 'Clear';

/**
 * The buttons a batch offers: a batch of one file has its row's only, but
 * Clear once finished. A batch paused before its rest was found (one brought
 * back after a restart) holds no transfer yet, and still offers Resume and Cancel.
 */
export function batchActions(batch: BatchSnapshot): BatchAction[] {
  const c = batch.counts;
  const several = batch.files > 1;
  const left = unfinishedCount(c);
  const findsMore = !!batch.moreToFind && !batch.hold;
  const cancellable = left > 0 || (!!batch.moreToFind && batch.hold !== 'cancelled');
  const shown: [BatchAction, boolean][] = [
    ['Pause all', several && (c.queued + c.running > 0 || findsMore) && batch.hold !== 'paused'],
    ['Resume all', several && (c.paused > 0 || batch.hold === 'paused')],
    ['Retry failed', several && (c.failed + c.cancelled > 0 || batch.hold === 'cancelled')],
    ['Limit speed…', several && left > 0],
    ['Cancel all', several && cancellable],
    ['Clear finished', several && (left > 0 || !batch.finished) && left < batch.files],
    ['Clear', batch.finished],
  ];
  return shown.filter(([, on]) => on).map(([action]) => action);
}

/**
 * The panel header, over the batches still moving only (totals from the
 * engine cover just those): "2 moving, 5 queued, 1 waiting · 3 done · 1 failed
 * · 12 MiB of 40 MiB · 5.1 MiB/s · 8 s left". With nothing moving: "All
 * finished", or "Finished with 2 failures" while failed ones are listed.
 */
export function totalsSummary(totals: TransferTotals, batches: readonly BatchSnapshot[]): string {
  if (batches.length === 0) return 'Nothing to transfer';
  const current = batches.filter((b) => !b.finished);
  if (current.length === 0) {
    const failed = batches.reduce((sum, b) => sum + b.counts.failed, 0);
    return failed ? `Finished with ${countOf(failed, 'failure')}` : 'All finished';
  }
  const c = stateCounts();
  for (const b of current) for (const state of TRANSFER_STATES) c[state] += b.counts[state];
  const waiting = unfinishedCount(c) - totals.active - totals.queued;
  const states = [
    totals.active && `${formatCount(totals.active)} moving`,
    totals.queued && `${formatCount(totals.queued)} queued`,
    waiting > 0 && `${formatCount(waiting)} waiting`,
  ];
  const parts = [states.filter(Boolean).join(', '), `${formatCount(c.done)} done`];
  if (c.failed) parts.push(`${formatCount(c.failed)} failed`);
  if (totals.total > 0) parts.push(bytesText(totals.bytes, totals.total));
  if (totals.active) parts.push(formatRate(totals.rate));
  if (totals.etaSeconds !== undefined && totals.active) parts.push(formatEta(totals.etaSeconds));
  return parts.filter(Boolean).join(' · ');
}

// Which transfers of a big batch the panel lists first: those that need the user, then those moving.
const SHOW_ORDER: Record<TransferState, number> = { conflict: 0, failed: 1, running: 2, verifying: 2, paused: 3, queued: 4, cancelled: 5, skipped: 6, done: 7 };

/**
 * The transfers of a batch in the order the panel lists them: in arrival
 * order while there are at most `sortAbove` (rows stay where they are), else
 * by what needs attention (conflicts, failures), then what moves, then what
 * waits, then what finished; in arrival order within each.
 */
export function visibleTransfers(ids: readonly string[], stateOf: (id: string) => TransferState | undefined, sortAbove: number): string[] {
  if (ids.length <= sortAbove) return ids.slice();
  const ranked = ids.map((id, index) => ({ id, index, rank: SHOW_ORDER[stateOf(id) ?? 'done'] }));
  ranked.sort((a, b) => a.rank - b.rank || a.index - b.index);
  return ranked.map((r) => r.id);
}

/**
 * Transfers of a batch the panel has no row for: the finished ones a big
 * batch let go of (the engine keeps them as counts), "12,000 finished files
 * not listed".
 */
export function unlistedText(batch: BatchSnapshot): string | undefined {
  return batch.letGo ? `${countOf(batch.letGo, 'finished file')} not listed (counted above).` : undefined;
}
