import { describe, expect, it } from 'vitest';
import type { FolderEntry, ObjectEntry } from '../../shared/ipc/contract';
import { objectRowsOf } from '../../shared/object-rows';
import { displayName } from '../../shared/s3-names';
import type { VersionEntry } from '../../shared/versions';
import { emptyListing, entryKey, listingEntryAt, listingIndexOf, listingLength, mergePage, type Listing } from './listing';
import { RowColumns } from './listing-columns';

const folder = (prefix: string, parent: string): FolderEntry => ({ kind: 'folder', prefix, name: displayName(prefix, parent) });
const object = (key: string, parent: string, extra: Partial<ObjectEntry> = {}): ObjectEntry => ({
  kind: 'object',
  key,
  name: displayName(key, parent),
  size: 0,
  ...extra,
});
const entriesOf = (listing: Listing) => Array.from({ length: listingLength(listing) }, (_, i) => listingEntryAt(listing, i)!);

// Keys S3 allows and that have broken browsers: a key and a folder of the same name, characters URLs and
// regexes care about, control characters, long names, astral and combining characters, an empty last segment.
const ODD_NAMES = [
  'a',
  '+%#?',
  'a b&c=d',
  '\u0001bell\u0007',
  'tab\there',
  'line\nbreak',
  'x'.repeat(300),
  'ünïcödé',
  'e\u0301',
  '😀 emoji',
  '中文',
  'İstanbul',
  '.',
  '..',
  '[brackets]*',
];

/** A page's objects in columns, as `s3:listObjects` sends them to the window. */
const sentPage = (prefix: string, folders: FolderEntry[], objects: ObjectEntry[]) => objectRowsOf({ bucket: 'b', prefix, folders, objects });

describe('RowColumns from pages in columns (as s3:listObjects sends them)', () => {
  const parent = 'p/q/';
  const oddObjects = [...ODD_NAMES].sort().map((name, i) =>
    object(`${parent}${name}`, parent, {
      size: i * 1000,
      ...(i % 3 && { lastModified: new Date(1e12 + i).toISOString() }),
      ...(i % 4 && { storageClass: i % 2 ? 'STANDARD' : 'GLACIER' }),
    }),
  );

  it('gives back every row exactly as listed, odd keys, missing dates and classes and all, found by key and by filter', () => {
    const folders = [folder(`${parent}+%#?/`, parent), folder(`${parent}a/`, parent)];
    const listing = mergePage(emptyListing, sentPage(parent, folders, oddObjects));
    const all = [...folders, ...oddObjects];
    expect(entriesOf(listing)).toEqual(all);
    all.forEach((entry, index) => expect(listingIndexOf(listing, entryKey(entry))).toBe(index));
    const marks = new Uint8Array(oddObjects.length);
    listing.objects!.markMatches('ü', listing.objectCount, marks, 0);
    expect(oddObjects.filter((_, i) => marks[i]).map((o) => o.name)).toEqual(['ünïcödé']);
  });

  it('appends pages in columns after pages of records, into one group, in order', () => {
    let listing = mergePage(emptyListing, { prefix: parent, folders: [], objects: oddObjects.slice(0, 5) });
    listing = mergePage(listing, sentPage(parent, [], oddObjects.slice(5, 10)));
    listing = mergePage(listing, sentPage(parent, [], []));
    listing = mergePage(listing, sentPage(parent, [], oddObjects.slice(10)));
    expect(entriesOf(listing)).toEqual(oddObjects);
    expect(listing.objects!.namesInOrder).toBe(true);
    // A listing taken before the last page keeps its own rows.
    expect(listingLength(mergePage(emptyListing, sentPage(parent, [], oddObjects.slice(0, 2))))).toBe(2);
  });

  it('keeps a key outside the listed folder whole, and rows arriving out of name order noticed', () => {
    const listing = mergePage(emptyListing, sentPage('in/', [], [object('in/b', 'in/'), { kind: 'object', key: 'elsewhere', name: 'elsewhere', size: 1 }]));
    expect(entriesOf(listing).map((e) => (e.kind === 'object' ? e.key : ''))).toEqual(['in/b', 'elsewhere']);
    expect(listingIndexOf(listing, 'o:elsewhere')).toBe(1);
    const unordered = mergePage(emptyListing, sentPage('in/', [], [object('in/b', 'in/'), object('in/a', 'in/')]));
    expect(unordered.objects!.namesInOrder).toBe(false);
    expect(listingIndexOf(unordered, 'o:in/a')).toBe(1);
  });
});

describe('RowColumns through mergePage', () => {
  it('gives back every row exactly as listed, odd keys and all', () => {
    const parent = 'p/q/';
    const objects = [...ODD_NAMES]
      .sort()
      .map((name, i) =>
        object(`${parent}${name}`, parent, { size: i * 1000, lastModified: new Date(1e12 + i).toISOString(), storageClass: i % 2 ? 'STANDARD' : 'GLACIER' }),
      );
    const folders = [folder(`${parent}a/`, parent), folder(`${parent}a//`, parent), folder(`${parent}+%#?/`, parent)].sort((x, y) =>
      x.prefix < y.prefix ? -1 : 1,
    );
    const listing = mergePage(emptyListing, { prefix: parent, folders, objects });
    const all = [...folders, ...objects];
    expect(entriesOf(listing)).toEqual(all);
    all.forEach((entry, index) => expect(listingIndexOf(listing, entryKey(entry))).toBe(index));
  });

  it('keeps a key outside the listed folder whole', () => {
    const listing = mergePage(emptyListing, {
      prefix: 'in/',
      folders: [],
      objects: [object('in/a', 'in/'), { kind: 'object', key: 'elsewhere', name: 'elsewhere', size: 1 }],
    });
    expect(entriesOf(listing).map((e) => (e.kind === 'object' ? e.key : ''))).toEqual(['in/a', 'elsewhere']);
    expect(listingIndexOf(listing, 'o:elsewhere')).toBe(1);
  });

  it('keeps names that are not the end of their key (as a search may name rows)', () => {
    const odd: ObjectEntry = { kind: 'object', key: 'dir/file', name: 'shown name', size: 3 };
    const listing = mergePage(emptyListing, { prefix: '', folders: [], objects: [odd] });
    expect(entriesOf(listing)).toEqual([odd]);
  });

  it('adds folders arriving on late pages before every object, once, even out of order', () => {
    let listing = mergePage(emptyListing, { prefix: '', folders: [folder('m/', '')], objects: [object('a', ''), object('b', '')] });
    listing = mergePage(listing, { prefix: '', folders: [folder('m/', ''), folder('z/', '')], objects: [object('c', '')] });
    listing = mergePage(listing, { prefix: '', folders: [folder('c/', ''), folder('c/', '')], objects: [] });
    expect(entriesOf(listing).map((e) => e.name)).toEqual(['m', 'z', 'c', 'a', 'b', 'c']);
    expect(listingIndexOf(listing, 'f:c/')).toBe(2);
    expect(listingIndexOf(listing, 'o:c')).toBe(5);
    expect(listingIndexOf(listing, 'o:m/')).toBe(-1);
  });

  it('never shows rows appended after it to an older listing, and copies when merged into twice', () => {
    const first = mergePage(emptyListing, { prefix: '', folders: [], objects: [object('a', '')] });
    const second = mergePage(first, { prefix: '', folders: [], objects: [object('b', '')] });
    const branch = mergePage(first, { prefix: '', folders: [], objects: [object('x', '')] });
    expect(entriesOf(first).map((e) => e.name)).toEqual(['a']);
    expect(entriesOf(second).map((e) => e.name)).toEqual(['a', 'b']);
    expect(entriesOf(branch).map((e) => e.name)).toEqual(['a', 'x']);
    expect(listingIndexOf(first, 'o:b')).toBe(-1);
  });

  it('keeps versions with their ids, delete markers and latest flags, found by key and id', () => {
    const version = (key: string, versionId: string, extra: Partial<VersionEntry> = {}): VersionEntry => ({
      kind: 'version',
      key,
      name: key,
      versionId,
      isLatest: false,
      isDeleteMarker: false,
      size: 1,
      ...extra,
    });
    const versions = [version('a', '3', { isLatest: true }), version('a', '2', { isDeleteMarker: true, size: 0 }), version('b', 'null', { isLatest: true })];
    const listing = mergePage(emptyListing, { prefix: '', folders: [], objects: versions });
    expect(entriesOf(listing)).toEqual(versions);
    expect(listingIndexOf(listing, 'v:2\na')).toBe(1);
    expect(listingIndexOf(listing, 'v:9\na')).toBe(-1);
  });

  it('grows by doubling: a million rows in 1,000 pages all read back, in order, found by key', () => {
    const columns = new RowColumns('object', 'folder/');
    for (let p = 0; p < 1000; p += 1) {
      columns.appendRows(Array.from({ length: 1000 }, (_, i) => object(`folder/key-${String(p * 1000 + i).padStart(7, '0')}`, 'folder/', { size: i })));
    }
    expect(columns.length).toBe(1_000_000);
    expect(columns.namesInOrder).toBe(true);
    expect(columns.entryAt(999_999)).toEqual(object('folder/key-0999999', 'folder/', { size: 999 }));
    expect(columns.indexOf('o:folder/key-0500000', columns.length)).toBe(500_000);
  });
});
