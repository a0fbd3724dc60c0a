import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedParts, holdRequests, isPartUpload, partNumberOf } from '../../../test-support/fault-rules';
import { waitUntil } from '../../../test-support/cli-process';
import { bodyOf, keysUnder, putObjects } from '../../../test-support/gateway';
import { proxiedBucketFixture } from '../../../test-support/proxied-bucket';
import { answered, filesBelow, logOf, onlyBatch, restart, stopWhileHeld, type FirstRun } from './restart-kit';
import { FAST_RETRY, openUploads, randomFile, sha256File, sha256Object, transferFixture } from '../test-kit';
import { rawClient } from '../../../test-support/gateway';

/** A folder `name` in `dir` holding big.bin (12 MiB of random bytes: a multipart upload) and `smallFiles` small ones: its path and big.bin's. */
async function folderWithBigFile(dir: string, name: string, smallFiles: number): Promise<{ root: string; big: string }> {
  const root = join(dir, name);
  await mkdir(root);
  const big = await randomFile(join(root, 'big.bin'), 12 * 1024 * 1024);
  for (let i = 0; i < smallFiles; i += 1) await writeFile(join(root, `small-${i}.txt`), `small ${i}`);
  return { root, big };
}

/** A further restart with default options brings nothing back: the batch's journal is gone. */
async function expectNothingRestored(first: FirstRun): Promise<void> {
  const again = restart(first, {});
  expect(await again.restore()).toBe(0);
  await again.dispose();
}

describe('a folder batch after a restart (its journal)', () => {
  const fixture = proxiedBucketFixture('wtjournal-batch', { beforeAll, afterAll });
  /** Unfinished multipart uploads of this file's bucket under a test's own prefix. */
  const openUploadsUnder = async (prefix: string) => (await openUploads(rawClient(), fixture.bucket)).filter((key) => key.startsWith(prefix));

  it('an upload of 3,000 files stopped part way comes back as one paused batch, and its resume sends each file not yet done once', async () => {
    const { bucket, proxy, dir } = fixture;
    const root = join(dir, 'album');
    const files = Array.from({ length: 3000 }, (_, i) => `${['a', 'b', 'c'][i % 3]}/f${String(i).padStart(4, '0')}.txt`);
    for (const folder of ['a', 'b', 'c']) await mkdir(join(root, folder), { recursive: true });
    await Promise.all(files.map((path) => writeFile(join(root, path), `body of ${path}`)));
    const first = await transferFixture({ endpoint: proxy.endpoint });
    const started = await first.upload(bucket, 'up/', [{ path: root }]);
    const log = logOf(first.dataDir, started.batchId);
    const inode = (await stat(log)).ino;
    const sizes: number[] = [];
    await waitUntil(
      () => {
        const done = onlyBatch(first.engine).counts.done;
        void stat(log).then((info) => sizes.push(info.size));
        return done >= 1000;
      },
      'a third of the files to be done',
      120_000,
    );
    await first.engine.dispose();
    // Appended to the one file (same inode, never shorter), a line per flush and per file finished out of order: not a rewrite per file.
    const after = await stat(log);
    expect(after.ino).toBe(inode);
    expect([...sizes, after.size]).toEqual([...sizes, after.size].sort((x, y) => x - y));
    const lines = (await readFile(log, 'utf8')).split('\n').length - 1;
    expect(lines).toBeLessThan(3000);

    // A restart: a fresh service over the same data folder.
    const mark = proxy.log.length;
    const second = restart(first);
    try {
      await second.restore();
      const restored = onlyBatch(second);
      expect(restored).toMatchObject({ id: started.batchId, title: 'Uploading “album” to up/', hold: 'paused', finished: false });
      const doneBefore = restored.counts.done;
      expect(doneBefore).toBeGreaterThanOrEqual(1000);
      expect(doneBefore).toBeLessThan(3000);
      // Nothing moves until the user resumes it.
      expect(second.list().transfers).toEqual([]);
      expect(second.resume({ batchId: started.batchId }).affected).toBe(1);
      const end = await second.settled(started.batchId);
      expect(end.counts).toMatchObject({ done: 3000, failed: 0, cancelled: 0 });
      const sentAgain = answered(proxy, mark, 'PUT');
      expect(new Set(sentAgain).size).toBe(sentAgain.length);
      expect(sentAgain).toHaveLength(3000 - doneBefore);
      const keys = await keysUnder(bucket, 'up/album/');
      expect(keys.sort()).toEqual(files.map((path) => `up/album/${path}`).sort());
      for (const path of [files[0], files[1500], files[2999]]) expect(await bodyOf(bucket, `up/album/${path}`)).toBe(`body of ${path}`);
      // Ended: its journal is gone, and a further restart brings nothing back.
      await waitUntil(() => !proxy.inFlight(), 'the proxy to be idle');
      await expect(stat(join(first.dataDir, 'batches', started.batchId))).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await second.dispose();
    }
    await expectNothingRestored(first);
    await first.dispose();
  }, 600_000);

  it('a folder download of 2,000 objects stopped part way resumes after its last done key (StartAfter), with no file twice', async () => {
    const { bucket, proxy, dir } = fixture;
    const keys = Array.from({ length: 2000 }, (_, i) => `tree/${['x', 'y'][i % 2]}/k${String(i).padStart(4, '0')}`);
    await putObjects(bucket, keys, (key) => `content of ${key}`);
    const target = join(dir, 'down');
    await mkdir(target);
    const first = await transferFixture({ endpoint: proxy.endpoint });
    const started = await first.download(bucket, target, [{ prefix: 'tree/' }], 'rename');
    await waitUntil(() => onlyBatch(first.engine).counts.done >= 600, 'some files to be downloaded', 120_000);
    await first.engine.dispose();

    const mark = proxy.log.length;
    const second = restart(first, { retry: FAST_RETRY });
    try {
      await second.restore();
      const restored = onlyBatch(second);
      expect(restored).toMatchObject({ id: started.batchId, title: `Downloading “tree/” to ${target}`, hold: 'paused' });
      const doneBefore = restored.counts.done;
      expect(doneBefore).toBeGreaterThanOrEqual(600);
      second.resume({ batchId: started.batchId });
      const end = await second.settled(started.batchId);
      expect(end.counts).toMatchObject({ done: 2000, failed: 0 });
      // The listing started after the watermark: its first request says StartAfter.
      const listings = proxy.log.slice(mark).filter((e) => e.method === 'GET' && e.url.includes('list-type=2'));
      expect(listings[0].url).toMatch(/start-after=tree/);
      const fetched = answered(proxy, mark, 'GET');
      expect(new Set(fetched).size).toBe(fetched.length);
      expect(fetched).toHaveLength(2000 - doneBefore);
      const found = (await filesBelow(target)).sort();
      expect(found).toEqual(keys.map((key) => key).sort());
      for (const key of [keys[0], keys[999], keys[1999]]) expect(await readFile(join(target, key), 'utf8')).toBe(`content of ${key}`);
    } finally {
      await second.dispose();
    }
    await first.dispose();
  }, 600_000);

  it("a big file's multipart upload inside a folder batch resumes with that batch (its parts kept), not as a batch of its own", async () => {
    const { bucket, proxy, dir } = fixture;
    const { root, big } = await folderWithBigFile(dir, 'mixed', 20);
    const first = await transferFixture({ endpoint: proxy.endpoint });
    // Part 1 of big.bin is stored; parts 2 and 3 are held at the proxy when the service stops.
    const hold = holdRequests((req) => isPartUpload(req) && (partNumberOf(req.url) ?? 0) >= 2);
    proxy.setRules([hold]);
    const mark = proxy.log.length;
    const started = await first.upload(bucket, 'mixed/', [{ path: root }]);
    const statePath = join(first.dataDir, 'transfers');
    const saved = async () => {
      const names = await readdir(statePath).catch(() => [] as string[]);
      const name = names.find((n) => n.endsWith('.json'));
      return name ? (JSON.parse(await readFile(join(statePath, name), 'utf8')) as { batchId?: string; uploadId: string; parts: object }) : undefined;
    };
    let state: Awaited<ReturnType<typeof saved>>;
    await waitUntil(
      () => {
        void saved().then((read) => (state = read));
        return state !== undefined && Object.keys(state.parts).length === 1 && onlyBatch(first.engine).counts.done === 20;
      },
      'part 1 saved and the small files done',
      120_000,
    );
    expect(state!.batchId).toBe(started.batchId);
    expect(acceptedParts(proxy.log, mark)).toEqual([1]);
    await stopWhileHeld(first, proxy, hold);

    const resumedAt = proxy.log.length;
    const second = restart(first);
    try {
      await second.restore();
      // One batch: the folder's, with big.bin's saved upload linked to it (no "1 interrupted upload" beside it).
      expect(onlyBatch(second)).toMatchObject({ id: started.batchId, hold: 'paused', counts: { done: 20 } });
      second.resume({ batchId: started.batchId });
      expect((await second.settled(started.batchId)).counts).toMatchObject({ done: 21, failed: 0 });
      // The saved multipart upload went on (its upload id; part 1 not sent again; what the held requests left is asked of the server).
      const parts = proxy.log.slice(resumedAt).filter((e) => e.method === 'PUT' && partNumberOf(e.url) !== undefined && e.status === 200);
      expect(parts.length).toBeGreaterThan(0);
      expect(parts.every((e) => e.url.includes(`uploadId=${encodeURIComponent(state!.uploadId)}`))).toBe(true);
      expect(acceptedParts(proxy.log, resumedAt)).not.toContain(1);
      expect(answered(proxy, resumedAt, 'PUT').filter((url) => url.includes('small-'))).toEqual([]);
      expect(await sha256Object(rawClient(), bucket, 'mixed/mixed/big.bin')).toBe(await sha256File(big));
      expect(await openUploadsUnder('mixed/')).toEqual([]);
    } finally {
      await second.dispose();
    }
    await first.dispose();
  }, 600_000);

  it('a restored folder batch cancelled before its rest is found aborts the multipart upload its big file left, and nothing comes back', async () => {
    const { bucket, proxy, dir } = fixture;
    const { root } = await folderWithBigFile(dir, 'cancelled', 5);
    const first = await transferFixture({ endpoint: proxy.endpoint });
    const hold = holdRequests((req) => isPartUpload(req) && (partNumberOf(req.url) ?? 0) >= 2);
    proxy.setRules([hold]);
    const started = await first.upload(bucket, 'cancelled/', [{ path: root }]);
    const statePath = join(first.dataDir, 'transfers');
    let saved = false;
    await waitUntil(
      () => {
        void readdir(statePath).then(
          (names) => (saved = names.some((n) => n.endsWith('.json'))),
          () => undefined,
        );
        return saved && hold.hits() >= 1;
      },
      'the multipart upload saved',
      120_000,
    );
    await stopWhileHeld(first, proxy, hold);
    expect(await openUploadsUnder('cancelled/')).toEqual(['cancelled/cancelled/big.bin']);

    const second = restart(first);
    await second.restore();
    expect(onlyBatch(second)).toMatchObject({ id: started.batchId, hold: 'paused' });
    await second.cancel({ batchId: started.batchId });
    expect(onlyBatch(second)).toMatchObject({ hold: 'cancelled', finished: true });
    expect(await openUploadsUnder('cancelled/')).toEqual([]);
    expect(await readdir(statePath)).toEqual([]);
    await second.dispose();
    await expectNothingRestored(first);
    await first.dispose();
  }, 600_000);
});
