import { describe, expect, it } from 'vitest';
import { filesOfDrop, walkEntries, type EntryLike } from './drop-walk';

interface FakeFile {
  name: string;
  size: number;
  webkitRelativePath?: string;
}

const file = (name: string, size = 1, broken = false): EntryLike<FakeFile> => ({
  isFile: true,
  isDirectory: false,
  name,
  file: (success, failure) => (broken ? failure?.(new Error('gone')) : setTimeout(() => success({ name, size }), 0)),
});

/** A folder whose reader gives its children `batch` at a time, as Chromium does (100 per call). */
const folder = (name: string, children: EntryLike<FakeFile>[], batch = 2): EntryLike<FakeFile> & { reads: number } => {
  const entry = {
    isFile: false,
    isDirectory: true,
    name,
    reads: 0,
    createReader() {
      let at = 0;
      return {
        readEntries(success: (entries: EntryLike<FakeFile>[]) => void) {
          entry.reads += 1;
          const next = children.slice(at, at + batch);
          at += next.length;
          setTimeout(() => success(next), 0);
        },
      };
    },
  };
  return entry;
};

describe('walkEntries', () => {
  it('walks folders recursively, reading every batch until an empty one', async () => {
    const big = folder('photos', [file('1.jpg'), file('2.jpg'), file('3.jpg'), folder('2024', [file('a.jpg', 5)]), folder('empty', [])]);
    const result = await walkEntries([big, file('top.txt', 3)]);
    expect(result.files.map((f) => [f.path, f.size])).toEqual([
      ['photos/1.jpg', 1],
      ['photos/2.jpg', 1],
      ['photos/3.jpg', 1],
      ['photos/2024/a.jpg', 5],
      ['top.txt', 3],
    ]);
    expect(result.folders).toEqual(['photos/empty']);
    // 5 children, 2 a batch: three full or partial batches and the empty one that ends it.
    expect(big.reads).toBe(4);
  });

  it('notes files it cannot read and goes on', async () => {
    const result = await walkEntries([folder('a', [file('bad.txt', 1, true), file('ok.txt')])]);
    expect(result.unreadable).toEqual(['a/bad.txt']);
    expect(result.files.map((f) => f.path)).toEqual(['a/ok.txt']);
  });
});

describe('filesOfDrop', () => {
  it('walks entries when every item has one', async () => {
    const result = await filesOfDrop({ files: [], entries: [folder('d', [file('x')])] });
    expect(result.files.map((f) => f.path)).toEqual(['d/x']);
  });

  it('falls back to the plain files (synthetic drops have no entries)', async () => {
    const files: FakeFile[] = [
      { name: 'a.txt', size: 2 },
      { name: 'b.txt', size: 3, webkitRelativePath: 'dir/b.txt' },
    ];
    const result = await filesOfDrop({ files, entries: [null, null] });
    expect(result.files.map((f) => f.path)).toEqual(['a.txt', 'dir/b.txt']);
    expect(result.folders).toEqual([]);
  });
});
