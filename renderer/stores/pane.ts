import { createStore, type StoreApi } from 'zustand/vanilla';
import { navigationSlice, type NavigationSetters } from './pane-navigation';
import { searchSlice, type SearchSetters } from './pane-search';
import { selectionSlice, type SelectionSetters } from './pane-selection';
import { initialPaneState, type PaneId, type PaneState } from './pane-state';

/** A pane's state with its own setters (the work that lists, searches or reaches other stores is in `renderer/actions/`). */
export type PaneStore = PaneState & NavigationSetters & SelectionSetters & SearchSetters;

/** What each slice of a pane store gets: its setters. */
export interface PaneSliceContext {
  set: StoreApi<PaneStore>['setState'];
  get: StoreApi<PaneStore>['getState'];
}

/**
 * Makes one pane's store: a vanilla zustand store (there are two, one per
 * pane; components reach theirs through `usePane`), composed of slices for
 * its place and listing, selection, and search.
 */
export function createPaneStore(id: PaneId): StoreApi<PaneStore> {
  return createStore<PaneStore>()((set, get) => {
    const context: PaneSliceContext = { set, get };
    return {
      ...initialPaneState(id),
      ...navigationSlice(context),
      ...selectionSlice(context),
      ...searchSlice(context),
    };
  });
}
