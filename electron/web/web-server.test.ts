import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobFinished } from '../../shared/jobs';
import { createHandlers, wireEvents } from '../app-services';
import { createDispatcher } from '../ipc/dispatcher';
import { addGatewayProfile, createTestBucket, freshServices, putObjects, rawClient } from '../test-support/gateway';
import { OneTimeCodes } from './one-time-codes';
import { openApp } from './open-browser';
import { startWebServer, type WebServer } from './web-server';

/** A raw HTTP request, so Host and Origin can be set to anything. */
function send(port: number, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('loopback web transport', () => {
  let server: WebServer;
  let staticDir: string;
  let dispose: () => Promise<void>;
  let services: Awaited<ReturnType<typeof freshServices>>['services'];

  beforeAll(async () => {
    staticDir = await mkdtemp(join(tmpdir(), 'pail-static-'));
    await mkdir(join(staticDir, 'assets'));
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Pail</title>');
    await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(tmpdir(), 'pail-outside.txt'), 'outside');
    ({ services, dispose } = await freshServices());
    const dispatch = createDispatcher(createHandlers(services, { version: 'test', transport: 'web' }), (s) => s.transport === 'web');
    server = await startWebServer({
      port: 0,
      staticDir,
      dispatch,
      // A stand-in for ObjectStreams: this test is about the route's auth and Range pass-through.
      uploadBody: () => false,
      objectStream: async (ticket, range) => ({
        status: range ? 206 : 200,
        headers: { 'Content-Type': 'text/plain', 'X-Ticket': ticket, 'X-Range': range ?? '' },
        body: Readable.from(['object body']),
      }),
    });
    wireEvents(services, server.emit);
  });
  afterAll(async () => {
    await server?.close();
    await dispose?.();
    await rm(staticDir, { recursive: true, force: true });
  });

  const host = () => ({ Host: `127.0.0.1:${server.port}` });
  const api = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
    send(server.port, `/api/${channel}`, {
      method: 'POST',
      headers: { ...host(), 'Content-Type': 'application/json', 'X-Pail-Token': server.token, ...headers },
      body: JSON.stringify(body),
    });

  it('prints a loopback URL holding a random token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  /** The next event of a kind on a fresh event stream. */
  const nextEvent = async <T>(kind: string): Promise<T> => {
    const ticket = await eventTicket();
    return new Promise<T>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: server.port, path: `/events?ticket=${ticket}`, headers: host() }, (res) => {
        let buffer = '';
        res.on('data', (chunk: Buffer) => {
          buffer += chunk.toString('utf8');
          for (const line of buffer.split('\n')) {
            if (!line.startsWith('data: ')) continue;
            const message = JSON.parse(line.slice('data: '.length)) as { event: string; payload: T };
            if (message.event === kind) {
              resolve(message.payload);
              req.destroy();
              return;
            }
          }
          buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
        });
      });
      req.on('error', reject);
      req.end();
    });
  };
  /** The asset cookie the first page load sets ("name=value"). */
  const assetCookie = async () => String((await send(server.port, `/?token=${server.token}`, { headers: host() })).headers['set-cookie']).split(';')[0];
  /** A fresh single-use event ticket, asked for through the API. */
  const eventTicket = async () =>
    JSON.parse((await send(server.port, '/events/ticket', { method: 'POST', headers: { ...host(), 'X-Pail-Token': server.token } })).body).ticket as string;

  it('serves the page with the token and sets a same-site cookie for its assets, which is not the token', async () => {
    const page = await send(server.port, `/?token=${server.token}`, { headers: host() });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(server.token);
    const asset = await send(server.port, '/assets/app.js', { headers: { ...host(), Cookie: cookie.split(';')[0] } });
    expect(asset.status).toBe(200);
    expect(asset.body).toBe('console.log(1)');
  });

  it('lets the asset cookie fetch the static files and nothing else', async () => {
    const cookie = await assetCookie();
    const value = cookie.slice(cookie.indexOf('=') + 1);
    const withCookie = { ...host(), Cookie: cookie };
    expect((await send(server.port, '/assets/app.js', { headers: withCookie })).status).toBe(200);
    // As the API token, in a header or the URL, and for the event stream or an upload: refused.
    expect((await api('profiles:list', {}, { Cookie: cookie, 'X-Pail-Token': value })).status).toBe(403);
    expect(
      (await send(server.port, '/api/profiles:list', { method: 'POST', headers: { ...withCookie, 'Content-Type': 'application/json' }, body: '{}' })).status,
    ).toBe(403);
    expect((await send(server.port, '/events/ticket', { method: 'POST', headers: { ...withCookie, 'X-Pail-Token': value } })).status).toBe(403);
    expect((await send(server.port, `/events?ticket=${value}`, { headers: withCookie })).status).toBe(403);
    expect((await send(server.port, `/events?token=${value}`, { headers: withCookie })).status).toBe(403);
    expect(
      (
        await send(server.port, '/upload/0b7f6c3e-0000-4000-8000-000000000000', {
          method: 'POST',
          headers: { ...withCookie, 'X-Pail-Token': value },
          body: 'x',
        })
      ).status,
    ).toBe(403);
    expect(
      (await send(server.port, '/stage/0b7f6c3e-0000-4000-8000-000000000000', { method: 'POST', headers: { ...withCookie, 'X-Pail-Token': value }, body: 'x' }))
        .status,
    ).toBe(403);
    expect((await send(server.port, '/session/launch', { method: 'POST', headers: withCookie, body: value })).status).toBe(403);
  });

  it('opens the event stream only with a fresh ticket from the API, once per ticket, never with the token in the URL', async () => {
    expect((await send(server.port, `/events?token=${server.token}`, { headers: host() })).status).toBe(403);
    const ticket = await eventTicket();
    const first = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: server.port, path: `/events?ticket=${ticket}`, headers: host() }, (res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.end();
    });
    expect(first).toBe(200);
    const again = await send(server.port, `/events?ticket=${ticket}`, { headers: host() });
    expect(again.status).toBe(403);
    expect(again.body).toMatch(/used or expired event ticket/);
  });

  it('expires one-time codes and uses each once', () => {
    let now = 0;
    const codes = new OneTimeCodes(1_000, () => now);
    const a = codes.issue();
    const b = codes.issue();
    expect(codes.has(a)).toBe(true);
    expect(codes.take(a)).toBe(true);
    expect(codes.take(a)).toBe(false);
    now = 1_000;
    expect(codes.take(b)).toBe(false);
    expect(codes.take('')).toBe(false);
  });

  it('--open hands the browser a one-time launch code, never the token, and the code works once', async () => {
    const opened: string[] = [];
    expect(await openApp(server, async (url) => (opened.push(url), true))).toBe(true);
    const url = new URL(opened[0]);
    expect(url.origin).toBe(`http://127.0.0.1:${server.port}`);
    expect(opened[0]).not.toContain(server.token);
    const code = url.searchParams.get('launch')!;
    expect(code.length).toBeGreaterThanOrEqual(32);
    // The page loads with the code, and trades it for the token once.
    const page = await send(server.port, `/?launch=${code}`, { headers: host() });
    expect(page.status).toBe(200);
    expect(String(page.headers['set-cookie'])).toMatch(/^pail_assets_/);
    const traded = await send(server.port, '/session/launch', { method: 'POST', headers: host(), body: code });
    expect(JSON.parse(traded.body)).toEqual({ token: server.token });
    const replay = await send(server.port, '/session/launch', { method: 'POST', headers: host(), body: code });
    expect(replay.status).toBe(403);
    expect(replay.body).toMatch(/used already or has expired/);
    expect((await send(server.port, `/?launch=${code}`, { headers: host() })).status).toBe(403);
  });

  it('answers broken percent-encoding with 400 in words, not 500', async () => {
    for (const path of ['/api/%E0%A4%A', '/upload/%zz', '/assets/%zz.js', `/%E0%A4%A?token=${server.token}`]) {
      const answer = await send(server.port, path, {
        method: path.startsWith('/assets') || path.startsWith('/%') ? 'GET' : 'POST',
        headers: { ...host(), 'X-Pail-Token': server.token, 'Content-Type': 'application/json' },
        body: path.startsWith('/assets') || path.startsWith('/%') ? undefined : '{}',
      });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatch(/broken percent-encoding/);
    }
  });

  it('answers a body over the limit with 413 in words, without reading it all', async () => {
    const declared = await send(server.port, '/api/profiles:list', {
      method: 'POST',
      headers: { ...host(), 'X-Pail-Token': server.token, 'Content-Type': 'application/json', 'Content-Length': String(2 * 1024 * 1024) },
    });
    expect(declared.status).toBe(413);
    expect(declared.body).toMatch(/larger than 1 MiB, the most one request may carry/);
    // Chunked, with no length: refused once it passes the limit, though more keeps coming (and is not kept).
    const grown = await new Promise<{ status: number; body: string }>((resolve) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/profiles:list',
          method: 'POST',
          headers: { ...host(), 'X-Pail-Token': server.token, 'Content-Type': 'application/json' },
        },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', () => undefined); // the answer (or its absence) is what this test checks
      const piece = Buffer.alloc(256 * 1024, 0x20);
      let sent = 0;
      const more = () => {
        if (sent >= 12) return void req.end();
        if (req.destroyed) return;
        sent += 1;
        req.write(piece, () => setTimeout(more, 1));
      };
      more();
    });
    expect(grown.status).toBe(413);
    expect(grown.body).toMatch(/larger than 1 MiB/);
  });

  it('takes a request bigger than the limit in pieces, as one request: deleting 30,000 selected keys of ~1 KiB is one job', async () => {
    const bucket = await createTestBucket('staged');
    const profileId = (await addGatewayProfile(services, 'Staged')).id;
    try {
      const long = (i: number) => `${String(i).padStart(5, '0')}-${'k'.repeat(1000)}`;
      const keys = Array.from({ length: 30_000 }, (_, i) => long(i));
      // A few of them exist; deleting a key that does not is not an error in S3.
      await putObjects(bucket.name, keys.slice(0, 40));
      const json = Buffer.from(JSON.stringify({ profileId, bucket: bucket.name, keys }));
      expect(json.length).toBeGreaterThan(30_000_000);
      // In one piece it is refused…
      expect(
        (
          await send(server.port, '/api/s3:deleteEntries', {
            method: 'POST',
            headers: { ...host(), 'X-Pail-Token': server.token, 'Content-Type': 'application/json', 'Content-Length': String(json.length) },
          })
        ).status,
      ).toBe(413);
      // …in pieces of at most 1 MiB (what the page's postJson does), it is one request.
      const stage = '5b0c1f0e-4a8e-4d51-9d7e-2f3a4b5c6d7e';
      const finished = nextEvent<JobFinished>('job:finished');
      for (let at = 0; at < json.length; at += 1024 * 1024) {
        const piece = await fetch(`http://127.0.0.1:${server.port}/stage/${stage}`, {
          method: 'POST',
          headers: { 'X-Pail-Token': server.token },
          body: json.subarray(at, at + 1024 * 1024),
        });
        expect(piece.status).toBe(204);
      }
      const started = await fetch(`http://127.0.0.1:${server.port}/api/s3:deleteEntries`, {
        method: 'POST',
        headers: { 'X-Pail-Token': server.token, 'Content-Type': 'application/json', 'X-Pail-Staged': stage },
      });
      const { data } = (await started.json()) as { data: { jobId: string } };
      const done = await finished;
      expect(done).toMatchObject({ jobId: data.jobId, status: 'succeeded', done: 30_000 });
      expect((await rawClient().send(new ListObjectsV2Command({ Bucket: bucket.name }))).KeyCount).toBe(0);
      // A stage is used once.
      const replay = await fetch(`http://127.0.0.1:${server.port}/api/s3:deleteEntries`, {
        method: 'POST',
        headers: { 'X-Pail-Token': server.token, 'Content-Type': 'application/json', 'X-Pail-Staged': stage },
      });
      expect(replay.status).toBe(409);
    } finally {
      await services.profiles.delete({ id: profileId });
      await bucket.cleanup();
    }
  });

  it('refuses a relative download folder as it refuses relative upload paths', async () => {
    const answer = JSON.parse((await api('transfers:download', { profileId: 'p', bucket: 'some-bucket', keys: ['a.txt'], targetDir: 'Downloads/here' })).body);
    expect(answer).toMatchObject({ ok: false, error: { code: 'InvalidRequest', message: expect.stringMatching(/full path/) } });
  });

  it('refuses every request without the token', async () => {
    expect((await send(server.port, '/', { headers: host() })).status).toBe(403);
    expect((await send(server.port, '/assets/app.js', { headers: host() })).status).toBe(403);
    expect((await send(server.port, '/?token=wrong', { headers: host() })).status).toBe(403);
    expect((await send(server.port, '/events', { headers: host() })).status).toBe(403);
    expect((await send(server.port, '/events/ticket', { method: 'POST', headers: host() })).status).toBe(403);
    expect((await api('profiles:list', {}, { 'X-Pail-Token': 'wrong' })).status).toBe(403);
    const noHeader = await send(server.port, '/api/profiles:list', { method: 'POST', headers: { ...host(), 'Content-Type': 'application/json' }, body: '{}' });
    expect(noHeader.status).toBe(403);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin, even with the token', async () => {
    expect((await api('profiles:list', {}, { Host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await api('profiles:list', {}, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await api('profiles:list', {}, { Origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
  });

  it('streams local object links only to the page holding the token, passing Range on', async () => {
    expect((await send(server.port, '/object/t1', { headers: host() })).status).toBe(403);
    expect((await send(server.port, `/object/t1?token=${server.token}`, { headers: host() })).status).toBe(403);
    const cookie = await assetCookie();
    const answer = await send(server.port, '/object/t1', { headers: { ...host(), Cookie: cookie, Range: 'bytes=0-3' } });
    expect(answer.status).toBe(206);
    expect(answer.headers['x-ticket']).toBe('t1');
    expect(answer.headers['x-range']).toBe('bytes=0-3');
    expect(answer.headers['content-security-policy']).toContain("default-src 'none'");
    expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(answer.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(answer.body).toBe('object body');
  });

  it('never serves files outside the renderer folder', async () => {
    const traversal = await send(server.port, `/..%2fpail-outside.txt?token=${server.token}`, { headers: host() });
    expect(traversal.status).toBe(404);
    expect(traversal.body).not.toContain('outside');
  });

  it('answers requests through the dispatcher, with validation errors as values', async () => {
    const ok = await api('profiles:list', {});
    expect(JSON.parse(ok.body)).toEqual({ ok: true, data: [] });
    const bad = await api('s3:listObjects', { profileId: 'x' });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'InvalidRequest', message: expect.stringMatching(/bucket/) } });
  });

  it('streams events to the page, first saying that the stream opened (what came before is to be read again)', async () => {
    const ticket = await eventTicket();
    const received = new Promise<string[]>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: server.port, path: `/events?ticket=${ticket}`, headers: host() }, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream');
        let buffer = '';
        res.on('data', (chunk: Buffer) => {
          buffer += chunk.toString('utf8');
          const data = buffer.split('\n').filter((line) => line.startsWith('data: '));
          if (data.length === 2) {
            resolve(data.map((line) => line.slice('data: '.length)));
            req.destroy();
          }
        });
        // Once the stream is open, a profile change should arrive on it.
        void services.profiles.create({
          name: 'Evented',
          endpoint: 'http://127.0.0.1:1',
          region: 'us-east-1',
          accessKeyId: 'A',
          secretAccessKey: 's3cret-value',
        });
      });
      req.on('error', reject);
      req.end();
    });
    const [opened, changed] = await received;
    expect(JSON.parse(opened)).toEqual({ event: 'events:opened', payload: {} });
    const message = JSON.parse(changed) as { event: string; payload: { profiles: { name: string }[] } };
    expect(message.event).toBe('profiles:changed');
    expect(message.payload.profiles.map((p) => p.name)).toContain('Evented');
    expect(JSON.stringify(message)).not.toContain('s3cret-value');
  });
});
