import { createContext, useContext } from 'react';
import { paneStores, usePaneStore } from '../stores/browser';
import type { PaneStore } from '../stores/pane';
import type { PaneId } from '../stores/pane-state';

/** Which pane the components below it belong to. */
export const PaneIdContext = createContext<PaneId>('left');

/** The id of the pane this component is in. */
export const usePaneId = () => useContext(PaneIdContext);

/** Reads this pane's state through a selector (use `useShallow` for selectors returning objects). */
export function usePane<T>(selector: (state: PaneStore) => T): T {
  return usePaneStore(usePaneId(), selector);
}

/** This pane's state and actions, read now (for event handlers). */
export const paneOf = (id: PaneId): PaneStore => paneStores[id].getState();
