import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TransferStateStore, type DownloadState, type SavedTransfer, type SetAsideState } from './state-store';

const upload = (id: string): SavedTransfer => ({
  version: 1,
  kind: 'upload',
  id,
  profileId: 'p1',
  bucket: 'b',
  key: 'big.bin',
  createdAt: new Date(0).toISOString(),
  ownerPid: process.pid,
  filePath: '/tmp/big.bin',
  size: 100,
  mtimeMs: 1,
  partSize: 10,
  uploadId: 'u-1',
  contentType: 'application/octet-stream',
  parts: { '1': { etag: '"e"', md5: 'aa' } },
});

const download = (id: string, key = 'photos/big.bin'): SavedTransfer => ({
  version: 1,
  kind: 'download',
  id,
  profileId: 'p1',
  bucket: 'b',
  key,
  createdAt: new Date(0).toISOString(),
  ownerPid: process.pid,
  etag: '"e"',
  size: 100,
  targetPath: `/tmp/down/${key}`,
  chunkSize: 10,
  done: [0, 1],
});
const wanted = (key = 'photos/big.bin') => ({ profileId: 'p1', bucket: 'b', key, targetPath: `/tmp/down/${key}` });

describe('saved transfer states', () => {
  let dataDir: string;
  let notes: SetAsideState[];
  let store: TransferStateStore;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pail-states-'));
    notes = [];
    store = new TransferStateStore(dataDir, (note) => notes.push(note));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('sets a damaged state aside and says so, while the others still resume', async () => {
    const good = randomUUID();
    await store.save(upload(good));
    const truncated = randomUUID();
    await writeFile(join(store.dir, `${truncated}.json`), JSON.stringify(upload(truncated)).slice(0, 80));
    const wrongShape = randomUUID();
    await writeFile(join(store.dir, `${wrongShape}.json`), JSON.stringify({ ...upload(wrongShape), partSize: 'ten' }));
    // A field a newer Pail might add is not damage.
    const extra = randomUUID();
    await writeFile(join(store.dir, `${extra}.json`), JSON.stringify({ ...upload(extra), futureField: true }));

    const listed = await store.list();
    expect(listed.map((s) => s.id).sort()).toEqual([good, extra].sort());
    expect(notes.map((n) => n.path).sort()).toEqual([join(store.dir, `${truncated}.json`), join(store.dir, `${wrongShape}.json`)].sort());
    const truncatedNote = notes.find((n) => n.path.includes(truncated))!;
    expect(truncatedNote.words).toMatch(
      /^A saved transfer could not be resumed: .*\.json is not valid JSON: it ends too early .* Pail moved it to .*\.json\.damaged-\d{8}-\d{6}; that transfer starts over/,
    );
    expect(notes.find((n) => n.path.includes(wrongShape))!.problem).toContain('partSize: expected a number, got text');

    // Moved aside, byte for byte, and not read again.
    const names = await readdir(store.dir);
    expect(names.filter((n) => n.includes('.damaged-'))).toHaveLength(2);
    expect(await readFile(truncatedNote.movedTo!, 'utf8')).toBe(JSON.stringify(upload(truncated)).slice(0, 80));
    expect((await store.list()).length).toBe(2);
    expect(notes).toHaveLength(2);
    expect(await store.read(truncated)).toBeUndefined();
  });

  describe('looked up once a file, for every file of a folder download', () => {
    /** Dates the folder a minute back, as it is when nothing was saved for a while (a lookup then keeps what it read). */
    const settle = (dir: string) => utimes(dir, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));

    it('finds a state another process saved after a lookup was answered, and not one it deleted', async () => {
      await store.save(download(randomUUID(), 'a.bin'));
      await settle(store.dir);
      expect(await store.findDownload(wanted('b.bin'))).toBeUndefined();

      const other = new TransferStateStore(dataDir, (note) => notes.push(note));
      const saved = randomUUID();
      await other.save(download(saved, 'b.bin'));
      expect((await store.findDownload(wanted('b.bin')))?.id).toBe(saved);
      expect((await store.findDownload(wanted('x.bin'), saved))?.id).toBe(saved);

      await settle(store.dir);
      expect((await store.findDownload(wanted('b.bin')))?.id).toBe(saved);
      await other.delete(saved);
      expect(await store.findDownload(wanted('b.bin'))).toBeUndefined();
      expect(await store.findDownload(wanted('x.bin'), saved)).toBeUndefined();
      expect((await store.list()).map((s) => s.key)).toEqual(['a.bin']);
    });

    it("sees its own saves and deletes at once, even in the folder's same clock tick", async () => {
      await store.save(upload(randomUUID()));
      await settle(store.dir);
      const { mtime } = await stat(store.dir);
      expect(await store.findDownload(wanted())).toBeUndefined();

      // A write in the tick of the folder's last look leaves its date as it was: the folder's date alone cannot tell.
      const id = randomUUID();
      await store.save(download(id));
      await utimes(store.dir, mtime, mtime);
      expect((await store.findDownload(wanted()))?.id).toBe(id);
      await store.delete(id);
      await utimes(store.dir, mtime, mtime);
      expect(await store.findDownload(wanted())).toBeUndefined();
    });

    it('reads the states again only when the folder changed', async () => {
      const id = randomUUID();
      await store.save(download(id));
      await settle(store.dir);
      const { mtime } = await stat(store.dir);
      expect((await store.findDownload(wanted()))?.id).toBe(id);

      // Damaged in place with the folder's date kept: a lookup that read the files again would find it.
      await writeFile(join(store.dir, `${id}.json`), '{"version":');
      await utimes(store.dir, mtime, mtime);
      expect((await store.findDownload(wanted()))?.id).toBe(id);
      expect(await store.list()).toHaveLength(1);
      expect(notes).toEqual([]);

      await settle(store.dir);
      expect(await store.findDownload(wanted())).toBeUndefined();
      expect(notes.map((n) => n.path)).toEqual([join(store.dir, `${id}.json`)]);
      expect((await readdir(store.dir)).filter((n) => n.includes('.damaged-'))).toHaveLength(1);
    });

    it('keeps no read made just after the folder changed: a change in that clock tick would not show', async () => {
      const id = randomUUID();
      await store.save(download(id));
      // Dated now, to the millisecond a Date holds, so that the date can be put back exactly.
      const now = new Date();
      await utimes(store.dir, now, now);
      expect((await store.findDownload(wanted()))?.id).toBe(id);

      await writeFile(join(store.dir, `${id}.json`), '{"version":');
      await utimes(store.dir, now, now);
      expect(await store.findDownload(wanted())).toBeUndefined();
      expect(notes).toHaveLength(1);
    });

    it("asks each time whether another state's process still runs, and sweeps its temp file once it died", async () => {
      const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
      const pid = child.pid!;
      const id = randomUUID();
      await mkdir(store.dir);
      await writeFile(join(store.dir, `${id}.json`), JSON.stringify({ ...download(id), ownerPid: pid }));
      const temp = `${id}.json.${pid}.abcd1234.tmp`;
      await writeFile(join(store.dir, temp), '{');
      await settle(store.dir);
      try {
        expect(await store.findDownload(wanted())).toBeUndefined();
        expect(await store.list()).toEqual([]);
        expect(await readdir(store.dir)).toContain(temp);
      } finally {
        child.kill();
        await once(child, 'exit');
      }
      expect((await store.findDownload(wanted()))?.id).toBe(id);
      expect((await store.list()).map((s) => s.id)).toEqual([id]);
      expect(await readdir(store.dir)).not.toContain(temp);
    });

    it('gives each caller its own copy: changing one does not change what the next lookup finds', async () => {
      const id = randomUUID();
      await store.save(download(id));
      await settle(store.dir);
      const found = (await store.findDownload(wanted())) as DownloadState;
      found.done.push(7);
      expect((await store.findDownload(wanted()))?.done).toEqual([0, 1]);
    });
  });
});
