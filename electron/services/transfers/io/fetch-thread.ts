import type * as Fs from 'node:fs';
import type * as Http from 'node:http';
import type * as Https from 'node:https';
import type * as Net from 'node:net';
import type { MessagePort } from 'node:worker_threads';
import type { AnswerHeaders, SignedTarget } from './direct-s3';

/** What the fetch thread is handed: its source is `fetchThreadMain`'s text alone, so it can reach nothing else. */
export interface FetchThreadModules {
  parentPort: MessagePort;
  fs: typeof Fs;
  net: typeof Net;
  http: typeof Http;
  https: typeof Https;
}

/** One signed GET whose body goes into the open file `fd` from `position`. */
export interface FetchJob {
  id: number;
  target: SignedTarget;
  fd: number;
  position: number;
  /** The bytes asked for: an answer with other bytes writes nothing. */
  range?: { start: number; end: number };
  /** The request fails when the server sends nothing for this long (no answer, or a body that stops). */
  silenceMs: number;
}

/** What the thread posts back: bytes written so far (`progress`), or the end of a job. */
export interface FetchThreadMessage {
  id: number;
  progress?: number;
  written?: number;
  status?: number;
  headers?: AnswerHeaders;
  body?: string;
  rangeMismatch?: boolean;
  error?: { message: string; name?: string; code?: string; syscall?: string; path?: string };
}

/**
 * The fetch thread (see fetch-worker.ts, which starts it from this function's
 * source text: nothing outside the function exists there, so it imports
 * nothing and receives Node's modules as its argument).
 *
 * Each job is one signed GET whose body is written into the file at its
 * position with synchronous writes, on this thread: the main thread stays
 * free for the app, and the bytes are written by the thread that received
 * them (handing them to another thread cost more than the write).
 *
 * Plain-HTTP endpoints (a MinIO or Ceph on the LAN, the test gateway) are
 * read with a small HTTP/1.1 client of its own, because Node's http module
 * cannot meet the download target of the transfers issue: it allocates a new
 * 64 KiB Buffer for every read and passes each through a stream, and
 * receiving 1 GiB from the local gateway cost ~1.6 CPU-s that way (2.0 with
 * the writes). Reading into one reused 1 MiB buffer (net's `onread`),
 * writing straight from it, cost 0.6 CPU-s (1.0 with the writes).
 * That client speaks only what an S3 GET answer needs: a status line,
 * headers and a Content-Length body on a keep-alive connection. Any other
 * answer (chunked, or framed by the connection's close) is asked again
 * through Node's http module, before a byte is written; so are HTTPS
 * endpoints, whose TLS stays with Node's https agent.
 */
export function fetchThreadMain({ parentPort, fs, net, http, https }: FetchThreadModules): void {
  /** The answer headers the caller reads. */
  const KEEP = [
    'etag',
    'last-modified',
    'content-length',
    'content-range',
    'date',
    'x-amz-request-id',
    'x-amz-server-side-encryption',
    'x-amz-server-side-encryption-customer-algorithm',
  ];
  /** Progress is posted at most this often (and at the end): a message per read cost 70 ms of 1.2 CPU-s on 1 GiB. */
  const PROGRESS_INTERVAL_MS = 50;
  /** Node's http path gathers this much before a write. */
  const WRITE_SIZE = 1 << 20;
  /**
   * Every raw socket reads into this one buffer. Sharing it is safe: reads on
   * this thread happen one at a time, and each is consumed (written, or its
   * few header bytes copied) before its callback returns. So 32 sockets of a
   * folder download hold 1 MiB, not 32.
   */
  const readBuffer = Buffer.allocUnsafe(1 << 20);
  /** An answer's status line and headers may take this much at most. */
  const HEAD_MAX = 64 * 1024;
  /** Of an error answer's body (S3's XML), this much is kept. */
  const ERROR_BODY_MAX = 64 * 1024;
  /** An idle keep-alive socket is closed after this long (servers close theirs after 5 s or more). */
  const IDLE_MS = 4_000;

  type Answer = Omit<FetchThreadMessage, 'id' | 'progress' | 'written'>;
  type Job = FetchJob & {
    written: number;
    aborted: boolean;
    /** Stops the job's request: set by whichever way it is sent. */
    stop: (error: Error) => void;
    write(buffer: Buffer, offset: number, length: number): void;
    writeAll(buffers: Buffer[], length: number): void;
    finish(answer: Answer): void;
    fail(error: unknown): void;
  };

  const jobs = new Map<number, Job>();
  const errorOf = (e: unknown): NonNullable<FetchThreadMessage['error']> => {
    const error = e as NodeJS.ErrnoException | undefined;
    return { message: String(error?.message ?? e), name: error?.name, code: error?.code, syscall: error?.syscall, path: error?.path };
  };
  const failure = (message: string, fields: Record<string, string>) => Object.assign(new Error(message), fields);
  const prematureClose = () => failure('the body stopped early', { code: 'ERR_STREAM_PREMATURE_CLOSE' });
  const silence = (ms: number) => failure(`The server sent nothing for ${ms / 1000} s.`, { name: 'TimeoutError', code: 'ETIMEDOUT' });
  const broken = (what: string) => failure(`The server's answer is not valid HTTP (${what}).`, { code: 'EPROTO' });

  /** True when the Content-Range names exactly the bytes asked for. */
  const rangeMatches = (job: FetchJob, contentRange: unknown) => {
    if (!job.range) return true;
    const given = /^bytes (\d+)-(\d+)\//.exec(typeof contentRange === 'string' ? contentRange : '');
    return !!given && Number(given[1]) === job.range.start && Number(given[2]) === job.range.end;
  };

  function startJob(message: FetchJob): Job {
    let unreported = 0;
    let reportedAt = 0;
    let settled = false;
    const report = () => {
      if (!unreported) return;
      parentPort.postMessage({ id: job.id, progress: unreported });
      unreported = 0;
      reportedAt = performance.now();
    };
    const reportNow = () => performance.now() - reportedAt >= PROGRESS_INTERVAL_MS && report();
    const job: Job = {
      ...message,
      written: 0,
      aborted: false,
      stop: () => undefined,
      write(buffer, offset, length) {
        for (let at = job.position + job.written, left = length; left > 0;) {
          const n = fs.writeSync(job.fd, buffer, offset, left, at);
          offset += n;
          at += n;
          left -= n;
          job.written += n;
          unreported += n;
        }
        reportNow();
      },
      writeAll(buffers, length) {
        let rest = buffers;
        for (let at = job.position + job.written, left = length; left > 0;) {
          let skip = fs.writevSync(job.fd, rest, at);
          at += skip;
          left -= skip;
          job.written += skip;
          unreported += skip;
          const next: Buffer[] = [];
          for (const b of rest) {
            if (skip >= b.length) skip -= b.length;
            else {
              next.push(skip ? b.subarray(skip) : b);
              skip = 0;
            }
          }
          rest = next;
        }
        reportNow();
      },
      finish(answer) {
        if (settled) return;
        settled = true;
        report();
        jobs.delete(job.id);
        parentPort.postMessage({ id: job.id, written: job.written, ...answer });
      },
      fail(error) {
        job.finish({ error: errorOf(error) });
      },
    };
    jobs.set(job.id, job);
    return job;
  }

  // ── Plain HTTP: sockets that read into the shared buffer ─────────────────

  interface Exchange {
    /** Bytes read into the socket's buffer (valid only during the call). */
    onData(buffer: Buffer, length: number): void;
    onClosed(error: Error | undefined): void;
  }

  const idle = new Map<string, Connection[]>();

  class Connection {
    readonly socket: Net.Socket;
    exchange?: Exchange;
    /** The silence that fails the exchange in flight. */
    private silenceMs = 0;
    /** True once it carried an exchange: a kept-alive socket the server may have closed meanwhile. */
    used = false;
    closed = false;
    private error?: Error;

    constructor(
      readonly key: string,
      host: string,
      port: number,
    ) {
      this.socket = net.connect({
        host,
        port,
        noDelay: true,
        onread: {
          buffer: readBuffer,
          callback: (length) => {
            // Bytes on an idle socket belong to no request: the connection cannot be trusted.
            if (this.exchange) this.exchange.onData(readBuffer, length);
            else this.socket.destroy();
            return true;
          },
        },
      });
      this.socket.on('timeout', () => this.socket.destroy(this.exchange ? silence(this.silenceMs) : undefined));
      this.socket.on('error', (error) => (this.error = error));
      this.socket.on('close', () => {
        this.closed = true;
        const list = idle.get(this.key);
        if (list?.includes(this)) list.splice(list.indexOf(this), 1);
        const exchange = this.exchange;
        this.exchange = undefined;
        exchange?.onClosed(this.error);
      });
    }

    begin(exchange: Exchange, request: string, silenceMs: number): void {
      this.used = true;
      this.exchange = exchange;
      this.silenceMs = silenceMs;
      this.socket.setTimeout(silenceMs);
      this.socket.ref();
      this.socket.write(request, 'latin1');
    }

    /** After an exchange: back to the idle list, or closed. */
    release(keep: boolean): void {
      this.exchange = undefined;
      if (!keep || this.closed) return void this.socket.destroy();
      this.socket.setTimeout(IDLE_MS);
      this.socket.unref();
      const list = idle.get(this.key) ?? [];
      list.push(this);
      idle.set(this.key, list);
    }
  }

  function requestText(target: SignedTarget): string {
    if (!/^\/[\x21-\x7e]*$/.test(target.path)) throw broken('a path with spaces or control characters');
    let text = `GET ${target.path} HTTP/1.1\r\n`;
    let host = false;
    for (const [name, value] of Object.entries(target.headers)) {
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || /[\r\n\0]/.test(value)) throw broken(`header ${JSON.stringify(name)}`);
      host ||= name.toLowerCase() === 'host';
      text += `${name}: ${value}\r\n`;
    }
    if (!host) text += `host: ${target.hostname}${target.port ? `:${target.port}` : ''}\r\n`;
    return `${text}\r\n`;
  }

  function rawGet(job: Job, fresh = false): void {
    const { target } = job;
    const port = target.port ?? 80;
    const key = `${target.hostname}:${port}`;
    const request = requestText(target);
    const connection = (!fresh && idle.get(key)?.pop()) || new Connection(key, target.hostname, port);
    const reused = connection.used;
    let phase: 'head' | 'body' | 'error-body' | 'done' = 'head';
    let head: Buffer | undefined;
    let received = false;
    let status = 0;
    let headers: AnswerHeaders = {};
    let remaining = 0;
    let keepAlive = true;
    const errorBody: Buffer[] = [];
    let errorBodySize = 0;

    const end = (answer: Answer, keep: boolean) => {
      phase = 'done';
      connection.release(keep);
      job.finish(answer);
    };
    job.stop = (error) => connection.socket.destroy(error);

    /** Reads the status line and headers; false if the answer needs Node's http module instead. */
    const parseHead = (text: string): boolean => {
      const lines = text.split('\r\n');
      const statusLine = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]);
      if (!statusLine) throw broken('no status line');
      status = Number(statusLine[1]);
      const all: Record<string, string> = {};
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        if (colon <= 0) throw broken('a header line without a name');
        const name = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        all[name] = all[name] === undefined ? value : `${all[name]}, ${value}`;
      }
      headers = {};
      for (const name of KEEP) if (all[name] !== undefined) headers[name] = all[name];
      keepAlive = !/\bclose\b/i.test(all.connection ?? '');
      if (status >= 100 && status < 200) return true;
      const length = all['content-length'];
      if (all['transfer-encoding'] !== undefined || length === undefined) return status === 204 || status === 304;
      if (!/^\d+$/.test(length)) throw broken(`Content-Length ${length}`);
      remaining = Number(length);
      return true;
    };

    const onData = (buffer: Buffer, length: number) => {
      received = true;
      let offset = 0;
      while (phase === 'head') {
        const bytes = head ? Buffer.concat([head, buffer.subarray(offset, length)]) : buffer.subarray(offset, length);
        const blank = bytes.indexOf('\r\n\r\n', 0, 'latin1');
        if (blank < 0) {
          if (bytes.length > HEAD_MAX) throw broken(`headers over ${HEAD_MAX} bytes`);
          head = Buffer.from(bytes);
          return;
        }
        // The body starts after the blank line: where that is in this read's buffer.
        offset = length - (bytes.length - (blank + 4));
        head = undefined;
        if (!parseHead(bytes.toString('latin1', 0, blank))) {
          // Chunked or closed-delimited: asked again through Node's http module, nothing written yet.
          phase = 'done';
          connection.release(false);
          moduleGet(job);
          return;
        }
        if (status < 200) continue; // 1xx: the real answer follows
        if (status >= 300) phase = 'error-body';
        else if (!rangeMatches(job, headers['content-range'])) return end({ status, headers, rangeMismatch: true }, false);
        else phase = 'body';
      }
      const take = Math.min(remaining, length - offset);
      if (phase === 'body') job.write(buffer, offset, take);
      else if (phase === 'error-body' && errorBodySize < ERROR_BODY_MAX) {
        errorBody.push(Buffer.from(buffer.subarray(offset, offset + take)));
        errorBodySize += take;
      }
      remaining -= take;
      if (remaining > 0) return;
      // Bytes past the answer would belong to no request: that connection is not reused.
      const keep = keepAlive && offset + take === length;
      if (phase === 'body') end({ status, headers }, keep);
      else end({ status, headers, body: Buffer.concat(errorBody).toString('utf8') }, keep);
    };

    connection.begin(
      {
        onData(buffer, length) {
          if (phase === 'done') return;
          try {
            onData(buffer, length);
          } catch (error) {
            phase = 'done';
            connection.release(false);
            job.fail(error);
          }
        },
        onClosed(error) {
          if (phase === 'done') return;
          phase = 'done';
          // A kept-alive socket the server closed before answering: the GET is asked again on a new one.
          if (reused && !received && !job.aborted) return rawGet(job, true);
          job.fail(error ?? (received ? prematureClose() : failure('The server closed the connection without answering.', { code: 'ECONNRESET' })));
        },
      },
      request,
      job.silenceMs,
    );
  }

  // ── Node's http module: HTTPS, and answers the raw client does not read ──

  const agents: Record<string, Http.Agent> = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
  };

  function moduleGet(job: Job): void {
    const { target } = job;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = () => {
      if (!pendingBytes) return;
      const n = pendingBytes;
      const buffers = pending;
      pending = [];
      pendingBytes = 0;
      job.writeAll(buffers, n);
    };
    const fail = (error: unknown) => {
      try {
        flush();
      } catch (writeError) {
        error = writeError;
      }
      job.fail(error);
    };
    const lib = target.protocol === 'https:' ? https : http;
    const req = lib.request(
      { hostname: target.hostname, port: target.port, path: target.path, method: 'GET', headers: target.headers, agent: agents[target.protocol] },
      (res) => {
        const status = res.statusCode ?? 0;
        const headers: AnswerHeaders = {};
        for (const name of KEEP) if (res.headers[name] !== undefined) headers[name] = res.headers[name];
        if (status < 200 || status >= 300) {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            if (size >= ERROR_BODY_MAX) return;
            chunks.push(c);
            size += c.length;
          });
          res.on('end', () => job.finish({ status, headers, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', fail);
          return;
        }
        if (!rangeMatches(job, headers['content-range'])) {
          job.finish({ status, headers, rangeMismatch: true });
          req.destroy();
          return;
        }
        res.on('data', (c: Buffer) => {
          pending.push(c);
          pendingBytes += c.length;
          if (pendingBytes < WRITE_SIZE) return;
          try {
            flush();
          } catch (error) {
            job.fail(error);
            req.destroy();
          }
        });
        res.on('end', () => {
          try {
            flush();
            job.finish({ status, headers });
          } catch (error) {
            job.fail(error);
          }
        });
        res.on('error', fail);
        res.on('close', () => {
          if (!res.complete) fail(prematureClose());
        });
      },
    );
    job.stop = (error) => req.destroy(error);
    req.setTimeout(job.silenceMs, () => req.destroy(silence(job.silenceMs)));
    req.on('error', fail);
    req.end();
  }

  parentPort.on('message', (message: FetchJob | { abort: number }) => {
    if ('abort' in message) {
      const job = jobs.get(message.abort);
      if (!job) return;
      job.aborted = true;
      job.stop(failure('The operation was aborted', { name: 'AbortError' }));
      return;
    }
    const job = startJob(message);
    try {
      if (job.target.protocol === 'http:') rawGet(job);
      else moduleGet(job);
    } catch (error) {
      job.fail(error);
    }
  });
}
