import { writeSync, writevSync } from 'node:fs';
import type { MessagePort } from 'node:worker_threads';
import { errorOf } from './fetch-answer';
import type { FetchGrant, FetchJob, FetchThreadMessage } from './fetch-protocol';
import { afterWritten } from './short-writes';

/** How a job ends, short of its byte count: an answer (status, headers, an error's body) or an error. */
export type Answer = Omit<FetchThreadMessage, 'id' | 'progress' | 'written'>;

/** Progress is posted at most this often (and at the end): a message per read cost 70 ms of 1.2 CPU-s on 1 GiB. */
const PROGRESS_INTERVAL_MS = 50;

/** A GET in flight on the fetch thread: it writes its body into its file and reports to the main thread. */
export interface ThreadJob extends FetchJob {
  written: number;
  aborted: boolean;
  /** Stops the job's request: set by whichever way it is sent. */
  stop: (error: Error) => void;
  /** Stops and restarts reading its answer while it waits for a grant (set by whichever way it is sent). */
  hold: () => void;
  unhold: () => void;
  /** The bytes a body gathers before a write: smaller under a speed limit, so the pace stays even. */
  writeStep: number;
  /** Adds the main thread's grant of bytes to read (see FetchGrant). */
  granted(grant: FetchGrant): void;
  /** Writes `length` bytes of `buffer` from `offset` at the job's next place in its file. */
  write(buffer: Buffer, offset: number, length: number): void;
  /** Writes the buffers (`length` bytes in all) at the job's next place in its file. */
  writeAll(buffers: Buffer[], length: number): void;
  finish(answer: Answer): void;
  fail(error: unknown): void;
}

/**
 * A job for a message from the main thread. Its body is written with
 * synchronous writes, on this thread: the bytes are written by the thread
 * that received them (handing them to another thread cost more than the
 * write). `onSettled` runs once, when it has answered.
 */
export function startJob(message: FetchJob, port: MessagePort, onSettled: (job: ThreadJob) => void): ThreadJob {
  let unreported = 0;
  let reportedAt = 0;
  let settled = false;
  // Bytes it may still read (negative: read ahead of its grants), and its ask for more.
  let credit = 0;
  let low = 0;
  let asked = false;
  let held = false;
  const ask = () => {
    if (asked || settled) return;
    asked = true;
    port.postMessage({ id: job.id, want: true } satisfies FetchThreadMessage);
  };
  /** After bytes were read: ask for more below the low mark; stop reading once the grants are spent. */
  const spend = (n: number) => {
    credit -= n;
    if (credit < low) ask();
    if (credit <= 0 && !held && !settled) {
      held = true;
      job.hold();
    }
  };
  const report = () => {
    if (!unreported) return;
    port.postMessage({ id: job.id, progress: unreported } satisfies FetchThreadMessage);
    unreported = 0;
    reportedAt = performance.now();
  };
  const reportNow = () => performance.now() - reportedAt >= PROGRESS_INTERVAL_MS && report();
  const wrote = (n: number) => {
    job.written += n;
    unreported += n;
    spend(n);
  };
  const job: ThreadJob = {
    ...message,
    written: 0,
    aborted: false,
    stop: () => undefined,
    hold: () => undefined,
    unhold: () => undefined,
    writeStep: Infinity,
    granted(grant) {
      credit += grant.bytes;
      low = grant.low;
      job.writeStep = grant.step;
      asked = false;
      if (credit < low) ask();
      if (held && credit > 0) {
        held = false;
        if (!settled) job.unhold();
      }
    },
    write(buffer, offset, length) {
      for (let at = job.position + job.written, left = length; left > 0;) {
        const n = writeSync(job.fd, buffer, offset, left, at);
        offset += n;
        at += n;
        left -= n;
        wrote(n);
      }
      reportNow();
    },
    writeAll(buffers, length) {
      let rest = buffers;
      for (let at = job.position + job.written, left = length; left > 0;) {
        const n = writevSync(job.fd, rest, at);
        at += n;
        left -= n;
        wrote(n);
        rest = afterWritten(rest, n);
      }
      reportNow();
    },
    finish(answer) {
      if (settled) return;
      settled = true;
      report();
      onSettled(job);
      port.postMessage({ id: job.id, written: job.written, ...answer } satisfies FetchThreadMessage);
    },
    fail(error) {
      job.finish({ error: errorOf(error) });
    },
  };
  // Its first grant came with it, or is asked at once (it comes back before the server's first bytes do).
  if (message.first) job.granted(message.first);
  else ask();
  return job;
}
