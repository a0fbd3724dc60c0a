import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchStarted, BodyWanted, StreamsStarted, TransferSnapshot } from '../../shared/transfers';
import type { AppServices } from '../app-services';
import { openUploads } from '../services/transfers/test-kit';
import { rawClient } from '../test-support/gateway';
import { startWebRig, type WebRig } from '../test-support/web-rig';
import type { WebServer } from './web-server';

const MiB = 1024 * 1024;

/**
 * Bodies that break on the way, in web mode: a page that sends fewer or more
 * bytes than it announced, drops its connection, closes its tab, or pauses and
 * then goes away; a URL import whose source lies or drops. Each once killed
 * the server process ("Emitted 'error' event on Transform instance"); now each
 * must fail (or pause) its own transfer in words, leave nothing in the bucket,
 * and leave the server answering and uploading.
 */
describe('stream faults in web mode', () => {
  const s3 = rawClient();
  let services: AppServices;
  let rig: WebRig;
  let server: WebServer;
  let bucket: { name: string; cleanup: () => Promise<void> };
  let profileId: string;
  /** How "the page" answers each ticket's ask. */
  const pages = new Map<string, (wanted: BodyWanted) => void>();
  const asks: BodyWanted[] = [];
  const snapshots = new Map<string, TransferSnapshot>();

  const call = <T>(channel: string, body: unknown) => rig.call<T>(channel, body);

  /** A raw POST of a body: `declared` goes into Content-Length whatever is then written. */
  const rawPost = (ticket: string, declared: number): Socket => {
    const socket = connect(server.port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write(
      `POST /upload/${ticket} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-Pail-Token: ${server.token}\r\n` +
        `Content-Type: application/octet-stream\r\nContent-Length: ${declared}\r\n\r\n`,
    );
    return socket;
  };

  /** Starts one upload of a file the page holds; `page` plays the page's answer to the ask. */
  const upload = async (name: string, size: number, page: (wanted: BodyWanted) => void) => {
    const ticket = randomUUID();
    pages.set(ticket, page);
    const started = await call<StreamsStarted>('transfers:uploadStreams', {
      profileId,
      bucket: bucket.name,
      prefix: 'f/',
      conflict: 'overwrite',
      files: [{ path: name, size, ticket }],
    });
    const id = services.transfers.list().transfers.find((t) => t.batchId === started.batchId)!.id;
    return { ticket, id, batchId: started.batchId, key: `f/${name}` };
  };

  const settledOne = async (batchId: string) => {
    await services.transfers.settled(batchId);
    return services.transfers.list().transfers.find((t) => t.batchId === batchId)!;
  };

  /** The page sends a whole body properly (Node's fetch). */
  const sendWhole = (body: Buffer) => (wanted: BodyWanted) =>
    void fetch(`http://127.0.0.1:${server.port}/upload/${wanted.ticket}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', 'X-Pail-Token': server.token },
      body: body.subarray(wanted.offset),
    }).catch(() => undefined);

  /** What must hold after every fault: nothing of the key in the bucket, and the server still answers and uploads. */
  const expectNothingLeftAndServing = async (key: string) => {
    await expect(s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: key }))).rejects.toMatchObject({ name: 'NotFound' });
    expect(await openUploads(s3, bucket.name)).not.toContain(key);
    expect(await call<unknown[]>('profiles:list', {})).toHaveLength(1);
    const body = randomBytes(2048);
    const next = await upload(`after-${randomUUID()}.bin`, body.length, sendWhole(body));
    expect(await settledOne(next.batchId)).toMatchObject({ state: 'done', bytes: body.length });
  };

  beforeAll(async () => {
    rig = await startWebRig('web-faults', { asks, snapshots, answer: (wanted: BodyWanted) => pages.get(wanted.ticket)?.(wanted) });
    ({ services, server, bucket, profileId } = rig);
  });
  afterAll(() => rig?.close());

  it('fails an upload whose body is shorter than the file announced', async () => {
    const up = await upload('short.bin', 100_000, (w) => rawPost(w.ticket, 90_000).end(randomBytes(90_000)));
    const failed = await settledOne(up.batchId);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'S3Error', serverCode: 'IntegrityMismatch' } });
    expect(failed.error?.message).toMatch(/90000 of 100000 bytes/);
    await expectNothingLeftAndServing(up.key);
  });

  it('fails an upload whose body is longer than the file announced', async () => {
    const up = await upload('long.bin', 100_000, (w) => rawPost(w.ticket, 110_000).end(randomBytes(110_000)));
    const failed = await settledOne(up.batchId);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'S3Error', serverCode: 'IntegrityMismatch' } });
    expect(failed.error?.message).toMatch(/more bytes than/);
    await expectNothingLeftAndServing(up.key);
  });

  it('fails an upload whose connection drops mid-body', async () => {
    const up = await upload('dropped.bin', 200_000, (w) => {
      const socket = rawPost(w.ticket, 200_000);
      socket.write(randomBytes(80_000), () => setTimeout(() => socket.destroy(), 50));
    });
    const failed = await settledOne(up.batchId);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'EndpointUnreachable', serverCode: 'SourceUnavailable' } });
    expect(failed.error?.message).toMatch(/page stopped sending/);
    await expectNothingLeftAndServing(up.key);
  });

  it('fails a big upload whose tab is closed mid-body (the page aborts its request)', async () => {
    const size = 24 * MiB;
    const tab = new AbortController();
    const up = await upload('tab-closed.bin', size, (wanted) => {
      async function* slowly() {
        for (let at = 0; at < size; at += MiB) {
          // The tab closes after 12 MiB: one 8 MiB part may be stored, the rest never comes.
          if (at >= 12 * MiB) tab.abort();
          await sleep(5);
          yield randomBytes(MiB);
        }
      }
      void fetch(`http://127.0.0.1:${server.port}/upload/${wanted.ticket}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream', 'X-Pail-Token': server.token },
        body: ReadableStream.from(slowly()),
        duplex: 'half',
        signal: tab.signal,
      } as RequestInit).catch(() => undefined);
    });
    const failed = await settledOne(up.batchId);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'EndpointUnreachable', serverCode: 'SourceUnavailable' } });
    expect(failed.error?.message).toMatch(/page stopped sending/);
    await expectNothingLeftAndServing(up.key);
  });

  it('keeps a paused upload paused when the page then disconnects, and cancels it cleanly', async () => {
    const size = 40 * MiB;
    let socket: Socket | undefined;
    const up = await upload('paused.bin', size, (wanted) => {
      if (wanted.offset > 0) return; // this page is gone by the time of a resume
      socket = rawPost(wanted.ticket, size);
      const chunk = randomBytes(MiB);
      let sent = 0;
      const next = () => {
        if (sent >= size || socket!.destroyed) return;
        sent += MiB;
        socket!.write(chunk, () => setTimeout(next, 10));
      };
      next();
    });
    while ((snapshots.get(up.id)?.bytes ?? 0) < 10 * MiB) await sleep(20);
    expect((await call<{ affected: number }>('transfers:pause', { ids: [up.id] })).affected).toBe(1);
    while (snapshots.get(up.id)?.state !== 'paused') await sleep(20);
    socket!.destroy();
    await sleep(300);
    expect(services.transfers.list().transfers.find((t) => t.id === up.id)).toMatchObject({ state: 'paused' });
    expect(await call<unknown[]>('profiles:list', {})).toHaveLength(1);
    expect((await call<{ affected: number }>('transfers:cancel', { ids: [up.id] })).affected).toBe(1);
    await services.transfers.settled(up.batchId);
    await expectNothingLeftAndServing(up.key);
  });

  it('fails a single-PUT upload paused mid-body when the page then disconnects (a single PUT cannot stop between parts)', async () => {
    const size = 3 * MiB;
    let socket: Socket | undefined;
    const up = await upload('paused-small.bin', size, (wanted) => {
      socket = rawPost(wanted.ticket, size);
      socket.write(randomBytes(MiB));
    });
    while ((snapshots.get(up.id)?.bytes ?? 0) < MiB) await sleep(20);
    expect((await call<{ affected: number }>('transfers:pause', { ids: [up.id] })).affected).toBe(1);
    socket!.destroy();
    const failed = await settledOne(up.batchId);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'EndpointUnreachable', serverCode: 'SourceUnavailable' } });
    expect(failed.error?.message).toMatch(/page stopped sending after \d+ of 3145728 bytes/);
    await expectNothingLeftAndServing(up.key);
  });

  describe('URL imports whose source misbehaves', () => {
    let source: Server;
    let base: string;
    const liar = randomBytes(300_000);

    beforeAll(async () => {
      source = createServer((req, res) => {
        if (req.url === '/short-then-close') {
          // Announces more than it sends, then hangs up.
          res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(liar.length) });
          res.write(liar.subarray(0, 100_000), () => setTimeout(() => res.socket?.destroy(), 50));
        } else if (req.url === '/chunked-then-drop') {
          // No length: a multipart upload of the stream, cut off mid-body.
          res.writeHead(200, { 'content-type': 'application/octet-stream' });
          res.write(randomBytes(6 * MiB), () => setTimeout(() => res.socket?.destroy(), 50));
        } else {
          res.writeHead(404);
          res.end();
        }
      });
      await new Promise<void>((resolve) => source.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(source.address() as AddressInfo).port}`;
    });
    afterAll(() => {
      source?.closeAllConnections();
      source?.close();
    });

    const importUrl = async (path: string, name: string) => {
      const started = await call<BatchStarted>('transfers:importUrl', {
        profileId,
        bucket: bucket.name,
        prefix: 'f/',
        url: base + path,
        name,
        conflict: 'overwrite',
      });
      return settledOne(started.batchId);
    };

    it('fails an import whose source sends less than its Content-Length and hangs up', async () => {
      const failed = await importUrl('/short-then-close', 'short-import.bin');
      expect(failed).toMatchObject({ state: 'failed', error: { code: 'EndpointUnreachable', serverCode: 'SourceUnavailable' } });
      expect(failed.error?.message).toMatch(/127\.0\.0\.1:\d+ stopped sending/);
      await expectNothingLeftAndServing('f/short-import.bin');
    });

    it('fails an import whose unsized source drops mid-body, aborting its multipart upload', async () => {
      const failed = await importUrl('/chunked-then-drop', 'dropped-import.bin');
      expect(failed).toMatchObject({ state: 'failed', error: { code: 'EndpointUnreachable', serverCode: 'SourceUnavailable' } });
      expect(failed.error?.message).toMatch(/stopped sending/);
      await expectNothingLeftAndServing('f/dropped-import.bin');
    });
  });
});
