import { describe, expect, it } from 'vitest';
import { addSample, graphPoints, graphScale, graphSpanMs, type RateSample } from './throughput';

const KiB = 1024;
const MiB = 1024 * KiB;
/** Samples from [milliseconds, rate] pairs. */
const samples = (...pairs: [number, number][]): RateSample[] => pairs.map(([at, rate]) => ({ at, rate }));

describe('the throughput graph', () => {
  it('keep a minute, one sample per 250 ms', () => {
    let kept = addSample([], { at: 1000, rate: 1 });
    kept = addSample(kept, { at: 1100, rate: 2 });
    expect(kept).toEqual(samples([1000, 2]));
    kept = addSample(kept, { at: 1500, rate: 3 });
    kept = addSample(kept, { at: 61_000, rate: 4 });
    expect(kept).toEqual(samples([1500, 3], [61_000, 4]));
  });

  it('draw time across what the samples cover (10 s to a minute), rate up to the peak', () => {
    expect(graphPoints([], 100, 10)).toBe('');
    expect(graphPoints(samples([0, 5], [30_000, 10], [60_000, 0]), 100, 10)).toBe('0,5 50,0 100,10');
    expect(graphPoints(samples([0, 5], [20_000, 10]), 100, 10)).toBe('0,5 100,0');
    expect(graphPoints(samples([0, 10], [2_000, 10]), 100, 10)).toBe('80,0 100,0');
  });

  it('span what the samples cover, 10 s to a minute', () => {
    expect(graphSpanMs([])).toBe(10_000);
    expect(graphSpanMs(samples([0, 1], [25_000, 1]))).toBe(25_000);
    expect(graphSpanMs(samples([0, 1], [90_000, 1]))).toBe(60_000);
  });

  it("scale the rate axis to a round top in the peak's unit", () => {
    expect(graphScale(0)).toBe(KiB);
    expect(graphScale(700)).toBe(KiB);
    expect(graphScale(3.2 * KiB)).toBe(5 * KiB);
    expect(graphScale(1.73 * MiB)).toBe(2 * MiB);
    expect(graphScale(120 * MiB)).toBe(200 * MiB);
    expect(graphScale(999 * KiB)).toBe(1 * MiB);
    expect(graphScale(2 * MiB)).toBe(2 * MiB);
  });

  it('draw the line against the axis top', () => {
    expect(graphPoints(samples([0, 5], [10_000, 10]), 100, 10, 20)).toBe('0,7.5 100,5');
  });
});
