import { describe, expect, it } from 'vitest';
import { Pacer, RateLimiter, type PaceClock } from './bandwidth';

/** A clock that moves only when told, running timers as it passes them. */
function fakeClock() {
  let now = 0;
  let timers: { at: number; run: () => void }[] = [];
  const clock: PaceClock = {
    now: () => now,
    setTimeout(run, ms) {
      const timer = { at: now + ms, run };
      timers.push(timer);
      return timer;
    },
    clearTimeout(timer) {
      timers = timers.filter((t) => t !== timer);
    },
  };
  const advance = async (ms: number) => {
    const until = now + ms;
    for (;;) {
      const next = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      timers = timers.filter((t) => t !== next);
      now = next.at;
      next.run();
      // Let the promises the timer resolved run their continuations.
      for (let i = 0; i < 10; i++) await Promise.resolve();
    }
    now = until;
  };
  return { clock, advance };
}

/** Takers that each send `step` bytes in a loop through `pace`, counting what they sent. */
function senders(count: number, step: number, take: (bytes: number) => Promise<void> | undefined) {
  const sent = Array.from({ length: count }, () => 0);
  let stopped = false;
  const loops = sent.map(async (_, i) => {
    while (!stopped) {
      await take(step);
      sent[i] += step;
    }
  });
  return {
    sent,
    total: () => sent.reduce((a, b) => a + b, 0),
    stop: async () => {
      stopped = true;
      await Promise.race([Promise.all(loops), Promise.resolve()]);
    },
  };
}

describe('RateLimiter', () => {
  it('without a limit lets everything through at once, without a promise', () => {
    const limiter = new RateLimiter(null);
    expect(limiter.take(10 ** 9)).toBeUndefined();
  });

  it('holds many takers to the rate together, and shares it evenly between them', async () => {
    const { clock, advance } = fakeClock();
    const limiter = new RateLimiter(1024 * 1024, clock);
    const run = senders(4, 64 * 1024, (bytes) => limiter.take(bytes));
    await advance(10_000);
    // 10 s at 1 MiB/s, give or take one step.
    expect(Math.abs(run.total() - 10 * 1024 * 1024)).toBeLessThanOrEqual(64 * 1024);
    for (const sent of run.sent) expect(Math.abs(sent - run.total() / 4)).toBeLessThanOrEqual(64 * 1024);
    await run.stop();
  });

  it('follows a change of limit at once, for takers already waiting', async () => {
    const { clock, advance } = fakeClock();
    const limiter = new RateLimiter(100 * 1024, clock);
    const run = senders(3, 32 * 1024, (bytes) => limiter.take(bytes));
    await advance(5_000);
    const before = run.total();
    expect(Math.abs(before - 500 * 1024)).toBeLessThanOrEqual(32 * 1024);
    limiter.setLimit(1024 * 1024);
    await advance(5_000);
    expect(Math.abs(run.total() - before - 5 * 1024 * 1024)).toBeLessThanOrEqual(64 * 1024);
    limiter.setLimit(null);
    expect(limiter.queued).toBe(0);
    await run.stop();
  });

  it('does not save up an idle minute: the first second after one still keeps the rate', async () => {
    const { clock, advance } = fakeClock();
    const limiter = new RateLimiter(1024 * 1024, clock);
    await advance(60_000);
    const run = senders(2, 16 * 1024, (bytes) => limiter.take(bytes));
    await advance(1_000);
    expect(run.total()).toBeLessThanOrEqual(1024 * 1024 + 0.05 * 1024 * 1024 + 32 * 1024);
    await run.stop();
  });

  it('drops a waiter whose signal fires, and lets the next one through in its place', async () => {
    const { clock, advance } = fakeClock();
    const limiter = new RateLimiter(64 * 1024, clock);
    expect(limiter.take(64 * 1024)).toBeUndefined();
    const controller = new AbortController();
    const first = limiter.take(64 * 1024, controller.signal)!;
    const second = limiter.take(64 * 1024)!;
    let secondDone = false;
    void second.then(() => (secondDone = true));
    controller.abort(new Error('cancelled'));
    await expect(first).rejects.toThrow('cancelled');
    await advance(1_000);
    expect(secondDone).toBe(true);
  });
});

describe('Pacer', () => {
  it('goes through every limit that applies, so the tightest one sets the pace', async () => {
    const { clock, advance } = fakeClock();
    const global = new RateLimiter(1024 * 1024, clock);
    const own = new RateLimiter(256 * 1024, clock);
    const pacer = new Pacer(() => [own, undefined, global]);
    expect(pacer.limited()).toBe(true);
    expect(pacer.step()).toBe(Math.floor((256 * 1024) / 20));
    const run = senders(2, 16 * 1024, (bytes) => pacer.take(bytes));
    await advance(4_000);
    expect(Math.abs(run.total() - 1024 * 1024)).toBeLessThanOrEqual(32 * 1024);
    await run.stop();
  });

  it('without limits takes nothing and has no step', () => {
    const pacer = new Pacer(() => [new RateLimiter(null), undefined]);
    expect(pacer.limited()).toBe(false);
    expect(pacer.step()).toBeUndefined();
    expect(pacer.take(1 << 20)).toBeUndefined();
  });
});
