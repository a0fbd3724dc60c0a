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

/** What a piece pool needs of a running task. */
export interface PieceRun {
  readonly signal: AbortSignal;
  readonly parts: Limiter;
  isPausing(): boolean;
}

/**
 * Moves the pieces of one transfer (upload parts, download chunks): at most
 * `width` workers, each piece holding one of the engine's part slots; no new
 * piece is taken once the user pauses (those in flight finish); the first
 * piece to fail for good stops the others at once, as a crash would. Rejects
 * with the task's abort reason or that first failure; resolves otherwise,
 * paused or not — the caller counts what was done. With `slots: false` the
 * pieces take no part slot (a whole small object in one request, which the
 * limit on files in flight already bounds, as it does a single PUT).
 */
export async function runPieces<T>(
  run: PieceRun,
  pieces: readonly T[],
  width: number,
  move: (piece: T, signal: AbortSignal) => Promise<void>,
  { slots = true }: { slots?: boolean } = {},
): Promise<void> {
  const stop = new AbortController();
  const signal = manyListeners(AbortSignal.any([run.signal, stop.signal]));
  let next = 0;
  const worker = async () => {
    while (next < pieces.length && !run.isPausing() && !signal.aborted) {
      const release = slots ? await run.parts.acquire(signal) : () => undefined;
      try {
        if (run.isPausing() || next >= pieces.length) return;
        await move(pieces[next++], signal);
      } finally {
        release();
      }
    }
  };
  await Promise.allSettled(
    Array.from({ length: Math.min(pieces.length, width) }, () =>
      worker().catch((error: unknown) => {
        if (!stop.signal.aborted && !run.signal.aborted) stop.abort(error);
      }),
    ),
  );
  if (run.signal.aborted) throw run.signal.reason;
  if (stop.signal.aborted) throw stop.signal.reason;
}
