import { LatestOnly, RunOnceScheduler } from '../../shared/async';
import type { ErrorInfo } from '../../shared/errors';
import { api } from '../api';
import { sortAhead } from '../browser/sort-ahead';
import { paneStores } from '../stores/browser';
import { emptyListing, listAllPages, listAllVersionPages, mergePage, type Listing, type ListingPage } from '../stores/listing';
import type { PaneId } from '../stores/pane-state';

/**
 * Listing a pane's folder (objects, or versions in versions mode) page by
 * page, and reading its bucket's versioning. A pane lists one folder at a
 * time: a newer listing, or going elsewhere, drops the answers of the older one.
 */

/** Pages are merged into the store at most this often (the first and the last at once). */
const FLUSH_MS = 250;
/** How long after its last page a listing is sorted ahead (see `sort-ahead.ts`). */
const SORT_AHEAD_AFTER_MS = 1_500;

interface PaneRequests {
  listing: LatestOnly;
  versioning: LatestOnly;
  /** The listing in flight: going elsewhere cancels it in the main process too, so no server call outlives its folder. */
  inFlight?: AbortController;
  /** When the listing whose rows are shown began (performance.now()): what it shows is the folder as it was then, or later. */
  startedAt?: number;
}

const requests: Record<PaneId, PaneRequests> = {
  left: { listing: new LatestOnly(), versioning: new LatestOnly() },
  right: { listing: new LatestOnly(), versioning: new LatestOnly() },
};

/** Stops the pane's listing (its pages are dropped) and its versioning read. */
export function stopListing(paneId: PaneId): void {
  const pane = requests[paneId];
  pane.listing.invalidate();
  pane.versioning.invalidate();
  pane.inFlight?.abort();
  pane.inFlight = undefined;
}

/** Milliseconds since the pane's listing began (0 when none has): objects written since may be missing from its rows. */
export function msSinceListingBegan(paneId: PaneId): number {
  const startedAt = requests[paneId].startedAt;
  return startedAt === undefined ? 0 : Math.max(0, Math.round(performance.now() - startedAt));
}

/** Drops any versioning answer still on its way (the pane left its bucket). */
export function forgetVersioning(paneId: PaneId): void {
  requests[paneId].versioning.invalidate();
}

/**
 * Lists the pane's open folder from its first page; `keepRows` (a refresh)
 * keeps the rows shown until the new ones arrive.
 */
export async function listFolder(paneId: PaneId, keepRows: boolean): Promise<void> {
  const store = paneStores[paneId];
  const { profileId, bucket, prefix, versionsMode } = store.getState();
  const pane = requests[paneId];
  const isCurrent = pane.listing.begin();
  pane.inFlight?.abort();
  pane.inFlight = undefined;
  if (!profileId || !bucket) {
    store.getState().listingIdle();
    return;
  }
  const freshId = store.getState().listingStarted(keepRows);
  pane.startedAt = performance.now();
  let first = true;

  // One render per page costs the renderer more CPU than the listing itself on a 100,000-key folder: the table
  // hears of new rows in bursts. Each page joins the rows as it comes, though: a page held until the next burst
  // outlived the collector's young generation, and at a million keys such pages were most of the window's peak.
  let rows: Listing = emptyListing;
  let shown: Listing | undefined;
  const flush = (more: boolean) => {
    scheduler.cancel();
    if (!isCurrent()) return;
    store.getState().rowsArrived(rows, { first, freshId, more, keepRows, since: shown });
    shown = rows;
    first = false;
    if (!more) {
      // The folder is all in: sort it by each column in the background, so a click on a header finds the order
      // ready. Not at once: a big listing's garbage is still waiting for the collector then, and the worker's
      // copies came on top of it (a million rows, bench:scale's own window: the peak 398-430 MB in three rounds
      // when the worker started at once, 395 MB with it started 1.5 s later).
      const { listing } = store.getState();
      setTimeout(() => {
        if (!isCurrent()) return;
        void sortAhead.prepare(listing.folders, listing.folderCount);
        void sortAhead.prepare(listing.objects, listing.objectCount);
      }, SORT_AHEAD_AFTER_MS);
    }
  };
  const scheduler = new RunOnceScheduler(() => flush(true), FLUSH_MS);
  const onPage = (page: ListingPage, more: boolean) => {
    rows = mergePage(rows, page);
    if (first || !more) flush(more);
    else scheduler.schedule();
  };
  const loop = {
    isCurrent,
    onError: (error: ErrorInfo) => {
      if (rows !== (shown ?? emptyListing)) flush(true);
      store.getState().listingFailed(error, first, freshId);
    },
  };
  const { signal } = (pane.inFlight = new AbortController());
  if (versionsMode) {
    await listAllVersionPages({
      ...loop,
      fetchPage: (marker) => api.s3.listVersions({ profileId, bucket, prefix, ...marker }, { signal }),
      onPage: (page, more) => onPage({ prefix: page.prefix, folders: page.folders, objects: page.versions }, more),
    });
  } else {
    await listAllPages({
      ...loop,
      fetchPage: (continuationToken) => api.s3.listObjects({ profileId, bucket, prefix, ...(continuationToken && { continuationToken }) }, { signal }),
      onPage,
    });
  }
}

/** Reads the open bucket's versioning state. */
export async function loadVersioning(paneId: PaneId): Promise<void> {
  const store = paneStores[paneId];
  const { profileId, bucket } = store.getState();
  const isCurrent = requests[paneId].versioning.begin();
  if (!profileId || !bucket) return;
  const result = await api.s3.versioning({ profileId, bucket });
  if (isCurrent()) store.getState().setVersioning(result.ok ? result.data.status : undefined);
}
