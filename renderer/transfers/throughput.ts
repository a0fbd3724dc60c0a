/** The throughput graph's samples, its scales and its line (pure, so the graph is tested without a page). */

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

/** The time the graph spans, in milliseconds: what the samples cover, from 10 s to a minute. */
export function graphSpanMs(samples: readonly RateSample[]): number {
  if (samples.length === 0) return GRAPH_MIN_SPAN_MS;
  const covered = samples[samples.length - 1].at - samples[0].at;
  return Math.min(GRAPH_WINDOW_MS, Math.max(GRAPH_MIN_SPAN_MS, covered));
}

// The steps of the rate axis, in one binary unit (KiB/s, MiB/s…): a top tick reads "2 MiB/s", not "1.73 MiB/s".
const NICE_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500];

/**
 * The top of the rate axis in bytes per second: the peak rounded up to 1, 2
 * or 5 times a power of ten in the peak's binary unit (1,000 KiB/s becomes
 * 1 MiB/s); 1 KiB/s at least, so a still graph still has a scale.
 */
export function graphScale(peak: number): number {
  let unit = 1;
  while (peak / unit >= 1000 && unit < 1024 ** 5) unit *= 1024;
  const value = Math.max(peak, 1024) / unit;
  const step = NICE_STEPS.find((n) => n >= value - 1e-9);
  return step === undefined ? unit * 1024 : step * unit;
}

/**
 * The graph's line as SVG points ("x,y x,y …") in a width × height box: time
 * runs over {@link graphSpanMs} ending at the last sample, rate from 0
 * (bottom) to `top` (by default the peak).
 */
export function graphPoints(samples: readonly RateSample[], width: number, height: number, top?: number): string {
  if (samples.length === 0) return '';
  const end = samples[samples.length - 1].at;
  const windowMs = graphSpanMs(samples);
  const peak = top ?? Math.max(1, ...samples.map((s) => s.rate));
  const round = (n: number) => Math.round(n * 10) / 10;
  return samples
    .map((s) => {
      const x = Math.max(0, width - ((end - s.at) / windowMs) * width);
      const y = height - (Math.min(s.rate, peak) / peak) * height;
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
}
