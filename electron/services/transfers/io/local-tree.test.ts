import { mkdir, mkdtemp, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkSources, type WalkEntry } from './local-tree';
import { ResumeFilter } from '../state/journal-position';

/** What a walk gave, in order: "key" for a file, "key (marker)" for an empty folder, "skipped: path: reason" for the rest. */
async function walked(walk: AsyncGenerator<WalkEntry>, root: string): Promise<string[]> {
  const seen: string[] = [];
  for await (const entry of walk)
    seen.push(
      'item' in entry
        ? `${entry.item.key}${entry.item.marker ? ' (marker)' : ''}`
        : `skipped: ${entry.skipped.path.startsWith(root) ? entry.skipped.path.slice(root.length) : entry.skipped.path}: ${entry.skipped.reason}`,
    );
  return seen;
}

describe('the lazy folder walk', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pail-walk-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A fresh folder `name` with files (content = name) at the given relative paths; "x/" makes an empty folder. */
  async function tree(name: string, paths: string[]): Promise<string> {
    const root = join(dir, name);
    for (const path of paths) {
      if (path.endsWith('/')) await mkdir(join(root, path), { recursive: true });
      else {
        await mkdir(join(root, path, '..'), { recursive: true });
        await writeFile(join(root, path), path);
      }
    }
    return root;
  }

  it('gives files depth first in name order, keys under the prefix and the folder name, empty folders as markers', async () => {
    const root = await tree('album', ['b.txt', 'a/z.txt', 'a/deeper/y.txt', 'a/empty/', 'c/', 'A.txt']);
    expect(await walked(walkSources([{ path: root }], 'up/'), root)).toEqual([
      'up/album/A.txt',
      'up/album/a/deeper/y.txt',
      'up/album/a/empty/ (marker)',
      'up/album/a/z.txt',
      'up/album/b.txt',
      'up/album/c/ (marker)',
    ]);
    // An explicit key puts the folder's contents straight under it (the CLI's `cp DIR gw:b/p/`), an empty one as that key's marker.
    expect(await walked(walkSources([{ path: join(root, 'c'), key: 'p/' }], ''), root)).toEqual(['p/ (marker)']);
    expect(await walked(walkSources([{ path: join(root, 'a', 'deeper'), key: 'p/' }], ''), root)).toEqual(['p/y.txt']);
  });

  it('a resumed walk passes over what its journal says is done by name, before any stat, and gives the retries and the rest', async () => {
    const root = await tree('resumed', ['a/1.txt', 'a/2.txt', 'a.txt', 'b/k', 'b/m', 'b/n', 'b/o', 'c/x', 'c/y']);
    // Dangling links before the watermark: a stat would report them (ENOENT); passed by name, they are not.
    await symlink(join(root, 'nowhere'), join(root, 'a', '3.txt'));
    await symlink(join(root, 'nowhere'), join(root, '0-gone'));
    const resume = new ResumeFilter({
      order: 'walk',
      watermark: [0, 'b', 'm'],
      retry: [[0, 'a', '2.txt']],
      done: new Set([JSON.stringify([0, 'b', 'o']), JSON.stringify([0, 'c', 'x'])]),
    });
    const walk = walkSources([{ path: root }], 'up/', resume);
    const entries: WalkEntry[] = [];
    for await (const entry of walk) entries.push(entry);
    expect(entries.map((e) => ('item' in e ? e.item.key : `skipped ${e.skipped.path}`))).toEqual(['up/resumed/a/2.txt', 'up/resumed/b/n', 'up/resumed/c/y']);
    expect(entries.map((e) => e.at)).toEqual([
      [0, 'a', '2.txt'],
      [0, 'b', 'n'],
      [0, 'c', 'y'],
    ]);
    // A folder that could not be read (to retry): everything in it is given, though it lies before the watermark.
    const again = new ResumeFilter({ order: 'walk', watermark: [0, 'b', 'm'], retry: [[0, 'a']], done: new Set() });
    const inside: string[] = [];
    for await (const entry of walkSources([{ path: root }], 'up/', again)) if ('item' in entry) inside.push(entry.item.key);
    expect(inside).toEqual(['up/resumed/a/1.txt', 'up/resumed/a/2.txt', 'up/resumed/b/n', 'up/resumed/b/o', 'up/resumed/c/x', 'up/resumed/c/y']);
  });

  it('reads a folder only when the walk reaches it, so a consumer that stops early has read no further', async () => {
    const root = await tree('lazy', ['1/a.txt', '2/b.txt']);
    const walk = walkSources([{ path: root }], '');
    expect((await walk.next()).value).toMatchObject({ item: { key: 'lazy/1/a.txt' } });
    // Folder 2 is read only now: removed before, it is reported as gone rather than walked.
    await rm(join(root, '2'), { recursive: true });
    expect((await walk.next()).value).toEqual({ skipped: { path: join(root, '2'), reason: 'ENOENT' }, at: [0, '2'] });
    expect((await walk.next()).done).toBe(true);
  });

  it('reports links to folders, sockets and missing or relative sources, follows links to files, and keeps hostile names as they are', async () => {
    const root = await tree('odd', ['real/f.txt', 'new\nline.txt', 'spaces  and ☃.txt', 'back\\slash.txt']);
    await symlink(join(root, 'real'), join(root, 'link-to-folder'));
    await symlink(join(root, 'real', 'f.txt'), join(root, 'link-to-file'));
    await symlink(join(root, 'nowhere'), join(root, 'dangling'));
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(join(root, 'sock'), resolve));
    try {
      const seen = await walked(walkSources([{ path: root }, { path: join(dir, 'missing') }, { path: 'relative/x' }], ''), dir);
      expect(seen).toEqual([
        'odd/back\\slash.txt',
        'skipped: /odd/dangling: ENOENT',
        'odd/link-to-file',
        'skipped: /odd/link-to-folder: a link to a folder (not followed)',
        'odd/new\nline.txt',
        'odd/real/f.txt',
        'skipped: /odd/sock: not a regular file or folder',
        'odd/spaces  and ☃.txt',
        'skipped: /missing: ENOENT',
        'skipped: relative/x: not an absolute path',
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('walks a folder that changes while it is walked: a file gone by the time it is reached is reported, the rest go on', async () => {
    const names = Array.from({ length: 50 }, (_, i) => `f${String(i).padStart(2, '0')}.txt`);
    const root = await tree('changing', names);
    const walk = walkSources([{ path: root }], '');
    const seen: string[] = [];
    for await (const entry of walk) {
      seen.push('item' in entry ? entry.item.name : `gone: ${entry.skipped.path.slice(root.length + 1)}`);
      // While the walk is at f10, f20 is deleted and a file sorting after everything is added to the folder already read.
      if (seen.length === 11) {
        await unlink(join(root, 'f20.txt'));
        await writeFile(join(root, 'zz-late.txt'), 'late');
      }
    }
    expect(seen).toHaveLength(50);
    expect(seen[20]).toBe('gone: f20.txt');
    expect(seen.filter((s) => s.startsWith('changing/'))).toHaveLength(49);
    expect(seen).not.toContain('changing/zz-late.txt');
  });
});
