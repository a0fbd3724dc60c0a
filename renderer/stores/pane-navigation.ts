import type { ErrorInfo, Result } from '../../shared/errors';
import type { FolderEntry } from '../../shared/ipc/contract';
import type { VersioningStatus } from '../../shared/versions';
import { api } from '../api';
import { forgetPlaces, goBack, goForward, pushLocation, sameLocation, type NavHistory, type PaneLocation } from '../nav-history';
import { emptySelection, pruneSelection, selectOnly } from '../row-selection';
import { useAccessStore } from './access';
import { useInspectorStore } from './inspector';
import { emptyListing, entryKey, listAllPages, listAllVersionPages, mergePage, parentPrefix } from './listing';
import type { PaneSliceContext } from './pane';
import { initialPaneState, locationOf, newListingId, type PaneProblem } from './pane-state';

/** How a pane moves around and lists what it shows; every action works outside React. */
export interface NavigationActions {
  /** Goes to a place (recorded for Back). `focus`: the row key (or FIRST_ROW) to focus once shown. */
  navigate(location: PaneLocation, options?: { focus?: string }): void;
  /** Opens a folder of the open bucket. */
  openFolder(prefix: string, options?: { focus?: string }): void;
  back(): void;
  forward(): void;
  /** Opens the folder above; from the keyboard, the folder just left gets focus. */
  up(options?: { viaKeyboard?: boolean }): void;
  /** Lists the open folder again, keeping the rows (and selection) until the new ones arrive; their ACLs are read again too. */
  refresh(): void;
  /** Forgets everything (the profile was deleted or the pane closed). */
  reset(): void;
  /** A bucket (or, without `bucket`, a profile) is gone: leave it and drop it from history. */
  forget(profileId: string, bucket?: string): void;
  /** Lists versions and delete markers instead of objects (only when the bucket keeps versions). */
  setVersionsMode(on: boolean): void;
  /** Reads the open bucket's versioning state. */
  loadVersioning(): Promise<void>;
  /** Turns versioning on for the open bucket. */
  enableVersioning(): Promise<Result<{ status: VersioningStatus }>>;
  /** Shows a folder just created and focuses it, without waiting for a listing. */
  addFolder(entry: FolderEntry): void;
  /** Shows (or, with undefined, dismisses) a failed action above the table. */
  showProblem(problem: PaneProblem | undefined): void;
}

/** The navigation slice of a pane store. */
export function navigationSlice({ set, get, hooks }: PaneSliceContext): NavigationActions {
  // Each listing remembers the generation it started in; pages that come back
  // after the pane went elsewhere are dropped and the page loop stops.
  let generation = 0;
  let versioningGeneration = 0;
  // The listing in flight: going elsewhere cancels it in the main process too, so no server call outlives its folder.
  let listing: AbortController | undefined;
  const stopListing = () => {
    listing?.abort();
    listing = undefined;
  };

  const stopSearch = () => {
    const search = get().search;
    if (search?.jobId && (search.status === 'running' || search.status === 'starting')) void api.jobs.cancel({ jobId: search.jobId });
  };

  const load = async (keepRows: boolean) => {
    const { profileId, bucket, prefix, versionsMode } = get();
    const current = ++generation;
    stopListing();
    if (!profileId || !bucket) {
      set({ listing: emptyListing, listingId: newListingId(), listingStatus: 'idle', listingError: undefined });
      return;
    }
    const freshId = newListingId();
    let first = true;
    if (keepRows) set({ listingStatus: 'loading', listingError: undefined });
    else set({ listing: emptyListing, listingId: freshId, listingStatus: 'loading', listingError: undefined });

    // Pages are merged into the store at most every 250 ms (and at once for the
    // first and the last): one render per page costs the renderer more CPU than
    // the listing itself on a 100,000-key folder.
    let buffered: Parameters<typeof mergePage>[1][] = [];
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    const flush = (more: boolean) => {
      if (flushTimer) clearTimeout(flushTimer);
      flushTimer = undefined;
      if (current !== generation) return;
      const pages = buffered;
      buffered = [];
      set((state) => {
        let listing = first ? emptyListing : state.listing;
        for (const page of pages) listing = mergePage(listing, page);
        const patch = { listing, listingId: first ? freshId : state.listingId, listingStatus: more ? ('more' as const) : ('done' as const) };
        first = false;
        if (more || !keepRows) return patch;
        // A refresh ends: rows that went away leave the selection.
        const listed = new Set(listing.entries.map(entryKey));
        return { ...patch, selection: pruneSelection(state.selection, (key) => listed.has(key)) };
      });
    };
    const onPage = (page: Parameters<typeof mergePage>[1], more: boolean) => {
      buffered.push(page);
      if (first || !more) flush(more);
      else flushTimer ??= setTimeout(() => flush(true), 250);
    };
    const loop = {
      isCurrent: () => current === generation,
      onError: (error: ErrorInfo) => {
        if (buffered.length) flush(true);
        set(
          first ? { listing: emptyListing, listingId: freshId, listingStatus: 'error', listingError: error } : { listingStatus: 'error', listingError: error },
        );
      },
    };
    const { signal } = (listing = new AbortController());
    if (versionsMode) {
      await listAllVersionPages({
        ...loop,
        fetchPage: (marker) => api.s3.listVersions({ profileId, bucket, prefix, ...marker }, { signal }),
        onPage: (page, more) => onPage({ folders: page.folders, objects: page.versions }, more),
      });
    } else {
      await listAllPages({
        ...loop,
        fetchPage: (continuationToken) => api.s3.listObjects({ profileId, bucket, prefix, ...(continuationToken && { continuationToken }) }, { signal }),
        onPage,
      });
    }
  };

  const loadVersioning = async () => {
    const { profileId, bucket } = get();
    const current = ++versioningGeneration;
    if (!profileId || !bucket) return;
    const result = await api.s3.versioning({ profileId, bucket });
    if (current !== versioningGeneration) return;
    set({ versioning: result.ok ? result.data.status : undefined });
  };

  const go = (location: PaneLocation, history: NavHistory, focus?: string) => {
    const before = get();
    const bucketChanged = before.profileId !== location.profileId || before.bucket !== location.bucket;
    stopSearch();
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
    useInspectorStore.getState().inspect(undefined);
    hooks.onNavigate(before.id, location);
    if (bucketChanged) {
      versioningGeneration += 1;
      if (location.bucket) void loadVersioning();
    }
    void load(false);
  };

  return {
    navigate(location, options) {
      const current = locationOf(get());
      if (sameLocation(current, location)) {
        get().refresh();
        return;
      }
      go(location, pushLocation(get().history, current, location), options?.focus);
    },

    openFolder(prefix, options) {
      const { profileId, bucket } = get();
      if (profileId && bucket) get().navigate({ profileId, bucket, prefix }, options);
    },

    back() {
      const current = locationOf(get());
      const step = current && goBack(get().history, current);
      if (step) go(step.location, step.history);
    },

    forward() {
      const current = locationOf(get());
      const step = current && goForward(get().history, current);
      if (step) go(step.location, step.history);
    },

    up(options) {
      const { bucket, prefix } = get();
      if (!bucket || !prefix) return;
      get().openFolder(parentPrefix(prefix), { focus: options?.viaKeyboard ? `f:${prefix}` : undefined });
    },

    refresh() {
      const { search, profileId, bucket, prefix } = get();
      if (search) return;
      // Listing again reads the ACLs of the rows in view again too (they may have changed elsewhere).
      if (profileId && bucket) useAccessStore.getState().invalidate(profileId, bucket, [], [prefix], true);
      void load(true);
    },

    reset() {
      stopSearch();
      stopListing();
      generation += 1;
      versioningGeneration += 1;
      set(initialPaneState(get().id));
      hooks.onNavigate(get().id, undefined);
    },

    forget(profileId, bucket) {
      const state = get();
      const history = forgetPlaces(state.history, profileId, bucket);
      const here = state.profileId === profileId && (bucket === undefined || state.bucket === bucket);
      if (!here) {
        set({ history });
        return;
      }
      if (bucket === undefined) {
        get().reset();
        return;
      }
      go({ profileId, bucket: undefined, prefix: '' }, history);
    },

    setVersionsMode(on) {
      const { versionsMode, versioning } = get();
      if (on === versionsMode || (on && versioning !== 'Enabled' && versioning !== 'Suspended')) return;
      stopSearch();
      set({ versionsMode: on, selection: emptySelection, search: undefined, pendingFocus: undefined });
      useInspectorStore.getState().inspect(undefined);
      void load(false);
    },

    loadVersioning,

    async enableVersioning() {
      const { profileId, bucket } = get();
      if (!profileId || !bucket) return { ok: false, error: { code: 'InvalidRequest', message: 'Open a bucket first.', hint: '' } };
      const result = await api.s3.setVersioning({ profileId, bucket, enabled: true });
      if (result.ok && get().bucket === bucket) set({ versioning: result.data.status });
      return result;
    },

    addFolder(entry) {
      const key = entryKey(entry);
      set((state) => ({ listing: mergePage(state.listing, { folders: [entry], objects: [] }), selection: selectOnly(key), pendingFocus: key }));
    },

    showProblem(problem) {
      set({ problem });
    },
  };
}
