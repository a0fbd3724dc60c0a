import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../../test-support/fault-proxy';
import { createTestBucket, gateway, rawClient } from '../../test-support/gateway';
import { openUploads, randomFile, sha256File, sha256Object, transferFixture } from './test-kit';

const MiB = 1024 * 1024;

/** Part numbers of the UploadPart requests the server accepted, from the proxy's log. */
function acceptedParts(proxy: FaultProxy, from = 0): number[] {
  return proxy.log
    .slice(from)
    .filter((e) => e.method === 'PUT' && e.status === 200 && /[?&]partNumber=\d+/.test(e.url))
    .map((e) => Number(/[?&]partNumber=(\d+)/.exec(e.url)![1]));
}

describe('resumable uploads', () => {
  const s3 = rawClient();
  let bucket: { name: string; cleanup: () => Promise<void> };
  let proxy: FaultProxy;
  let dir: string;

  beforeAll(async () => {
    bucket = await createTestBucket('resume');
    proxy = await startFaultProxy({ target: gateway().endpoint });
    dir = await mkdtemp(join(tmpdir(), 'pail-resume-'));
  });
  afterAll(async () => {
    await proxy?.close();
    await bucket?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('resumes after a simulated crash in a new engine, without resending finished parts', async () => {
    const file = await randomFile(join(dir, 'crash.bin'), 32 * MiB);
    let parts = 0;
    const first = await transferFixture({
      endpoint: proxy.endpoint,
      tuning: { partsInFlight: 2 },
      hooks: {
        afterPart: () => {
          if (++parts === 3) throw new Error('simulated crash');
        },
      },
    });
    const logStart = proxy.log.length;
    const started = await first.engine.upload({ profileId: first.profileId, bucket: bucket.name, prefix: '', conflict: 'overwrite', sources: [{ path: file }] });
    await first.engine.settled(started.batchId);
    const crashed = first.engine.list().transfers[0];
    expect(crashed).toMatchObject({ state: 'failed', resumable: true });
    await first.engine.dispose();
    const before = new Set(acceptedParts(proxy, logStart));
    expect(before.size).toBeGreaterThanOrEqual(3);

    // A new engine over the same data folder, as after a restart.
    const second = await transferFixture({ services: first.services, dataDir: first.dataDir });
    expect(await second.engine.restore()).toBe(1);
    const restored = second.engine.list().transfers[0];
    expect(restored).toMatchObject({ id: crashed.id, state: 'paused', resumable: true, key: 'crash.bin' });
    expect(restored.bytes).toBeGreaterThanOrEqual(3 * 5 * MiB);
    const logResume = proxy.log.length;
    second.engine.resume({ ids: [restored.id] });
    const batch = await second.engine.settled(restored.batchId);
    expect(batch.counts.done).toBe(1);
    const after = acceptedParts(proxy, logResume);
    expect(after.filter((n) => before.has(n))).toEqual([]);
    expect(new Set([...before, ...after]).size).toBe(7);
    expect(proxy.log.slice(logResume).some((e) => e.method === 'GET' && e.url.includes('uploadId='))).toBe(true);
    expect(await sha256Object(s3, bucket.name, 'crash.bin')).toBe(await sha256File(file));
    expect(await readdir(join(first.dataDir, 'transfers'))).toEqual([]);
    await second.dispose();
  });

  it('resumes after the process is killed (SIGKILL) mid-upload', async (context) => {
    const jiti = join(process.cwd(), 'node_modules', '.bin', 'jiti');
    if (!existsSync(jiti)) context.skip();
    const file = await randomFile(join(dir, 'killed.bin'), 32 * MiB);
    const fx = await transferFixture({ endpoint: proxy.endpoint });
    const logStart = proxy.log.length;
    const child = spawn(jiti, [join(__dirname, 'crash-child.fixture.ts'), fx.dataDir, fx.profileId, bucket.name, file, '3'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    let errors = '';
    child.stderr.on('data', (c: Buffer) => (errors += c.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => c.toString().includes('READY') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited (${code}) before the crash point: ${errors}`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('close', resolve));
    const before = new Set(acceptedParts(proxy, logStart));

    expect(await fx.engine.restore()).toBe(1);
    const restored = fx.engine.list().transfers[0];
    const logResume = proxy.log.length;
    fx.engine.resume({ batchId: restored.batchId });
    expect((await fx.engine.settled(restored.batchId)).counts.done).toBe(1);
    const after = acceptedParts(proxy, logResume);
    expect(after.filter((n) => before.has(n))).toEqual([]);
    expect(after.length).toBeLessThanOrEqual(7 - 3);
    expect(await sha256Object(s3, bucket.name, 'killed.bin')).toBe(await sha256File(file));
    expect(await openUploads(s3, bucket.name)).toEqual([]);
    await fx.dispose();
  });

  it('pauses (parts in flight finish, no new ones) and resumes', async () => {
    const ref: { engine?: Awaited<ReturnType<typeof transferFixture>>['engine'] } = {};
    const fx = await transferFixture({
      tuning: { partsInFlight: 1 },
      hooks: { afterPart: ({ transferId, partNumber }) => void (partNumber === 2 && ref.engine?.pause({ ids: [transferId] })) },
    });
    ref.engine = fx.engine;
    const file = await randomFile(join(dir, 'pause.bin'), 24 * MiB);
    const started = await fx.engine.upload({ profileId: fx.profileId, bucket: bucket.name, prefix: '', conflict: 'overwrite', sources: [{ path: file }] });
    await until(() => fx.engine.list().transfers[0]?.state === 'paused');
    const paused = fx.engine.list().transfers[0];
    expect(paused.parts).toEqual({ done: 2, total: 5 });
    expect(await openUploads(s3, bucket.name)).toEqual(['pause.bin']);
    fx.engine.resume({ batchId: started.batchId });
    expect((await fx.engine.settled(started.batchId)).counts.done).toBe(1);
    expect(await sha256Object(s3, bucket.name, 'pause.bin')).toBe(await sha256File(file));
    await fx.dispose();
  });

  it('cancel aborts the multipart upload and forgets its state', async () => {
    const ref: { engine?: Awaited<ReturnType<typeof transferFixture>>['engine'] } = {};
    const fx = await transferFixture({
      tuning: { partsInFlight: 1 },
      hooks: { afterPart: ({ transferId }) => void ref.engine?.cancel({ ids: [transferId] }) },
    });
    ref.engine = fx.engine;
    const file = await randomFile(join(dir, 'cancel.bin'), 24 * MiB);
    const started = await fx.engine.upload({ profileId: fx.profileId, bucket: bucket.name, prefix: '', conflict: 'overwrite', sources: [{ path: file }] });
    const batch = await fx.engine.settled(started.batchId);
    expect(batch.counts.cancelled).toBe(1);
    expect(await openUploads(s3, bucket.name)).toEqual([]);
    await expect(s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'cancel.bin' }))).rejects.toMatchObject({ name: 'NotFound' });
    expect(await readdir(join(fx.dataDir, 'transfers'))).toEqual([]);
    await fx.dispose();
  });
});

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
