import { parentPort } from 'node:worker_threads';
import { failure } from './fetch-answer';
import { startJob, type ThreadJob } from './fetch-job';
import type { FetchAbort, FetchGrant, FetchJob } from './fetch-protocol';
import { nodeGet } from './node-http';
import { rawGet } from './raw-http';

/**
 * The fetch thread's entry (started by fetch-worker.ts; electron.vite.config.ts
 * builds it as its own file). Each job is one signed GET whose body is
 * written into the file at its position on this thread, so the main thread
 * stays free for the app. GETs go through the raw client (raw-http.ts), over
 * TCP or TLS; an answer it does not read (chunked) is asked again through
 * Node's http(s) module (node-http.ts).
 */
const port = parentPort!;
const jobs = new Map<number, ThreadJob>();

/** Stops a job in flight; what it wrote stays written. */
function abort(id: number): void {
  const job = jobs.get(id);
  if (!job) return;
  job.aborted = true;
  job.stop(failure('The operation was aborted', { name: 'AbortError' }));
}

/** Starts a job's GET the way its endpoint is read. */
function start(message: FetchJob): void {
  const job = startJob(message, port, (done) => jobs.delete(done.id));
  jobs.set(job.id, job);
  try {
    if (job.target.protocol === 'http:' || job.target.protocol === 'https:') rawGet(job);
    else nodeGet(job);
  } catch (error) {
    job.fail(error);
  }
}

port.on('message', (message: FetchJob | FetchAbort | FetchGrant) => {
  if ('abort' in message) abort(message.abort);
  else if ('grant' in message) jobs.get(message.grant)?.granted(message);
  else start(message);
});
