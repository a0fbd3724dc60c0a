import { describe, expect, it } from 'vitest';
import type { TransferTotals } from '../../shared/transfers';
import { ProgressBarUpdates } from './shell-progress';

const totals = (bytes: number, total: number, active = 1): TransferTotals => ({ active, queued: 0, bytes, total, rate: 0 });

describe('taskbar progress updates', () => {
  it('sends the first value, then only whole-percent changes, and the bar off at the end', () => {
    const updates = new ProgressBarUpdates();
    expect(updates.next(totals(0, 0, 0))).toBe(-1);
    expect(updates.next(totals(0, 0, 0))).toBeUndefined();
    expect(updates.next(totals(0, 1000))).toBe(0);
    expect(updates.next(totals(5, 1000))).toBeUndefined();
    expect(updates.next(totals(10, 1000))).toBe(0.01);
    expect(updates.next(totals(19, 1000))).toBeUndefined();
    expect(updates.next(totals(1000, 1000))).toBe(1);
    expect(updates.next(totals(0, 0, 0))).toBe(-1);
  });

  it('shows an indeterminate bar while only sizeless work runs', () => {
    const updates = new ProgressBarUpdates();
    expect(updates.next(totals(0, 0))).toBe(2);
    expect(updates.next(totals(10, 0))).toBeUndefined();
  });
});
