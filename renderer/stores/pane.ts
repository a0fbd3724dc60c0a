import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PaneLocation } from '../nav-history';
import { navigationSlice, type NavigationActions } from './pane-navigation';
import { searchSlice, type SearchActions } from './pane-search';
import { selectionSlice, type SelectionActions } from './pane-selection';
import { initialPaneState, type PaneId, type PaneState } from './pane-state';

/** A pane's state with every action it has. */
export type PaneStore = PaneState & NavigationActions & SelectionActions & SearchActions;

/** What a pane tells the rest of the app. */
export interface PaneHooks {
  /** The pane went somewhere else (the sidebar follows the active pane's profile). */
  onNavigate(id: PaneId, location: PaneLocation | undefined): void;
}

/** What each slice of a pane store gets: its setters, and the pane's hooks. */
export interface PaneSliceContext {
  set: StoreApi<PaneStore>['setState'];
  get: StoreApi<PaneStore>['getState'];
  hooks: PaneHooks;
}

/**
 * Makes one pane's store: a vanilla zustand store (there are two, one per
 * pane; components reach theirs through `usePane`), composed of slices for
 * navigation and listing, selection, and search. Actions work outside React.
 */
export function createPaneStore(id: PaneId, hooks: PaneHooks): StoreApi<PaneStore> {
  return createStore<PaneStore>()((set, get) => {
    const context: PaneSliceContext = { set, get, hooks };
    return {
      ...initialPaneState(id),
      ...navigationSlice(context),
      ...selectionSlice(context),
      ...searchSlice(context),
    };
  });
}
