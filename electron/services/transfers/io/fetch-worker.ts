import type { Worker } from 'node:worker_threads';
import { DEFAULT_RESPONSE_TIMEOUT_SECONDS } from '../../../../shared/timeouts';
import type { AnswerHeaders, FetchGrant, FetchJob, FetchThreadMessage, SignedTarget } from './fetch-protocol';
import type { BodyPace } from './body-pace';
import { startThread } from './thread-entry';

/** How a GET ended: the status, the headers that matter, the bytes written, and an error answer's body. */
export interface FetchAnswer {
  status: number;
  headers: AnswerHeaders;
  written: number;
  /** The body of a non-2xx answer (S3's XML error). */
  body?: string;
  /** The server answered other bytes than the range asked for (nothing was written). */
  rangeMismatch?: boolean;
}

/** An error of a GET that broke off: `written` bytes are in the file. */
export interface FetchError extends Error {
  written?: number;
}

/**
 * Without a speed limit a job may read this much per grant, asking again at
 * half: several of its 1 MiB writes ahead, so it never waits for the main
 * thread's answer (a grant as big as a write stalled every write on a busy
 * main thread); a limit set meanwhile applies within one grant.
 */
const FREE_GRANT = 8 << 20;

/** A grant of `step` bytes under a limit, or of FREE_GRANT without one. */
const grantOf = (id: number, step: number | undefined): FetchGrant =>
  step ? { grant: id, bytes: step, low: step, step } : { grant: id, bytes: FREE_GRANT, low: FREE_GRANT / 2, step: Infinity };

/** How a GET is sent: its cancel, the silence that fails it, the speed limits its body is read under. */
export interface FetchOptions {
  signal?: AbortSignal;
  silenceMs?: number;
  pace?: BodyPace;
}

interface Job {
  onBytes: (bytes: number) => void;
  pace?: BodyPace;
  resolve: (answer: FetchAnswer) => void;
  reject: (error: FetchError) => void;
}

/**
 * GETs into files on a worker thread (fetch-thread.ts). The worker starts
 * on first use, keeps the process alive only while a GET runs, and stops
 * after a minute idle.
 */
export class FetchWorker {
  private worker?: Worker;
  private readonly jobs = new Map<number, Job>();
  private nextId = 0;
  private idleTimer?: ReturnType<typeof setTimeout>;

  /**
   * Sends the signed GET and writes its body into the open file `fd` from
   * `position`. `range` is the byte range asked for: an answer with other bytes
   * writes nothing. Resolves with non-2xx answers too (the caller builds the error).
   */
  fetchInto(
    target: SignedTarget,
    fd: number,
    position: number,
    range: { start: number; end: number } | undefined,
    onBytes: (bytes: number) => void,
    { signal, silenceMs = DEFAULT_RESPONSE_TIMEOUT_SECONDS * 1000, pace }: FetchOptions = {},
  ): Promise<FetchAnswer> {
    signal?.throwIfAborted();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const worker = this.start();
    // Referenced while a job runs (the worker does the I/O, so nothing else may keep the process alive).
    worker.ref();
    const id = this.nextId++;
    return new Promise<FetchAnswer>((resolve, reject) => {
      const abort = () => worker.postMessage({ abort: id });
      signal?.addEventListener('abort', abort, { once: true });
      const settle = () => {
        signal?.removeEventListener('abort', abort);
        this.jobs.delete(id);
        this.idleWhenDone();
      };
      this.jobs.set(id, {
        onBytes,
        pace,
        resolve: (answer) => (settle(), resolve(answer)),
        reject: (error) => (settle(), reject(error)),
      });
      // Without a limit its first grant goes with it: no round trip per GET (a folder of small files makes thousands).
      const first = pace?.step() === undefined ? grantOf(id, undefined) : undefined;
      const job: FetchJob = { id, target, fd, position, silenceMs, ...(range && { range }), ...(first && { first }) };
      worker.postMessage(job);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    // A small young generation: what garbage there is (Node's http path makes a 64 KiB Buffer per read) is freed soon, not in bursts.
    const worker = startThread('fetch-thread', { resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    worker.on('message', (m: FetchThreadMessage) => {
      const job = this.jobs.get(m.id);
      if (!job) return;
      if (m.want) return this.grant(worker, m.id, job);
      if (m.progress !== undefined) return job.onBytes(m.progress);
      if (m.error) return job.reject(Object.assign(new Error(m.error.message), m.error, { written: m.written ?? 0 }));
      job.resolve({
        status: m.status ?? 0,
        headers: m.headers ?? {},
        written: m.written ?? 0,
        ...(m.body !== undefined && { body: m.body }),
        ...(m.rangeMismatch && { rangeMismatch: true }),
      });
    });
    const died = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      // The file may hold some of the bytes, but not how many: the retry starts the range again.
      for (const job of [...this.jobs.values()]) job.reject(Object.assign(new Error(error.message), { code: 'ECONNRESET', written: 0 }));
    };
    worker.on('error', died);
    worker.on('exit', () => died(new Error('the download thread stopped')));
    this.worker = worker;
    return worker;
  }

  /**
   * Answers a job's ask for bytes once the speed limits allow them (at once
   * without a limit): in the limit's small steps, or a MiB at a time.
   */
  private grant(worker: Worker, id: number, job: Job): void {
    const step = job.pace?.step();
    const grant = grantOf(id, step);
    const send = () => {
      if (this.jobs.get(id) === job && this.worker === worker) worker.postMessage(grant);
    };
    const wait = job.pace?.take(grant.bytes);
    // A take that fails was cancelled with its transfer: the job is being stopped too.
    if (wait) wait.then(send, () => undefined);
    else send();
  }

  private idleWhenDone(): void {
    if (this.jobs.size) return;
    // Unreferenced after the listeners are on (adding a 'message' listener references the worker again).
    this.worker?.unref();
    this.idleTimer = setTimeout(() => void this.close(), 60_000);
    this.idleTimer.unref();
  }

  /** Stops the worker; jobs in flight fail as a cut connection would (their retry starts the range again). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    for (const job of [...this.jobs.values()]) job.reject(Object.assign(new Error('the download thread stopped'), { code: 'ECONNRESET', written: 0 }));
    await worker?.terminate();
  }
}
