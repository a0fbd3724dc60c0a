import { connect, type Socket } from 'node:net';
import { DEFAULT_NETWORK, policyKey, proxyOf } from '../../net/network-policy';
import { proxyRouteFor } from '../../net/proxy-policy';
import { connectTls } from '../../net/tls-connect';
import { broken, ERROR_BODY_MAX, failure, KEEP_HEADERS, prematureClose, rangeMatches, silence } from './fetch-answer';
import type { Answer, ThreadJob } from './fetch-job';
import type { AnswerHeaders, SignedTarget } from './fetch-protocol';
import { nodeGet } from './node-http';

/**
 * GETs on the fetch thread, plain HTTP and HTTPS, read with a small HTTP/1.1
 * client of its own, because Node's http module cannot meet the download
 * target of the transfers issue: it allocates a new 64 KiB Buffer for every
 * read and passes each through a stream, and receiving 1 GiB from the local
 * gateway cost ~1.6 CPU-s that way (2.0 with the writes). Reading into one
 * reused 1 MiB buffer (net's `onread`), writing straight from it, cost
 * 0.6 CPU-s (1.0 with the writes). Over TLS the same held: Node's https
 * module decrypted each 16 KiB record into a new Buffer, and writing those,
 * gathered from all over the heap, cost the kernel ~2 CPU-s per GiB here,
 * against ~0.9 for the same bytes copied into one warm 1 MiB buffer first
 * (see BodySink); a 1 GiB HTTPS download took 0.73× the CPU. This client
 * speaks only what an S3 GET answer needs: a status line, headers and a
 * Content-Length body on a keep-alive connection. Any other answer (chunked,
 * or framed by the connection's close) is asked again through Node's http
 * module (node-http.ts), before a byte is written. TLS connections come from
 * net/ (connectTls), with the profile's network policy.
 */

/**
 * Every raw socket reads into this one buffer. Sharing it is safe: reads on
 * this thread happen one at a time, and each is consumed (written, copied
 * into a BodySink, or its few header bytes copied) before its callback
 * returns. So 32 sockets of a folder download hold 1 MiB, not 32.
 */
const readBuffer = Buffer.allocUnsafe(1 << 20);
/** An answer's status line and headers may take this much at most. */
const HEAD_MAX = 64 * 1024;
/** An idle keep-alive socket is closed after this long (servers close theirs after 5 s or more). */
const IDLE_MS = 4_000;
/** A body gathers its small reads (a TLS record is 16 KiB at most) into writes of this size. */
const GATHER_SIZE = 1 << 20;
/** A read at least this big, with nothing gathered before it, is written as it is. */
const WRITE_AS_IS = 128 * 1024;
/** Gathering buffers not in use, kept for the next body (a few: one per GET in flight is the most needed). */
const spareGathers: Buffer[] = [];

/**
 * Where a 2xx body goes: into the job's file, small reads copied into one
 * buffer and written 1 MiB at a time (a write per 16 KiB record would be
 * 65,536 system calls per GiB), big reads written straight from the read
 * buffer. `flush` before the job ends, however it ends: what arrived is in
 * the file, and `written` says so.
 */
class BodySink {
  private gather?: Buffer;
  private gathered = 0;

  constructor(private readonly job: ThreadJob) {}

  take(buffer: Buffer, offset: number, length: number): void {
    if (!this.gathered && length >= WRITE_AS_IS) return this.job.write(buffer, offset, length);
    this.gather ??= spareGathers.pop() ?? Buffer.allocUnsafe(GATHER_SIZE);
    if (this.gathered + length > GATHER_SIZE) this.flush();
    buffer.copy(this.gather, this.gathered, offset, offset + length);
    this.gathered += length;
    // Under a speed limit the job writes (and so spends its grant) in the limit's smaller steps.
    if (this.gathered >= Math.min(GATHER_SIZE, this.job.writeStep)) this.flush();
  }

  /** Writes what is gathered. */
  flush(): void {
    if (!this.gathered) return;
    const n = this.gathered;
    this.gathered = 0;
    this.job.write(this.gather!, 0, n);
  }

  /** Writes what is gathered and gives the buffer back: the error of that write, or undefined. */
  close(): unknown {
    try {
      this.flush();
      return undefined;
    } catch (error) {
      return error;
    } finally {
      if (this.gather && spareGathers.length < 4) spareGathers.push(this.gather);
      this.gather = undefined;
      this.gathered = 0;
    }
  }
}

/** What a connection hands the exchange it carries. */
interface Exchange {
  /** Bytes read into the socket's buffer (valid only during the call). */
  onData(buffer: Buffer, length: number): void;
  /** The most to read at a time: the speed limit's step while one applies (a 1 MiB read would overdraw it by as much). */
  readSize(): number;
  onClosed(error: Error | undefined): void;
}

/** Kept-alive connections by host and port. */
const idle = new Map<string, Connection[]>();

/** A socket that carries one exchange at a time, then waits idle for the next. */
class Connection {
  readonly socket: Socket;
  exchange?: Exchange;
  /** The silence that fails the exchange in flight. */
  private silenceMs = 0;
  /** True once it carried an exchange: a kept-alive socket the server may have closed meanwhile. */
  used = false;
  /** HTTPS: false until the server's certificate passed the profile's check; nothing is written before. */
  private trusted: boolean;
  /** A request waiting for that check. */
  private pending?: string;
  /** The read buffer cut to the last smaller read size asked for. */
  private smaller?: Buffer;
  closed = false;
  private error?: Error;

  constructor(
    readonly key: string,
    target: SignedTarget,
    port: number,
  ) {
    const onread = {
      // Asked before every read: the whole buffer, or its start when the exchange reads less at a time.
      buffer: () => {
        const size = this.exchange?.readSize() ?? Infinity;
        if (size >= readBuffer.length) return readBuffer;
        if (this.smaller?.length !== size) this.smaller = readBuffer.subarray(0, size);
        return this.smaller;
      },
      callback: (length: number) => {
        // Bytes on an idle socket belong to no request: the connection cannot be trusted.
        if (this.exchange) this.exchange.onData(readBuffer, length);
        else this.socket.destroy();
        return true;
      },
    };
    const host = target.hostname;
    const https = target.protocol === 'https:';
    this.trusted = !https;
    this.socket = https
      ? connectTls(target.network ?? DEFAULT_NETWORK, { host, port, onread }, (error) => {
          // Set before the socket's close (a refusal destroys it), so the exchange fails with the certificate's words.
          if (error) return void (this.error = error);
          this.trusted = true;
          if (this.pending !== undefined) this.socket.write(this.pending, 'latin1');
          this.pending = undefined;
        })
      : connect({ host, port, noDelay: true, onread });
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
    if (this.trusted) this.socket.write(request, 'latin1');
    else this.pending = request;
  }

  /** Stops reading while the exchange waits for the speed limit (no silence counts meanwhile); `resume` goes on. */
  hold(): void {
    this.socket.setTimeout(0);
    this.socket.pause();
  }

  resume(): void {
    this.socket.setTimeout(this.silenceMs);
    this.socket.resume();
  }

  /** After an exchange: back to the idle list, or closed. */
  release(keep: boolean): void {
    this.exchange = undefined;
    if (!keep || this.closed) return void this.socket.destroy();
    // Idle, it reads again (a held exchange may have paused it): a server's close must be seen.
    if (this.socket.isPaused()) this.socket.resume();
    this.socket.setTimeout(IDLE_MS);
    this.socket.unref();
    const list = idle.get(this.key) ?? [];
    list.push(this);
    idle.set(this.key, list);
  }
}

/** The GET's request head, refusing what would not be one valid line per header. */
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

/** An answer's status line and headers, as far as this client reads them. */
interface Head {
  status: number;
  headers: AnswerHeaders;
  keepAlive: boolean;
  /** The body's Content-Length; undefined when the answer needs Node's http module instead. */
  length: number | undefined;
}

/** Reads the status line and headers. */
function parseHead(text: string): Head {
  const lines = text.split('\r\n');
  const statusLine = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]);
  if (!statusLine) throw broken('no status line');
  const status = Number(statusLine[1]);
  const all: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw broken('a header line without a name');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    all[name] = all[name] === undefined ? value : `${all[name]}, ${value}`;
  }
  const headers: AnswerHeaders = {};
  for (const name of KEEP_HEADERS) if (all[name] !== undefined) headers[name] = all[name];
  const keepAlive = !/\bclose\b/i.test(all.connection ?? '');
  if (status >= 100 && status < 200) return { status, headers, keepAlive, length: 0 };
  const length = all['content-length'];
  if (all['transfer-encoding'] !== undefined || length === undefined)
    return { status, headers, keepAlive, length: status === 204 || status === 304 ? 0 : undefined };
  if (!/^\d+$/.test(length)) throw broken(`Content-Length ${length}`);
  return { status, headers, keepAlive, length: Number(length) };
}

/** Sends the job's GET on a kept-alive connection (or a new one: `fresh`) and writes its body as it arrives. */
export function rawGet(job: ThreadJob, fresh = false): void {
  const { target } = job;
  const network = target.network ?? DEFAULT_NETWORK;
  const port = target.port ?? (target.protocol === 'https:' ? 443 : 80);
  // Through a proxy, the GET goes by Node's http module and the proxy agent (node-http.ts): this reader dials only the server itself.
  if (proxyRouteFor(proxyOf(network), `${target.protocol}//${target.hostname.includes(':') ? `[${target.hostname}]` : target.hostname}:${port}`))
    return nodeGet(job);
  const key = `${target.protocol}//${target.hostname}:${port} ${policyKey(network)}`;
  const request = requestText(target);
  const connection = (!fresh && idle.get(key)?.pop()) || new Connection(key, target, port);
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
  const sink = new BodySink(job);

  const end = (answer: Answer, keep: boolean) => {
    phase = 'done';
    connection.release(keep);
    const writeError = sink.close();
    if (writeError) job.fail(writeError);
    else job.finish(answer);
  };
  /** Ends the job with an error, after writing what arrived (unless that write is what failed). */
  const fail = (error: unknown) => {
    phase = 'done';
    job.fail(sink.close() ?? error);
  };
  job.stop = (error) => connection.socket.destroy(error);
  job.hold = () => connection.hold();
  job.unhold = () => phase !== 'done' && connection.resume();

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
      const parsed = parseHead(bytes.toString('latin1', 0, blank));
      ({ status, headers, keepAlive } = parsed);
      if (parsed.length === undefined) {
        // Chunked or closed-delimited: asked again through Node's http module, nothing written yet.
        phase = 'done';
        connection.release(false);
        nodeGet(job);
        return;
      }
      remaining = parsed.length;
      if (status < 200) continue; // 1xx: the real answer follows
      if (status >= 300) phase = 'error-body';
      else if (!rangeMatches(job, headers['content-range'])) return end({ status, headers, rangeMismatch: true }, false);
      else phase = 'body';
    }
    const take = Math.min(remaining, length - offset);
    if (phase === 'body') sink.take(buffer, offset, take);
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
      readSize: () => job.writeStep,
      onData(buffer, length) {
        if (phase === 'done') return;
        try {
          onData(buffer, length);
        } catch (error) {
          connection.release(false);
          fail(error);
        }
      },
      onClosed(error) {
        if (phase === 'done') return;
        // A kept-alive socket the server closed before answering: the GET is asked again on a new one.
        if (reused && !received && !job.aborted) {
          phase = 'done';
          return rawGet(job, true);
        }
        fail(error ?? (received ? prematureClose() : failure('The server closed the connection without answering.', { code: 'ECONNRESET' })));
      },
    },
    request,
    job.silenceMs,
  );
}
