// `npx tsx scripts/bench-rows.ts [--rows 1000000]`: how long the table's rows view takes to merge, sort and
// filter a big folder listing, in Node (the same code the renderer runs), and how much heap the listing takes.
// Prints figures; it is not a test and nothing in `npm test` runs it. Run with `node --expose-gc` semantics:
// tsx passes NODE_OPTIONS through, so `NODE_OPTIONS=--expose-gc npx tsx scripts/bench-rows.ts` measures memory.
import { parseArgs } from 'node:util';
import type { ObjectEntry } from '../shared/ipc/contract';
import { createRowsView, type SortOrder } from '../renderer/browser/entry-order';
import { objectRowsOf } from '../shared/object-rows';
import { emptyListing, mergePage, type Listing } from '../renderer/stores/listing';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' } } });
const total = Number(values.rows);
const PREFIX = 'big/';
const CLASSES = ['STANDARD', 'STANDARD', 'STANDARD', 'GLACIER', 'STANDARD_IA'];

/** One S3 page of keys in key order, as `s3:listObjects` answers (what the bench-list folder holds). */
function pageOf(first: number, count: number): ObjectEntry[] {
  return Array.from({ length: count }, (_, i) => {
    const n = first + i;
    const name = `key-${String(n).padStart(7, '0')}.txt`;
    return {
      kind: 'object',
      key: PREFIX + name,
      name,
      size: (n * 7919) % 100_000,
      lastModified: new Date(1.7e12 + ((n * 104_729) % 86_400_000)).toISOString(),
      storageClass: CLASSES[n % CLASSES.length],
      etag: `"${n.toString(16).padStart(32, '0')}"`,
    };
  });
}

const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
};
// CPU time, not wall time: on a shared machine the wall clock counts other processes' turns too.
const time = <T>(run: () => T): [T, number] => {
  const start = process.cpuUsage();
  const value = run();
  const spent = process.cpuUsage(start);
  return [value, (spent.user + spent.system) / 1000];
};
const ms = (value: number) => `${value.toFixed(1)} ms CPU`;

const before = heap();
let listing: Listing = emptyListing;
let mergeMs = 0;
for (let at = 0; at < total; at += 1000) {
  const folders = at === total / 2 ? [{ kind: 'folder' as const, prefix: `${PREFIX}late/`, name: 'late' }] : [];
  // The page as s3:listObjects sends it to the window (objects in columns).
  const sent = objectRowsOf({ bucket: 'bench', prefix: PREFIX, folders, objects: pageOf(at, Math.min(1000, total - at)) });
  const [merged, took] = time(() => mergePage(listing, sent));
  listing = merged;
  mergeMs += took;
}
const after = heap();
console.log(`${total.toLocaleString('en')} rows merged in ${ms(mergeMs)} (${ms(mergeMs / (total / 1000))} a page)`);
if (gc) console.log(`listing heap: ${((after - before) / 2 ** 20).toFixed(1)} MiB, ${((after - before) / total).toFixed(0)} bytes a row`);
else console.log('listing heap: run with NODE_OPTIONS=--expose-gc to measure');

const view = createRowsView();
const sorts: SortOrder[] = [
  { column: 'name', direction: 'asc' },
  { column: 'name', direction: 'desc' },
  { column: 'size', direction: 'asc' },
  { column: 'size', direction: 'desc' },
  { column: 'modified', direction: 'asc' },
  { column: 'storageClass', direction: 'asc' },
];
// Twice: the first round includes compiling the sort (as the first click on a header does in the app).
for (const round of ['first', 'again']) {
  for (const sort of sorts) {
    const [rows, took] = time(() => view({ listing, sort: { ...sort }, filter: '' }));
    console.log(`sort by ${sort.column} ${sort.direction} (${round}): ${ms(took)} (first object ${rows.at(1)?.name})`);
  }
}
const bySize = sorts[2];
view({ listing, sort: bySize, filter: '' });
for (const filter of ['key-09', '7.txt', 'nothing-matches']) {
  const [rows, took] = time(() => view({ listing, sort: bySize, filter }));
  console.log(`filter "${filter}" (sorted by size): ${ms(took)}, ${rows.length.toLocaleString('en')} rows`);
}
// Pages arriving while the table is sorted by size: each flush (a few pages) merges into the order so far.
{
  const growing = createRowsView();
  let partial: Listing = emptyListing;
  let last = 0;
  for (let at = 0; at < total; at += 1000) {
    partial = mergePage(partial, { prefix: PREFIX, folders: [], objects: pageOf(at, Math.min(1000, total - at)) });
    if (at + 1000 < total - 4000) {
      if ((at / 1000) % 4 === 0) growing({ listing: partial, sort: bySize, filter: '' });
      continue;
    }
    if ((at / 1000) % 4 === 0 || at + 1000 >= total) [, last] = time(() => growing({ listing: partial, sort: bySize, filter: '' }));
  }
  console.log(`4 pages more merged into the size order of ${total.toLocaleString('en')} rows: ${ms(last)}`);
}
const sorted = view({ listing, sort: bySize, filter: '' });
const [, lookup] = time(() => sorted.indexOfKey(`o:${PREFIX}key-0999999.txt`));
console.log(`find a row by key in the sorted view (first time, builds positions): ${ms(lookup)}`);
