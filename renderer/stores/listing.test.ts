import { describe, expect, it } from 'vitest';
import type { ErrorInfo, Result } from '../../shared/errors';
import type { FolderEntry, ObjectEntry, ObjectPage, ObjectRowsPage } from '../../shared/ipc/contract';
import { objectEntriesOf, objectRowsOf } from '../../shared/object-rows';
import type { VersionPage } from '../../shared/versions';
import { emptyListing, entryKey, listAllPages, listAllVersionPages, listingEntryAt, listingLength, mergePage, parentPrefix, type Listing } from './listing';

const folder = (name: string, parent = ''): FolderEntry => ({ kind: 'folder', prefix: `${parent}${name}/`, name });
const object = (name: string, parent = ''): ObjectEntry => ({ kind: 'object', key: `${parent}${name}`, name, size: 1 });
const page = (folders: FolderEntry[], objects: ObjectEntry[], nextContinuationToken?: string): ObjectPage => ({
  bucket: 'b',
  prefix: '',
  folders,
  objects,
  ...(nextContinuationToken && { nextContinuationToken }),
});
const names = (entries: { name: string }[]) => entries.map((e) => e.name);
const entriesOf = (listing: Listing) => Array.from({ length: listingLength(listing) }, (_, i) => listingEntryAt(listing, i)!);

describe('mergePage', () => {
  it('keeps every folder before every object across pages', () => {
    let listing = mergePage(emptyListing, page([folder('a')], [object('1'), object('2')]));
    listing = mergePage(listing, page([folder('b')], [object('3')]));
    listing = mergePage(listing, page([], [object('4')]));
    expect(names(entriesOf(listing))).toEqual(['a', 'b', '1', '2', '3', '4']);
    expect(listing.folderCount).toBe(2);
    expect(listing.objectCount).toBe(4);
  });

  it('keeps a folder a server repeats on the next page once', () => {
    let listing = mergePage(emptyListing, page([folder('a'), folder('b')], []));
    listing = mergePage(listing, page([folder('b'), folder('c')], [object('1')]));
    expect(names(entriesOf(listing))).toEqual(['a', 'b', 'c', '1']);
    expect(listing.folderCount).toBe(3);
  });

  it('returns the same listing for an empty page, and never changes the one it was given', () => {
    const first = mergePage(emptyListing, page([folder('a')], [object('1')]));
    expect(mergePage(first, page([], []))).toBe(first);
    mergePage(first, page([folder('b')], [object('2')]));
    expect(names(entriesOf(first))).toEqual(['a', '1']);
    expect(entriesOf(emptyListing)).toEqual([]);
  });

  // How fast a big folder lists is measured by `npm run bench:list` (in Chromium, beside the SDK and the AWS CLI),
  // not by a timed test here: this checks the merge of 100 pages keeps every row, in order, with a late folder first.
  it('appends 100 pages of 1,000, a folder arriving on a late page still first', () => {
    let listing = emptyListing;
    for (let p = 0; p < 100; p += 1) {
      const objects = Array.from({ length: 1000 }, (_, i) => object(`k${p}-${i}`));
      listing = mergePage(listing, page(p === 50 ? [folder('f')] : [], objects));
    }
    expect(listingLength(listing)).toBe(100_001);
    expect(listing).toMatchObject({ folderCount: 1, objectCount: 100_000 });
    expect(names(entriesOf(listing).slice(0, 3))).toEqual(['f', 'k0-0', 'k0-1']);
    expect(listingEntryAt(listing, 100_000)?.name).toBe('k99-999');
    expect(listingEntryAt(listing, 50_001)?.name).toBe('k50-0');
  });
});

describe('entryKey', () => {
  it('never collides between a folder and an object of the same name', () => {
    expect(entryKey(folder('a'))).not.toBe(entryKey({ ...object('a/'), name: 'a' }));
  });
});

describe('parentPrefix', () => {
  it('goes one folder up', () => {
    expect(parentPrefix('a/b/')).toBe('a/');
    expect(parentPrefix('a/')).toBe('');
    expect(parentPrefix('')).toBe('');
  });
});

describe('listAllPages', () => {
  const ok = (data: ObjectPage): Result<ObjectRowsPage> => ({ ok: true, data: objectRowsOf(data) });

  it('fetches each page with the token of the one before and reports whether more follow', async () => {
    const pages: Record<string, ObjectPage> = {
      start: page([folder('a')], [object('1')], 't1'),
      t1: page([], [object('2')], 't2'),
      t2: page([], [object('3')]),
    };
    const asked: (string | undefined)[] = [];
    const seen: [string[], boolean][] = [];
    await listAllPages({
      fetchPage: async (token) => {
        asked.push(token);
        return ok(pages[token ?? 'start']!);
      },
      isCurrent: () => true,
      onPage: (p, more) => seen.push([names([...p.folders, ...objectEntriesOf(p.objects, p.prefix)]), more]),
      onError: () => expect.unreachable(),
    });
    expect(asked).toEqual([undefined, 't1', 't2']);
    expect(seen).toEqual([
      [['a', '1'], true],
      [['2'], true],
      [['3'], false],
    ]);
  });

  it('stops and drops the answer once the caller has moved on', async () => {
    let current = true;
    let calls = 0;
    const seen: ObjectRowsPage[] = [];
    await listAllPages({
      fetchPage: async () => {
        calls += 1;
        if (calls === 2) current = false;
        return ok(page([], [object(String(calls))], 'next' + calls));
      },
      isCurrent: () => current,
      onPage: (p) => seen.push(p),
      onError: () => expect.unreachable(),
    });
    expect(calls).toBe(2);
    expect(seen).toHaveLength(1);
  });

  it('reports the first error and asks for nothing more', async () => {
    const error: ErrorInfo = { code: 'AccessDenied', message: 'no', hint: 'ask' };
    let calls = 0;
    const errors: ErrorInfo[] = [];
    await listAllPages({
      fetchPage: async () => {
        calls += 1;
        return calls === 1 ? ok(page([], [object('1')], 't1')) : { ok: false, error };
      },
      isCurrent: () => true,
      onPage: () => {},
      onError: (e) => errors.push(e),
    });
    expect(calls).toBe(2);
    expect(errors).toEqual([error]);
  });

  it('ends when a server hands back the token it was given', async () => {
    let calls = 0;
    const more: boolean[] = [];
    await listAllPages({
      fetchPage: async () => {
        calls += 1;
        return ok(page([], [object(String(calls))], 'same'));
      },
      isCurrent: () => true,
      onPage: (_p, m) => more.push(m),
      onError: () => expect.unreachable(),
    });
    expect(calls).toBe(2);
    expect(more).toEqual([true, false]);
  });
});

describe('listAllVersionPages', () => {
  const versionPage = (key: string, next?: { keyMarker: string; versionIdMarker?: string }): VersionPage => ({
    bucket: 'b',
    prefix: '',
    folders: [],
    versions: [{ kind: 'version', key, name: key, versionId: `v-${key}`, isLatest: true, isDeleteMarker: false, size: 1 }],
    ...(next && { nextKeyMarker: next.keyMarker, nextVersionIdMarker: next.versionIdMarker }),
  });

  it('follows the key and version markers until the last page', async () => {
    const asked: unknown[] = [];
    const seen: boolean[] = [];
    await listAllVersionPages({
      fetchPage: async (marker) => {
        asked.push(marker);
        return { ok: true, data: marker ? versionPage('b') : versionPage('a', { keyMarker: 'a', versionIdMarker: 'v-a' }) };
      },
      isCurrent: () => true,
      onPage: (_page, more) => seen.push(more),
      onError: () => expect.unreachable(),
    });
    expect(asked).toEqual([undefined, { keyMarker: 'a', versionIdMarker: 'v-a' }]);
    expect(seen).toEqual([true, false]);
  });

  it('ends when a server repeats the markers it was given', async () => {
    let calls = 0;
    await listAllVersionPages({
      fetchPage: async () => {
        calls += 1;
        return { ok: true, data: versionPage('a', { keyMarker: 'a' }) };
      },
      isCurrent: () => true,
      onPage: () => {},
      onError: () => expect.unreachable(),
    });
    expect(calls).toBe(2);
  });

  it('keys versions of one object apart from each other and from the object', () => {
    const base = { kind: 'version' as const, key: 'a', name: 'a', isLatest: false, isDeleteMarker: false, size: 1 };
    expect(entryKey({ ...base, versionId: '1' })).not.toBe(entryKey({ ...base, versionId: '2' }));
    expect(entryKey({ ...base, versionId: '1' })).not.toBe(entryKey(object('a')));
  });
});
