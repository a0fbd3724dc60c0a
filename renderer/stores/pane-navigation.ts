import type { ErrorInfo } from '../../shared/errors';
import type { FolderEntry } from '../../shared/ipc/contract';
import { failed, idle, loading, ready } from '../../shared/loadable';
import type { VersioningStatus } from '../../shared/versions';
import type { NavHistory, PaneLocation } from '../browser/nav-history';
import type { RowsView } from '../browser/entry-order';
import { AllRows, emptySelection, pruneSelection, selectOnly, type RowSelection } from '../browser/row-selection';
import { emptyListing, entryKey, listingIndexOf, mergePage, rowsAfter, type Listing } from './listing';
import type { PaneSliceContext } from './pane';
import { selectRows } from './pane-selectors';
import { initialPaneState, newListingId, type PaneProblem } from './pane-state';

/**
 * A pane's place and listing, as setters: moving, listing and reading
 * versioning are actions (`actions/navigation.ts`, `actions/listing.ts`) that call these.
 */
export interface NavigationSetters {
  /** Shows a new place (recorded in `history`); the old selection, filter, search and problem go. A new bucket forgets its versions mode. */
  moveTo(location: PaneLocation, history: NavHistory, focus?: string): void;
  /** Keeps the place but changes its history (a bucket or profile gone elsewhere). */
  setHistory(history: NavHistory): void;
  /** Back to the first state. */
  clear(): void;
  /** A listing starts: `keepRows` (a refresh) keeps the rows until the new ones arrive. Returns the id the new rows get. */
  listingStarted(keepRows: boolean): number;
  /** No bucket open: nothing to list. */
  listingIdle(): void;
  /**
   * Merges pages into the listing. `first`: they start the listing afresh (under `freshId`);
   * `more`: pages still follow; a refresh that ends drops rows that went away from the selection.
   */
  /**
   * The listing's rows so far (`rows`, merged page by page as they came, from `since`: the rows handed over the time
   * before, absent the first time). Rows the table gained meanwhile (a folder added) stay.
   */
  rowsArrived(rows: Listing, options: { first: boolean; freshId: number; more: boolean; keepRows: boolean; since?: Listing }): void;
  /** A page failed: rows already shown stay, unless none came yet (`first`). */
  listingFailed(error: ErrorInfo, first: boolean, freshId: number): void;
  /** The open bucket's versioning, as read (undefined while unknown). */
  setVersioning(versioning: VersioningStatus | undefined): void;
  /** Lists versions instead of objects, or back; the selection and any search go. */
  setVersionsMode(on: boolean): void;
  /** Shows a folder just created and focuses it, without waiting for a listing. */
  addFolder(entry: FolderEntry): void;
  /** Shows (or, with undefined, dismisses) a failed action above the table. */
  showProblem(problem: PaneProblem | undefined): void;
}

/**
 * The selection once a refresh is in: Select all over rows that came back the
 * same (same keys in the same order) selects the new rows at once, without
 * looking up a million keys one by one; otherwise the rows that went away
 * leave it, key by key.
 */
function refreshedSelection(selection: RowSelection, listing: Listing, rows: RowsView): RowSelection {
  const all = selection.selected instanceof AllRows ? selection.selected.rows : undefined;
  if (all && all.length === rows.length) {
    let same = true;
    for (let i = 0; i < rows.length && same; i += 1) same = all.keyAt(i) === rows.keyAt(i);
    if (same) return { ...selection, selected: new AllRows(rows) };
  }
  return pruneSelection(selection, (key) => listingIndexOf(listing, key) !== -1);
}

/** The navigation slice of a pane store. */
export function navigationSlice({ set, get }: PaneSliceContext): NavigationSetters {
  return {
    moveTo(location, history, focus) {
      const before = get();
      const bucketChanged = before.profileId !== location.profileId || before.bucket !== location.bucket;
      set({
        profileId: location.profileId,
        bucket: location.bucket,
        prefix: location.bucket ? location.prefix : '',
        history,
        selection: emptySelection,
        filter: '',
        search: undefined,
        pendingFocus: focus,
        problem: undefined,
        ...(bucketChanged && { versionsMode: false, versioning: undefined }),
      });
    },

    setHistory(history) {
      set({ history });
    },

    clear() {
      set(initialPaneState(get().id));
    },

    listingStarted(keepRows) {
      const freshId = newListingId();
      if (keepRows) set({ listingLoad: loading });
      else set({ listing: emptyListing, listingId: freshId, listingLoad: loading });
      return freshId;
    },

    listingIdle() {
      set({ listing: emptyListing, listingId: newListingId(), listingLoad: idle });
    },

    rowsArrived(rows, { first, freshId, more, keepRows, since = emptyListing }) {
      set((state) => {
        const listing = first || state.listing === since ? rows : mergePage(state.listing, rowsAfter(rows, since, state.prefix));
        const patch = { listing, listingId: first ? freshId : state.listingId, listingLoad: ready({ complete: !more }) };
        if (more || !keepRows) return patch;
        // A refresh ends: rows that went away leave the selection.
        return { ...patch, selection: refreshedSelection(state.selection, listing, selectRows({ ...state, ...patch })) };
      });
    },

    listingFailed(error, first, freshId) {
      // A failed first page empties the table, and with it the selection: no "1 selected" over nothing.
      set(first ? { listing: emptyListing, listingId: freshId, listingLoad: failed(error), selection: emptySelection } : { listingLoad: failed(error) });
    },

    setVersioning(versioning) {
      set({ versioning });
    },

    setVersionsMode(versionsMode) {
      set({ versionsMode, selection: emptySelection, search: undefined, pendingFocus: undefined });
    },

    addFolder(entry) {
      const key = entryKey(entry);
      set((state) => ({
        listing: mergePage(state.listing, { prefix: state.prefix, folders: [entry], objects: [] }),
        selection: selectOnly(key),
        pendingFocus: key,
      }));
    },

    showProblem(problem) {
      set({ problem });
    },
  };
}
