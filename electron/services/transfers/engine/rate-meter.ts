import { SILENCE_NOTICE_MS } from '../../../../shared/timeouts';

/** How far back the rate looks: long enough to be steady, short enough to follow a change. */
const WINDOW_MS = 5_000;
/** Below this much history the rate is too jumpy to show. */
const MIN_SPAN_MS = 500;
/** Samples further apart than this mean sampling stopped (nothing ran) in between. */
const SAMPLE_GAP_MS = 1_000;

/**
 * Bytes per second over a sliding window: samples of a running byte count,
 * the oldest dropped once they fall out of the window. One per transfer and
 * one per batch; the clock is injected for tests.
 */
export class RateMeter {
  private readonly samples: { at: number; bytes: number }[] = [];
  /** When the byte count last changed (or sampling began again after a gap). */
  private movedAt?: number;
  private recordedAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Records the running total of bytes moved (sampled every tenth of a second while something runs). */
  record(bytes: number): void {
    const at = this.now();
    const last = this.samples.at(-1);
    // A gap in the samples means nothing ran meanwhile: silence counts from now, not from before the gap.
    if (this.movedAt === undefined || bytes !== last?.bytes || at - this.recordedAt > SAMPLE_GAP_MS) this.movedAt = at;
    this.recordedAt = at;
    // One sample per 100 ms is plenty; replacing keeps the array short under many small updates.
    if (last && at - last.at < 100 && this.samples.length > 1) last.bytes = bytes;
    else this.samples.push({ at, bytes });
    while (this.samples.length > 2 && at - this.samples[1].at > WINDOW_MS) this.samples.shift();
  }

  /** Bytes per second, 0 until there is enough history or when nothing moved for a whole window. */
  rate(): number {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last) return 0;
    const now = this.now();
    if (now - last.at > WINDOW_MS) return 0;
    const span = Math.max(now, last.at) - first.at;
    if (span < MIN_SPAN_MS) return 0;
    return Math.max(0, ((last.bytes - first.bytes) * 1000) / span);
  }

  /** Milliseconds since the byte count last changed while sampled; 0 before the first sample. */
  silentMs(): number {
    return this.movedAt === undefined ? 0 : Math.max(0, this.now() - this.movedAt);
  }

  /** Forgets the history (after a pause, so the rate does not average in the idle time). */
  reset(): void {
    this.samples.length = 0;
    this.movedAt = undefined;
  }
}

/** Whole seconds of silence worth telling the user about (from SILENCE_NOTICE_MS on), else undefined. */
export function noticedSilence(silentMs: number): number | undefined {
  return silentMs >= SILENCE_NOTICE_MS ? Math.floor(silentMs / 1000) : undefined;
}

/** Seconds left for `remaining` bytes at `rate`, or undefined when it cannot be told. */
export function etaSeconds(remaining: number, rate: number): number | undefined {
  if (remaining <= 0) return 0;
  if (rate <= 0) return undefined;
  return Math.ceil(remaining / rate);
}
