import { describe, expect, it } from 'vitest';
import type { ObjectEntry } from '../../shared/ipc/contract';
import { emptyListing, mergePage, type Listing } from '../stores/listing';
import { createRowsView, type RowsView, type SortOrder } from './entry-order';
import { aheadJob, ascendingOrder, groupOrder, type AheadJob } from './row-order';
import { SortAhead, type AheadRunner } from './sort-ahead';

const CLASSES = [undefined, 'STANDARD', 'GLACIER', 'STANDARD_IA'];

/** Objects in key order with many ties on every column, some without a date or a class. */
function objects(first: number, count: number, prefix = 'big/'): ObjectEntry[] {
  return Array.from({ length: count }, (_, i) => {
    const n = first + i;
    const name = `key-${String(n).padStart(7, '0')}`;
    return {
      kind: 'object',
      key: prefix + name,
      name,
      // Sizes past 2^32 too, so both halves of the radix key count.
      size: n % 7 === 0 ? 2 ** 33 + (n % 5) : (n * 7919) % 1000,
      ...(n % 11 !== 0 && { lastModified: new Date(1.7e12 + ((n * 104_729) % 5000) * 1000).toISOString() }),
      ...(CLASSES[n % 4] && { storageClass: CLASSES[n % 4] }),
    };
  });
}

const listingOf = (count: number): Listing => mergePage(emptyListing, { prefix: 'big/', folders: [], objects: objects(0, count) });
const keys = (view: RowsView) => Array.from({ length: view.length }, (_, i) => view.keyAt(i));
const SORTS: SortOrder[] = (['size', 'modified', 'storageClass'] as const).flatMap((column) => [
  { column, direction: 'asc' },
  { column, direction: 'desc' },
]);

/** A runner that does the worker's work in this thread, counting its jobs. */
function inThread(): AheadRunner & { jobs: AheadJob['column'][] } {
  const jobs: AheadJob['column'][] = [];
  return Object.assign(
    (job: AheadJob) => {
      jobs.push(job.column);
      return Promise.resolve(ascendingOrder(job));
    },
    { jobs },
  );
}

describe('sorting a folder ahead of a click', () => {
  it('sorts by each column in the background, and the table shows exactly the order it would have sorted itself', async () => {
    const listing = listingOf(3000);
    const runner = inThread();
    const ahead = new SortAhead(runner, 1000);
    await ahead.prepare(listing.objects, listing.objectCount);
    expect(runner.jobs).toEqual(['size', 'modified', 'storageClass']);
    for (const sort of SORTS) {
      expect(ahead.sorted(listing.objects!, listing.objectCount, sort.column, sort.direction === 'desc'), sort.column).toBeDefined();
      expect(keys(createRowsView(ahead)({ listing, sort, filter: '' })), `${sort.column} ${sort.direction}`).toEqual(
        keys(createRowsView()({ listing, sort, filter: '' })),
      );
    }
  });

  it("answers the group's own ascending order for a folder listing", () => {
    const listing = listingOf(2000);
    const group = listing.objects!;
    for (const column of ['size', 'modified', 'storageClass'] as const) {
      expect(Array.from(ascendingOrder(aheadJob(group, 2000, column))), column).toEqual(Array.from(groupOrder(group, 2000, column, false)!));
    }
  });

  it('merges pages listed after the orders were made (a refresh that grew the folder keeps its rows)', async () => {
    let listing = listingOf(2000);
    const ahead = new SortAhead(inThread(), 1000);
    await ahead.prepare(listing.objects, listing.objectCount);
    listing = mergePage(listing, { prefix: 'big/', folders: [], objects: objects(2000, 700) });
    for (const sort of SORTS) {
      expect(keys(createRowsView(ahead)({ listing, sort, filter: 'key-00' })), `${sort.column} ${sort.direction}`).toEqual(
        keys(createRowsView()({ listing, sort, filter: 'key-00' })),
      );
    }
  });

  it('leaves small folders, search results and failed workers to the sort on demand', async () => {
    const runner = inThread();
    const ahead = new SortAhead(runner, 1000);
    const small = listingOf(999);
    await ahead.prepare(small.objects, small.objectCount);
    // Search results come in any order: their ties need the names, which a worker is not given.
    const found = mergePage(emptyListing, { prefix: '', folders: [], objects: [...objects(0, 1500, 'b/'), ...objects(0, 1500, 'a/')] });
    expect(found.objects!.namesInOrder).toBe(false);
    await ahead.prepare(found.objects, found.objectCount);
    expect(runner.jobs).toEqual([]);

    const failing = new SortAhead(() => Promise.reject(new Error('no worker')), 1000);
    const listing = listingOf(2000);
    await failing.prepare(listing.objects, listing.objectCount);
    const sort: SortOrder = { column: 'size', direction: 'desc' };
    expect(failing.sorted(listing.objects!, listing.objectCount, 'size', true)).toBeUndefined();
    expect(keys(createRowsView(failing)({ listing, sort, filter: '' }))).toEqual(keys(createRowsView()({ listing, sort, filter: '' })));
  });

  it('tells a click which orders are on their way, and when they are ready', async () => {
    const listing = listingOf(2000);
    const group = listing.objects!;
    const answers: (() => void)[] = [];
    const runner: AheadRunner = (job) => new Promise((resolve) => answers.push(() => resolve(ascendingOrder(job))));
    const ahead = new SortAhead(runner, 1000);
    expect(ahead.whenSorted(group, 2000, 'size')).toBeUndefined();
    const all = ahead.prepare(group, 2000);
    const size = ahead.whenSorted(group, 2000, 'size');
    const modified = ahead.whenSorted(group, 2000, 'modified');
    expect(size).toBeDefined();
    expect(modified).toBeDefined();
    expect(ahead.whenSorted(group, 2000, 'name')).toBeUndefined();
    // More rows than were sent to the worker: its order would not cover them.
    expect(ahead.whenSorted(group, 2001, 'size')).toBeUndefined();
    await Promise.resolve();
    await Promise.resolve();
    answers.shift()!();
    await size;
    expect(ahead.sorted(group, 2000, 'size', false)).toBeDefined();
    expect(ahead.whenSorted(group, 2000, 'size')).toBeUndefined();
    expect(ahead.sorted(group, 2000, 'modified', false)).toBeUndefined();
    while (answers.length || ahead.whenSorted(group, 2000, 'storageClass')) {
      await new Promise((r) => setTimeout(r, 0));
      answers.shift()?.();
    }
    await all;
    expect(ahead.sorted(group, 2000, 'storageClass', true)).toBeDefined();
  });
});
