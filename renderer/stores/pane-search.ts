import type { JobFinished } from '../../shared/jobs';
import { api } from '../api';
import { emptySelection } from '../row-selection';
import { emptyListing, mergePage, type Entry } from './listing';
import type { PaneSliceContext } from './pane';
import { newListingId } from './pane-state';
import { claimSearch } from './search-buffer';

/** The recursive search below a pane's folder; every action works outside React. */
export interface SearchActions {
  /** Starts a search for names containing `query` below the open folder; results stream into the table. */
  startSearch(query: string): Promise<void>;
  /** Stops the running search; the results so far stay. */
  cancelSearch(): void;
  /** Leaves the results and shows the folder again (cancelling a running search). */
  clearSearch(): void;
  /** A batch of results for this pane's search (from the event router). */
  receiveSearchResults(entries: Entry[]): void;
  /** The search job ended (from the event router). */
  finishSearch(finished: JobFinished): void;
}

/** Splits a batch of results into folders and objects, the shape `mergePage` takes. */
function asPage(entries: Entry[]) {
  const folders = [];
  const objects = [];
  for (const entry of entries) {
    if (entry.kind === 'folder') folders.push(entry);
    else objects.push(entry);
  }
  return { folders, objects };
}

/** The search slice of a pane store. */
export function searchSlice({ set, get }: PaneSliceContext): SearchActions {
  const actions: SearchActions = {
    async startSearch(query) {
      const text = query.trim();
      const { profileId, bucket, prefix, search } = get();
      if (!text || !profileId || !bucket) return;
      if (search?.jobId && search.status === 'running') void api.jobs.cancel({ jobId: search.jobId });
      const resultsId = newListingId();
      set({
        search: { query: text, status: 'starting', results: emptyListing, resultsId },
        selection: emptySelection,
        filter: '',
        pendingFocus: undefined,
      });
      const result = await api.s3.search({ profileId, bucket, prefix, query: text });
      if (get().search?.resultsId !== resultsId) {
        if (result.ok) void api.jobs.cancel({ jobId: result.data.jobId });
        return;
      }
      if (!result.ok) {
        set((state) => (state.search ? { search: { ...state.search, status: 'failed', error: result.error } } : {}));
        return;
      }
      const { jobId } = result.data;
      set((state) => (state.search ? { search: { ...state.search, status: 'running', jobId } } : {}));
      const early = claimSearch(jobId);
      if (early?.entries.length) actions.receiveSearchResults(early.entries);
      if (early?.finished) actions.finishSearch(early.finished);
    },

    cancelSearch() {
      const search = get().search;
      if (search?.jobId && search.status === 'running') void api.jobs.cancel({ jobId: search.jobId });
      else if (search?.status === 'starting') set({ search: { ...search, status: 'cancelled' } });
    },

    clearSearch() {
      actions.cancelSearch();
      set({ search: undefined, selection: emptySelection });
    },

    receiveSearchResults(entries) {
      set((state) => (state.search ? { search: { ...state.search, results: mergePage(state.search.results, asPage(entries)) } } : {}));
    },

    finishSearch(finished) {
      set((state) => {
        if (!state.search || state.search.jobId !== finished.jobId) return {};
        const status = finished.status === 'cancelled' ? 'cancelled' : finished.status === 'failed' ? 'failed' : 'done';
        return { search: { ...state.search, status, summary: finished.summary, ...(finished.error && { error: finished.error }) } };
      });
    },
  };
  return actions;
}
