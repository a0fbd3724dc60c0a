import { describe, expect, it } from 'vitest';
import { addSample, graphPoints, graphScale, graphSpanMs } from './throughput';

const KiB = 1024;
const MiB = 1024 * KiB;

describe('the throughput graph', () => {
  it('keep a minute, one sample per 250 ms', () => {
    let samples = addSample([], { at: 1000, rate: 1 });
    samples = addSample(samples, { at: 1100, rate: 2 });
    expect(samples).toEqual([{ at: 1000, rate: 2 }]);
    samples = addSample(samples, { at: 1500, rate: 3 });
    samples = addSample(samples, { at: 61_000, rate: 4 });
    expect(samples).toEqual([
      { at: 1500, rate: 3 },
      { at: 61_000, rate: 4 },
    ]);
  });

  it('draw time across what the samples cover (10 s to a minute), rate up to the peak', () => {
    expect(graphPoints([], 100, 10)).toBe('');
    expect(
      graphPoints(
        [
          { at: 0, rate: 5 },
          { at: 30_000, rate: 10 },
          { at: 60_000, rate: 0 },
        ],
        100,
        10,
      ),
    ).toBe('0,5 50,0 100,10');
    expect(
      graphPoints(
        [
          { at: 0, rate: 5 },
          { at: 20_000, rate: 10 },
        ],
        100,
        10,
      ),
    ).toBe('0,5 100,0');
    expect(
      graphPoints(
        [
          { at: 0, rate: 10 },
          { at: 2_000, rate: 10 },
        ],
        100,
        10,
      ),
    ).toBe('80,0 100,0');
  });

  it('span what the samples cover, 10 s to a minute', () => {
    expect(graphSpanMs([])).toBe(10_000);
    expect(
      graphSpanMs([
        { at: 0, rate: 1 },
        { at: 25_000, rate: 1 },
      ]),
    ).toBe(25_000);
    expect(
      graphSpanMs([
        { at: 0, rate: 1 },
        { at: 90_000, rate: 1 },
      ]),
    ).toBe(60_000);
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
    expect(
      graphPoints(
        [
          { at: 0, rate: 5 },
          { at: 10_000, rate: 10 },
        ],
        100,
        10,
        20,
      ),
    ).toBe('0,7.5 100,5');
  });
});
