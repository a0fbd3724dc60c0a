import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { ERROR_TEXT } from '../../shared/error-text';
import { PailError, type ErrorInfo } from '../../shared/errors';
import type { JobFailure, JobFinished, JobKind, JobProgress, JobStarted } from '../../shared/jobs';
import { formatCount } from '../../shared/counts';
import type { ParsedRequestOf, ResponseOf } from '../../shared/ipc/contract';

/** What a job's body gets: a signal to stop on, and a way to report progress and failures. */
export interface JobContext {
  signal: AbortSignal;
  /** Reports progress; throttled before it reaches the renderer. */
  progress(update: { done: number; total?: number; phase?: string; bytes?: number }): void;
  /** Records an item that failed while the rest goes on. */
  fail(failure: JobFailure): void;
}

/** What a job's body returns when it ends normally. */
export interface JobResult {
  summary: string;
  done: number;
  /** Bytes counted, for a job that measures. */
  bytes?: number;
  /**
   * Failures go through `context.fail` as they happen: a list returned here would be dropped, and a run
   * with failures reported as a success (excess properties of a returned literal are not checked).
   */
  failures?: never;
}

/** Where job events go (the renderer, through either transport). */
export interface JobEvents {
  progress(progress: JobProgress): void;
  finished(finished: JobFinished): void;
}

/** Thrown when a job's signal fires, so bodies can stop with one check. */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new PailError({ code: 'Internal', message: 'Cancelled.', hint: '' }, { cause: 'cancelled' });
}

const PROGRESS_INTERVAL_MS = 100;

/** A started job with its outcome, for callers inside this process (the CLI awaits `finished`); only `jobId` crosses the border. */
export type StartedJob = JobStarted & { finished: Promise<JobFinished> };

/** The part of a started job a channel answers with: its id (its promise stays in this process). */
export async function jobIdOf(started: StartedJob | Promise<StartedJob>): Promise<JobStarted> {
  const { jobId } = await started;
  return { jobId };
}

/**
 * Runs long operations (folder deletes, renames, copies, searches) in the
 * background: the request that starts one returns its id at once, progress
 * flows as events (throttled), and any job can be cancelled.
 */
export class JobRunner {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly events: JobEvents) {}

  /** Starts a job; `finished` resolves with its outcome (also sent as an event). */
  start(kind: JobKind, title: string, body: (context: JobContext) => Promise<JobResult>): StartedJob {
    const jobId = randomUUID();
    const controller = new AbortController();
    // Every request of the job listens to its signal, and a job runs dozens at once: no leak warning for that.
    setMaxListeners(1000, controller.signal);
    this.running.set(jobId, controller);
    const failures: JobFailure[] = [];
    let latest: JobProgress = { jobId, kind, title, done: 0 };
    let lastSent = 0;
    let pending: ReturnType<typeof setTimeout> | undefined;

    const send = () => {
      pending = undefined;
      lastSent = Date.now();
      this.events.progress(latest);
    };
    const context: JobContext = {
      signal: controller.signal,
      progress: (update) => {
        latest = { ...latest, ...update };
        const wait = PROGRESS_INTERVAL_MS - (Date.now() - lastSent);
        if (wait <= 0) send();
        else pending ??= setTimeout(send, wait);
      },
      fail: (failure) => failures.push(failure),
    };

    const finished = (async (): Promise<JobFinished> => {
      let outcome: JobFinished;
      try {
        const result = await body(context);
        outcome = {
          jobId,
          kind,
          title,
          status: controller.signal.aborted ? 'cancelled' : failures.length ? 'partial' : 'succeeded',
          summary: controller.signal.aborted ? `Cancelled after ${formatCount(result.done)} items.` : result.summary,
          done: result.done,
          ...(result.bytes !== undefined && { bytes: result.bytes }),
          failures,
        };
      } catch (error) {
        const cancelled = controller.signal.aborted;
        const info: ErrorInfo =
          error instanceof PailError
            ? error.toInfo()
            : { code: 'Internal', message: `${ERROR_TEXT.Internal.message} (${(error as Error)?.message ?? String(error)})`, hint: ERROR_TEXT.Internal.hint };
        outcome = {
          jobId,
          kind,
          title,
          status: cancelled ? 'cancelled' : 'failed',
          summary: cancelled ? `Cancelled after ${formatCount(latest.done)} items.` : info.message,
          done: latest.done,
          ...(latest.bytes !== undefined && { bytes: latest.bytes }),
          failures,
          ...(!cancelled && { error: info }),
        };
      } finally {
        if (pending) clearTimeout(pending);
        this.running.delete(jobId);
      }
      this.events.progress({ ...latest, done: outcome.done });
      this.events.finished(outcome);
      return outcome;
    })();
    return { jobId, finished };
  }

  /** Asks a job to stop; `cancelled` is true if it was running. */
  cancel({ jobId }: ParsedRequestOf<'jobs:cancel'>): ResponseOf<'jobs:cancel'> {
    const controller = this.running.get(jobId);
    controller?.abort();
    return { cancelled: controller !== undefined };
  }
}
