import { describe, expect, it } from 'vitest';
import type { FolderEntry, ObjectEntry } from '../../shared/ipc/contract';
import { createRowsView, DEFAULT_SORT, entryComparator, mergeSorted, nextSort, type SortOrder } from './entry-order';
import { emptyListing, mergePage, type Entry, type Listing } from '../stores/listing';

const folder = (name: string, parent = ''): FolderEntry => ({ kind: 'folder', prefix: `${parent}${name}/`, name });
const object = (name: string, size = 1, lastModified?: string, parent = ''): ObjectEntry => ({
  kind: 'object',
  key: `${parent}${name}`,
  name,
  size,
  ...(lastModified && { lastModified }),
});
const names = (entries: Entry[]) => entries.map((e) => e.name);
const listingOf = (folders: FolderEntry[], objects: ObjectEntry[]): Listing => mergePage(emptyListing, { folders, objects });

describe('nextSort', () => {
  it('flips the same column and starts another ascending', () => {
    expect(nextSort(DEFAULT_SORT, 'name')).toEqual({ column: 'name', direction: 'desc' });
    expect(nextSort({ column: 'name', direction: 'desc' }, 'size')).toEqual({ column: 'size', direction: 'asc' });
  });
});

describe('entryComparator', () => {
  it('sorts by size, then by name, and reverses both when descending', () => {
    const rows = [object('b', 5), object('a', 5), object('c', 1)];
    expect(names(rows.slice().sort(entryComparator({ column: 'size', direction: 'asc' })))).toEqual(['c', 'a', 'b']);
    expect(names(rows.slice().sort(entryComparator({ column: 'size', direction: 'desc' })))).toEqual(['b', 'a', 'c']);
  });

  it('sorts by date, rows without one first', () => {
    const rows = [object('new', 1, '2025-03-02T00:00:00.000Z'), object('none'), object('old', 1, '2024-01-01T00:00:00.000Z')];
    expect(names(rows.sort(entryComparator({ column: 'modified', direction: 'asc' })))).toEqual(['none', 'old', 'new']);
  });

  it('compares names by code unit, as S3 orders keys', () => {
    const rows = [object('ünï'), object('Zeta'), object('apple')];
    expect(names(rows.sort(entryComparator(DEFAULT_SORT)))).toEqual(['Zeta', 'apple', 'ünï']);
  });
});

describe('mergeSorted', () => {
  it('merges two sorted runs, keeping the first run ahead on ties', () => {
    const compare = entryComparator({ column: 'size', direction: 'asc' });
    const first = [object('a', 1), object('x', 3)];
    const second = [object('b', 2), object('y', 3)];
    expect(names(mergeSorted(first, second, (p, q) => (p.kind === 'object' && q.kind === 'object' ? p.size - q.size : 0)))).toEqual(['a', 'b', 'x', 'y']);
    expect(mergeSorted(first, [], compare)).toBe(first);
  });
});

describe('createRowsView', () => {
  const bySize: SortOrder = { column: 'size', direction: 'asc' };

  it('shows a folder listing as it is for the default order, without copying it', () => {
    const view = createRowsView();
    const listing = listingOf([folder('f')], [object('a'), object('b')]);
    expect(view({ listingId: 1, listing, serverOrdered: true, sort: DEFAULT_SORT, filter: '' })).toBe(listing.entries);
  });

  it('keeps folders first in every order', () => {
    const view = createRowsView();
    const listing = listingOf([folder('b'), folder('a')], [object('big', 9), object('small', 1)]);
    expect(names(view({ listingId: 1, listing, serverOrdered: true, sort: bySize, filter: '' }))).toEqual(['a', 'b', 'small', 'big']);
  });

  it('merges each new page into the sorted rows, equal to sorting everything at once', () => {
    const view = createRowsView();
    let listing = emptyListing;
    const all: ObjectEntry[] = [];
    for (let page = 0; page < 20; page += 1) {
      const objects = Array.from({ length: 50 }, (_, i) => object(`k${page}-${i}`, (page * 37 + i * 11) % 97));
      all.push(...objects);
      listing = mergePage(listing, { folders: page % 5 === 0 ? [folder(`f${page}`)] : [], objects });
      const rows = view({ listingId: 7, listing, serverOrdered: true, sort: bySize, filter: '' });
      expect(rows).toHaveLength(listing.entries.length);
    }
    const rows = view({ listingId: 7, listing, serverOrdered: true, sort: bySize, filter: '' });
    const expected = [...listing.entries.slice(0, listing.folderCount)].sort(entryComparator(bySize)).concat(all.slice().sort(entryComparator(bySize)));
    expect(rows).toEqual(expected);
  });

  it('starts afresh when the listing id changes', () => {
    const view = createRowsView();
    view({ listingId: 1, listing: listingOf([], [object('x', 5)]), serverOrdered: true, sort: bySize, filter: '' });
    const fresh = listingOf([], [object('y', 1), object('z', 2)]);
    expect(names(view({ listingId: 2, listing: fresh, serverOrdered: true, sort: bySize, filter: '' }))).toEqual(['y', 'z']);
  });

  it('sorts search results (not in name order) even in the default order', () => {
    const view = createRowsView();
    const listing = listingOf([], [object('b', 1, undefined, 'a/'), object('a', 1, undefined, 'z/')]);
    expect(names(view({ listingId: 3, listing, serverOrdered: false, sort: DEFAULT_SORT, filter: '' }))).toEqual(['a', 'b']);
  });

  it('filters by name, any case, and remembers the answer', () => {
    const view = createRowsView();
    const listing = listingOf([folder('Photos')], [object('photo.JPG'), object('notes.txt')]);
    const input = { listingId: 1, listing, serverOrdered: true, sort: DEFAULT_SORT, filter: ' PHOTO ' };
    const rows = view(input);
    expect(names(rows)).toEqual(['Photos', 'photo.JPG']);
    expect(view({ ...input })).toBe(rows);
  });

  it('sorts 100,000 rows arriving in 100 pages at the cost of a few full sorts, not one per page', () => {
    // Counted in comparisons, not milliseconds: the same on a busy machine as on a quiet one.
    let comparisons = 0;
    const counting = (sort: SortOrder) => {
      const compare = entryComparator(sort);
      return (a: Entry, b: Entry) => {
        comparisons += 1;
        return compare(a, b);
      };
    };
    const view = createRowsView(counting);
    let listing = emptyListing;
    let rows: Entry[] = [];
    for (let page = 0; page < 100; page += 1) {
      const objects = Array.from({ length: 1000 }, (_, i) => object(`item-${page}-${i}`, (page * 7919 + i * 104729) % 100_000));
      listing = mergePage(listing, { folders: [], objects });
      rows = view({ listingId: 9, listing, serverOrdered: true, sort: bySize, filter: '' });
    }
    const viewComparisons = comparisons;
    comparisons = 0;
    const sorted = listing.entries.slice().sort(counting(bySize));
    // Re-sorting every page would cost about 50 full sorts; merging costs a handful.
    expect(viewComparisons).toBeLessThan(15 * comparisons);
    expect(rows.map((row) => (row.kind === 'object' ? row.size : -1))).toEqual(sorted.map((row) => (row.kind === 'object' ? row.size : -1)));
  });
});
