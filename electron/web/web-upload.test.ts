import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BodyWanted, StreamsStarted, TransferSnapshot } from '../../shared/transfers';
import type { AppServices } from '../app-services';
import { openUploads, sha256Object } from '../services/transfers/test-kit';
import { BrowserBodies } from '../services/transfers/tasks/browser-upload';
import { rawClient } from '../test-support/gateway';
import { startWebRig, type WebRig } from '../test-support/web-rig';
import type { WebServer } from './web-server';

/**
 * The web transport's uploads, end to end without a browser: the page's part
 * (answer `transfer:bodyWanted` by POSTing the file from the asked offset to
 * /upload/<ticket>) is played by this test with Node's fetch, against the real
 * server, engine and gateway.
 */
describe('uploads of files the page holds (web transport)', () => {
  const s3 = rawClient();
  let services: AppServices;
  let rig: WebRig;
  let server: WebServer;
  let bucket: { name: string; cleanup: () => Promise<void> };
  let profileId: string;
  /** What the "page" holds, by ticket; the asks it received. */
  const files = new Map<string, Buffer>();
  const asks: BodyWanted[] = [];
  const snapshots = new Map<string, TransferSnapshot>();
  /** Milliseconds the page waits between 1 MiB chunks (slows a send down for the pause test). */
  let chunkDelayMs = 0;

  const call = <T>(channel: string, body: unknown) => rig.call<T>(channel, body);

  async function* chunksOf(buffer: Buffer) {
    for (let at = 0; at < buffer.length; at += 1 << 20) {
      if (chunkDelayMs) await sleep(chunkDelayMs);
      yield buffer.subarray(at, at + (1 << 20));
    }
  }

  const sendBody = async ({ ticket, offset }: BodyWanted) => {
    const file = files.get(ticket);
    if (!file) return;
    await fetch(`http://127.0.0.1:${server.port}/upload/${ticket}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', 'X-Pail-Token': server.token },
      body: ReadableStream.from(chunksOf(file.subarray(offset))),
      duplex: 'half',
    } as RequestInit).catch(() => undefined); // a pause answers early and drops the connection
  };

  /** The page keeps a file under a ticket of its own before asking for the upload. */
  const hold = (body: Buffer) => {
    const ticket = randomUUID();
    files.set(ticket, body);
    return ticket;
  };

  const settled = async (batchId: string) => {
    await services.transfers.settled(batchId);
    return services.transfers.list().transfers.filter((t) => t.batchId === batchId);
  };

  beforeAll(async () => {
    rig = await startWebRig('web-upload', { asks, snapshots, answer: (wanted: BodyWanted) => void sendBody(wanted) });
    ({ services, server, bucket, profileId } = rig);
  });
  afterAll(() => rig?.close());

  it('stores a dropped folder: files by their paths in the drop, with Content-Types, empty folders as markers', async () => {
    const dropped = {
      'album/notes.txt': Buffer.from('hello'),
      'album/2024/photo.png': randomBytes(300_000),
      'album/ünï cødé #1.json': Buffer.from('{"a":1}'),
      'album/empty.dat': Buffer.alloc(0),
    };
    const started = await call<StreamsStarted>('transfers:uploadStreams', {
      profileId,
      bucket: bucket.name,
      prefix: 'in/',
      conflict: 'overwrite',
      files: Object.entries(dropped).map(([path, body]) => ({ path, size: body.length, ticket: hold(body) })),
      folders: ['album/nothing here'],
    });
    expect(started.tickets).toHaveLength(4);
    const transfers = await settled(started.batchId);
    expect(transfers.map((t) => t.state)).toEqual(['done', 'done', 'done', 'done', 'done']);
    const types: Record<string, string> = {
      'album/notes.txt': 'text/plain',
      'album/2024/photo.png': 'image/png',
      'album/ünï cødé #1.json': 'application/json',
      'album/empty.dat': 'application/octet-stream',
    };
    for (const [path, body] of Object.entries(dropped)) {
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: `in/${path}` }));
      expect(head.ContentLength).toBe(body.length);
      expect(head.ContentType).toBe(types[path]);
      expect(await sha256Object(s3, bucket.name, `in/${path}`)).toBe(createHash('sha256').update(body).digest('hex'));
    }
    expect((await s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'in/album/nothing here/' }))).ContentLength).toBe(0);
  });

  it('pauses a big upload between parts and resumes it with the rest of the file, byte-identical', async () => {
    const body = randomBytes(40 * 1024 * 1024);
    chunkDelayMs = 15;
    const ticket = hold(body);
    const started = await call<StreamsStarted>('transfers:uploadStreams', {
      profileId,
      bucket: bucket.name,
      prefix: 'big/',
      conflict: 'overwrite',
      files: [{ path: 'movie.bin', size: body.length, ticket }],
    });
    const id = services.transfers.list().transfers.find((t) => t.batchId === started.batchId)!.id;
    while ((snapshots.get(id)?.bytes ?? 0) < 10 * 1024 * 1024) await sleep(20);
    expect((await call<{ affected: number }>('transfers:pause', { ids: [id] })).affected).toBe(1);
    while (snapshots.get(id)?.state !== 'paused') await sleep(20);
    // 40 MiB in 8 MiB parts: five in all, whatever has been sent so far.
    expect(snapshots.get(id)?.parts).toMatchObject({ total: 5 });
    expect(snapshots.get(id)!.parts!.done).toBeLessThan(5);
    // The multipart upload stays open while paused: nothing is sent again on resume.
    expect(await openUploads(s3, bucket.name)).toContain('big/movie.bin');
    chunkDelayMs = 0;
    await call('transfers:resume', { ids: [id] });
    const [done] = await settled(started.batchId);
    expect(done).toMatchObject({ state: 'done', bytes: body.length });
    const offsets = asks.filter((a) => a.ticket === ticket).map((a) => a.offset);
    expect(offsets).toHaveLength(2);
    expect(offsets[0]).toBe(0);
    expect(offsets[1] % (8 * 1024 * 1024)).toBe(0);
    expect(offsets[1]).toBeGreaterThan(0);
    expect(await sha256Object(s3, bucket.name, 'big/movie.bin')).toBe(createHash('sha256').update(body).digest('hex'));
    expect(await openUploads(s3, bucket.name)).not.toContain('big/movie.bin');
  });

  it('refuses a body nobody asked for, and one without the token', async () => {
    const post = (ticket: string, headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${server.port}/upload/${ticket}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream', ...headers },
        body: 'x',
      });
    expect((await post('0b7f6c3e-0000-4000-8000-000000000000', { 'X-Pail-Token': server.token })).status).toBe(409);
    expect((await post('0b7f6c3e-0000-4000-8000-000000000000', {})).status).toBe(403);
  });

  it('refuses paths that cannot name an object, and uploads the rest of the batch', async () => {
    const started = await call<StreamsStarted>('transfers:uploadStreams', {
      profileId,
      bucket: bucket.name,
      prefix: 'odd/',
      conflict: 'overwrite',
      files: [
        { path: '../escape.txt', size: 1, ticket: hold(Buffer.from('x')) },
        { path: 'ok.txt', size: 2, ticket: hold(Buffer.from('ok')) },
      ],
    });
    const [escape, ok] = await settled(started.batchId);
    expect(escape.state).toBe('failed');
    expect(escape.error?.message).toContain('".."');
    expect(ok.state).toBe('done');
  });

  it('fails a transfer whose page never sends the file, saying to drop it again', async () => {
    const bodies = new BrowserBodies(() => undefined, 100);
    const ticket = randomUUID();
    bodies.issue(ticket);
    await expect(bodies.request(ticket, 0, new AbortController().signal)).rejects.toThrow('did not send the file');
    await expect(bodies.request('unknown', 0, new AbortController().signal)).rejects.toThrow('did not send the file');
  });
});
