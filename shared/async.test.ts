import { describe, expect, it, vi } from 'vitest';
import { LatestOnly, RunOnceScheduler, Sequencer } from './async';

describe('LatestOnly', () => {
  it('keeps only the newest ticket current', () => {
    const latest = new LatestOnly();
    const first = latest.begin();
    const second = latest.begin();
    expect(first()).toBe(false);
    expect(second()).toBe(true);
    const same = latest.current();
    expect(same()).toBe(true);
    latest.invalidate();
    expect(second()).toBe(false);
    expect(same()).toBe(false);
  });
});

describe('Sequencer', () => {
  it('runs tasks one at a time in order, and a failure does not stop the next', async () => {
    const sequencer = new Sequencer();
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const a = sequencer.queue(async () => {
      order.push('a start');
      await gate;
      order.push('a end');
      throw new Error('a failed');
    });
    const b = sequencer.queue(async () => {
      order.push('b');
      return 2;
    });
    await Promise.resolve();
    expect(order).toEqual(['a start']);
    release();
    await expect(a).rejects.toThrow('a failed');
    await expect(b).resolves.toBe(2);
    expect(order).toEqual(['a start', 'a end', 'b']);
  });
});

describe('RunOnceScheduler', () => {
  it('turns a burst into one call after the delay, and flushes or cancels on demand', () => {
    vi.useFakeTimers();
    try {
      const run = vi.fn();
      const scheduler = new RunOnceScheduler(run, 250);
      scheduler.schedule();
      scheduler.schedule();
      vi.advanceTimersByTime(249);
      expect(run).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(run).toHaveBeenCalledTimes(1);
      scheduler.schedule();
      scheduler.flush();
      expect(run).toHaveBeenCalledTimes(2);
      expect(scheduler.isScheduled()).toBe(false);
      scheduler.schedule();
      scheduler.cancel();
      vi.advanceTimersByTime(500);
      expect(run).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
