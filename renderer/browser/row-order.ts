import type { RowColumns } from '../stores/listing-columns';

/**
 * Orders of one group of rows (a listing's folders or its objects) as index
 * permutations (Uint32Array), sorted by a stable radix sort on numeric keys
 * rather than a comparison sort of row objects: a million rows sort by size
 * in about 60 ms here, where `Array.prototype.sort` with a comparator took
 * over a second (see scripts/bench-rows.ts). Ties fall back to the name, then the path, and rows equal on
 * both (versions of one key) keep the order they were listed in, newest first.
 */

const BUCKETS = 1 << 16;

/**
 * Sorts `order` (row numbers) by a 32-bit key per row, stably, ascending or
 * descending: a pass per 16 bits, least significant first, and only as many
 * passes as the largest key needs. Keys travel with the rows, so each pass
 * reads them in sequence rather than all over memory.
 */
export function sortByKey(order: Uint32Array, keyOfRow: Uint32Array, descending: boolean): Uint32Array {
  const n = order.length;
  let max = 0;
  for (let i = 0; i < n; i += 1) if (keyOfRow[order[i]] > max) max = keyOfRow[order[i]];
  // All keys alike (the high halves of sizes under 4 GiB): the order stands, and nothing need be allocated.
  if (max === 0) return order;
  let keys = new Uint32Array(n);
  for (let i = 0; i < n; i += 1) keys[i] = keyOfRow[order[i]];
  let from = order;
  let to: Uint32Array = new Uint32Array(n);
  let keysTo = new Uint32Array(n);
  const starts = new Uint32Array(BUCKETS);
  for (let shift = 0; shift < 32 && max >>> shift > 0; shift += 16) {
    starts.fill(0);
    for (let i = 0; i < n; i += 1) starts[(keys[i] >>> shift) & 0xffff] += 1;
    let sum = 0;
    for (let b = 0; b < BUCKETS; b += 1) {
      const bucket = descending ? BUCKETS - 1 - b : b;
      const count = starts[bucket];
      starts[bucket] = sum;
      sum += count;
    }
    for (let i = 0; i < n; i += 1) {
      const at = starts[(keys[i] >>> shift) & 0xffff]++;
      to[at] = from[i];
      keysTo[at] = keys[i];
    }
    [from, to] = [to, from];
    [keys, keysTo] = [keysTo, keys];
  }
  return from;
}

/** Sorts `order` by a column of numbers (sizes, dates), stably; missing values (NaN) count as the smallest. */
export function sortByNumber(order: Uint32Array, values: Float64Array, count: number, descending: boolean): Uint32Array {
  let min = Infinity;
  for (let row = 0; row < count; row += 1) if (values[row] < min) min = values[row];
  // Whole numbers from 1 up to 2^53 (0 for NaN), split into two 32-bit halves: sorted by the low half, then by the high.
  const low = new Uint32Array(count);
  const high = new Uint32Array(count);
  for (let row = 0; row < count; row += 1) {
    const value = Number.isNaN(values[row]) ? 0 : Math.floor(values[row] - min) + 1;
    low[row] = value >>> 0;
    high[row] = Math.floor(value / 2 ** 32);
  }
  return sortByKey(sortByKey(order, low, descending), high, descending);
}

/** Rows in the order listed: 0, 1, 2… */
function listedOrder(count: number): Uint32Array {
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i += 1) order[i] = i;
  return order;
}

/**
 * Each row's place in name order (name, then path), equal for rows equal on
 * both. A folder listing arrives in that order already (S3 lists keys by
 * code unit, as names compare here), so only search results and odd
 * listings pay for a sort of the names themselves.
 */
export function nameRanks(group: RowColumns, count: number): Uint32Array {
  const ranks = new Uint32Array(count);
  if (group.namesInOrder) {
    // Only versions repeat a path: those of one key share a rank.
    const versions = group.kind === 'version';
    let previous = '';
    for (let row = 0; row < count; row += 1) {
      const path = versions ? group.fullPathAt(row) : '';
      ranks[row] = row > 0 && versions && path === previous ? ranks[row - 1] : row;
      previous = path;
    }
    return ranks;
  }
  const names = Array.from({ length: count }, (_, row) => group.nameAt(row));
  const paths = Array.from({ length: count }, (_, row) => group.fullPathAt(row));
  const compare = (a: number, b: number) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : paths[a] < paths[b] ? -1 : paths[a] > paths[b] ? 1 : 0);
  const sorted = Array.from(listedOrder(count)).sort(compare);
  for (let i = 0; i < sorted.length; i += 1) ranks[sorted[i]] = i > 0 && compare(sorted[i - 1], sorted[i]) === 0 ? ranks[sorted[i - 1]] : i;
  return ranks;
}

/** Storage classes as radix keys: each row's class by the class name's place in code-unit order ("" first). */
function classKeys(group: RowColumns, count: number): Uint32Array {
  const names = group.classNameTable();
  const byName = names.map((name, code) => ({ name, code })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const rankOfCode = new Uint32Array(names.length);
  byName.forEach(({ code }, rank) => (rankOfCode[code] = rank));
  const keys = new Uint32Array(count);
  for (let row = 0; row < count; row += 1) keys[row] = rankOfCode[group.classCodeAt(row)];
  return keys;
}

/** The rows in name order (see `nameRanks`), forwards or backwards. */
function byName(group: RowColumns, count: number, descending: boolean): Uint32Array {
  const listed = listedOrder(count);
  // A folder listing is in name order already, without two rows alike: backwards is the same rows reversed.
  if (group.namesInOrder && group.kind !== 'version') return descending ? listed.reverse() : listed;
  return sortByKey(listed, nameRanks(group, count), descending);
}

/**
 * The first `count` rows of a group in a sort order; undefined when that is
 * the order they were listed in (a folder listing by name, A to Z), so the
 * common case costs nothing.
 */
export function groupOrder(
  group: RowColumns,
  count: number,
  column: 'name' | 'size' | 'modified' | 'storageClass',
  descending: boolean,
): Uint32Array | undefined {
  if (column === 'name' && !descending && group.namesInOrder) return undefined;
  const named = byName(group, count, descending);
  switch (column) {
    case 'name':
      return named;
    case 'size':
      return sortByNumber(named, group.sizeColumn(count), count, descending);
    case 'modified':
      return sortByNumber(named, group.dateColumn(count), count, descending);
    case 'storageClass':
      return sortByKey(named, classKeys(group, count), descending);
  }
}

/** A group's order as last sorted: for how many rows, by what. */
export interface GroupSorted {
  group: RowColumns;
  count: number;
  column: SortColumnName;
  descending: boolean;
  order: Uint32Array | undefined;
}

/** The columns a group sorts by. */
export type SortColumnName = 'name' | 'size' | 'modified' | 'storageClass';

/**
 * The order of a group's first `count` rows, reusing the order of its first
 * rows when only rows were added since (pages arriving while the table is
 * sorted by size, say): the new rows are sorted on their own and merged in,
 * one pass over the rows rather than a sort of all of them per page. Only for
 * groups in name order without repeated names, where a row's name rank is its
 * place in the listing; others (search results, versions) are sorted afresh.
 */
export function extendGroupOrder(
  previous: GroupSorted | undefined,
  group: RowColumns,
  count: number,
  column: SortColumnName,
  descending: boolean,
): GroupSorted {
  const fresh = () => ({ group, count, column, descending, order: groupOrder(group, count, column, descending) });
  if (
    !previous?.order ||
    previous.group !== group ||
    previous.column !== column ||
    previous.descending !== descending ||
    previous.count > count ||
    column === 'name' ||
    !group.namesInOrder ||
    group.kind === 'version'
  )
    return fresh();
  if (previous.count === count) return previous;
  const primary = primaryValues(group, column);
  const sign = descending ? -1 : 1;
  // Missing values (NaN) sort first, then by value, then by place in the listing (the name rank here).
  const compare = (a: number, b: number) => {
    const pa = primary(a);
    const pb = primary(b);
    const first = Number.isNaN(pa) ? (Number.isNaN(pb) ? 0 : -1) : Number.isNaN(pb) ? 1 : pa - pb;
    return sign * (first || a - b);
  };
  const added = Array.from({ length: count - previous.count }, (_, i) => previous.count + i).sort(compare);
  const old = previous.order;
  const order = new Uint32Array(count);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < old.length && j < added.length) order[k++] = compare(old[i], added[j]) <= 0 ? old[i++] : added[j++];
  while (i < old.length) order[k++] = old[i++];
  while (j < added.length) order[k++] = added[j++];
  return { group, count, column, descending, order };
}

/** A row's value in a sort column, as a number (storage classes by the place of their name). */
function primaryValues(group: RowColumns, column: Exclude<SortColumnName, 'name'>): (row: number) => number {
  if (column === 'size') return group.sizeAt;
  if (column === 'modified') return group.dateAt;
  const names = group.classNameTable();
  const sorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rankOfCode = names.map((name) => sorted.indexOf(name));
  return (row) => rankOfCode[group.classCodeAt(row)];
}

/**
 * What sorting a group by one column ahead of a click needs, copied from the
 * group (whose own arrays keep growing): the column's values, or storage
 * classes as radix keys. See `sort-ahead.ts`.
 */
export type AheadJob = { column: 'size' | 'modified'; values: Float64Array } | { column: 'storageClass'; keys: Uint32Array };

/** The columns sorted ahead of a click. */
export const AHEAD_COLUMNS = ['size', 'modified', 'storageClass'] as const;

/** The job that sorts a group's first `count` rows by `column`, with its own copy of what it reads. */
export function aheadJob(group: RowColumns, count: number, column: (typeof AHEAD_COLUMNS)[number]): AheadJob {
  if (column === 'storageClass') return { column, keys: classKeys(group, count) };
  return { column, values: column === 'size' ? group.sizeColumn(count) : group.dateColumn(count) };
}

/**
 * A job's rows in ascending order, for a group listed in name order without
 * two rows alike (a folder listing): exactly `groupOrder(group, count, column,
 * false)`, whose ties fall back to the name, which is the listed order here.
 * Runs in the sort worker (no DOM, no store).
 */
export function ascendingOrder(job: AheadJob): Uint32Array {
  if (job.column === 'storageClass') return sortByKey(listedOrder(job.keys.length), job.keys, false);
  return sortByNumber(listedOrder(job.values.length), job.values, job.values.length, false);
}
