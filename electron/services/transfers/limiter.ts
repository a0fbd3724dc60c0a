import { setMaxListeners } from 'node:events';

/**
 * Counts requests in flight (parts of every multipart upload, chunks of every
 * download) so the whole engine stays under one limit, which can change while
 * transfers run. Waiters are served first come, first served.
 */
export class Limiter {
  private inUse = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private max: number) {}

  /** The limit. */
  get limit(): number {
    return this.max;
  }

  /** Changes the limit; raising it wakes waiters at once. */
  setLimit(max: number): void {
    this.max = Math.max(1, max);
    this.drain();
  }

  /** Waits for a slot; resolves with the function that gives it back. Rejects if the signal fires first. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    if (this.inUse < this.max && this.waiting.length === 0) {
      this.inUse += 1;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      // The slot is counted when granted (in drain), so two grants can never share one.
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const at = this.waiting.indexOf(grant);
        if (at !== -1) this.waiting.splice(at, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(grant);
    });
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inUse -= 1;
      this.drain();
    };
  }

  private drain(): void {
    while (this.waiting.length > 0 && this.inUse < this.max) {
      this.inUse += 1;
      this.waiting.shift()!();
    }
  }
}

/**
 * Lifts Node's warning threshold (10) on a signal that every part waiting
 * for a slot and every request in flight listens to: dozens is normal here.
 */
export function manyListeners(signal: AbortSignal): AbortSignal {
  setMaxListeners(1000, signal);
  return signal;
}
