import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, symlink, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectAclCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRequestSchema, type CompareRequest, type SyncPlan } from '../../../shared/sync';
import type { AppServices } from '../../app-services';
import { CachedS3ClientProvider } from '../s3-client-factory';
import { SyncService } from './sync-service';
import { addGatewayProfile, freshServices, keysUnder, rawClient, testBuckets } from '../../test-support/gateway';

const MiB = 1024 * 1024;
const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');
const kinds = (plan: SyncPlan) => Object.fromEntries(plan.entries.map((entry) => [entry.path, entry.kind]));

async function writeAt(path: string, body: string | Buffer, mtime?: Date): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, body);
  if (mtime) await utimes(path, mtime, mtime);
}

describe('sync: compare a folder with a prefix, then send what differs', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let profileId: string;
  let dir: string;
  const buckets = testBuckets();
  const s3 = rawClient();

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    profileId = (await addGatewayProfile(services)).id;
    dir = await mkdtemp(join(tmpdir(), 'pail-sync-'));
  });
  afterAll(async () => {
    await buckets.cleanup();
    await dispose?.();
    await rm(dir, { recursive: true, force: true });
  });

  const request = (fields: Partial<CompareRequest> & Pick<CompareRequest, 'bucket' | 'localDir' | 'direction'>) =>
    compareRequestSchema.parse({ profileId, prefix: 'site/', ...fields });
  const run = async (plan: SyncPlan, withDelete = false) => await services.sync.startRun({ planId: plan.planId, delete: withDelete }).finished;
  const body = async (bucket: string, key: string) =>
    Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToByteArray());

  it('uploads what is new, then nothing; then what changed, and with delete removes what is only in the bucket', async () => {
    const bucket = await buckets.make('sync-up');
    const local = join(dir, 'up');
    const files: Record<string, string> = {
      'index.html': '<p>hi</p>',
      'img/año +%#?.png': 'png bytes',
      'deep/a/b/c.txt': 'deep',
      'node_modules/x.js': 'skip me',
    };
    for (const [path, text] of Object.entries(files)) await writeAt(join(local, path), text);
    await symlink(join(local, 'index.html'), join(local, 'link.html'));
    await symlink(tmpdir(), join(local, 'outside'));
    // An object only in the bucket from the start, and a folder marker (never compared).
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'site/old.txt', Body: 'old' }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'site/img/', Body: '' }));

    const first = await services.sync.compare(request({ bucket, localDir: local, direction: 'upload', exclude: ['node_modules/'] }));
    expect(kinds(first)).toEqual({ 'deep/a/b/c.txt': 'new', 'img/año +%#?.png': 'new', 'index.html': 'new', 'old.txt': 'extra' });
    expect(first.skipped.map((s) => [s.path, s.reason])).toEqual([
      ['link.html', 'a symbolic link (links are skipped unless followed)'],
      ['outside', 'a symbolic link (links are skipped unless followed)'],
    ]);
    expect(services.sync.describeRun(first.planId, false)).toBe('Uploads 3 files; leaves 1 object only in the bucket.');
    expect((await run(first)).summary).toBe('Uploaded 3 files.');
    // A plan runs once: again, it would send what it sent.
    expect(() => services.sync.startRun({ planId: first.planId, delete: false })).toThrow(/no longer kept/);
    for (const path of ['index.html', 'img/año +%#?.png', 'deep/a/b/c.txt']) expect((await body(bucket, `site/${path}`)).toString()).toBe(files[path]);

    const again = await services.sync.compare(request({ bucket, localDir: local, direction: 'upload', exclude: ['node_modules/'] }));
    expect(again.counts).toEqual({ new: 0, changed: 0, extra: 1, same: 3 });
    expect(services.sync.describeRun(again.planId, false)).toBe('Nothing to send: the bucket is up to date; leaves 1 object only in the bucket.');

    // One file edited (another size), one touched later with the same size, one removed.
    await writeAt(join(local, 'index.html'), '<p>hello</p>');
    await writeAt(join(local, 'deep/a/b/c.txt'), 'DEEP', new Date(Date.now() + 60_000));
    await unlink(join(local, 'img/año +%#?.png'));
    const changed = await services.sync.compare(request({ bucket, localDir: local, direction: 'upload', exclude: ['node_modules/'] }));
    expect(kinds(changed)).toEqual({ 'deep/a/b/c.txt': 'changed', 'img/año +%#?.png': 'extra', 'index.html': 'changed', 'old.txt': 'extra' });
    expect(changed.entries.find((e) => e.path === 'index.html')?.reason).toBe('size 12 B here, 9 B in the bucket');
    expect(changed.entries.find((e) => e.path === 'deep/a/b/c.txt')?.reason).toBe('the file is newer than the object');
    expect((await run(changed, true)).summary).toBe('Uploaded 2 files; deleted 2 objects only on the target.');
    expect(await keysUnder(bucket, 'site/')).toEqual(['site/deep/a/b/c.txt', 'site/img/', 'site/index.html']);
    expect((await body(bucket, 'site/deep/a/b/c.txt')).toString()).toBe('DEEP');
  });

  it('uploads with the run’s own options over the bucket’s saved settings; a download refuses them and keeps its plan', async () => {
    const bucket = await buckets.make('sync-opts');
    const local = join(dir, 'opts');
    await writeAt(join(local, 'a.txt'), 'a');
    await writeAt(join(local, 'pics/b.webp'), 'b');
    const publicRead = async (key: string) =>
      ((await s3.send(new GetObjectAclCommand({ Bucket: bucket, Key: key }))).Grants ?? []).some(
        (g) => g.Grantee?.URI?.endsWith('AllUsers') && g.Permission === 'READ',
      );
    // Saved for the bucket: public-read and a Cache-Control; this run asks for none of them, and its own headers.
    await services.profiles.update({ id: profileId, patch: { bucketUploads: { [bucket]: { acl: 'public-read', cacheControl: 'max-age=5' } } } });
    try {
      const plan = await services.sync.compare(request({ bucket, localDir: local, direction: 'upload' }));
      const outcome = await services.sync.startRun({
        planId: plan.planId,
        delete: false,
        acl: 'none',
        options: { cacheControl: '', metadata: { origin: 'sync' }, contentTypes: { webp: 'image/x-test' }, storageClass: 'STANDARD' },
      }).finished;
      expect(outcome).toMatchObject({ status: 'succeeded', summary: 'Uploaded 2 files.', failures: [] });
      const webp = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'site/pics/b.webp' }));
      expect(webp).toMatchObject({ ContentType: 'image/x-test', Metadata: { origin: 'sync' } });
      expect(webp.CacheControl).toBeUndefined();
      expect(await publicRead('site/pics/b.webp')).toBe(false);
      expect((await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'site/a.txt' }))).ContentType).toMatch(/^text\/plain/);

      // Without options, the bucket's saved settings apply, as for a drop.
      await writeAt(join(local, 'c.txt'), 'c');
      const second = await services.sync.compare(request({ bucket, localDir: local, direction: 'upload' }));
      expect(await run(second)).toMatchObject({ summary: 'Uploaded 1 file.' });
      expect((await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'site/c.txt' }))).CacheControl).toBe('max-age=5');
      expect(await publicRead('site/c.txt')).toBe(true);
    } finally {
      await services.profiles.update({ id: profileId, patch: { bucketUploads: {} } });
    }

    const down = await services.sync.compare(request({ bucket, localDir: join(dir, 'opts-down'), direction: 'download' }));
    expect(() => services.sync.startRun({ planId: down.planId, delete: false, options: { acl: 'private' } })).toThrow(/for a sync up to the bucket/);
    expect(() => services.sync.startRun({ planId: down.planId, delete: false, acl: 'none' })).toThrow(/for a sync up to the bucket/);
    expect(await run(down)).toMatchObject({ summary: 'Downloaded 3 files.' });
  });

  it('follows links only inside the folder, when asked', async () => {
    const bucket = await buckets.make('sync-links');
    const local = join(dir, 'links');
    await writeAt(join(local, 'real/a.txt'), 'a');
    await symlink(join(local, 'real'), join(local, 'alias'));
    await symlink(join(local, 'real/a.txt'), join(local, 'b.txt'));
    await symlink(dir, join(local, 'up'));
    await symlink(local, join(local, 'real/loop'));
    const plan = await services.sync.compare(request({ bucket, localDir: local, direction: 'upload', followSymlinks: true }));
    expect(kinds(plan)).toEqual({ 'alias/a.txt': 'new', 'b.txt': 'new', 'real/a.txt': 'new' });
    expect(plan.skipped).toEqual([
      { path: 'alias/loop', reason: 'a symbolic link to a folder above it (a loop, never followed)' },
      { path: 'real/loop', reason: 'a symbolic link to a folder above it (a loop, never followed)' },
      { path: 'up', reason: 'a symbolic link out of the folder (never followed)' },
    ]);
  });

  it('downloads what is new, dated as the objects, then nothing; an object written again is changed; delete removes local extras only', async () => {
    const bucket = await buckets.make('sync-down');
    const objects: Record<string, string> = { 'site/a.txt': 'a', 'site/sub/b.txt': 'bb', 'site/c d+e.txt': 'ccc' };
    for (const [key, text] of Object.entries(objects)) await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: text }));
    const local = join(dir, 'down');
    await writeAt(join(local, 'mine.txt'), 'keep?');

    const first = await services.sync.compare(request({ bucket, localDir: local, direction: 'download' }));
    expect(kinds(first)).toEqual({ 'a.txt': 'new', 'c d+e.txt': 'new', 'mine.txt': 'extra', 'sub/b.txt': 'new' });
    expect((await run(first)).summary).toBe('Downloaded 3 files.');
    expect(await readFile(join(local, 'sub/b.txt'), 'utf8')).toBe('bb');
    const again = await services.sync.compare(request({ bucket, localDir: local, direction: 'download' }));
    expect(again.counts).toEqual({ new: 0, changed: 0, extra: 1, same: 3 });

    // Written again on the server (same size, later): the object is newer than the file.
    await new Promise((r) => setTimeout(r, 1100));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'site/a.txt', Body: 'A' }));
    const changed = await services.sync.compare(request({ bucket, localDir: local, direction: 'download' }));
    expect(kinds(changed)).toMatchObject({ 'a.txt': 'changed', 'mine.txt': 'extra' });
    expect((await run(changed, true)).summary).toBe('Downloaded 1 file; deleted 1 file only on the target.');
    expect(await readFile(join(local, 'a.txt'), 'utf8')).toBe('A');
    await expect(stat(join(local, 'mine.txt'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('by checksum: a same-size file with other bytes is changed, though older; multipart objects are rebuilt at their part size', async () => {
    const bucket = await buckets.make('sync-sum');
    const local = join(dir, 'sums');
    const big = randomBytes(13 * MiB);
    await writeAt(join(local, 'big.bin'), big, new Date('2020-01-01'));
    await writeAt(join(local, 'small.txt'), 'abcd', new Date('2020-01-01'));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'site/small.txt', Body: 'wxyz' }));
    // big.bin as another uploader would send it: parts of 6 MiB (6 + 6 + 1), a part size Pail does not use.
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'site/big.bin' }));
    const parts = [];
    for (let i = 0, n = 1; i < big.length; i += 6 * MiB, n += 1) {
      const { ETag } = await s3.send(
        new UploadPartCommand({ Bucket: bucket, Key: 'site/big.bin', UploadId, PartNumber: n, Body: big.subarray(i, i + 6 * MiB) }),
      );
      parts.push({ ETag, PartNumber: n });
    }
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: 'site/big.bin', UploadId, MultipartUpload: { Parts: parts } }));

    const byDate = await services.sync.compare(request({ bucket, localDir: local, direction: 'upload' }));
    expect(byDate.counts).toEqual({ new: 0, changed: 0, extra: 0, same: 2 });
    const bySum = await services.sync.compare(request({ bucket, localDir: local, direction: 'upload', checksum: true }));
    expect(bySum.entries).toEqual([
      expect.objectContaining({ path: 'big.bin', kind: 'same', reason: 'same multipart checksum (parts of 6 MiB)' }),
      expect.objectContaining({ path: 'small.txt', kind: 'changed', reason: 'the content differs (MD5)' }),
    ]);
    expect((await run(bySum)).summary).toBe('Uploaded 1 file.');
    expect(md5(await body(bucket, 'site/small.txt'))).toBe(md5(Buffer.from('abcd')));
  });

  it('refuses to delete from a home folder to match a bucket, and a plan that is not kept; an upload needs its folder', async () => {
    const bucket = await buckets.make('sync-guard');
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'site/x.txt', Body: 'x' }));
    const home = join(dir, 'home');
    await writeAt(join(home, 'notes.txt'), 'precious');
    const guarded = new SyncService(new CachedS3ClientProvider(services.profiles), () => services.transfers, services.jobs, { home });
    const plan = await guarded.compare(request({ bucket, localDir: home, direction: 'download' }));
    expect(kinds(plan)).toEqual({ 'notes.txt': 'extra', 'x.txt': 'new' });
    expect(() => guarded.startRun({ planId: plan.planId, delete: true })).toThrow('Pail does not delete files from your whole home folder to match a bucket.');
    expect(await readFile(join(home, 'notes.txt'), 'utf8')).toBe('precious');

    await expect(services.sync.compare(request({ bucket, localDir: join(dir, 'missing'), direction: 'upload' }))).rejects.toMatchObject({
      message: `${join(dir, 'missing')} does not exist.`,
    });
    expect(() => services.sync.startRun({ planId: '00000000-0000-4000-8000-000000000000', delete: false })).toThrow(/no longer kept/);
  });
});
