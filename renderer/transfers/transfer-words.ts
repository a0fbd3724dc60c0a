import type { BatchSnapshot, TransferDirection, TransferSnapshot, TransferState, TransferTotals } from '../../shared/transfers';
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

/** Bytes per second: "5.1 MiB/s" ("0 B/s" when still). */
export function formatRate(bytesPerSecond: number): string {
  return `${formatSize(Math.max(0, Math.round(bytesPerSecond)))}/s`;
}

/** Time left: "8 s left", "2 min 5 s left", "1 h 4 min left". */
export function formatEta(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 60) return `${s} s left`;
  if (s < 3600) {
    const rest = s % 60;
    return `${Math.floor(s / 60)} min${rest ? ` ${rest} s` : ''} left`;
  }
  const minutes = Math.floor((s % 3600) / 60);
  return `${Math.floor(s / 3600)} h${minutes ? ` ${minutes} min` : ''} left`;
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

/** "3 of 12 files done · 1 failed · 2 paused". */
export function batchSummary(batch: BatchSnapshot): string {
  const c = batch.counts;
  const parts = [`${formatCount(c.done)} of ${countOf(batch.files, 'file')} done`];
  if (c.skipped) parts.push(`${formatCount(c.skipped)} skipped`);
  if (c.failed) parts.push(`${formatCount(c.failed)} failed`);
  if (c.cancelled) parts.push(`${formatCount(c.cancelled)} cancelled`);
  if (c.paused) parts.push(`${formatCount(c.paused)} paused`);
  if (c.conflict) parts.push(`${formatCount(c.conflict)} waiting for an answer`);
  const moving = c.running + c.verifying > 0;
  if (!batch.finished && batch.total > 0) parts.push(bytesText(batch.bytes, batch.total));
  if (batch.silentSeconds !== undefined) return [...parts, silenceText(batch.silentSeconds)].join(' · ');
  if (moving && batch.rate > 0) parts.push(formatRate(batch.rate));
  if (moving && batch.etaSeconds !== undefined && batch.rate > 0) parts.push(formatEta(batch.etaSeconds));
  return parts.join(' · ');
}

/** "The server has not answered for 12 s": what a stalled transfer shows instead of a rate and a time left. */
export function silenceText(seconds: number): string {
  return `the server has not answered for ${formatCount(seconds)} s`;
}

/** The panel header: "2 moving, 5 queued · 12 MiB of 40 MiB · 5.1 MiB/s · 8 s left", or what is left. */
export function totalsSummary(totals: TransferTotals, unfinished: number, all: number): string {
  if (all === 0) return 'Nothing to transfer';
  if (unfinished === 0) return `${countOf(all, 'transfer')} finished`;
  const parts: string[] = [];
  const waiting = unfinished - totals.active - totals.queued;
  const states = [
    totals.active && `${formatCount(totals.active)} moving`,
    totals.queued && `${formatCount(totals.queued)} queued`,
    waiting > 0 && `${formatCount(waiting)} waiting`,
  ];
  parts.push(states.filter(Boolean).join(', '));
  if (totals.total > 0) parts.push(bytesText(totals.bytes, totals.total));
  if (totals.active) parts.push(formatRate(totals.rate));
  if (totals.etaSeconds !== undefined && totals.active) parts.push(formatEta(totals.etaSeconds));
  return parts.filter(Boolean).join(' · ');
}

// Which transfers of a big batch the panel lists first: those that need the user, then those moving.
const SHOW_ORDER: Record<TransferState, number> = { conflict: 0, failed: 1, running: 2, verifying: 2, paused: 3, queued: 4, cancelled: 5, skipped: 6, done: 7 };

/**
 * The transfers of a batch the panel lists (at most `limit`): by what needs
 * attention (conflicts, failures), then what moves, then what waits, then
 * what finished; in arrival order within each.
 */
export function visibleTransfers(ids: readonly string[], stateOf: (id: string) => TransferState | undefined, limit: number): string[] {
  if (ids.length <= limit) return ids.slice();
  const ranked = ids.map((id, index) => ({ id, index, rank: SHOW_ORDER[stateOf(id) ?? 'done'] }));
  ranked.sort((a, b) => a.rank - b.rank || a.index - b.index);
  return ranked.slice(0, limit).map((r) => r.id);
}

/** A sample of the overall rate, for the throughput graph. */
export interface RateSample {
  /** Milliseconds (Date.now()). */
  at: number;
  rate: number;
}

/** The graph keeps this much history. */
export const GRAPH_WINDOW_MS = 60_000;

/** Adds a sample and drops those older than the window (one per 250 ms at most: a later one replaces it). */
export function addSample(samples: readonly RateSample[], sample: RateSample, windowMs = GRAPH_WINDOW_MS): RateSample[] {
  const kept = samples.filter((s) => s.at > sample.at - windowMs);
  const last = kept[kept.length - 1];
  if (last && sample.at - last.at < 250) kept[kept.length - 1] = { at: last.at, rate: sample.rate };
  else kept.push(sample);
  return kept;
}

/** The graph never spans less than this, so the first seconds do not fill it with one jump. */
export const GRAPH_MIN_SPAN_MS = 10_000;

/**
 * The graph's line as SVG points ("x,y x,y …") in a width × height box: time
 * runs over what the samples cover (10 s to a minute) ending at the last one,
 * rate from 0 (bottom) to the peak (top).
 */
export function graphPoints(samples: readonly RateSample[], width: number, height: number): string {
  if (samples.length === 0) return '';
  const end = samples[samples.length - 1].at;
  const windowMs = Math.min(GRAPH_WINDOW_MS, Math.max(GRAPH_MIN_SPAN_MS, end - samples[0].at));
  const peak = Math.max(1, ...samples.map((s) => s.rate));
  const round = (n: number) => Math.round(n * 10) / 10;
  return samples
    .map((s) => {
      const x = Math.max(0, width - ((end - s.at) / windowMs) * width);
      const y = height - (s.rate / peak) * height;
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
}
