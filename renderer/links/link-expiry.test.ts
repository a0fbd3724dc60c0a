import { describe, expect, it } from 'vitest';
import { MAX_PRESIGN_SECONDS, presignExpiryProblem } from '../../shared/sharing';
import { expirySeconds, formatExpiry, timeUntil } from './link-expiry';

describe('expirySeconds', () => {
  it('takes a preset as it is', () => {
    expect(expirySeconds({ preset: 900, amount: '', unit: 'hours' })).toEqual({ ok: true, seconds: 900 });
  });

  it('multiplies a custom number by its unit', () => {
    expect(expirySeconds({ preset: 'custom', amount: '90', unit: 'minutes' })).toEqual({ ok: true, seconds: 5400 });
    expect(expirySeconds({ preset: 'custom', amount: ' 3 ', unit: 'days' })).toEqual({ ok: true, seconds: 3 * 86400 });
  });

  it('refuses more than 7 days, naming the limit in the unit typed, as the shared rule does', () => {
    expect(presignExpiryProblem(604_801)).toBe('A signed link lives at most 7 days (604,800 seconds): SigV4 refuses longer ones.');
    expect(presignExpiryProblem(604_800)).toBeUndefined();
    expect(expirySeconds({ preset: 'custom', amount: '8', unit: 'days' })).toEqual({
      ok: false,
      problem: 'A signed link lives at most 7 days: SigV4 refuses longer ones.',
    });
    expect(expirySeconds({ preset: 'custom', amount: '169', unit: 'hours' })).toEqual({
      ok: false,
      problem: 'A signed link lives at most 7 days (168 hours): SigV4 refuses longer ones.',
    });
    expect(expirySeconds({ preset: 'custom', amount: '10081', unit: 'minutes' })).toMatchObject({
      ok: false,
      problem: expect.stringContaining('(10,080 minutes)'),
    });
    // The limit itself is fine.
    expect(expirySeconds({ preset: 'custom', amount: '7', unit: 'days' })).toEqual({ ok: true, seconds: MAX_PRESIGN_SECONDS });
    expect(expirySeconds({ preset: 'custom', amount: '168', unit: 'hours' })).toEqual({ ok: true, seconds: MAX_PRESIGN_SECONDS });
  });

  it('refuses zero, saying the minimum of the shared rule (the one the CLI and the contract use)', () => {
    for (const unit of ['minutes', 'hours', 'days'] as const) {
      expect(expirySeconds({ preset: 'custom', amount: '0', unit })).toEqual({
        ok: false,
        problem: 'A signed link must live at least 1 second: enter 1 or more.',
      });
    }
    expect(presignExpiryProblem(0)).toBe('A signed link must live at least 1 second.');
    expect(expirySeconds({ preset: 'custom', amount: '1', unit: 'minutes' })).toEqual({ ok: true, seconds: 60 });
  });

  it('refuses what is not a whole number', () => {
    for (const amount of ['', '-2', '1.5', 'two']) {
      expect(expirySeconds({ preset: 'custom', amount, unit: 'hours' })).toEqual({ ok: false, problem: 'Enter a whole number, like 2.' });
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
