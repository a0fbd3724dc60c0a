import { describe, expect, it } from 'vitest';
import { formatBytes, formatRate } from './format';

describe("the CLI's sizes", () => {
  it('keep one decimal below ten units and none above, in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1.0 KiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(9.5 * 1024 ** 2)).toBe('9.5 MiB');
    expect(formatBytes(15.5 * 1024 ** 2)).toBe('16 MiB');
  });

  it('never print 1024 of a unit: just under a MiB is 1.0 MiB', () => {
    expect(formatBytes(1024 ** 2 - 100)).toBe('1.0 MiB');
    expect(formatBytes(1024 ** 4 - 2 ** 20)).toBe('1.0 TiB');
  });

  it('print rates below 1 KiB/s in whole bytes, and never "1024 B/s"', () => {
    expect(formatRate(455.78851412944397)).toBe('456 B/s');
    expect(formatRate(0)).toBe('0 B/s');
    expect(formatRate(1023.7)).toBe('1.0 KiB/s');
    expect(formatRate(1.5 * 1024 ** 2)).toBe('1.5 MiB/s');
  });
});
