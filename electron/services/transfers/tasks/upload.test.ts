import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectAclCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy } from '../../../test-support/fault-proxy';
import { isPartUpload, lyingEtag, partNumberOf } from '../../../test-support/fault-rules';
import { createTestBucket, gateway, rawClient } from '../../../test-support/gateway';
import { openUploads, randomFile, sha256File, sha256Object, transferFixture } from '../test-kit';

describe('uploads', () => {
  const s3 = rawClient();
  let bucket: { name: string; cleanup: () => Promise<void> };
  let fx: Awaited<ReturnType<typeof transferFixture>>;
  let dir: string;

  beforeAll(async () => {
    bucket = await createTestBucket('upload');
    fx = await transferFixture();
    dir = await mkdtemp(join(tmpdir(), 'pail-upload-'));
  });
  afterAll(async () => {
    await fx?.dispose();
    await bucket?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  const keys = async (prefix: string) =>
    ((await s3.send(new ListObjectsV2Command({ Bucket: bucket.name, Prefix: prefix }))).Contents ?? []).map((c) => c.Key!).sort();

  it('uploads a 64 MiB file in 5 MiB parts, each part and the whole checked, with progress events', async () => {
    const file = await randomFile(join(dir, 'movie.mp4'), 64 * 1024 * 1024);
    const started = await fx.upload(bucket.name, 'big/', [{ path: file }]);
    const batch = await fx.engine.settled(started.batchId);
    expect(batch.counts.done).toBe(1);
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'big/movie.mp4' }));
    expect(head.ETag).toMatch(/-13"$/);
    expect(head.ContentType).toBe('video/mp4');
    expect(head.ContentLength).toBe(64 * 1024 * 1024);
    expect(await sha256Object(s3, bucket.name, 'big/movie.mp4')).toBe(await sha256File(file));
    expect(await openUploads(s3, bucket.name)).toEqual([]);
    expect(await readdir(join(fx.dataDir, 'transfers')).catch(() => [])).toEqual([]);

    const snapshots = fx.progress.flatMap((e) => e.transfers).filter((t) => t.key === 'big/movie.mp4');
    expect(snapshots.some((t) => t.state === 'running' && t.bytes > 0 && t.bytes < t.total!)).toBe(true);
    expect(snapshots.at(-1)).toMatchObject({ state: 'done', bytes: 64 * 1024 * 1024, parts: { done: 13, total: 13 } });
    expect(fx.finished.find((b) => b.id === started.batchId)).toMatchObject({ finished: true, bytes: 64 * 1024 * 1024 });
    await rm(file);
  });

  it('sends small files as single PUTs with Content-Type, Cache-Control and the default ACL; 0-byte and unicode names too', async () => {
    await fx.services.profiles.update({ id: fx.profileId, patch: { defaultUploadAcl: 'public-read' } });
    const files = { 'notes.txt': 'hello', 'empty.dat': '', 'ünïcødé 文件 #1.json': '{"a":1}', noext: 'x'.repeat(3000) };
    for (const [name, body] of Object.entries(files)) await writeFile(join(dir, name), body);
    const started = await fx.engine.upload({
      profileId: fx.profileId,
      bucket: bucket.name,
      prefix: 'small/',
      conflict: 'overwrite',
      cacheControl: 'max-age=60',
      sources: Object.keys(files).map((name) => ({ path: join(dir, name) })),
    });
    const batch = await fx.engine.settled(started.batchId);
    await fx.services.profiles.update({ id: fx.profileId, patch: { defaultUploadAcl: 'none' } });
    expect(batch.counts.done).toBe(4);
    const types: Record<string, string> = {
      'notes.txt': 'text/plain',
      'empty.dat': 'application/octet-stream',
      'ünïcødé 文件 #1.json': 'application/json',
      noext: 'application/octet-stream',
    };
    for (const [name, body] of Object.entries(files)) {
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: `small/${name}` }));
      expect(head.ContentLength).toBe(Buffer.byteLength(body));
      expect(head.ContentType).toBe(types[name]);
      expect(head.CacheControl).toBe('max-age=60');
    }
    const acl = await s3.send(new GetObjectAclCommand({ Bucket: bucket.name, Key: 'small/notes.txt' }));
    expect(acl.Grants?.some((g) => g.Grantee?.URI?.endsWith('AllUsers') && g.Permission === 'READ')).toBe(true);
  });

  it("applies the bucket's upload ACL and Cache-Control over the profile's, and the profile's when the bucket has none", async () => {
    await fx.services.profiles.update({
      id: fx.profileId,
      patch: {
        uploadCacheControl: 'no-cache',
        bucketUploads: { [bucket.name]: { acl: 'public-read', cacheControl: 'max-age=5' } },
      },
    });
    await writeFile(join(dir, 'styled.css'), 'a{}');
    const started = await fx.upload(bucket.name, 'defaults/', [{ path: join(dir, 'styled.css') }]);
    expect((await fx.engine.settled(started.batchId)).counts.done).toBe(1);
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'defaults/styled.css' }));
    expect(head).toMatchObject({ CacheControl: 'max-age=5', ContentType: 'text/css' });
    const acl = await s3.send(new GetObjectAclCommand({ Bucket: bucket.name, Key: 'defaults/styled.css' }));
    expect(acl.Grants?.some((g) => g.Grantee?.URI?.endsWith('AllUsers') && g.Permission === 'READ')).toBe(true);

    await fx.services.profiles.update({ id: fx.profileId, patch: { bucketUploads: {} } });
    const again = await fx.upload(bucket.name, 'defaults/', [{ path: join(dir, 'styled.css') }]);
    await fx.engine.settled(again.batchId);
    await fx.services.profiles.update({ id: fx.profileId, patch: { uploadCacheControl: '' } });
    expect((await s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'defaults/styled.css' }))).CacheControl).toBe('no-cache');
  });

  it('sends at most ten progress events a second, however many files a batch has', async () => {
    const root = join(dir, 'many');
    await mkdir(root, { recursive: true });
    for (let i = 0; i < 400; i += 1) await writeFile(join(root, `f${i}.txt`), `file ${i}`);
    const before = fx.progress.length;
    const startedAt = Date.now();
    const started = await fx.upload(bucket.name, 'many/', [{ path: root }]);
    const batch = await fx.engine.settled(started.batchId);
    const elapsed = Date.now() - startedAt;
    expect(batch.counts.done).toBe(400);
    const events = fx.progress.slice(before);
    // One per 100 ms tick, plus the flush that announces the finished batch.
    expect(events.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 2);
    expect(new Set(events.flatMap((e) => e.transfers.map((t) => t.key)))).toHaveProperty('size', 400);
  });

  it('keeps a folder structure, empty folders as "name/" markers', async () => {
    const root = join(dir, 'album');
    await writeFile(join(await mkdirp(root), 'a.txt'), 'a');
    await writeFile(join(await mkdirp(join(root, 'sub', 'deeper')), 'c.txt'), 'c');
    await writeFile(join(root, 'sub', 'b.txt'), 'b');
    await mkdirp(join(root, 'empty'));
    await mkdirp(join(root, 'sub', 'also empty'));
    const started = await fx.upload(bucket.name, 'tree/', [{ path: root }], 'ask');
    expect(started.count).toBe(5);
    expect((await fx.engine.settled(started.batchId)).counts.done).toBe(5);
    expect(await keys('tree/')).toEqual([
      'tree/album/a.txt',
      'tree/album/empty/',
      'tree/album/sub/also empty/',
      'tree/album/sub/b.txt',
      'tree/album/sub/deeper/c.txt',
    ]);
  });

  it('makes a marker of each empty folder at any depth, and none of a folder holding something', async () => {
    const root = join(dir, 'site');
    await mkdirp(join(root, 'a', 'b', 'c'));
    await mkdirp(join(root, 'top-empty'));
    await mkdirp(join(root, 'full', 'inner empty'));
    await writeFile(join(root, 'full', 'page.html'), '<p>');
    const started = await fx.upload(bucket.name, 'deep/', [{ path: root }], 'ask');
    const settled = await fx.engine.settled(started.batchId);
    expect(settled.counts).toMatchObject({ done: 4, failed: 0 });
    expect(await keys('deep/')).toEqual(['deep/site/a/b/c/', 'deep/site/full/inner empty/', 'deep/site/full/page.html', 'deep/site/top-empty/']);
    // The marker "New folder" writes: 0 bytes under a key ending in "/".
    expect((await s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'deep/site/a/b/c/' }))).ContentLength).toBe(0);
  });

  it('applies the conflict policy: skip, rename "name (1).ext", and ask remembered for the batch', async () => {
    for (const key of ['c/x.txt', 'c/y.txt']) await s3.send(new PutObjectCommand({ Bucket: bucket.name, Key: key, Body: 'old' }));
    await writeFile(join(dir, 'x.txt'), 'new x');
    await writeFile(join(dir, 'y.txt'), 'new y');
    const sources = [{ path: join(dir, 'x.txt') }, { path: join(dir, 'y.txt') }];
    const run = async (conflict: 'skip' | 'rename' | 'ask') =>
      fx.engine.upload({ profileId: fx.profileId, bucket: bucket.name, prefix: 'c/', conflict, sources });

    const skipped = await fx.engine.settled((await run('skip')).batchId);
    expect(skipped.counts.skipped).toBe(2);
    const renamed = await fx.engine.settled((await run('rename')).batchId);
    expect(renamed.counts.done).toBe(2);
    expect(await keys('c/')).toEqual(['c/x (1).txt', 'c/x.txt', 'c/y (1).txt', 'c/y.txt']);

    const asked = await run('ask');
    await until(() => fx.engine.list().transfers.filter((t) => t.batchId === asked.batchId && t.state === 'conflict').length === 2);
    const [first] = fx.engine.list().transfers.filter((t) => t.batchId === asked.batchId);
    expect(first.conflict).toMatchObject({ target: first.key, size: 3 });
    expect(fx.engine.resolveConflict({ transferId: first.id, decision: 'overwrite', applyToBatch: true })).toEqual({ affected: 2 });
    const batch = await fx.engine.settled(asked.batchId);
    expect(batch).toMatchObject({ conflictPolicy: 'overwrite', counts: expect.objectContaining({ done: 2 }) });
    const body = await s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'c/x.txt' }));
    expect(body.ContentLength).toBe(5);
  });

  it('detects a part whose ETag is not its MD5, and leaves neither an object nor an upload behind', async () => {
    // A proxy that answers part 2 with an ETag other than the MD5 of what was sent (every try).
    const proxy = await startFaultProxy({ target: gateway().plainEndpoint, rules: [lyingEtag((req) => isPartUpload(req) && partNumberOf(req.url) === 2)] });
    const bad = await transferFixture({ endpoint: proxy.endpoint });
    const file = await randomFile(join(dir, 'damaged.bin'), 12 * 1024 * 1024);
    const started = await bad.engine.upload({
      profileId: bad.profileId,
      bucket: bucket.name,
      prefix: 'bad/',
      conflict: 'overwrite',
      sources: [{ path: file }],
    });
    const batch = await bad.engine.settled(started.batchId);
    expect(batch.counts.failed).toBe(1);
    const failed = bad.engine.list().transfers.find((t) => t.batchId === started.batchId)!;
    expect(failed.error).toMatchObject({ serverCode: 'IntegrityMismatch' });
    expect(failed.error?.message).toMatch(/Part 2 .* arrived damaged/);
    expect(failed.retries).toBeGreaterThan(0);
    expect(failed.resumable).toBe(false);
    expect(await openUploads(s3, bucket.name)).toEqual([]);
    expect(await keys('bad/')).toEqual([]);
    await bad.dispose();
    await proxy.close();
  });
});

async function mkdirp(path: string): Promise<string> {
  await mkdir(path, { recursive: true });
  return path;
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
