import type { BandwidthLimits, RateLimit } from '../../../../shared/bandwidth';

/** A timer clock, injected in tests. */
export interface PaceClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

const REAL_CLOCK: PaceClock = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

/** Unused allowance kept at most this long: a limiter idle for a minute does not then let a minute's bytes through at once. */
const BURST_SECONDS = 0.05;

interface Waiter {
  bytes: number;
  resolve(): void;
  reject(reason: unknown): void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/**
 * One limit on bytes per second, shared by every request that takes from it
 * (all parts of all transfers under a global limit, or the parts of one
 * transfer): a token bucket whose takers queue first come, first served, so
 * parts in flight share the rate evenly rather than racing for it. A take is
 * let through while the allowance is not negative and may overdraw it by its
 * own size (the next one waits for the debt to be paid), so the rate holds
 * over time whatever the step sizes. Without a limit a take costs nothing
 * (no promise). The limit can change at any time: waiters are rescheduled at
 * once. Written here because the libraries for this (limiter, bottleneck)
 * cannot change a rate under waiters already queued, nor take nothing without
 * a limit.
 */
export class RateLimiter {
  private rate: RateLimit;
  private allowance = 0;
  private updatedAt: number;
  private readonly waiting: Waiter[] = [];
  private timer: unknown;

  constructor(
    rate: RateLimit = null,
    private readonly clock: PaceClock = REAL_CLOCK,
  ) {
    this.rate = rate;
    this.updatedAt = clock.now();
  }

  /** Bytes per second, or null for none. */
  get limit(): RateLimit {
    return this.rate;
  }

  /** Changes the limit; waiters are let through (no limit) or rescheduled at the new rate. */
  setLimit(rate: RateLimit): void {
    this.refill();
    this.rate = rate;
    if (!rate) this.allowance = 0;
    this.serve();
  }

  /**
   * Takes `bytes` of the allowance: undefined when they may go now, else a
   * promise that resolves when they may (rejects when the signal fires first).
   */
  take(bytes: number, signal?: AbortSignal): Promise<void> | undefined {
    if (!this.rate) return undefined;
    this.refill();
    if (this.waiting.length === 0 && this.allowance >= 0) {
      this.allowance -= bytes;
      return undefined;
    }
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { bytes, resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const at = this.waiting.indexOf(waiter);
          if (at !== -1) this.waiting.splice(at, 1);
          reject(signal.reason);
          this.serve();
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.waiting.push(waiter);
      this.serve();
    });
  }

  /** Waiters still queued (for tests and the panel). */
  get queued(): number {
    return this.waiting.length;
  }

  private refill(): void {
    const now = this.clock.now();
    if (this.rate) this.allowance = Math.min(this.rate * BURST_SECONDS, this.allowance + (this.rate * (now - this.updatedAt)) / 1000);
    this.updatedAt = now;
  }

  /** Lets through whom the allowance covers, then waits for the debt to be paid before the next. */
  private serve(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.refill();
    while (this.waiting.length > 0 && (!this.rate || this.allowance >= 0)) {
      const waiter = this.waiting.shift()!;
      if (this.rate) this.allowance -= waiter.bytes;
      if (waiter.onAbort) waiter.signal!.removeEventListener('abort', waiter.onAbort);
      waiter.resolve();
    }
    if (this.waiting.length === 0 || !this.rate) return;
    const ms = Math.max(1, Math.ceil((-this.allowance / this.rate) * 1000));
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.serve();
    }, ms);
  }
}

/** The bytes a paced write or read goes in: about 1/20 s at the tightest limit, 4–64 KiB. */
export function paceStep(rate: number): number {
  return Math.min(64 * 1024, Math.max(4 * 1024, Math.floor(rate / 20)));
}

/**
 * What a transfer's bytes go through: its own limit, its batch's, and the
 * global one for its direction, looked up at every take (so a limit set while
 * it runs applies to the bytes that follow).
 */
export class Pacer {
  constructor(
    private readonly limiters: () => readonly (RateLimiter | undefined)[],
    private readonly signal?: AbortSignal,
  ) {}

  /** Undefined when `bytes` may go now, else a promise for when they may (every limit in turn). */
  take(bytes: number): Promise<void> | undefined {
    return this.takeFrom(this.limiters(), 0, bytes);
  }

  /** True when some limit applies now. */
  limited(): boolean {
    return this.limiters().some((limiter) => !!limiter?.limit);
  }

  /** The step a paced body goes in now, or undefined without a limit. */
  step(): number | undefined {
    let tightest: number | undefined;
    for (const limiter of this.limiters()) if (limiter?.limit && (tightest === undefined || limiter.limit < tightest)) tightest = limiter.limit;
    return tightest === undefined ? undefined : paceStep(tightest);
  }

  private takeFrom(limiters: readonly (RateLimiter | undefined)[], from: number, bytes: number): Promise<void> | undefined {
    for (let at = from; at < limiters.length; at++) {
      const wait = limiters[at]?.take(bytes, this.signal);
      if (wait) return wait.then(() => this.takeFrom(limiters, at + 1, bytes));
    }
    return undefined;
  }
}

/** The global limits of one queue: all uploads (and imports) together, all downloads together. */
export class GlobalBandwidth {
  readonly upload: RateLimiter;
  readonly download: RateLimiter;

  constructor(limits: BandwidthLimits, clock?: PaceClock) {
    this.upload = new RateLimiter(limits.upload, clock);
    this.download = new RateLimiter(limits.download, clock);
  }

  get limits(): BandwidthLimits {
    return { upload: this.upload.limit, download: this.download.limit };
  }

  set(limits: Partial<BandwidthLimits>): BandwidthLimits {
    if (limits.upload !== undefined) this.upload.setLimit(limits.upload);
    if (limits.download !== undefined) this.download.setLimit(limits.download);
    return this.limits;
  }
}
