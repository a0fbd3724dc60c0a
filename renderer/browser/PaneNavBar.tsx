import { useShallow } from 'zustand/react/shallow';
import { refreshPane } from '../actions/buckets';
import { back, forward, up } from '../actions/navigation';
import { selectNavigation } from '../stores/pane-selectors';
import { AddressBar } from './AddressBar';
import { SearchField } from './FindFields';
import { usePane, usePaneId } from './pane-context';
import { ToolButton } from '../common/ToolButton';

/** The pane's top row: Back, Forward, Up, Refresh, the address bar, and the recursive search. */
export function PaneNavBar() {
  const paneId = usePaneId();
  const { canGoBack, canGoForward, canGoUp } = usePane(useShallow(selectNavigation));
  const hasProfile = usePane((state) => !!state.profileId);
  return (
    <div className="pane-navbar">
      <div className="tool-group" role="group" aria-label="Navigation">
        <ToolButton icon="back" label="Back" shortcut="Alt+←" iconOnly disabled={!canGoBack} onClick={() => back(paneId)} />
        <ToolButton icon="forward" label="Forward" shortcut="Alt+→" iconOnly disabled={!canGoForward} onClick={() => forward(paneId)} />
        <ToolButton icon="up" label="Up" shortcut="Alt+↑" iconOnly disabled={!canGoUp} onClick={() => up(paneId)} />
        <ToolButton icon="refresh" label="Refresh" shortcut="F5" iconOnly disabled={!hasProfile} onClick={() => refreshPane(paneId)} />
      </div>
      <AddressBar />
      <SearchField />
    </div>
  );
}
