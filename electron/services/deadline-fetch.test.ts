import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadlineFetch } from './deadline-fetch';

const quick = { connectMs: 2_000, firstByteMs: 300, stallMs: 300 };

describe('fetch with deadlines', () => {
  let silent: TcpServer;
  const sockets = new Set<Socket>();
  let http: HttpServer;
  let silentUrl: string;
  let base: string;

  beforeAll(async () => {
    // Accepts the connection, reads the request, never answers.
    silent = createTcpServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.resume();
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/file.bin`;
    http = createHttpServer((req, res) => {
      if (req.url === '/stall') {
        // Headers and a first piece, then nothing more on an open connection.
        res.writeHead(200, { 'content-length': '1000' });
        res.write(Buffer.alloc(100));
      } else {
        res.writeHead(200, { 'content-length': '4' });
        res.end('done');
      }
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    sockets.forEach((s) => s.destroy());
    silent?.close();
    http?.closeAllConnections();
    await new Promise((resolve) => http?.close(resolve));
  });

  it('fails with Timeout, naming the host, when the server accepts and never answers', async () => {
    const started = Date.now();
    const error = await deadlineFetch(silentUrl, { deadlines: quick }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'Timeout', message: `${new URL(silentUrl).host} is not answering: no answer within 0.3 s of the request.` });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('fails the body with Timeout when the server sends headers and then stalls', async () => {
    const response = await deadlineFetch(`${base}/stall`, { deadlines: quick });
    expect(response.status).toBe(200);
    const started = Date.now();
    let read = 0;
    const error = await (async () => {
      for await (const chunk of response.body!) read += chunk.length;
    })().catch((e: unknown) => e);
    expect(read).toBe(100);
    expect(error).toMatchObject({ code: 'Timeout', message: `${new URL(base).host} is not answering: no data for 0.3 s.` });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('never takes a slow reader for a silent server', async () => {
    const response = await deadlineFetch(`${base}/ok`, { deadlines: quick });
    // The reader waits longer than the stall deadline before it reads.
    await sleep(600);
    expect(await new Response(response.body).text()).toBe('done');
  });

  it("lets the caller's signal cancel at any time, with the caller's reason", async () => {
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(new Error('cancelled by the user')), 50);
    await expect(deadlineFetch(silentUrl, { signal: cancel.signal })).rejects.toThrow('cancelled by the user');
  });

  it('passes other failures on as they are', async () => {
    const closed = createHttpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
    await new Promise((resolve) => closed.close(resolve));
    await expect(deadlineFetch(url, { deadlines: quick })).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
  });
});
