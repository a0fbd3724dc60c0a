import { describe, expect, it } from 'vitest';
import type { FolderEntry, ObjectEntry } from '../../shared/ipc/contract';
import { createRowsView, DEFAULT_SORT, nextSort, type RowsView, type SortOrder } from './entry-order';
import { emptyListing, mergePage, type Entry, type Listing } from '../stores/listing';

const folder = (name: string, parent = ''): FolderEntry => ({ kind: 'folder', prefix: `${parent}${name}/`, name });
const object = (name: string, size = 1, lastModified?: string, parent = '', storageClass?: string): ObjectEntry => ({
  kind: 'object',
  key: `${parent}${name}`,
  name,
  size,
  ...(lastModified && { lastModified }),
  ...(storageClass && { storageClass }),
});
const rowsOf = (view: RowsView) => Array.from({ length: view.length }, (_, i) => view.at(i)!);
const names = (view: RowsView) => rowsOf(view).map((e) => e.name);
const listingOf = (folders: FolderEntry[], objects: ObjectEntry[], prefix = ''): Listing => mergePage(emptyListing, { prefix, folders, objects });

// The plain reference the views must agree with: row objects and a comparator, as the table sorted before.
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const pathOf = (entry: Entry) => (entry.kind === 'folder' ? entry.prefix : entry.key);
const primaryOf: Record<SortOrder['column'], (entry: Entry) => number | string> = {
  name: () => 0,
  size: (entry) => (entry.kind === 'folder' ? -1 : entry.size),
  modified: (entry) => (entry.kind === 'folder' ? '' : (entry.lastModified ?? '')),
  storageClass: (entry) => (entry.kind === 'folder' ? '' : (entry.storageClass ?? '')),
};
function referenceRows(entries: Entry[], sort: SortOrder, filter: string): Entry[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const primary = primaryOf[sort.column];
  const compare = (a: Entry, b: Entry) => {
    const pa = primary(a);
    const pb = primary(b);
    const first = typeof pa === 'number' && typeof pb === 'number' ? pa - pb : byCodeUnit(String(pa), String(pb));
    return sign * (first || byCodeUnit(a.name, b.name) || byCodeUnit(pathOf(a), pathOf(b)));
  };
  const needle = filter.trim().toLowerCase();
  const shown = entries.filter((entry) => entry.name.toLowerCase().includes(needle));
  return [...shown.filter((e) => e.kind === 'folder').sort(compare), ...shown.filter((e) => e.kind !== 'folder').sort(compare)];
}

describe('nextSort', () => {
  it('flips the same column and starts another ascending', () => {
    expect(nextSort(DEFAULT_SORT, 'name')).toEqual({ column: 'name', direction: 'desc' });
    expect(nextSort({ column: 'name', direction: 'desc' }, 'size')).toEqual({ column: 'size', direction: 'asc' });
  });
});

describe('createRowsView', () => {
  const bySize: SortOrder = { column: 'size', direction: 'asc' };

  it('sorts by size, then by name, and reverses both when descending', () => {
    const view = createRowsView();
    const listing = listingOf([], [object('a', 5), object('b', 5), object('c', 1)]);
    expect(names(view({ listing, sort: bySize, filter: '' }))).toEqual(['c', 'a', 'b']);
    expect(names(view({ listing, sort: { column: 'size', direction: 'desc' }, filter: '' }))).toEqual(['b', 'a', 'c']);
  });

  it('sorts by date, rows without one first', () => {
    const view = createRowsView();
    const listing = listingOf([], [object('a-new', 1, '2025-03-02T00:00:00.000Z'), object('b-none'), object('c-old', 1, '2024-01-01T00:00:00.000Z')]);
    expect(names(view({ listing, sort: { column: 'modified', direction: 'asc' }, filter: '' }))).toEqual(['b-none', 'c-old', 'a-new']);
  });

  it('compares names by code unit, as S3 orders keys', () => {
    const view = createRowsView();
    const listing = listingOf([], [object('ünï'), object('Zeta'), object('apple')]);
    expect(names(view({ listing, sort: DEFAULT_SORT, filter: '' }))).toEqual(['Zeta', 'apple', 'ünï']);
  });

  it('shows a folder listing in its own order for the default sort, and remembers its answer', () => {
    const view = createRowsView();
    const listing = listingOf([folder('f')], [object('a'), object('b')]);
    const rows = view({ listing, sort: DEFAULT_SORT, filter: '' });
    expect(names(rows)).toEqual(['f', 'a', 'b']);
    expect(view({ listing, sort: DEFAULT_SORT, filter: '' })).toBe(rows);
    expect(rows.at(1)).toBe(rows.at(1));
  });

  it('keeps folders first in every order', () => {
    const view = createRowsView();
    const listing = listingOf([folder('b'), folder('a')], [object('big', 9), object('small', 1)]);
    expect(names(view({ listing, sort: bySize, filter: '' }))).toEqual(['a', 'b', 'small', 'big']);
  });

  it('sorts search results (not in name order) even in the default order', () => {
    const view = createRowsView();
    const listing = listingOf([], [object('b', 1, undefined, 'a/'), object('a', 1, undefined, 'z/')]);
    expect(names(view({ listing, sort: DEFAULT_SORT, filter: '' }))).toEqual(['a', 'b']);
  });

  it('filters by name, any case, and finds rows by key in what it shows', () => {
    const view = createRowsView();
    const listing = listingOf([folder('Photos')], [object('photo.JPG'), object('notes.txt'), object('İstanbul photo')]);
    const rows = view({ listing, sort: DEFAULT_SORT, filter: ' PHOTO ' });
    expect(names(rows)).toEqual(['Photos', 'photo.JPG', 'İstanbul photo']);
    expect(rows.indexOfKey('o:photo.JPG')).toBe(1);
    expect(rows.indexOfKey('o:notes.txt')).toBe(-1);
  });

  it('keeps versions of one key newest first in both directions', () => {
    const view = createRowsView();
    const version = (key: string, versionId: string, size: number) =>
      ({ kind: 'version', key, name: key, versionId, isLatest: versionId === '3', isDeleteMarker: false, size }) as const;
    const listing = mergePage(emptyListing, { prefix: '', folders: [], objects: [version('a', '3', 1), version('a', '2', 1), version('b', '1', 1)] });
    const ids = (rows: RowsView) => rowsOf(rows).map((e) => (e.kind === 'version' ? `${e.key}${e.versionId}` : ''));
    expect(ids(view({ listing, sort: { column: 'name', direction: 'desc' }, filter: '' }))).toEqual(['b1', 'a3', 'a2']);
    expect(ids(view({ listing, sort: bySize, filter: '' }))).toEqual(['a3', 'a2', 'b1']);
  });

  it('merges each new page into a sorted order, the same as sorting everything at once', () => {
    for (const sort of [
      { column: 'size', direction: 'asc' },
      { column: 'size', direction: 'desc' },
      { column: 'modified', direction: 'desc' },
      { column: 'storageClass', direction: 'asc' },
    ] as const) {
      const view = createRowsView();
      let listing = emptyListing;
      const all: Entry[] = [];
      for (let page = 0; page < 20; page += 1) {
        const objects = Array.from({ length: 50 }, (_, i) =>
          object(
            `k${String(page).padStart(2, '0')}-${String(i).padStart(2, '0')}`,
            (page * 37 + i * 11) % 7,
            i % 9 === 0 ? undefined : new Date(1.7e12 + ((page * 13 + i * 5) % 17) * 1000).toISOString(),
            'p/',
            ['STANDARD', 'GLACIER', undefined][(page + i) % 3],
          ),
        );
        const folders = page % 5 === 0 ? [folder(`f${page}`, 'p/')] : [];
        all.push(...folders, ...objects);
        listing = mergePage(listing, { prefix: 'p/', folders, objects });
        expect(rowsOf(view({ listing, sort, filter: '' })), `${sort.column} ${sort.direction} page ${page}`).toEqual(referenceRows(all, sort, ''));
      }
    }
  });

  // Random names (odd characters included), sizes with ties, dates with gaps, four storage classes; rows arrive in
  // pages in key order (a folder listing) or shuffled (search results), with folders on late pages.
  it('sorts and filters random listings exactly as the plain reference does', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const letters = ['a', 'B', 'é', 'İ', '😀', '%', '+', ' ', '.', '\u0001', 'z', '0'];
    const nameOf = () => Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(letters)).join('');
    for (let round = 0; round < 12; round += 1) {
      const inKeyOrder = round % 2 === 0;
      const parent = round % 3 === 0 ? 'top/' : '';
      const unique = <T extends { name: string }>(items: T[]) => [...new Map(items.map((item) => [item.name, item])).values()];
      const folders = unique(Array.from({ length: 30 }, () => folder(nameOf(), parent)));
      const objects = unique(
        Array.from({ length: 400 }, () =>
          object(
            nameOf(),
            Math.floor(random() * 20),
            random() < 0.2 ? undefined : new Date(1.7e12 + Math.floor(random() * 50) * 1000).toISOString(),
            parent,
            pick([undefined, 'STANDARD', 'GLACIER', 'STANDARD_IA']),
          ),
        ),
      );
      // Search results: the same name in other folders, out of order.
      const rows: Entry[] = inKeyOrder
        ? [...folders, ...objects].sort((x, y) => byCodeUnit(pathOf(x), pathOf(y)))
        : [...folders, ...objects, ...objects.slice(0, 40).map((o) => object(o.name, o.size, o.lastModified, `${parent}other/`))].sort(() => random() - 0.5);
      let listing = emptyListing;
      for (let at = 0; at < rows.length; at += 97) {
        const page = rows.slice(at, at + 97);
        listing = mergePage(listing, {
          prefix: parent,
          folders: page.filter((e) => e.kind === 'folder'),
          objects: page.filter((e): e is ObjectEntry => e.kind === 'object'),
        });
      }
      const view = createRowsView();
      for (const column of ['name', 'size', 'modified', 'storageClass'] as const) {
        for (const direction of ['asc', 'desc'] as const) {
          for (const filter of ['', 'a', 'İ', '😀']) {
            const sort = { column, direction };
            expect(rowsOf(view({ listing, sort, filter })), `${column} ${direction} "${filter}" round ${round}`).toEqual(referenceRows(rows, sort, filter));
          }
        }
      }
    }
  });
});
