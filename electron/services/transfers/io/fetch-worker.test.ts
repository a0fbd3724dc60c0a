import { mkdtemp, open, readFile, rm, type FileHandle } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SignedTarget } from './fetch-protocol';
import { FetchWorker } from './fetch-worker';

/** One request as the scripted server saw it. */
interface Seen {
  /** Which connection (0, 1, …) and which request on it. */
  connection: number;
  onConnection: number;
  head: string;
}

/**
 * An HTTP server scripted byte by byte: `answer` writes whatever it likes on
 * the socket for each request, so the tests can send what real servers and
 * proxies do (headers in pieces, 1xx, chunked bodies, cuts, stale keep-alive).
 */
async function scriptedServer(answer: (socket: Socket, seen: Seen) => void | Promise<void>): Promise<{ server: Server; port: number; seen: Seen[] }> {
  const seen: Seen[] = [];
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    const connection = sockets.length;
    sockets.push(socket);
    let onConnection = 0;
    let pending = '';
    socket.on('error', () => undefined);
    socket.on('data', (data) => {
      pending += data.toString('latin1');
      for (let end = pending.indexOf('\r\n\r\n'); end >= 0; end = pending.indexOf('\r\n\r\n')) {
        const request: Seen = { connection, onConnection: onConnection++, head: pending.slice(0, end) };
        pending = pending.slice(end + 4);
        seen.push(request);
        void answer(socket, request);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // Closing also ends the connections the client keeps alive, as a server that stops does.
  const close = server.close.bind(server);
  server.close = (done) => {
    for (const socket of sockets) socket.destroy();
    return close(done);
  };
  return { server, port: (server.address() as AddressInfo).port, seen };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const body = (size: number, seed = 7) => Buffer.from(Array.from({ length: size }, (_, i) => (i * seed + 13) & 0xff));

describe('the fetch thread', () => {
  let dir: string;
  let worker: FetchWorker;
  let file: FileHandle;
  let server: Server | undefined;
  let n = 0;

  const target = (port: number, path = '/bucket/key'): SignedTarget => ({
    protocol: 'http:',
    hostname: '127.0.0.1',
    port,
    path,
    headers: { host: `127.0.0.1:${port}`, authorization: 'AWS4-HMAC-SHA256 test' },
  });
  const freshFile = async () => {
    await file?.close().catch(() => undefined);
    file = await open(join(dir, `file-${n++}`), 'w+');
  };
  const contents = async () => readFile(join(dir, `file-${n - 1}`));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pail-fetch-'));
    worker = new FetchWorker();
  });
  afterEach(async () => {
    await file?.close().catch(() => undefined);
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    server = undefined;
  });
  afterAll(async () => {
    await worker.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads headers that arrive in pieces after a 100 Continue, and sends the next GET on the same connection', async () => {
    const payload = body(300_000);
    const scripted = await scriptedServer(async (socket) => {
      socket.write('HTTP/1.1 100 Continue\r\n\r\n');
      const head = `HTTP/1.1 200 OK\r\nETag: "abc"\r\nContent-Length: ${payload.length}\r\nLast-Modified: Tue, 24 Nov 2026 10:00:00 GMT\r\nx-amz-request-id: r1\r\n\r\n`;
      for (const piece of [head.slice(0, 7), head.slice(7, 40), head.slice(40, -1), head.slice(-1)]) {
        socket.write(piece);
        await pause(5);
      }
      socket.write(payload.subarray(0, 1000));
      await pause(5);
      socket.write(payload.subarray(1000));
    });
    server = scripted.server;
    for (let round = 0; round < 2; round += 1) {
      await freshFile();
      let progressed = 0;
      const answer = await worker.fetchInto(target(scripted.port), file.fd, 0, undefined, (bytes) => (progressed += bytes));
      expect(answer).toMatchObject({
        status: 200,
        written: payload.length,
        headers: { etag: '"abc"', 'content-length': String(payload.length), 'x-amz-request-id': 'r1' },
      });
      expect(progressed).toBe(payload.length);
      expect((await contents()).equals(payload)).toBe(true);
    }
    // Both GETs went over one kept-alive connection, with the signed headers as given.
    expect(scripted.seen.map((s) => [s.connection, s.onConnection])).toEqual([
      [0, 0],
      [0, 1],
    ]);
    expect(scripted.seen[0].head).toMatch(/^GET \/bucket\/key HTTP\/1\.1\r\n/);
    expect(scripted.seen[0].head).toContain('authorization: AWS4-HMAC-SHA256 test');
  });

  it('keeps the bytes of GETs on many connections apart, their reads interleaved', async () => {
    const payloads = Array.from({ length: 8 }, (_, i) => body(150_000 + i * 1_001, 2 * i + 1));
    const scripted = await scriptedServer(async (socket, seen) => {
      const payload = payloads[Number(/\/file-(\d+)/.exec(seen.head)![1])];
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${payload.length}\r\n\r\n`);
      for (let at = 0; at < payload.length; at += 20_000) {
        socket.write(payload.subarray(at, at + 20_000));
        await pause(2);
      }
    });
    server = scripted.server;
    const handles = await Promise.all(payloads.map((_, i) => open(join(dir, `many-${i}`), 'w+')));
    try {
      const answers = await Promise.all(
        handles.map((handle, i) => worker.fetchInto(target(scripted.port, `/file-${i}`), handle.fd, 0, undefined, () => undefined)),
      );
      expect(answers.map((a) => a.written)).toEqual(payloads.map((p) => p.length));
      for (const [i, payload] of payloads.entries()) expect((await readFile(join(dir, `many-${i}`))).equals(payload), `file ${i}`).toBe(true);
      expect(new Set(scripted.seen.map((s) => s.connection)).size).toBe(8);
    } finally {
      await Promise.all(handles.map((handle) => handle.close()));
    }
  });

  it("asks a chunked answer again through Node's http module, and writes the same bytes once", async () => {
    const payload = body(200_000, 3);
    const scripted = await scriptedServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
      for (const part of [payload.subarray(0, 70_000), payload.subarray(70_000)])
        socket.write(`${part.length.toString(16)}\r\n${part.toString('latin1')}\r\n`, 'latin1');
      socket.write('0\r\n\r\n');
    });
    server = scripted.server;
    await freshFile();
    const answer = await worker.fetchInto(target(scripted.port), file.fd, 0, undefined, () => undefined);
    expect(answer).toMatchObject({ status: 200, written: payload.length });
    expect((await contents()).equals(payload)).toBe(true);
    expect(scripted.seen).toHaveLength(2);
  });

  it('writes a range at its place, and writes nothing when the server answers other bytes', async () => {
    const payload = body(5_000);
    const scripted = await scriptedServer((socket, seen) => {
      const [, start, end] = /range: bytes=(\d+)-(\d+)/i.exec(seen.head)!.map(Number);
      // The second request gets the bytes from 0, as a server that ignores the start would send them.
      const from = seen.connection === 0 && seen.onConnection === 0 ? start : 0;
      const slice = payload.subarray(from, from + end - start + 1);
      socket.write(
        `HTTP/1.1 206 Partial Content\r\nContent-Range: bytes ${from}-${from + slice.length - 1}/${payload.length}\r\nContent-Length: ${slice.length}\r\n\r\n`,
      );
      socket.write(slice);
    });
    server = scripted.server;
    await freshFile();
    const withRange = (start: number, end: number): SignedTarget => {
      const t = target(scripted.port);
      return { ...t, headers: { ...t.headers, range: `bytes=${start}-${end}` } };
    };
    const placed = await worker.fetchInto(withRange(1000, 2999), file.fd, 1000, { start: 1000, end: 2999 }, () => undefined);
    expect(placed).toMatchObject({ status: 206, written: 2000 });
    const refused = await worker.fetchInto(withRange(3000, 4999), file.fd, 3000, { start: 3000, end: 4999 }, () => undefined);
    expect(refused).toMatchObject({ status: 206, written: 0, rangeMismatch: true });
    const bytes = await contents();
    expect(bytes.length).toBe(3000);
    expect(bytes.subarray(1000).equals(payload.subarray(1000, 3000))).toBe(true);
  });

  it('gives back an error answer with its body, and keeps the connection for the next GET', async () => {
    const xml = '<?xml version="1.0"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>';
    const scripted = await scriptedServer((socket, seen) => {
      if (seen.onConnection === 0)
        socket.write(
          `HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: ${xml.length}\r\nDate: Thu, 26 Nov 2026 08:00:00 GMT\r\n\r\n${xml}`,
        );
      else socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    });
    server = scripted.server;
    await freshFile();
    const slow = await worker.fetchInto(target(scripted.port), file.fd, 0, undefined, () => undefined);
    expect(slow).toMatchObject({ status: 503, written: 0, body: xml, headers: { date: 'Thu, 26 Nov 2026 08:00:00 GMT' } });
    expect((await contents()).length).toBe(0);
    const ok = await worker.fetchInto(target(scripted.port), file.fd, 0, undefined, () => undefined);
    expect(ok).toMatchObject({ status: 200, written: 2 });
    expect(scripted.seen.map((s) => s.connection)).toEqual([0, 0]);
  });

  it('rejects a body cut short with the bytes already in the file', async () => {
    const payload = body(10_000);
    const scripted = await scriptedServer((socket) => {
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${payload.length}\r\n\r\n`);
      socket.end(payload.subarray(0, 4_000));
    });
    server = scripted.server;
    await freshFile();
    const cut = worker.fetchInto(target(scripted.port), file.fd, 0, undefined, () => undefined);
    await expect(cut).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE', written: 4_000 });
    expect((await contents()).equals(payload.subarray(0, 4_000))).toBe(true);
  });

  it('sends a GET again on a new connection when the kept-alive one was closed unanswered', async () => {
    const scripted = await scriptedServer((socket, seen) => {
      // The second request on the first connection meets a server that has just timed it out.
      if (seen.connection === 0 && seen.onConnection === 1) return void socket.destroy();
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello');
    });
    server = scripted.server;
    await freshFile();
    await worker.fetchInto(target(scripted.port), file.fd, 0, undefined, () => undefined);
    const again = await worker.fetchInto(target(scripted.port), file.fd, 0, undefined, () => undefined);
    expect(again).toMatchObject({ status: 200, written: 5 });
    expect(scripted.seen.map((s) => [s.connection, s.onConnection])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
    ]);
  });

  it('does not reuse a connection whose server sent more than the answer', async () => {
    const scripted = await scriptedServer((socket) => void socket.write('HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcGARBAGE'));
    server = scripted.server;
    await freshFile();
    expect(await worker.fetchInto(target(scripted.port), file.fd, 0, undefined, () => undefined)).toMatchObject({ status: 200, written: 3 });
    expect(await worker.fetchInto(target(scripted.port), file.fd, 0, undefined, () => undefined)).toMatchObject({ status: 200, written: 3 });
    expect((await contents()).toString()).toBe('abc');
    expect(scripted.seen.map((s) => s.connection)).toEqual([0, 1]);
  });

  it('stops a GET when it is aborted, and names an unreachable server', async () => {
    const scripted = await scriptedServer((socket) => void socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\nstart'));
    server = scripted.server;
    await freshFile();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const stalled = worker.fetchInto(target(scripted.port), file.fd, 0, undefined, () => undefined, { signal: controller.signal });
    await expect(stalled).rejects.toMatchObject({ name: 'AbortError' });

    const closed = await scriptedServer(() => undefined);
    const port = closed.port;
    await new Promise((resolve) => closed.server.close(resolve));
    await expect(worker.fetchInto(target(port), file.fd, 0, undefined, () => undefined)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('refuses a garbled answer instead of writing it', async () => {
    const scripted = await scriptedServer((socket) => void socket.end('SSH-2.0-OpenSSH_9.2\r\n\r\n'));
    server = scripted.server;
    await freshFile();
    await expect(worker.fetchInto(target(scripted.port), file.fd, 0, undefined, () => undefined)).rejects.toMatchObject({ code: 'EPROTO', written: 0 });
    expect((await contents()).length).toBe(0);
  });
});
