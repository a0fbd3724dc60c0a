import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices } from '../../../app-services';
import { cliHome, spawnPail, waitUntil } from '../../../test-support/cli-process';
import { startFaultProxy, type FaultProxy } from '../../../test-support/fault-proxy';
import { acceptedParts, holdRequests, isPartUpload, partNumberOf } from '../../../test-support/fault-rules';
import { createTestBucket, gateway, rawClient } from '../../../test-support/gateway';
import { nothingLeftAt } from '../../../test-support/leftovers';
import { openUploads, randomFile, sha256File, sha256Object, transferFixture } from '../test-kit';

const MiB = 1024 * 1024;

/** The saved state in a data folder (the one transfer there), read as the next start would; undefined while there is none. */
function savedState(home: string): { parts?: Record<string, unknown>; done?: number[] } | undefined {
  try {
    const name = readdirSync(join(home, 'transfers')).find((n) => n.endsWith('.json'));
    return name ? JSON.parse(readFileSync(join(home, 'transfers', name), 'utf8')) : undefined;
  } catch {
    return undefined;
  }
}

/** The byte offset a ranged GET starts at (`bytes=START-END`). */
const rangeStart = (range: unknown) => Number(/^bytes=(\d+)-/.exec(String(range ?? ''))?.[1] ?? -1);

/**
 * Starts `pail cp` (the real binary) with requests matching `held` stopped at
 * the proxy, waits until `ready` holds (the state saved as far as a test wants), and kills it with SIGKILL: a real
 * crash, with requests in flight and nothing cleaned up. The held requests
 * die with it.
 */
async function killMidway(proxy: FaultProxy, home: string, args: string[], held: Parameters<typeof holdRequests>[0], ready: () => boolean): Promise<void> {
  const hold = holdRequests(held);
  proxy.setRules([hold]);
  const child = spawnPail(home, args);
  try {
    await waitUntil(() => ready() && hold.hits() >= 1, 'the process to reach the crash point');
  } catch (error) {
    child.child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${child.stderr()}`);
  }
  child.child.kill('SIGKILL');
  expect(await child.exited).toMatchObject({ code: null, signal: 'SIGKILL' });
  proxy.setRules([]);
  hold.release();
  await waitUntil(() => proxy.inFlight() === 0, 'the proxy to be idle');
}

describe('resumable transfers', () => {
  const s3 = rawClient();
  let bucket: { name: string; cleanup: () => Promise<void> };
  let proxy: FaultProxy;
  let dir: string;

  beforeAll(async () => {
    bucket = await createTestBucket('resume');
    proxy = await startFaultProxy({ target: gateway().endpoint });
    dir = await mkdtemp(join(tmpdir(), 'pail-resume-'));
  });
  afterEach(() => proxy.setRules([]));
  afterAll(async () => {
    await proxy?.close();
    await bucket?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('an upload killed (SIGKILL) comes back paused after a restart, and resumes without resending finished parts', async () => {
    const file = await randomFile(join(dir, 'killed.bin'), 48 * MiB);
    const home = await cliHome({ endpoint: proxy.endpoint });
    const first = proxy.log.length;
    // Parts of 8 MiB: 1–3 are stored, 4–6 are in flight (held) when the process dies.
    await killMidway(
      proxy,
      home.home,
      ['cp', file, `gw:${bucket.name}/killed.bin`],
      (req) => isPartUpload(req) && (partNumberOf(req.url) ?? 0) >= 4,
      () => Object.keys(savedState(home.home)?.parts ?? {}).length === 3,
    );
    expect(acceptedParts(proxy.log, first).sort()).toEqual([1, 2, 3]);
    expect(await openUploads(s3, bucket.name)).toEqual(['killed.bin']);

    // The app starts again over the same data folder.
    const services = await createAppServices(home.home, { PAIL_SECRET_STORE: 'file' });
    const fx = await transferFixture({ services, dataDir: home.home });
    expect(await fx.engine.restore()).toBe(1);
    const restored = fx.engine.list().transfers[0];
    expect(restored).toMatchObject({ state: 'paused', resumable: true, key: 'killed.bin', bytes: 24 * MiB, total: 48 * MiB });
    const logResume = proxy.log.length;
    fx.engine.resume({ batchId: restored.batchId });
    expect((await fx.engine.settled(restored.batchId)).counts.done).toBe(1);
    expect(acceptedParts(proxy.log, logResume).sort()).toEqual([4, 5, 6]);
    // It asked the server which parts it has (ListParts) before sending the rest.
    expect(proxy.log.slice(logResume).some((e) => e.method === 'GET' && e.url.includes('uploadId='))).toBe(true);
    expect(await sha256Object(s3, bucket.name, 'killed.bin')).toBe(await sha256File(file));
    expect(await openUploads(s3, bucket.name)).toEqual([]);
    expect(await readdir(join(home.home, 'transfers'))).toEqual([]);
    await fx.dispose();
    await home.dispose();
  });

  it('an upload killed (SIGKILL) keeps its upload options in its saved state, and the resumed object has them', async () => {
    const file = await randomFile(join(dir, 'options.bin'), 48 * MiB);
    const home = await cliHome({ endpoint: proxy.endpoint });
    const options = ['--content-type', 'video/mp4', '--cache-control', 'max-age=9', '--content-disposition', 'inline', '--metadata', 'take=2'];
    await killMidway(
      proxy,
      home.home,
      ['cp', file, `gw:${bucket.name}/options.bin`, ...options],
      (req) => isPartUpload(req) && (partNumberOf(req.url) ?? 0) >= 4,
      () => Object.keys(savedState(home.home)?.parts ?? {}).length === 3,
    );
    expect(savedState(home.home)).toMatchObject({ contentType: 'video/mp4', cacheControl: 'max-age=9', contentDisposition: 'inline', metadata: { take: '2' } });

    const services = await createAppServices(home.home, { PAIL_SECRET_STORE: 'file' });
    const fx = await transferFixture({ services, dataDir: home.home });
    expect(await fx.engine.restore()).toBe(1);
    const restored = fx.engine.list().transfers[0];
    fx.engine.resume({ batchId: restored.batchId });
    expect((await fx.engine.settled(restored.batchId)).counts.done).toBe(1);
    expect(await s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'options.bin' }))).toMatchObject({
      ContentType: 'video/mp4',
      CacheControl: 'max-age=9',
      ContentDisposition: 'inline',
      Metadata: { take: '2' },
    });
    await fx.dispose();
    await home.dispose();
  });

  it('a chunked download killed (SIGKILL) comes back paused after a restart, and fetches only the missing ranges with If-Match', async () => {
    const body = randomBytes(40 * MiB);
    await s3.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'resume/data.bin', Body: body }));
    const home = await cliHome({ endpoint: proxy.endpoint });
    const target = join(dir, 'down');
    await mkdir(target);
    // Chunks of 16 MiB: the first arrives whole, the others wait at the proxy when the process dies.
    await killMidway(
      proxy,
      home.home,
      ['cp', `gw:${bucket.name}/resume/data.bin`, target],
      (req) => rangeStart(req.headers.range) >= 16 * MiB,
      () => savedState(home.home)?.done?.length === 1,
    );
    expect(await readdir(target)).toEqual(['data.bin.pail-part']);

    const services = await createAppServices(home.home, { PAIL_SECRET_STORE: 'file' });
    const fx = await transferFixture({ services, dataDir: home.home });
    expect(await fx.engine.restore()).toBe(1);
    const restored = fx.engine.list().transfers[0];
    expect(restored).toMatchObject({ state: 'paused', resumable: true, bytes: 16 * MiB, total: 40 * MiB });
    const from = proxy.log.length;
    fx.engine.resume({ batchId: restored.batchId });
    expect((await fx.engine.settled(restored.batchId)).counts.done).toBe(1);
    const gets = proxy.log.slice(from).filter((e) => e.method === 'GET');
    expect(gets.map((e) => e.headers.range).sort()).toEqual([`bytes=${16 * MiB}-${32 * MiB - 1}`, `bytes=${32 * MiB}-${40 * MiB - 1}`]);
    expect(gets.every((e) => typeof e.headers['if-match'] === 'string')).toBe(true);
    expect(Buffer.compare(await readFile(join(target, 'data.bin')), body)).toBe(0);
    expect(await readdir(target)).toEqual(['data.bin']);
    await fx.dispose();
    await home.dispose();
  });

  it('pauses (the part in flight finishes, no new one starts) and resumes', async () => {
    const fx = await transferFixture({ endpoint: proxy.endpoint, tuning: { partsInFlight: 1 } });
    const file = await randomFile(join(dir, 'pause.bin'), 24 * MiB);
    // Part 3 is held at the proxy: the user pauses while it is in flight.
    const hold = holdRequests((req) => isPartUpload(req) && partNumberOf(req.url) === 3);
    proxy.setRules([hold]);
    const started = await fx.upload(bucket.name, '', [{ path: file }]);
    await waitUntil(() => hold.hits() === 1, 'part 3 to be sent');
    fx.engine.pause({ batchId: started.batchId });
    hold.release();
    await waitUntil(() => fx.engine.list().transfers[0]?.state === 'paused', 'the upload to pause');
    expect(fx.engine.list().transfers[0].parts).toEqual({ done: 3, total: 5 });
    expect(await openUploads(s3, bucket.name)).toEqual(['pause.bin']);
    fx.engine.resume({ batchId: started.batchId });
    expect((await fx.engine.settled(started.batchId)).counts.done).toBe(1);
    expect(await sha256Object(s3, bucket.name, 'pause.bin')).toBe(await sha256File(file));
    await fx.dispose();
  });

  it('cancel aborts the multipart upload and forgets its state', async () => {
    const fx = await transferFixture({ endpoint: proxy.endpoint, tuning: { partsInFlight: 1 } });
    const file = await randomFile(join(dir, 'cancel.bin'), 24 * MiB);
    const hold = holdRequests((req) => isPartUpload(req) && partNumberOf(req.url) === 2);
    proxy.setRules([hold]);
    const started = await fx.upload(bucket.name, '', [{ path: file }]);
    await waitUntil(() => hold.hits() === 1, 'part 2 to be sent');
    expect(await fx.engine.cancel({ batchId: started.batchId })).toEqual({ affected: 1 });
    hold.release();
    const batch = await fx.engine.settled(started.batchId);
    expect(batch.counts.cancelled).toBe(1);
    expect(await nothingLeftAt(s3, bucket.name, 'cancel.bin')).toEqual({ object: false, uploads: [] });
    expect(await readdir(join(fx.dataDir, 'transfers'))).toEqual([]);
    await fx.dispose();
  });
});
