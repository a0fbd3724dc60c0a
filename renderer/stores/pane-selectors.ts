import { errorOf } from '../../shared/loadable';
import { createRowsView, type RowsView } from '../browser/entry-order';
import { sortAhead } from '../browser/sort-ahead';
import { AllRows, selectsAllOf } from '../browser/row-selection';
import { countOf, formatCount } from '../common/format';
import { listingLength, type Entry } from './listing';
import type { ListingStatus, PaneId, PaneState } from './pane-state';

// Each pane has its own rows view, so its cache follows that pane's changes only.
const rowViews = new Map<PaneId, ReturnType<typeof createRowsView>>();

/** The rows the table shows: the folder's listing or the search results, sorted (folders first) and filtered. */
export function selectRows(state: PaneState): RowsView {
  let view = rowViews.get(state.id);
  if (!view) rowViews.set(state.id, (view = createRowsView(sortAhead)));
  return view({ listing: state.search ? state.search.results : state.listing, sort: state.sort, filter: state.filter });
}

/** How many rows there are before the filter: the listing or the search results. */
export function selectUnfilteredCount(state: PaneState): number {
  return listingLength(state.search ? state.search.results : state.listing);
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
    const index = rows.indexOfKey(selected.values().next().value);
    return index === -1 ? [] : [rows.at(index)!];
  }
  const entries: Entry[] = [];
  // Select all over the rows shown: every row, without a lookup per key.
  const all = selectsAllOf(state.selection, rows);
  for (let i = 0; i < rows.length; i += 1) if (all || selected.has(rows.keyAt(i))) entries.push(rows.at(i)!);
  return entries;
}

/** How many folders, objects and versions are selected among the rows shown, without building the rows (Select all in a folder of a million). */
export function selectSelectionKinds(state: PaneState): { folders: number; objects: number; versions: number } {
  const { selection } = state;
  const counts = { folders: 0, objects: 0, versions: 0 };
  if (selection.selected.size === 0) return counts;
  const rows = selectRows(state);
  if (selection.selected instanceof AllRows) {
    // Every row of a view the pane selected from (`selectRows`; maybe a page older than the rows shown now, all still shown).
    const { folders, others, othersKind } = (selection.selected.rows as RowsView).kinds();
    return { ...counts, folders, [othersKind === 'version' ? 'versions' : 'objects']: others };
  }
  for (const key of selection.selected) {
    if (rows.indexOfKey(key) === -1) continue;
    if (key.startsWith('f:')) counts.folders += 1;
    else if (key.startsWith('v:')) counts.versions += 1;
    else counts.objects += 1;
  }
  return counts;
}

/**
 * Whether the selection is every row of the open folder, fully listed and
 * unfiltered: deleting it is then deleting the folder's contents, sent as the
 * folder rather than as every key (see `confirmDelete`).
 */
export function selectWholeFolderSelected(state: PaneState): boolean {
  if (state.search || state.versionsMode || state.filter.trim() || selectListingStatus(state) !== 'done') return false;
  const rows = selectRows(state);
  return rows.length > 0 && selectsAllOf(state.selection, rows);
}

/** The one selected row, if exactly one is selected. */
export function selectSingleEntry(state: PaneState): Entry | undefined {
  if (state.selection.selected.size !== 1) return undefined;
  return selectSelectedEntries(state)[0];
}

/** What the Back, Forward and Up buttons may do (use with `useShallow`). */
export const selectNavigation = (state: PaneState) => ({
  canGoBack: state.history.back.length > 0,
  canGoForward: state.history.forward.length > 0,
  canGoUp: !!state.bucket && state.prefix !== '',
});
