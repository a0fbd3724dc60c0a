import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, wireEvents } from '../app-services';
import { createDispatcher } from '../ipc/dispatcher';
import { freshServices } from '../test-support/gateway';
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
      objectStream: async (ticket, range) => ({ status: range ? 206 : 200, headers: { 'Content-Type': 'text/plain', 'X-Ticket': ticket, 'X-Range': range ?? '' }, body: Readable.from(['object body']) }),
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

  it('serves the page with the token and sets a same-site cookie for its assets', async () => {
    const page = await send(server.port, `/?token=${server.token}`, { headers: host() });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const asset = await send(server.port, '/assets/app.js', { headers: { ...host(), Cookie: cookie.split(';')[0] } });
    expect(asset.status).toBe(200);
    expect(asset.body).toBe('console.log(1)');
  });

  it('refuses every request without the token', async () => {
    expect((await send(server.port, '/', { headers: host() })).status).toBe(403);
    expect((await send(server.port, '/assets/app.js', { headers: host() })).status).toBe(403);
    expect((await send(server.port, '/?token=wrong', { headers: host() })).status).toBe(403);
    expect((await send(server.port, '/events', { headers: host() })).status).toBe(403);
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
    const page = await send(server.port, `/?token=${server.token}`, { headers: host() });
    const cookie = String(page.headers['set-cookie']).split(';')[0];
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

  it('streams events to the page', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: server.port, path: `/events?token=${server.token}`, headers: host() }, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream');
        let buffer = '';
        res.on('data', (chunk: Buffer) => {
          buffer += chunk.toString('utf8');
          const data = buffer.split('\n').find((line) => line.startsWith('data: '));
          if (data) {
            resolve(data.slice('data: '.length));
            req.destroy();
          }
        });
        // Once the stream is open, a profile change should arrive on it.
        void services.profiles.create({ name: 'Evented', endpoint: 'http://127.0.0.1:1', region: 'us-east-1', accessKeyId: 'A', secretAccessKey: 's3cret-value' });
      });
      req.on('error', reject);
      req.end();
    });
    const message = JSON.parse(await received) as { event: string; payload: { profiles: { name: string }[] } };
    expect(message.event).toBe('profiles:changed');
    expect(message.payload.profiles.map((p) => p.name)).toContain('Evented');
    expect(JSON.stringify(message)).not.toContain('s3cret-value');
  });
});
