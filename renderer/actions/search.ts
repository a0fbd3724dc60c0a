import type { JobFinished, JobProgress } from '../../shared/jobs';
import { parseSearchText, searchTextOf, type SearchTag } from '../../shared/search';
import { api } from '../api';
import { paneStores, useBrowserStore } from '../stores/browser';
import type { Entry } from '../stores/listing';
import type { PaneId } from '../stores/pane-state';
import { bufferSearchFinished, bufferSearchResults, claimSearch } from '../stores/search-buffer';

/**
 * The recursive search below a pane's folder: a job in the main process whose
 * results stream in as events; they reach the pane whose search it is, or wait
 * in the search buffer until the pane learns its job id.
 */

const paneOf = (paneId: PaneId) => paneStores[paneId].getState();

/** Stops the pane's running search job, if any (the pane goes elsewhere). */
export function stopSearch(paneId: PaneId): void {
  const search = paneOf(paneId).search;
  if (search?.jobId && (search.status === 'running' || search.status === 'starting')) void api.jobs.cancel({ jobId: search.jobId });
}

/**
 * Starts a search below the open folder from what the search box holds: names containing the text,
 * objects carrying `tag:NAME=VALUE` (see `parseSearchText`), or both; results stream into the table.
 */
export async function startSearch(paneId: PaneId, searchText: string): Promise<void> {
  const text = searchText.trim();
  const { query, tag } = parseSearchText(text);
  const { profileId, bucket, prefix, search } = paneOf(paneId);
  if ((!query && !tag) || !profileId || !bucket) return;
  if (search?.jobId && search.status === 'running') void api.jobs.cancel({ jobId: search.jobId });
  const resultsId = paneOf(paneId).searchStarting(text);
  const result = await api.s3.search({ profileId, bucket, prefix, query, tag });
  if (paneOf(paneId).search?.resultsId !== resultsId) {
    if (result.ok) void api.jobs.cancel({ jobId: result.data.jobId });
    return;
  }
  if (!result.ok) {
    paneOf(paneId).searchFailed(result.error);
    return;
  }
  const { jobId } = result.data;
  paneOf(paneId).searchRunning(jobId);
  const early = claimSearch(jobId);
  if (early?.entries.length) paneOf(paneId).receiveSearchResults(early.entries);
  if (early?.finished) paneOf(paneId).finishSearch(early.finished);
}

/**
 * Finds the objects carrying a tag below the folder open in the pane that shows this bucket (the
 * active pane first), as if `tag:NAME=VALUE` had been typed in its search box.
 */
export function findTagged(place: { profileId: string; bucket: string }, tag: SearchTag): void {
  const active = useBrowserStore.getState().activePane;
  const order = [active, ...(Object.keys(paneStores) as PaneId[]).filter((id) => id !== active)];
  const paneId = order.find((id) => paneOf(id).profileId === place.profileId && paneOf(id).bucket === place.bucket && !paneOf(id).versionsMode);
  if (paneId) void startSearch(paneId, searchTextOf({ query: '', tag }));
}

/** Stops the running search; the results so far stay. */
export function cancelSearch(paneId: PaneId): void {
  const search = paneOf(paneId).search;
  if (search?.jobId && search.status === 'running') void api.jobs.cancel({ jobId: search.jobId });
  else paneOf(paneId).searchCancelledEarly();
}

/** Leaves the results and shows the folder again (cancelling a running search). */
export function clearSearch(paneId: PaneId): void {
  cancelSearch(paneId);
  paneOf(paneId).clearSearchResults();
}

const searchingPane = (jobId: string) => Object.values(paneStores).find((store) => store.getState().search?.jobId === jobId);

/** A batch of search results from the main process: to its pane, or kept until the pane claims it. */
export function searchResultsArrived(jobId: string, entries: Entry[]): void {
  const pane = searchingPane(jobId);
  if (pane) pane.getState().receiveSearchResults(entries);
  else bufferSearchResults(jobId, entries);
}

/** A search job reports how far it has come: its pane shows it (an early report, before the pane knows its job, is dropped: the next one comes). */
export function searchProgressed(event: JobProgress): void {
  searchingPane(event.jobId)?.getState().searchProgress(event.jobId, event.phase);
}

/** A search job ended: its pane shows the summary, or it is kept until the pane claims it. */
export function searchFinished(event: JobFinished): void {
  const pane = searchingPane(event.jobId);
  if (pane) pane.getState().finishSearch(event);
  else bufferSearchFinished(event);
}
