import { emptyListing, listingEntryAt, listingIndexOf, listingKeyAt, listingLength, type Entry, type Listing } from '../stores/listing';
import type { RowColumns } from '../stores/listing-columns';
import { extendGroupOrder, type GroupSorted } from './row-order';
import type { SortAhead } from './sort-ahead';

/** A column the table sorts by. */
export type SortColumn = 'name' | 'size' | 'modified' | 'storageClass';

/** How the table is sorted; folders always come first whatever the order. */
export interface SortOrder {
  column: SortColumn;
  direction: 'asc' | 'desc';
}

/** Name, A to Z: the order S3 lists keys in, so a folder listing needs no sorting for it. */
export const DEFAULT_SORT: SortOrder = Object.freeze({ column: 'name', direction: 'asc' });

/** The order after a click on a column header: the same column flips, another starts ascending. */
export function nextSort(current: SortOrder, column: SortColumn): SortOrder {
  if (current.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: 'asc' };
}

/**
 * The rows a table shows, sorted (folders first) and filtered, read by index.
 * A view holds an order of the listing's rows (or none: the listing's own)
 * and builds a row object only when asked, so a million rows cost the
 * renderer 4 bytes each here, and React sees only the rows in view.
 */
export interface RowsView {
  readonly length: number;
  /** The row shown at an index (the same object while this view lives, so rows in view do not render again for nothing). */
  at(index: number): Entry | undefined;
  /** The row key (see `entryKey`) at an index, without building the row. */
  keyAt(index: number): string;
  /** Where a row key is shown, or -1. */
  indexOfKey(key: string | undefined): number;
  /** How many rows shown are folders, and what the others are (objects, or versions in versions mode). */
  kinds(): { folders: number; others: number; othersKind: 'object' | 'version' };
}

/** Rows built and kept per view: more than a screenful, so scrolling back a little finds them again. */
const BUILT_ROWS_KEPT = 512;

class ListingView implements RowsView {
  private built = new Map<number, Entry>();
  private positions: Uint32Array | undefined;

  constructor(
    private readonly listing: Listing,
    /** Listing indexes in the order shown; undefined: the listing's own order, all rows. */
    private readonly order: Uint32Array | undefined,
  ) {}

  get length(): number {
    return this.order ? this.order.length : listingLength(this.listing);
  }

  private rowOf(index: number): number {
    return this.order ? this.order[index] : index;
  }

  at(index: number): Entry | undefined {
    if (index < 0 || index >= this.length) return undefined;
    let entry = this.built.get(index);
    if (!entry) {
      entry = listingEntryAt(this.listing, this.rowOf(index))!;
      if (this.built.size >= BUILT_ROWS_KEPT) this.built.delete(this.built.keys().next().value!);
      this.built.set(index, entry);
    }
    return entry;
  }

  keyAt(index: number): string {
    return listingKeyAt(this.listing, this.rowOf(index));
  }

  kinds(): { folders: number; others: number; othersKind: 'object' | 'version' } {
    let folders = this.order ? 0 : this.listing.folderCount;
    // Folders come first in every order: count until the first row that is not one.
    if (this.order) while (folders < this.order.length && this.order[folders] < this.listing.folderCount) folders += 1;
    return { folders, others: this.length - folders, othersKind: this.listing.objects?.kind === 'version' ? 'version' : 'object' };
  }

  indexOfKey(key: string | undefined): number {
    if (key === undefined) return -1;
    const row = listingIndexOf(this.listing, key);
    if (row === -1 || !this.order) return row;
    if (!this.positions) {
      // Where each listing row is shown (rows filtered out: none), built on first use.
      this.positions = new Uint32Array(listingLength(this.listing)).fill(NOT_SHOWN);
      for (let i = 0; i < this.order.length; i += 1) this.positions[this.order[i]] = i;
    }
    const position = this.positions[row];
    return position === NOT_SHOWN ? -1 : position;
  }
}

const NOT_SHOWN = 0xffffffff;

/** A view of no rows. */
export const noRows: RowsView = new ListingView(emptyListing, undefined);

/** The rows to show, with the inputs they were made from. */
export interface RowsInput {
  listing: Listing;
  sort: SortOrder;
  filter: string;
}

/** A listing's order for a sort: each group's, and both together (undefined: the listing's own order). */
interface ListingSorted {
  listing: Listing;
  sort: SortOrder;
  folders?: GroupSorted;
  objects?: GroupSorted;
  order: Uint32Array | undefined;
}

/**
 * The listing's rows in a sort order, folders first: each group sorted on its
 * own (see `row-order.ts`), extending the order of `previous` when the
 * listing only grew since.
 */
export function sortedOrder(listing: Listing, sort: SortOrder, previous?: ListingSorted, ahead?: SortAhead): ListingSorted {
  const descending = sort.direction === 'desc';
  const same = previous?.sort === sort;
  // Start from this sort's last order, else from one sorted ahead (see `sort-ahead.ts`), else from nothing.
  const start = (last: GroupSorted | undefined, group: RowColumns, count: number) =>
    (same ? last : undefined) ?? ahead?.sorted(group, count, sort.column, descending);
  const folders =
    listing.folders &&
    extendGroupOrder(start(previous?.folders, listing.folders, listing.folderCount), listing.folders, listing.folderCount, sort.column, descending);
  const objects =
    listing.objects &&
    extendGroupOrder(start(previous?.objects, listing.objects, listing.objectCount), listing.objects, listing.objectCount, sort.column, descending);
  if (!folders?.order && !objects?.order) return { listing, sort, folders, objects, order: undefined };
  const order = new Uint32Array(listingLength(listing));
  for (let i = 0; i < listing.folderCount; i += 1) order[i] = folders?.order ? folders.order[i] : i;
  for (let i = 0; i < listing.objectCount; i += 1) order[listing.folderCount + i] = listing.folderCount + (objects?.order ? objects.order[i] : i);
  return { listing, sort, folders, objects, order };
}

/** The listing rows whose name contains the filter (already lower-cased), as marks by listing index. */
export function filterMarks(listing: Listing, needle: string): Uint8Array {
  const marks = new Uint8Array(listingLength(listing));
  listing.folders?.markMatches(needle, listing.folderCount, marks, 0);
  listing.objects?.markMatches(needle, listing.objectCount, marks, listing.folderCount);
  return marks;
}

/**
 * Makes the function that turns a listing into the table's rows: sorted
 * (folders first) and filtered by name, starting from orders `ahead` holds. It remembers its last answer, so the
 * table, the selection and the status bar asking again cost nothing; a new
 * page, order or filter makes a new view.
 */
export function createRowsView(ahead?: SortAhead): (input: RowsInput) => RowsView {
  let sorted: ListingSorted | undefined;
  let shown: { listing: Listing; order: Uint32Array | undefined; needle: string; view: RowsView } | undefined;

  return ({ listing, sort, filter }) => {
    if (!sorted || sorted.listing !== listing || sorted.sort !== sort) sorted = sortedOrder(listing, sort, sorted, ahead);
    const needle = filter.trim().toLowerCase();
    if (shown && shown.listing === listing && shown.order === sorted.order && shown.needle === needle) return shown.view;
    let order = sorted.order;
    if (needle) {
      const marks = filterMarks(listing, needle);
      const kept = new Uint32Array(listingLength(listing));
      let count = 0;
      for (let i = 0; i < kept.length; i += 1) {
        const row = order ? order[i] : i;
        if (marks[row]) kept[count++] = row;
      }
      order = kept.subarray(0, count);
    }
    const view = new ListingView(listing, order);
    shown = { listing, order: sorted.order, needle, view };
    return view;
  };
}
