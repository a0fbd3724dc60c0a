import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DeleteObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBucket, gateway, rawClient } from '../../../test-support/gateway';
import { startTcpFaultProxy } from '../../../test-support/tcp-fault-proxy';
import { transferFixture } from '../test-kit';

const MiB = 1024 * 1024;

/** Every file and folder below `dir`, relative, "/"-separated. */
async function tree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/') + (e.isDirectory() ? '/' : '')).sort();
}

describe('downloads', () => {
  const s3 = rawClient();
  let bucket: { name: string; cleanup: () => Promise<void> };
  let dir: string;
  const put = (key: string, body: string | Buffer) => s3.send(new PutObjectCommand({ Bucket: bucket.name, Key: key, Body: Buffer.from(body) }));

  beforeAll(async () => {
    bucket = await createTestBucket('download');
    dir = await mkdtemp(join(tmpdir(), 'pail-download-'));
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('downloads a folder: structure, markers as folders, 0-byte files, unicode names, mtimes, chunked big objects', async () => {
    const big = randomBytes(12 * MiB);
    const objects: Record<string, string | Buffer> = {
      'photos/a.jpg': 'jpeg',
      'photos/2024/b.txt': 'bee',
      'photos/empty/': '',
      'photos/zero.bin': '',
      'photos/ünï 文.txt': 'unicode',
      'photos/big.bin': big,
    };
    for (const [key, body] of Object.entries(objects)) await put(key, body);
    const fx = await transferFixture();
    const target = join(dir, 'one');
    const started = await fx.download(bucket.name, target, [{ prefix: 'photos/' }]);
    const batch = await fx.engine.settled(started.batchId);
    expect(batch.counts.done).toBe(6);
    expect(await tree(target)).toEqual([
      'photos/',
      'photos/2024/',
      'photos/2024/b.txt',
      'photos/a.jpg',
      'photos/big.bin',
      'photos/empty/',
      'photos/zero.bin',
      'photos/ünï 文.txt',
    ]);
    for (const [key, body] of Object.entries(objects)) {
      if (key.endsWith('/')) continue;
      expect(Buffer.compare(await readFile(join(target, key)), Buffer.from(body))).toBe(0);
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: key }));
      expect(Math.floor((await stat(join(target, key))).mtimeMs / 1000)).toBe(Math.floor(head.LastModified!.getTime() / 1000));
    }
    const bigSnapshot = fx.engine.list().transfers.find((t) => t.key === 'photos/big.bin')!;
    expect(bigSnapshot.parts).toEqual({ done: 3, total: 3 });
    expect(await readdir(join(fx.dataDir, 'transfers')).catch(() => [])).toEqual([]);

    // A second download of the same folder renames instead of overwriting.
    const again = await fx.download(bucket.name, join(target, 'photos'), [{ key: 'photos/a.jpg' }], 'rename');
    expect((await fx.engine.settled(again.batchId)).counts.done).toBe(1);
    expect(await readFile(join(target, 'photos', 'a (1).jpg'), 'utf8')).toBe('jpeg');
    await fx.dispose();
  });

  it('never writes outside the chosen folder, whatever the keys say', async () => {
    const hostile = await createTestBucket('hostile');
    const outside = join(dir, 'outside');
    await mkdir(outside, { recursive: true });
    const root = join(dir, 'jail', 'inner');
    await mkdir(root, { recursive: true });
    await symlink(outside, join(root, 'link'));
    const keys = ['../x', '../../z', '/etc/passwd', 'a\\b', 'CON', 'x\u0001y', '....//y', 'ok.txt', 'link/pwn.txt', 'deep/../../w'];
    for (const key of keys) await s3.send(new PutObjectCommand({ Bucket: hostile.name, Key: key, Body: Buffer.from(key) }));
    const fx = await transferFixture();
    const started = await fx.download(hostile.name, root, [{ prefix: '', as: '' }]);
    const batch = await fx.engine.settled(started.batchId);
    const byKey = Object.fromEntries(
      fx.engine
        .list()
        .transfers.filter((t) => t.batchId === started.batchId)
        .map((t) => [t.key, t]),
    );
    for (const key of ['../x', '../../z', 'deep/../../w', 'link/pwn.txt'])
      expect(byKey[key]).toMatchObject({ state: 'failed', error: { serverCode: 'UnsafeKey' } });
    expect(batch.counts).toMatchObject({ done: 6, failed: 4 });
    expect(byKey['/etc/passwd'].note).toMatch(/leading "\/" was dropped/);
    expect(byKey['a\\b'].note).toMatch(/"a\\b" became "a_b"/);
    expect(await readdir(outside)).toEqual([]);
    expect(await tree(join(dir, 'jail'))).toEqual(
      ['inner/', 'inner/CON', 'inner/____/', 'inner/____/y', 'inner/a_b', 'inner/etc/', 'inner/etc/passwd', 'inner/link', 'inner/ok.txt', 'inner/x_y'].sort(),
    );
    expect(await readFile(join(root, 'etc', 'passwd'), 'utf8')).toBe('/etc/passwd');
    await fx.dispose();
    // DeleteObjects carries keys in XML, where a control character cannot go: delete that one alone.
    await s3.send(new DeleteObjectCommand({ Bucket: hostile.name, Key: 'x\u0001y' }));
    await hostile.cleanup();
  });

  it('detects a damaged download (MD5), deletes it, and gets it right on retry', async () => {
    const body = randomBytes(2 * MiB);
    await put('damaged/file.bin', body);
    const proxy = await startTcpFaultProxy({ target: gateway().plainEndpoint, faults: [{ direction: 'down', afterBytes: 300_000, action: 'corrupt' }] });
    const fx = await transferFixture({ endpoint: proxy.endpoint });
    const target = join(dir, 'damaged');
    const started = await fx.download(bucket.name, target, [{ key: 'damaged/file.bin' }]);
    await fx.engine.settled(started.batchId);
    expect(proxy.stats.corruptions).toBe(1);
    expect(fx.engine.list().transfers[0]).toMatchObject({ state: 'failed', error: { serverCode: 'IntegrityMismatch' } });
    expect(await readdir(target)).toEqual([]);
    fx.engine.retry({ batchId: started.batchId });
    expect((await fx.engine.settled(started.batchId)).counts.done).toBe(1);
    expect(Buffer.compare(await readFile(join(target, 'file.bin')), body)).toBe(0);
    await fx.dispose();
    await proxy.close();
  });
});
