import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../../../test-support/fault-proxy';
import { answerLost, holdRequests, upTo, type RequestFilter } from '../../../test-support/fault-rules';
import { createTestBucket, gateway, rawClient } from '../../../test-support/gateway';
import { objectExists, unfinishedUploads } from '../../../test-support/leftovers';
import { randomFile, sha256File, sha256Object, transferFixture } from '../test-kit';

const MiB = 1024 * 1024;

/** CreateMultipartUpload: `POST /bucket/key?uploads`. */
const isCreate: RequestFilter = (req) => req.method === 'POST' && req.query.has('uploads');

/** Polls `read` until it answers `expected` or `ms` pass; answers the last value read. */
async function eventually<T>(read: () => Promise<T>, expected: T, ms: number): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (JSON.stringify(value) === JSON.stringify(expected) || Date.now() > until) return value;
    await sleep(100);
  }
}

/**
 * Only the answer to CreateMultipartUpload names the upload: one whose answer
 * is lost, or that a cancel overtakes, must not leave an upload behind that
 * nobody can name (it costs storage on the provider until a lifecycle rule
 * removes it, and the bucket inspector lists it as unfinished).
 */
describe('a multipart upload whose create was not answered', () => {
  const s3 = rawClient();
  let bucket: { name: string; cleanup: () => Promise<void> };
  let proxy: FaultProxy;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    bucket = await createTestBucket('create-lost');
    proxy = await startFaultProxy({ target: gateway().endpoint });
    dir = await mkdtemp(join(tmpdir(), 'pail-create-lost-'));
    file = await randomFile(join(dir, 'big.bin'), 12 * MiB);
  });
  afterEach(() => proxy.setRules([]));
  afterAll(async () => {
    await proxy?.close();
    await bucket?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('is asked again when the answer is cut off, and the upload the lost answer named is aborted: one object, no unfinished upload', async () => {
    const lost = answerLost(upTo(1, isCreate), 'reset');
    proxy.setRules([lost]);
    const fx = await transferFixture({ endpoint: proxy.endpoint });
    try {
      const started = await fx.upload(bucket.name, 'retried/', [{ path: file }]);
      expect((await fx.engine.settled(started.batchId)).counts).toMatchObject({ done: 1, failed: 0 });
      expect(lost.hits()).toBe(1);
      expect(proxy.log.filter((e) => e.method === 'POST' && e.url.includes('uploads')).length).toBe(2);
      expect(await sha256Object(s3, bucket.name, 'retried/big.bin')).toBe(await sha256File(file));
      expect(await unfinishedUploads(s3, bucket.name, 'retried/')).toEqual([]);
    } finally {
      await fx.dispose();
    }
  });

  it('leaves no upload when cancelled while the answer is lost on its way (the server made the upload)', async () => {
    const lost = answerLost(isCreate, 'stall');
    proxy.setRules([lost]);
    const fx = await transferFixture({ endpoint: proxy.endpoint });
    try {
      const started = await fx.upload(bucket.name, 'stalled/', [{ path: file }]);
      await expect.poll(() => lost.hits(), { timeout: 10_000 }).toBe(1);
      // The server has made the upload by the time its answer is held back; give it a moment to be sure.
      await expect.poll(() => unfinishedUploads(s3, bucket.name, 'stalled/'), { timeout: 5000 }).toEqual(['stalled/big.bin']);
      await fx.engine.cancel({ batchId: started.batchId });
      const settled = await fx.engine.settled(started.batchId);
      expect(settled.counts).toMatchObject({ cancelled: 1, done: 0 });
      // Nothing left by the time the transfer says Cancelled.
      expect(await unfinishedUploads(s3, bucket.name, 'stalled/')).toEqual([]);
      expect(await objectExists(s3, bucket.name, 'stalled/big.bin')).toBe(false);
    } finally {
      await fx.dispose();
    }
  });

  it('leaves no upload when cancelled before the create reached the server and it arrives later', async () => {
    const held = holdRequests(isCreate);
    proxy.setRules([held]);
    const fx = await transferFixture({ endpoint: proxy.endpoint });
    try {
      const started = await fx.upload(bucket.name, 'late/', [{ path: file }]);
      await expect.poll(() => held.hits(), { timeout: 10_000 }).toBe(1);
      await fx.engine.cancel({ batchId: started.batchId });
      expect((await fx.engine.settled(started.batchId)).counts).toMatchObject({ cancelled: 1, done: 0 });
      // Now the create reaches the server, which makes the upload and answers its id: Pail aborts it.
      held.release();
      await expect.poll(() => proxy.log.some((e) => e.method === 'POST' && e.complete), { timeout: 5000 }).toBe(true);
      expect(await eventually(() => unfinishedUploads(s3, bucket.name, 'late/'), [], 5000)).toEqual([]);
    } finally {
      await fx.dispose();
    }
  });
});
