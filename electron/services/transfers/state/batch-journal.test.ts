import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BatchJournals, readLog, type JournalHeader } from './batch-journal';
import { comparePositions, ResumeFilter, type Position } from './journal-position';
import type { SetAsideState } from './state-store';

const uploadHeader = (id: string): Omit<JournalHeader, 'version' | 'ownerPid'> => ({
  id,
  profileId: 'p1',
  bucket: 'b',
  title: 'Uploading “album” to photos/',
  conflict: 'overwrite',
  createdAt: new Date().toISOString(),
  request: { kind: 'upload', sources: [{ path: '/data/album' }], prefix: 'photos/', options: {} },
});

describe('batch journal', () => {
  let dataDir: string;
  let notes: SetAsideState[];
  let journals: BatchJournals;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pail-journal-'));
    notes = [];
    journals = new BatchJournals(dataDir, (note) => notes.push(note));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('orders positions as the walk goes (a folder before its files, "a/x" before "a.txt") and as S3 lists (UTF-8 bytes)', () => {
    const walk: Position[] = [[0, 'a'], [0, 'a', 'x'], [0, 'a.txt'], [0, 'b'], [1]];
    for (let i = 1; i < walk.length; i += 1) expect(comparePositions(walk[i - 1], walk[i], 'walk')).toBeLessThan(0);
    // U+FF5E sorts before U+1F600 by UTF-8 bytes, after it by UTF-16 code units.
    expect(comparePositions([0, '\uff5e'], [0, '\u{1f600}'], 'listing')).toBeLessThan(0);
    expect(comparePositions([0, '\uff5e'], [0, '\u{1f600}'], 'walk')).toBeGreaterThan(0);
  });

  it('appends what is done through one file (never rewritten) and reads back the watermark, the late finishes and the retries', async () => {
    const journal = await journals.create(uploadHeader(randomUUID()));
    const log = join(journal.dir, 'done.log');
    const inode = (await stat(log)).ino;
    const at = (i: number): Position => [0, 'album', `f${String(i).padStart(5, '0')}`];
    const entries = Array.from({ length: 1000 }, (_, i) => journal.issue(at(i)));
    let sizeBefore = 0;
    for (let i = 0; i < 1000; i += 1) {
      // 0–599 done in order except 10 (failed: to retry) and 700–709 done out of order.
      if (i < 600) journal.settle(entries[i], i === 10 ? 'retry' : 'done', 4096);
      if (i % 100 === 99 && i < 600) {
        await journal.flush();
        const size = (await stat(log)).size;
        expect(size).toBeGreaterThan(sizeBefore);
        sizeBefore = size;
      }
    }
    for (let i = 700; i < 710; i += 1) journal.settle(entries[i], 'done', 4096);
    await journal.close();
    expect((await stat(log)).ino).toBe(inode);
    // A flush per 100 files settled plus the last: not one write per file.
    expect(journal.appends).toBeLessThanOrEqual(7);
    const read = await readLog(log, 'walk');
    expect(read.files).toBe(599 + 10);
    expect(read.bytes).toBe(609 * 4096);
    expect(read.point.watermark).toEqual(at(599));
    expect(read.point.retry).toEqual([at(10)]);
    expect(read.point.done.size).toBe(10);
    const filter = new ResumeFilter(read.point);
    expect(filter.isPassed(at(5))).toBe(true);
    expect(filter.isPassed(at(10))).toBe(false);
    expect(filter.isPassed(at(600))).toBe(false);
    expect(filter.isPassed(at(705))).toBe(true);
    // The folder holds the watermark and a retry: walked; another folder before it is passed unread.
    expect(filter.isPassed([0, 'album'])).toBe(false);
    expect(filter.isPassed([0, 'aaa'])).toBe(true);
    expect(filter.isPassed([0, 'album2'])).toBe(false);
  });

  it('a file tried again after the watermark passed it counts once done, and leaves the retries', async () => {
    const journal = await journals.create(uploadHeader(randomUUID()));
    const a = journal.issue([0, 'a']);
    const b = journal.issue([0, 'b']);
    journal.settle(a, 'retry');
    journal.settle(b, 'done', 5);
    await journal.flush();
    journal.settle(a, 'open');
    journal.settle(a, 'done', 7);
    await journal.close();
    const read = await readLog(join(journal.dir, 'done.log'), 'walk');
    expect(read).toMatchObject({ files: 2, bytes: 12, point: { watermark: [0, 'b'], retry: [] } });
  });

  it('a torn last line (a crash mid-append) is cut off, and appends after it read back whole', async () => {
    const journal = await journals.create(uploadHeader(randomUUID()));
    const entries = [journal.issue([0, 'a']), journal.issue([0, 'b'])];
    journal.settle(entries[0], 'done', 1);
    await journal.close();
    const log = join(journal.dir, 'done.log');
    await appendFile(log, '{"w":[0,"b"],"n":2,"b');
    const [found] = await journals.list();
    expect(found).toMatchObject({ files: 1, point: { watermark: [0, 'a'] } });
    expect((await readFile(log, 'utf8')).endsWith('}\n')).toBe(true);
    const adopted = await journals.adopt(found);
    const next = adopted.issue([0, 'b']);
    adopted.settle(next, 'done', 1);
    await adopted.close();
    expect((await readLog(log, 'walk')).files).toBe(2);
    expect(notes).toEqual([]);
  });

  it('a damaged header sets its journal aside (moved, reported) and the other journals come back', async () => {
    const good = await journals.create(uploadHeader(randomUUID()));
    await good.close();
    const badId = randomUUID();
    await mkdir(join(journals.dir, badId));
    await writeFile(join(journals.dir, badId, 'header.json'), '{"version":1,"id":');
    const found = await journals.list();
    expect(found.map((j) => j.header.id)).toEqual([good.id]);
    expect(notes).toHaveLength(1);
    expect(notes[0].words).toMatch(/could not be resumed.*not valid JSON.*moved its journal/);
    const names = await readdir(journals.dir);
    expect(names.some((name) => name.startsWith(`${badId}.damaged-`))).toBe(true);
  });

  it("keeps another live process's journal, and no secret is written (the profile by id only)", async () => {
    const journal = await journals.create(uploadHeader(randomUUID()));
    await journal.close();
    const headerPath = join(journal.dir, 'header.json');
    const header = JSON.parse(await readFile(headerPath, 'utf8')) as JournalHeader;
    expect(Object.keys(header).sort()).toEqual(['bucket', 'conflict', 'createdAt', 'id', 'ownerPid', 'profileId', 'request', 'title', 'version']);
    // The test runner's parent is alive: its journal is not ours to take.
    await writeFile(headerPath, JSON.stringify({ ...header, ownerPid: process.ppid }));
    expect(await journals.list()).toEqual([]);
  });
});
