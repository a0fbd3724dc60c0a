import { nextSort, type SortColumn, type SortOrder } from '../browser/entry-order';
import { sortAhead } from '../browser/sort-ahead';
import { paneStores } from '../stores/browser';
import type { PaneId } from '../stores/pane-state';

/**
 * Longest a click on a column header waits for the order the sort worker is
 * making (see `sort-ahead.ts`) before the page sorts the rows itself. At a
 * million rows the worker takes 0.6–1 s on a loaded 2-core machine; sorting on
 * the page meanwhile would compete with it for the same cores and block the page.
 */
const WAIT_FOR_WORKER_MS = 3_000;

/** The sort each pane's latest header click asked for while an earlier one waited (two clicks on Size: descending). */
const requested: Partial<Record<PaneId, SortOrder>> = {};

/**
 * A click on a column header: sorts by that column (again: the other way).
 * When a big folder's order by it is still being made in the worker, the
 * header shows busy and the rows change once it is ready.
 */
export async function sortByColumn(paneId: PaneId, column: SortColumn): Promise<void> {
  const store = paneStores[paneId];
  const { listing, sort, search, sortPending } = store.getState();
  const next = nextSort(requested[paneId] ?? sortPending ?? sort, column);
  const coming = !search && listing.objects ? sortAhead.whenSorted(listing.objects, listing.objectCount, next.column) : undefined;
  if (!coming) {
    requested[paneId] = undefined;
    store.getState().applySort(next);
    return;
  }
  requested[paneId] = next;
  store.getState().setSortPending(next);
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([coming, new Promise<void>((resolve) => (timer = setTimeout(resolve, WAIT_FOR_WORKER_MS)))]);
  clearTimeout(timer);
  // A later click asked for another order, which applies when its own wait ends.
  if (requested[paneId] !== next) return;
  requested[paneId] = undefined;
  store.getState().applySort(next);
}
