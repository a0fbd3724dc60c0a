import { create, useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { ErrorInfo } from '../../shared/errors';
import type { BucketSummary } from '../../shared/ipc/contract';
import { api } from '../api';
import { createPaneStore, type PaneStore } from './pane';
import type { PaneId } from './pane-state';
import { useProfilesStore, type LoadStatus } from './profiles';

export type { ListingStatus } from './pane-state';

/**
 * The sidebar's profile and its buckets, and how the main area is laid out:
 * one pane or two, and which pane is active (the one the sidebar and the
 * window's shortcuts act on). Each pane has its own store (`paneStores`).
 */
export interface BrowserState {
  /** The profile the sidebar shows: always the active pane's profile. */
  profileId?: string;
  buckets: BucketSummary[];
  bucketsStatus: LoadStatus;
  bucketsError?: ErrorInfo;
  twoPanes: boolean;
  activePane: PaneId;
}

/** What the browser store can do; every action works outside React. */
export interface BrowserActions {
  /** The user picked a profile: the sidebar shows it and the active pane shows its buckets. */
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
  /** Opens a bucket of the sidebar's profile at its root in the active pane (also one the list does not show). */
  openBucket(bucket: string): void;
  /** Lists the active pane's folder again, or the buckets when no bucket is open. */
  refresh(): void;
  /** Makes a pane the active one; the sidebar follows its profile. */
  activatePane(id: PaneId): void;
  /** One pane or two; the second starts where the first is. */
  setTwoPanes(on: boolean): void;
  /** A bucket was created: list it (and open it in the active pane). */
  bucketCreated(profileId: string, bucket: BucketSummary): void;
  /** A bucket was deleted: drop it from the list and from both panes. */
  bucketDeleted(profileId: string, bucket: string): void;
}

const initialState: BrowserState = {
  profileId: undefined,
  buckets: [],
  bucketsStatus: 'idle',
  bucketsError: undefined,
  twoPanes: false,
  activePane: 'left',
};

let bucketsGeneration = 0;

// The sidebar shows the active pane's profile: when that pane goes to another
// profile (Back across profiles, the other pane activated), the sidebar follows.
const onNavigate = (id: PaneId) => {
  const browser = useBrowserStore.getState();
  if (browser.activePane !== id) return;
  const profileId = paneStores[id].getState().profileId;
  if (profileId && profileId !== browser.profileId) showInSidebar(profileId);
};

/** Each pane's store. */
export const paneStores: Record<PaneId, StoreApi<PaneStore>> = {
  left: createPaneStore('left', { onNavigate }),
  right: createPaneStore('right', { onNavigate }),
};

/** The store of the pane the sidebar and window shortcuts act on. */
export const activePane = (): PaneStore => paneStores[useBrowserStore.getState().activePane].getState();

/** Reads a pane's state in a component (use `useShallow` for selectors returning objects). */
export function usePaneStore<T>(id: PaneId, selector: (state: PaneStore) => T): T {
  return useStore(paneStores[id], selector);
}

function showInSidebar(profileId: string) {
  useBrowserStore.setState({ profileId, buckets: [], bucketsStatus: 'idle', bucketsError: undefined });
  void useBrowserStore.getState().loadBuckets();
}

/** The browser store. */
export const useBrowserStore = create<BrowserState & BrowserActions>()((set, get) => ({
  ...initialState,

  async selectProfile(profileId) {
    const pane = activePane();
    // The sidebar follows the pane (see onNavigate).
    if (pane.profileId !== profileId) pane.navigate({ profileId, bucket: undefined, prefix: '' });
    const current = get();
    if (current.profileId !== profileId) showInSidebar(profileId);
    else if (current.bucketsStatus === 'error') await current.loadBuckets();
  },

  async reloadProfile(profileId) {
    for (const store of Object.values(paneStores)) {
      const pane = store.getState();
      if (pane.profileId === profileId && pane.bucket) pane.navigate({ profileId, bucket: undefined, prefix: '' });
    }
    if (get().profileId !== profileId) return;
    set({ buckets: [], bucketsStatus: 'idle', bucketsError: undefined });
    await get().loadBuckets();
  },

  clearProfile() {
    const { profileId } = get();
    bucketsGeneration += 1;
    if (profileId) for (const store of Object.values(paneStores)) store.getState().forget(profileId);
    set({ profileId: undefined, buckets: [], bucketsStatus: 'idle', bucketsError: undefined });
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
    if (result.error.code === 'AccessDenied' && fallback && !activePane().bucket) get().openBucket(fallback);
  },

  openBucket(bucket) {
    const { profileId } = get();
    if (profileId) activePane().navigate({ profileId, bucket, prefix: '' });
  },

  refresh() {
    const pane = activePane();
    if (pane.bucket) pane.refresh();
    else void get().loadBuckets();
  },

  activatePane(id) {
    if (get().activePane === id) return;
    set({ activePane: id });
    onNavigate(id);
  },

  setTwoPanes(on) {
    if (on === get().twoPanes) return;
    if (on) {
      const left = paneStores.left.getState();
      const right = paneStores.right.getState();
      if (!right.profileId && left.profileId) right.navigate({ profileId: left.profileId, bucket: left.bucket, prefix: left.prefix });
      set({ twoPanes: true });
    } else {
      set({ twoPanes: false });
      get().activatePane('left');
    }
  },

  bucketCreated(profileId, bucket) {
    if (get().profileId === profileId) {
      set((state) => ({ buckets: [...state.buckets.filter((b) => b.name !== bucket.name), bucket].sort((a, b) => (a.name < b.name ? -1 : 1)) }));
    }
    activePane().navigate({ profileId, bucket: bucket.name, prefix: '' });
  },

  bucketDeleted(profileId, bucket) {
    if (get().profileId === profileId) set((state) => ({ buckets: state.buckets.filter((b) => b.name !== bucket) }));
    for (const store of Object.values(paneStores)) store.getState().forget(profileId, bucket);
  },
}));

/** Puts the browser store and both panes back to their first state and drops every request in flight (for tests). */
export function resetBrowserStore(): void {
  bucketsGeneration += 1;
  for (const store of Object.values(paneStores)) store.getState().reset();
  useBrowserStore.setState(initialState);
}
