import { errorOf } from '../../shared/loadable';
import { createRowsView } from '../browser/entry-order';
import { countOf, formatCount } from '../common/format';
import { selectedInOrder } from '../browser/row-selection';
import { entryKey, type Entry } from './listing';
import type { ListingStatus, PaneId, PaneState } from './pane-state';

// Each pane has its own rows view, so its cache follows that pane's changes only.
const rowViews = new Map<PaneId, ReturnType<typeof createRowsView>>();

/** The rows the table shows: the folder's listing or the search results, sorted (folders first) and filtered. */
export function selectRows(state: PaneState): Entry[] {
  let view = rowViews.get(state.id);
  if (!view) rowViews.set(state.id, (view = createRowsView()));
  const search = state.search;
  return view({
    listingId: search ? search.resultsId : state.listingId,
    listing: search ? search.results : state.listing,
    serverOrdered: !search,
    sort: state.sort,
    filter: state.filter,
  });
}

const keyIndexes = new WeakMap<Entry[], Map<string, number>>();

/** The position of a row key among the rows (-1 when not shown); the index is built once per rows array. */
export function indexOfKey(rows: Entry[], key: string | undefined): number {
  if (key === undefined) return -1;
  let index = keyIndexes.get(rows);
  if (!index) {
    index = new Map(rows.map((entry, i) => [entryKey(entry), i]));
    keyIndexes.set(rows, index);
  }
  return index.get(key) ?? -1;
}

/** How many rows there are before the filter: the listing or the search results. */
export function selectUnfilteredCount(state: PaneState): number {
  const listing = state.search ? state.search.results : state.listing;
  return listing.folderCount + listing.objectCount;
}

/** "12 of 2,503" when a filter hides rows; "" without a filter. */
export function selectFilterCount(state: PaneState): string {
  if (!state.filter.trim()) return '';
  return `${formatCount(selectRows(state).length)} of ${formatCount(selectUnfilteredCount(state))}`;
}

/** The listing's state in words (see `ListingStatus`). */
export function selectListingStatus(state: Pick<PaneState, 'listingLoad'>): ListingStatus {
  const load = state.listingLoad;
  switch (load.status) {
    case 'ready':
      return load.value.complete ? 'done' : 'more';
    case 'failed':
      return 'error';
    default:
      return load.status;
  }
}

/**
 * The status line of the folder: "2,500 objects, 3 folders, loading…" while
 * pages arrive, "2,500 objects, 3 folders" when all are in ("versions" in
 * versions mode). Empty when no bucket is open.
 */
export function selectListingStatusText(state: PaneState): string {
  if (!state.bucket) return '';
  const { objectCount, folderCount } = state.listing;
  const counts = `${countOf(objectCount, state.versionsMode ? 'version' : 'object')}, ${countOf(folderCount, 'folder')}`;
  switch (selectListingStatus(state)) {
    case 'idle':
      return '';
    case 'loading':
      return objectCount + folderCount > 0 ? `${counts}, loading…` : 'Loading…';
    case 'more':
      return `${counts}, loading…`;
    case 'done':
      return counts;
    case 'error': {
      const cancelled = errorOf(state.listingLoad)?.code === 'Cancelled';
      if (objectCount + folderCount > 0) return `${counts}, listing ${cancelled ? 'cancelled' : 'incomplete'}`;
      return cancelled ? 'Listing cancelled' : 'Listing failed';
    }
  }
}

/** The search line: "Searching… 12 found", then the job's summary. */
export function selectSearchStatusText(state: PaneState): string {
  const search = state.search;
  if (!search) return '';
  const found = search.results.folderCount + search.results.objectCount;
  switch (search.status) {
    case 'starting':
    case 'running':
      return `Searching… ${formatCount(found)} found${search.phase ? ` (${search.phase})` : ''}`;
    case 'done':
      return search.summary ?? `${countOf(found, 'match', 'matches')} found`;
    case 'cancelled':
      return `Search cancelled: ${formatCount(found)} found`;
    case 'failed':
      return 'Search failed';
  }
}

/** "3 selected", or "" when nothing is. */
export function selectSelectionText(state: PaneState): string {
  const size = state.selection.selected.size;
  return size ? `${formatCount(size)} selected` : '';
}

/** The selected rows in the order shown. */
export function selectSelectedEntries(state: PaneState): Entry[] {
  const selected = state.selection.selected;
  if (selected.size === 0) return [];
  const rows = selectRows(state);
  if (selected.size === 1) {
    const index = indexOfKey(rows, selected.values().next().value);
    return index === -1 ? [] : [rows[index]];
  }
  return rows.filter((entry) => selected.has(entryKey(entry)));
}

/** The one selected row, if exactly one is selected. */
export function selectSingleEntry(state: PaneState): Entry | undefined {
  if (state.selection.selected.size !== 1) return undefined;
  return selectSelectedEntries(state)[0];
}

/** The keys of every row shown, in order (for ranges and Select all). */
export const rowKeysOf = (rows: Entry[]) => rows.map(entryKey);

/** The selected keys in the order shown. */
export const selectSelectedKeys = (state: PaneState) => selectedInOrder(state.selection, rowKeysOf(selectRows(state)));

/** What the Back, Forward and Up buttons may do (use with `useShallow`). */
export const selectNavigation = (state: PaneState) => ({
  canGoBack: state.history.back.length > 0,
  canGoForward: state.history.forward.length > 0,
  canGoUp: !!state.bucket && state.prefix !== '',
});
