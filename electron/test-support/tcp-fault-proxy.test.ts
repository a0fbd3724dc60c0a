import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from './fault-rules';
import { createTestBucket, gateway } from './gateway';
import { startTcpFaultProxy, type TcpFaultProxy } from './tcp-fault-proxy';

/** A plain client through the proxy, with no retries (to see each fault as it is); `fresh`: a new connection per request. */
function clientVia(proxy: TcpFaultProxy, { fresh = false } = {}): S3Client {
  const { accessKeyId, secretAccessKey } = gateway().users[0];
  return new S3Client({
    ...(fresh && { requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: false }) }) }),
    endpoint: proxy.endpoint,
    region: gateway().region,
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 1,
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {} },
  });
}

describe('the TCP fault proxy', () => {
  const body = randomBytes(1024 * 1024);
  let bucket: { name: string; cleanup: () => Promise<void> };
  let proxy: TcpFaultProxy;

  beforeAll(async () => {
    bucket = await createTestBucket('tcpproxy');
  });
  afterEach(() => proxy?.close());
  afterAll(() => bucket?.cleanup());

  const get = async (client: S3Client, key: string) =>
    Buffer.from(await (await client.send(new GetObjectCommand({ Bucket: bucket.name, Key: key }))).Body!.transformToByteArray());

  it('passes bytes through unchanged, and counts them', async () => {
    proxy = await startTcpFaultProxy({ target: gateway().endpoint });
    const client = clientVia(proxy);
    await client.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'plain', Body: body }));
    expect(Buffer.compare(await get(client, 'plain'), body)).toBe(0);
    expect(proxy.stats.bytesUp).toBeGreaterThan(body.length);
    expect(proxy.stats.bytesDown).toBeGreaterThan(body.length);
    expect(proxy.stats.connections).toBeGreaterThanOrEqual(1);
  });

  it('resets a connection in the middle of a response body, once', async () => {
    proxy = await startTcpFaultProxy({ target: gateway().endpoint, faults: [{ direction: 'down', afterBytes: 200_000, action: 'reset' }] });
    const client = clientVia(proxy);
    await client.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'reset', Body: body }));
    await expect(get(client, 'reset')).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(proxy.stats.resets).toBe(1);
    expect(Buffer.compare(await get(client, 'reset'), body)).toBe(0);
  });

  it('lets only a prefix through before a reset, even with latency (never a spliced stream)', async () => {
    proxy = await startTcpFaultProxy({ target: gateway().endpoint, latencyMs: 3 });
    const client = clientVia(proxy);
    await client.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'prefix', Body: body }));
    proxy.setFaults([{ direction: 'down', afterBytes: 300_000, action: 'reset' }]);
    const out = await client.send(new GetObjectCommand({ Bucket: bucket.name, Key: 'prefix' }));
    const received: Buffer[] = [];
    await expect(
      (async () => {
        for await (const chunk of out.Body as AsyncIterable<Buffer>) received.push(chunk);
      })(),
    ).rejects.toMatchObject({ code: 'ECONNRESET' });
    const got = Buffer.concat(received);
    // A reset may also drop what was still in the receive buffer: any prefix will do, but only a prefix.
    expect(got.length).toBeLessThan(300_000);
    expect(Buffer.compare(got, body.subarray(0, got.length))).toBe(0);
  });

  it('resets a connection in the middle of a request body', async () => {
    proxy = await startTcpFaultProxy({ target: gateway().endpoint, faults: [{ direction: 'up', afterBytes: 300_000, action: 'reset' }] });
    const client = clientVia(proxy);
    await expect(client.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'cut', Body: body }))).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(proxy.stats.resets).toBe(1);
  });

  it('flips one byte on the wire', async () => {
    proxy = await startTcpFaultProxy({ target: gateway().endpoint });
    const client = clientVia(proxy);
    await client.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'flip', Body: body }));
    proxy.setFaults([{ direction: 'down', afterBytes: 500_000, action: 'corrupt' }]);
    const got = await get(client, 'flip');
    expect(got.length).toBe(body.length);
    const diffs = [...got.keys()].filter((i) => got[i] !== body[i]);
    expect(diffs).toHaveLength(1);
    expect(proxy.stats.corruptions).toBe(1);
  });

  it('stalls a response in the middle of its body, the connection left open', async () => {
    proxy = await startTcpFaultProxy({ target: gateway().endpoint });
    const client = clientVia(proxy);
    await client.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'stall', Body: body }));
    proxy.setFaults([{ direction: 'down', afterBytes: 200_000, action: 'stall' }]);
    const out = await client.send(new GetObjectCommand({ Bucket: bucket.name, Key: 'stall' }));
    let received = 0;
    const reading = (async () => {
      for await (const chunk of out.Body as AsyncIterable<Buffer>) received += chunk.length;
    })();
    const outcome = await Promise.race([
      reading.then(
        () => 'ended',
        () => 'failed',
      ),
      new Promise((resolve) => setTimeout(() => resolve('waiting'), 1_500)),
    ]);
    expect(outcome).toBe('waiting');
    expect(received).toBeLessThan(200_000);
    expect(proxy.stats.stalls).toBe(1);
    (out.Body as { destroy(): void }).destroy();
    await reading.catch(() => undefined);
  });

  it('accepts a connection and never reads the request (a silent server)', async () => {
    proxy = await startTcpFaultProxy({ target: gateway().endpoint, faults: [{ direction: 'up', afterBytes: 0, action: 'stall' }] });
    const client = clientVia(proxy);
    const abort = AbortSignal.timeout(1_000);
    await expect(client.send(new GetObjectCommand({ Bucket: bucket.name, Key: 'plain' }), { abortSignal: abort })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(proxy.stats.bytesDown).toBe(0);
    expect(proxy.stats.stalls).toBe(1);
  });

  it('adds latency to every chunk, in order', async () => {
    proxy = await startTcpFaultProxy({ target: gateway().endpoint, latencyMs: 150 });
    const client = clientVia(proxy);
    const started = Date.now();
    await client.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'slow', Body: body }));
    expect(Buffer.compare(await get(client, 'slow'), body)).toBe(0);
    // Two request/answer round trips, each at least one delay each way.
    expect(Date.now() - started).toBeGreaterThanOrEqual(4 * 150);
  });

  it('resets every Nth connection mid-body, and a seeded share of them, in either direction', async () => {
    proxy = await startTcpFaultProxy({ target: gateway().endpoint });
    const client = clientVia(proxy, { fresh: true });
    await client.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'nth', Body: body }));
    proxy.setFaults([{ direction: 'down', afterBytes: 200_000, action: 'reset', connections: { every: 3 } }]);
    const outcomes: string[] = [];
    for (let i = 0; i < 7; i += 1)
      outcomes.push(
        await get(client, 'nth').then(
          (got) => (Buffer.compare(got, body) === 0 ? 'ok' : 'wrong bytes'),
          () => 'failed',
        ),
      );
    expect(outcomes).toEqual(['ok', 'ok', 'failed', 'ok', 'ok', 'failed', 'ok']);
    expect(proxy.stats.resets).toBe(2);

    // Uploads cut mid-body on a seeded random half of the connections: the draws of seededRandom(7), one per connection.
    const random = seededRandom(7);
    const expected = Array.from({ length: 10 }, () => (random() < 0.5 ? 'failed' : 'ok'));
    proxy.setFaults([{ direction: 'up', afterBytes: 300_000, action: 'reset', connections: { share: 0.5, seed: 7 } }]);
    const uploads: string[] = [];
    for (let i = 0; i < 10; i += 1)
      uploads.push(
        await client.send(new PutObjectCommand({ Bucket: bucket.name, Key: `share-${i}`, Body: body })).then(
          () => 'ok',
          () => 'failed',
        ),
      );
    expect(uploads).toEqual(expected);
    expect(new Set(uploads)).toEqual(new Set(['ok', 'failed']));
    client.destroy();
  });

  it('closes a connection cleanly mid-body (a truncated answer with no reset)', async () => {
    proxy = await startTcpFaultProxy({ target: gateway().endpoint });
    const client = clientVia(proxy);
    await client.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'closed', Body: body }));
    proxy.setFaults([{ direction: 'down', afterBytes: 400_000, action: 'close' }]);
    const out = await client.send(new GetObjectCommand({ Bucket: bucket.name, Key: 'closed' }));
    const received: Buffer[] = [];
    const ending = await (async () => {
      for await (const chunk of out.Body as AsyncIterable<Buffer>) received.push(chunk);
    })().then(
      () => 'end',
      (error: NodeJS.ErrnoException) => error.code ?? error.message,
    );
    // Every byte before the cut arrives (a FIN drops nothing), then the body ends short of its length.
    const got = Buffer.concat(received);
    expect(ending).toMatch(/^(aborted|ECONNRESET|ERR_STREAM_PREMATURE_CLOSE)$/);
    expect(got.length).toBeGreaterThan(0);
    expect(got.length).toBeLessThan(body.length);
    expect(Buffer.compare(got, body.subarray(0, got.length))).toBe(0);
    expect(proxy.stats).toMatchObject({ closes: 1, resets: 0 });
    client.destroy();
  });
});
