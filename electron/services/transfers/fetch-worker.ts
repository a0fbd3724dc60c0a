import { Worker } from 'node:worker_threads';
import type { AnswerHeaders, SignedTarget } from './direct-s3';

/**
 * The worker's code, inline (a separate file would need its own build entry,
 * and tests run the TypeScript sources). Each job is one signed GET: the body
 * goes into the file at its position in synchronous writes of about 1 MiB,
 * on this thread. A 1 GiB download from the local gateway took ~2.2 s of CPU
 * this way against ~3.3 s when the main thread received and the thread pool
 * wrote (every write then moves the bytes to another thread), and the main
 * thread stays free for the app. A broken body is written up to where it
 * broke, so the retry asks only for the rest.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const agents = { 'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }), 'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }) };
const KEEP = ['etag', 'last-modified', 'content-length', 'content-range', 'date', 'x-amz-request-id', 'x-amz-server-side-encryption', 'x-amz-server-side-encryption-customer-algorithm'];
const WRITE_SIZE = 1 << 20;
const requests = new Map();
const errorOf = (e) => ({ message: String((e && e.message) || e), name: e && e.name, code: e && e.code, syscall: e && e.syscall, path: e && e.path });
function writeAll(fd, buffers, position) {
  let rest = buffers, at = position;
  while (rest.length) {
    let skip = fs.writevSync(fd, rest, at);
    at += skip;
    const next = [];
    for (const b of rest) { if (skip >= b.length) skip -= b.length; else { next.push(skip ? b.subarray(skip) : b); skip = 0; } }
    rest = next;
  }
}
parentPort.on('message', (m) => {
  if (m.abort !== undefined) {
    const req = requests.get(m.abort);
    if (req) req.destroy(Object.assign(new Error('The operation was aborted'), { name: 'AbortError' }));
    return;
  }
  const { id, target, fd, position, range } = m;
  let written = 0, settled = false, pending = [], pendingBytes = 0;
  const finish = (answer) => { if (settled) return; settled = true; requests.delete(id); parentPort.postMessage({ id, written, ...answer }); };
  const flush = () => {
    if (!pendingBytes) return;
    const n = pendingBytes;
    writeAll(fd, pending, position + written);
    pending = []; pendingBytes = 0; written += n;
    parentPort.postMessage({ id, progress: n });
  };
  const fail = (e) => { if (settled) return; try { flush(); } catch (w) { e = w; } finish({ error: errorOf(e) }); };
  const lib = target.protocol === 'https:' ? https : http;
  const req = lib.request({ hostname: target.hostname, port: target.port, path: target.path, method: 'GET', headers: target.headers, agent: agents[target.protocol] }, (res) => {
    const status = res.statusCode, headers = {};
    for (const name of KEEP) if (res.headers[name] !== undefined) headers[name] = res.headers[name];
    if (status < 200 || status >= 300) {
      const chunks = []; let size = 0;
      res.on('data', (c) => { if (size < 65536) { chunks.push(c); size += c.length; } });
      res.on('end', () => finish({ status, headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', fail);
      return;
    }
    if (range) {
      const given = /^bytes (\\d+)-(\\d+)\\//.exec(headers['content-range'] || '');
      if (!given || Number(given[1]) !== range.start || Number(given[2]) !== range.end) { finish({ status, headers, rangeMismatch: true }); req.destroy(); return; }
    }
    res.on('data', (c) => {
      pending.push(c); pendingBytes += c.length;
      if (pendingBytes < WRITE_SIZE) return;
      try { flush(); } catch (e) { finish({ error: errorOf(e) }); req.destroy(); }
    });
    res.on('end', () => { try { flush(); finish({ status, headers }); } catch (e) { finish({ error: errorOf(e) }); } });
    res.on('error', fail);
    res.on('close', () => { if (!res.complete) fail(Object.assign(new Error('the body stopped early'), { code: 'ERR_STREAM_PREMATURE_CLOSE' })); });
  });
  req.setTimeout(60000, () => req.destroy(Object.assign(new Error('The server sent nothing for 60 s.'), { name: 'TimeoutError', code: 'ETIMEDOUT' })));
  req.on('error', fail);
  requests.set(id, req);
  req.end();
});
`;

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

type Message = { id: number; progress?: number; written?: number; status?: number; headers?: AnswerHeaders; body?: string; rangeMismatch?: boolean; error?: { message: string; name?: string; code?: string; syscall?: string; path?: string } };

interface Job {
  onBytes: (bytes: number) => void;
  resolve: (answer: FetchAnswer) => void;
  reject: (error: FetchError) => void;
}

/**
 * GETs into files on a worker thread (see WORKER_SOURCE). The worker starts
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
  fetchInto(target: SignedTarget, fd: number, position: number, range: { start: number; end: number } | undefined, onBytes: (bytes: number) => void, signal?: AbortSignal): Promise<FetchAnswer> {
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
        resolve: (answer) => (settle(), resolve(answer)),
        reject: (error) => (settle(), reject(error)),
      });
      worker.postMessage({ id, target, fd, position, range });
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    // A small young generation: the socket's 64 KiB chunks are freed soon after they are written, not in bursts.
    const worker = new Worker(WORKER_SOURCE, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    worker.on('message', (m: Message) => {
      const job = this.jobs.get(m.id);
      if (!job) return;
      if (m.progress !== undefined) return job.onBytes(m.progress);
      if (m.error) return job.reject(Object.assign(new Error(m.error.message), m.error, { written: m.written ?? 0 }));
      job.resolve({ status: m.status ?? 0, headers: m.headers ?? {}, written: m.written ?? 0, ...(m.body !== undefined && { body: m.body }), ...(m.rangeMismatch && { rangeMismatch: true }) });
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
