import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors';
import type { BucketSummary } from '../../shared/ipc/contract';
import { api } from '../api';
import { emptyListing, listAllPages, mergePage, parentPrefix, type Listing } from './listing';
import { useProfilesStore, type LoadStatus } from './profiles';

/**
 * Where a folder listing stands: `loading` before the first page, `more` while
 * later pages are still coming, `done` when all are in, `error` when a page failed
 * (rows already shown stay).
 */
export type ListingStatus = 'idle' | 'loading' | 'more' | 'done' | 'error';

/** What the user is looking at: a profile, its buckets, and one folder of one bucket. */
export interface BrowserState {
  profileId?: string;
  buckets: BucketSummary[];
  bucketsStatus: LoadStatus;
  bucketsError?: ErrorInfo;
  bucket?: string;
  /** The open folder: "" for the bucket root, otherwise ending in "/". */
  prefix: string;
  listing: Listing;
  listingStatus: ListingStatus;
  listingError?: ErrorInfo;
}

/** What the browser store can do; every action works outside React. */
export interface BrowserActions {
  /** Shows a profile and loads its buckets (again only if they failed to load). */
  selectProfile(profileId: string): Promise<void>;
  /** Forgets the profile shown, e.g. when it was deleted. */
  clearProfile(): void;
  /** Shows a profile afresh after its settings changed (if it is the one shown). */
  reloadProfile(profileId: string): Promise<void>;
  /**
   * Lists the shown profile's buckets again. A key that may not list buckets
   * opens the profile's default bucket instead, when it has one.
   */
  loadBuckets(): Promise<void>;
  /** Opens a bucket at its root (also one the bucket list does not show). */
  openBucket(bucket: string): Promise<void>;
  /** Opens a folder of the open bucket and lists all its pages. */
  openFolder(prefix: string): Promise<void>;
  /** Opens the folder above the open one. */
  goUp(): Promise<void>;
  /** Lists the open folder again, or the buckets when no bucket is open. */
  refresh(): Promise<void>;
}

const initialState: BrowserState = {
  profileId: undefined,
  buckets: [],
  bucketsStatus: 'idle',
  bucketsError: undefined,
  bucket: undefined,
  prefix: '',
  listing: emptyListing,
  listingStatus: 'idle',
  listingError: undefined,
};

const closedFolder: Partial<BrowserState> = {
  bucket: undefined,
  prefix: '',
  listing: emptyListing,
  listingStatus: 'idle',
  listingError: undefined,
};

// Each request remembers the generation it started in; an answer that comes
// back after the user went elsewhere is dropped, and the page loop stops.
let bucketsGeneration = 0;
let listingGeneration = 0;

/** The browser store. */
export const useBrowserStore = create<BrowserState & BrowserActions>()((set, get) => ({
  ...initialState,

  async selectProfile(profileId) {
    const current = get();
    if (current.profileId === profileId) {
      if (current.bucketsStatus === 'error') await current.loadBuckets();
      return;
    }
    listingGeneration += 1;
    set({ ...closedFolder, profileId, buckets: [], bucketsStatus: 'idle', bucketsError: undefined });
    await get().loadBuckets();
  },

  async reloadProfile(profileId) {
    if (get().profileId !== profileId) return;
    listingGeneration += 1;
    set({ ...closedFolder, buckets: [], bucketsStatus: 'idle', bucketsError: undefined });
    await get().loadBuckets();
  },

  clearProfile() {
    bucketsGeneration += 1;
    listingGeneration += 1;
    set(initialState);
  },

  async loadBuckets() {
    const { profileId } = get();
    if (!profileId) return;
    const generation = ++bucketsGeneration;
    set({ bucketsStatus: 'loading', bucketsError: undefined });
    const result = await api.s3.listBuckets({ profileId });
    if (generation !== bucketsGeneration) return;
    if (result.ok) {
      set({ buckets: result.data, bucketsStatus: 'ready' });
      return;
    }
    set({ buckets: [], bucketsStatus: 'error', bucketsError: result.error });
    const fallback = useProfilesStore.getState().profiles.find((p) => p.id === profileId)?.defaultBucket;
    if (result.error.code === 'AccessDenied' && fallback && !get().bucket) await get().openBucket(fallback);
  },

  async openBucket(bucket) {
    set({ bucket });
    await get().openFolder('');
  },

  async openFolder(prefix) {
    const { profileId, bucket } = get();
    if (!profileId || !bucket) return;
    const generation = ++listingGeneration;
    set({ prefix, listing: emptyListing, listingStatus: 'loading', listingError: undefined });
    await listAllPages({
      fetchPage: (continuationToken) =>
        api.s3.listObjects({ profileId, bucket, prefix, ...(continuationToken && { continuationToken }) }),
      isCurrent: () => generation === listingGeneration,
      onPage: (page, more) =>
        set((state) => ({ listing: mergePage(state.listing, page), listingStatus: more ? 'more' : 'done' })),
      onError: (error) => set({ listingStatus: 'error', listingError: error }),
    });
  },

  async goUp() {
    const { bucket, prefix } = get();
    if (bucket && prefix) await get().openFolder(parentPrefix(prefix));
  },

  async refresh() {
    const { bucket, prefix } = get();
    if (bucket) await get().openFolder(prefix);
    else await get().loadBuckets();
  },
}));

/** Puts the browser store back to its first state and drops every request in flight (for tests). */
export function resetBrowserStore(): void {
  bucketsGeneration += 1;
  listingGeneration += 1;
  useBrowserStore.setState(initialState);
}
