import type { ErrorInfo } from '../../shared/errors';
import type { JobFinished } from '../../shared/jobs';
import { emptySelection } from '../browser/row-selection';
import { emptyListing, mergePage, type Entry } from './listing';
import type { PaneSliceContext } from './pane';
import { newListingId } from './pane-state';

/** The recursive search below a pane's folder, as setters: starting and cancelling the job is `actions/search.ts`. */
export interface SearchSetters {
  /** A search for `query` starts: the table shows its (empty) results. Returns the results' id, to know the answer is still wanted. */
  searchStarting(query: string): number;
  /** The main process started the search job. */
  searchRunning(jobId: string): void;
  /** The search could not start. */
  searchFailed(error: ErrorInfo): void;
  /** Cancelled before the main process answered with its job. */
  searchCancelledEarly(): void;
  /** Leaves the results and shows the folder again. */
  clearSearchResults(): void;
  /** How far this pane's search has come ("40 of 200 objects checked for the tag"), from the event router. */
  searchProgress(jobId: string, phase: string | undefined): void;
  /** A batch of results for this pane's search (from the event router). */
  receiveSearchResults(entries: Entry[]): void;
  /** The search job ended (from the event router). */
  finishSearch(finished: JobFinished): void;
}

/** Splits a batch of results into folders and objects below the folder searched, the shape `mergePage` takes. */
function asPage(prefix: string, entries: Entry[]) {
  const folders = [];
  const objects = [];
  for (const entry of entries) {
    if (entry.kind === 'folder') folders.push(entry);
    else objects.push(entry);
  }
  return { prefix, folders, objects };
}

/** The search slice of a pane store. */
export function searchSlice({ set, get }: PaneSliceContext): SearchSetters {
  return {
    searchStarting(query) {
      const resultsId = newListingId();
      set({
        search: { query, status: 'starting', results: emptyListing, resultsId },
        selection: emptySelection,
        filter: '',
        pendingFocus: undefined,
      });
      return resultsId;
    },

    searchRunning(jobId) {
      set((state) => (state.search ? { search: { ...state.search, status: 'running', jobId } } : {}));
    },

    searchFailed(error) {
      set((state) => (state.search ? { search: { ...state.search, status: 'failed', error } } : {}));
    },

    searchCancelledEarly() {
      const search = get().search;
      if (search?.status === 'starting') set({ search: { ...search, status: 'cancelled' } });
    },

    clearSearchResults() {
      set({ search: undefined, selection: emptySelection });
    },

    searchProgress(jobId, phase) {
      set((state) => (state.search?.jobId === jobId && state.search.status === 'running' ? { search: { ...state.search, phase } } : {}));
    },

    receiveSearchResults(entries) {
      set((state) => (state.search ? { search: { ...state.search, results: mergePage(state.search.results, asPage(state.prefix, entries)) } } : {}));
    },

    finishSearch(finished) {
      set((state) => {
        if (!state.search || state.search.jobId !== finished.jobId) return {};
        const status = finished.status === 'cancelled' ? 'cancelled' : finished.status === 'failed' ? 'failed' : 'done';
        return { search: { ...state.search, status, summary: finished.summary, ...(finished.error && { error: finished.error }) } };
      });
    },
  };
}
