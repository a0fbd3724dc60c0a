import { describe, expect, it } from 'vitest';
import { MAX_PRESIGN_SECONDS } from '../../shared/sharing';
import { expirySeconds, formatExpiry, timeUntil } from './link-expiry';

describe('expirySeconds', () => {
  it('takes a preset as it is', () => {
    expect(expirySeconds({ preset: 900, amount: '', unit: 'hours' })).toEqual({ ok: true, seconds: 900 });
  });

  it('multiplies a custom number by its unit', () => {
    expect(expirySeconds({ preset: 'custom', amount: '90', unit: 'minutes' })).toEqual({ ok: true, seconds: 5400 });
    expect(expirySeconds({ preset: 'custom', amount: ' 3 ', unit: 'days' })).toEqual({ ok: true, seconds: 3 * 86400 });
  });

  it('leaves a too long expiry to the main process, which refuses it in its own words', () => {
    expect(expirySeconds({ preset: 'custom', amount: '8', unit: 'days' })).toEqual({ ok: true, seconds: MAX_PRESIGN_SECONDS + 86400 });
  });

  it('refuses what is not a whole number of at least 1', () => {
    for (const amount of ['', '0', '-2', '1.5', 'two']) {
      expect(expirySeconds({ preset: 'custom', amount, unit: 'hours' }).ok).toBe(false);
    }
  });
});

describe('timeUntil', () => {
  it('reads as a rounded duration', () => {
    expect(timeUntil(15 * 60_000)).toBe('in 15 minutes');
    expect(timeUntil(3600_000)).toBe('in 1 hour');
    expect(timeUntil(3600_000 + 60_000)).toBe('in 1 hour and 1 minute');
    expect(timeUntil(7 * 86400_000)).toBe('in 7 days');
    expect(timeUntil(26 * 3600_000)).toBe('in 1 day and 2 hours');
    expect(timeUntil(10_000)).toBe('in less than a minute');
    expect(timeUntil(-1)).toBe('already passed');
  });
});

describe('formatExpiry', () => {
  it('shows the exact moment with its time zone', () => {
    expect(formatExpiry('2025-03-04T14:05:09Z', 'en-GB', 'UTC')).toMatch(/^Tuesday,? 4 March 2025 at 14:05:09 UTC$/);
  });

  it('shows what it cannot read as it came', () => {
    expect(formatExpiry('soon')).toBe('soon');
  });
});
