/**
 * The one small async toolkit used on both sides of the border, modelled on VS Code's
 * `base/common/async.ts`: a latest-only guard for answers that may come back after a newer
 * request started, a sequencer that runs tasks one after another, and a run-once scheduler that
 * coalesces bursts into one call after a delay. Written here rather than taken from a library
 * because each is a few lines, must run unchanged in Node and the browser, and the libraries that
 * fit (p-queue, lodash.throttle) bring more than these three shapes and none of the latest-only one.
 */

/**
 * Hands out tickets; only the newest ticket is current. A store starts a request with
 * `const isCurrent = latest.begin()` and drops the answer when `isCurrent()` is false,
 * because a newer request (or a reset, `invalidate()`) came after it.
 */
export class LatestOnly {
  private generation = 0;

  /** Starts a new request: every earlier ticket stops being current. */
  begin(): () => boolean {
    const mine = ++this.generation;
    return () => mine === this.generation;
  }

  /** A ticket for the request already running: it stays current until the next `begin` or `invalidate`. */
  current(): () => boolean {
    const mine = this.generation;
    return () => mine === this.generation;
  }

  /** Makes every ticket stale (a reset, or navigation elsewhere). */
  invalidate(): void {
    this.generation += 1;
  }
}

/**
 * Runs queued tasks one at a time, in the order they were queued; a failed task does not stop the
 * ones after it (each caller gets its own task's outcome).
 */
export class Sequencer {
  private tail: Promise<unknown> = Promise.resolve();

  /** Queues a task; resolves or rejects with that task's outcome once every earlier task settled. */
  queue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task, task);
    this.tail = run.catch(() => undefined);
    return run;
  }
}

/**
 * Calls a function once, `delayMs` after it was first scheduled; scheduling again while armed does
 * nothing, so a burst of events becomes one call. `flush()` runs it now (if armed), `cancel()` disarms it.
 */
export class RunOnceScheduler {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly run: () => void,
    private readonly delayMs: number,
  ) {}

  /** Arms the timer unless it is already armed. */
  schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.run();
    }, this.delayMs);
  }

  /** True while a call is pending. */
  isScheduled(): boolean {
    return this.timer !== undefined;
  }

  /** Runs the pending call now, if there is one. */
  flush(): void {
    if (this.timer === undefined) return;
    this.cancel();
    this.run();
  }

  /** Drops the pending call. */
  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/**
 * What a cancellable call takes beside its request: the signal that stops it (a service
 * method's second argument; the dispatcher's handler context fits it as it is).
 */
export interface Cancellable {
  signal?: AbortSignal;
}
