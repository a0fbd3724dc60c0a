import { useShallow } from 'zustand/react/shallow';
import { useBrowserStore } from '../stores/browser';
import { selectNavigation } from '../stores/pane-selectors';
import { AddressBar } from './AddressBar';
import { SearchField } from './FindFields';
import { paneOf, usePane, usePaneId } from './pane-context';
import { ToolButton } from './ToolButton';

/** Lists the pane's folder again, or its profile's buckets when no bucket is open. */
export function refreshPane(paneId: 'left' | 'right'): void {
  const pane = paneOf(paneId);
  if (pane.bucket) pane.refresh();
  else if (pane.profileId && pane.profileId === useBrowserStore.getState().profileId) void useBrowserStore.getState().loadBuckets();
}

/** The pane's top row: Back, Forward, Up, Refresh, the address bar, and the recursive search. */
export function PaneNavBar() {
  const paneId = usePaneId();
  const { canGoBack, canGoForward, canGoUp } = usePane(useShallow(selectNavigation));
  const hasProfile = usePane((state) => !!state.profileId);
  return (
    <div className="pane-navbar">
      <div className="tool-group" role="group" aria-label="Navigation">
        <ToolButton icon="back" label="Back" shortcut="Alt+←" iconOnly disabled={!canGoBack} onClick={() => paneOf(paneId).back()} />
        <ToolButton icon="forward" label="Forward" shortcut="Alt+→" iconOnly disabled={!canGoForward} onClick={() => paneOf(paneId).forward()} />
        <ToolButton icon="up" label="Up" shortcut="Alt+↑" iconOnly disabled={!canGoUp} onClick={() => paneOf(paneId).up()} />
        <ToolButton icon="refresh" label="Refresh" shortcut="F5" iconOnly disabled={!hasProfile} onClick={() => refreshPane(paneId)} />
      </div>
      <AddressBar />
      <SearchField />
    </div>
  );
}
