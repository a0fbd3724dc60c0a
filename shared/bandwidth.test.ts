import { describe, expect, it } from 'vitest';
import { limitsText, limitText, parseBandwidthLimits, parseRate, transferLimitRequestSchema } from './bandwidth';

const KiB = 1024;
const MiB = 1024 * 1024;
const ID = '6f1c2a4e-8b7d-4c3e-9a2f-1d5e6b7c8a90';

describe('parseRate', () => {
  it("reads rclone's --bwlimit rates: a bare number is KiB/s, K M G are binary, with or without B, iB and /s", () => {
    expect(parseRate('512')).toBe(512 * KiB);
    expect(parseRate('512K')).toBe(512 * KiB);
    expect(parseRate('1.5M')).toBe(1.5 * MiB);
    expect(parseRate('10MiB')).toBe(10 * MiB);
    expect(parseRate('2 MB/s')).toBe(2 * MiB);
    expect(parseRate('1g')).toBe(1024 * MiB);
    expect(parseRate('65536b')).toBe(64 * KiB);
  });

  it('reads off, none and 0 as no limit', () => {
    expect(parseRate('off')).toBeNull();
    expect(parseRate('None')).toBeNull();
    expect(parseRate('0')).toBeNull();
  });

  it('refuses what is not a rate, and rates too low or too high, in words', () => {
    expect(() => parseRate('fast')).toThrow(/"fast" is not a rate: write it like 512K, 1\.5M or 10MiB/);
    expect(() => parseRate('-1M')).toThrow(/is not a rate/);
    expect(() => parseRate('1M:2M')).toThrow(/is not a rate/);
    expect(() => parseRate('8K')).toThrow(/below the lowest limit, 16 KiB\/s/);
    expect(() => parseRate('20G')).toThrow(/above the highest limit, 10 GiB\/s; write "off"/);
  });
});

describe('parseBandwidthLimits', () => {
  it('takes one rate for both ways, or UPLOAD:DOWNLOAD with an empty or off side for none', () => {
    expect(parseBandwidthLimits('1M')).toEqual({ upload: MiB, download: MiB });
    expect(parseBandwidthLimits('1M:10M')).toEqual({ upload: MiB, download: 10 * MiB });
    expect(parseBandwidthLimits(':10M')).toEqual({ upload: null, download: 10 * MiB });
    expect(parseBandwidthLimits('1M:off')).toEqual({ upload: MiB, download: null });
    expect(() => parseBandwidthLimits('1M:2M:3M')).toThrow(/more than two sides/);
  });
});

describe('limit words', () => {
  it('say the limits as the panel shows them', () => {
    expect(limitText(null)).toBe('No limit');
    expect(limitText(1.5 * MiB)).toBe('1.5 MiB/s');
    expect(limitsText({ upload: null, download: null })).toBe('No speed limit');
    expect(limitsText({ upload: MiB, download: null })).toBe('Up 1 MiB/s, down no limit');
  });
});

describe('transferLimitRequestSchema', () => {
  it('takes a batch or transfers, a limit in range or null, and nothing else', () => {
    expect(transferLimitRequestSchema.safeParse({ selection: { batchId: ID }, limit: MiB }).success).toBe(true);
    expect(transferLimitRequestSchema.safeParse({ selection: { ids: [ID] }, limit: null }).success).toBe(true);
    expect(transferLimitRequestSchema.safeParse({ selection: {}, limit: MiB }).success).toBe(false);
    expect(transferLimitRequestSchema.safeParse({ selection: { batchId: ID }, limit: 100 }).success).toBe(false);
    expect(transferLimitRequestSchema.safeParse({ selection: { batchId: ID }, limit: 1.5 }).success).toBe(false);
    expect(transferLimitRequestSchema.safeParse({ selection: { batchId: ID }, limit: MiB, extra: 1 }).success).toBe(false);
  });
});
