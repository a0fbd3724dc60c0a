import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TransferStateStore, type SavedTransfer, type SetAsideState } from './state-store';

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
});
