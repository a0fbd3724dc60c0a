import { create, useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { BucketSummary } from '../../shared/ipc/contract';
import { idle, ready, type Loadable } from '../../shared/loadable';
import { createPaneStore, type PaneStore } from './pane';
import type { PaneId } from './pane-state';

export type { ListingStatus } from './pane-state';

/**
 * The sidebar's profile and its buckets, and how the main area is laid out:
 * one pane or two, and which pane is active (the one the sidebar and the
 * window's shortcuts act on). Each pane has its own store (`paneStores`).
 */
export interface BrowserState {
  /** The profile the sidebar shows: always the active pane's profile. */
  profileId?: string;
  /** The sidebar profile's buckets, as listed (see `actions/buckets.ts`). */
  buckets: Loadable<BucketSummary[]>;
  twoPanes: boolean;
  activePane: PaneId;
}

/** The browser store's own setters; moving panes and listing buckets are actions (`actions/buckets.ts`). */
export interface BrowserSetters {
  /** The sidebar shows a profile; its buckets are not listed yet. */
  showProfile(profileId: string | undefined): void;
  /** The bucket list's load, as it goes. */
  setBuckets(buckets: Loadable<BucketSummary[]>): void;
  /** A bucket was created: it joins the list (in name order) when the list is shown. */
  addBucket(bucket: BucketSummary): void;
  /** A bucket was deleted: it leaves the list. */
  removeBucket(bucket: string): void;
  setActivePane(id: PaneId): void;
  setTwoPanes(on: boolean): void;
}

const initialState: BrowserState = {
  profileId: undefined,
  buckets: idle,
  twoPanes: false,
  activePane: 'left',
};

/** Each pane's store. */
export const paneStores: Record<PaneId, StoreApi<PaneStore>> = {
  left: createPaneStore('left'),
  right: createPaneStore('right'),
};

/** The store of the pane the sidebar and window shortcuts act on. */
export const activePane = (): PaneStore => paneStores[useBrowserStore.getState().activePane].getState();

/** Reads a pane's state in a component (use `useShallow` for selectors returning objects). */
export function usePaneStore<T>(id: PaneId, selector: (state: PaneStore) => T): T {
  return useStore(paneStores[id], selector);
}

const byName = (a: BucketSummary, b: BucketSummary) => (a.name < b.name ? -1 : 1);

/** The browser store. */
export const useBrowserStore = create<BrowserState & BrowserSetters>()((set) => ({
  ...initialState,

  showProfile(profileId) {
    set({ profileId, buckets: idle });
  },

  setBuckets(buckets) {
    set({ buckets });
  },

  addBucket(bucket) {
    set((state) =>
      state.buckets.status === 'ready' ? { buckets: ready([...state.buckets.value.filter((b) => b.name !== bucket.name), bucket].sort(byName)) } : {},
    );
  },

  removeBucket(bucket) {
    set((state) => (state.buckets.status === 'ready' ? { buckets: ready(state.buckets.value.filter((b) => b.name !== bucket)) } : {}));
  },

  setActivePane(activePane) {
    set({ activePane });
  },

  setTwoPanes(twoPanes) {
    set({ twoPanes });
  },
}));

/** Puts the browser store and both panes back to their first state (for tests). */
export function resetBrowserStore(): void {
  for (const store of Object.values(paneStores)) store.getState().clear();
  useBrowserStore.setState(initialState);
}
