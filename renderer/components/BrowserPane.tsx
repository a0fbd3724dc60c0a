import { useWindowShortcuts } from '../hooks/use-window-shortcuts';
import { useBrowserStore } from '../stores/browser';
import { showDialog } from '../stores/dialogs';
import { useProfilesStore } from '../stores/profiles';
import { profileNameOf, selectProfileId, selectTwoPanes } from '../stores/selectors';
import { ActivityPanel } from './ActivityPanel';
import { FolderPane } from './FolderPane';
import { MainDialogs } from './MainDialogs';
import { ToolButton } from './ToolButton';

/** The main area's top bar: the profile's name, Create bucket, the two-pane toggle, and the shortcuts list. */
function MainToolbar() {
  const profileId = useBrowserStore(selectProfileId);
  const twoPanes = useBrowserStore(selectTwoPanes);
  const profileName = useProfilesStore((state) => profileNameOf(state, profileId));
  return (
    <header className="toolbar main-toolbar">
      <h1 className="toolbar-title truncate">{profileName ?? 'Pail'}</h1>
      <div className="toolbar-actions">
        <ToolButton icon="plus" label="Create bucket" shortcut="Ctrl+Shift+B" disabled={!profileId} onClick={() => showDialog({ kind: 'createBucket' })} />
        <ToolButton icon="panes" label="Two panes" shortcut="Ctrl+\" aria-pressed={twoPanes} onClick={() => useBrowserStore.getState().setTwoPanes(!twoPanes)} />
        <ToolButton icon="keyboard" label="Keyboard shortcuts" shortcut="?" iconOnly onClick={() => showDialog({ kind: 'shortcuts' })} />
      </div>
    </header>
  );
}

/**
 * The main area: the top bar, one pane (or two side by side), the Activity
 * panel with running and finished jobs, and the dialogs of its actions.
 */
export function BrowserPane() {
  const twoPanes = useBrowserStore(selectTwoPanes);
  useWindowShortcuts();
  return (
    <main className="pane">
      <MainToolbar />
      <div className={twoPanes ? 'panes panes-two' : 'panes'}>
        <FolderPane paneId="left" />
        {twoPanes && <FolderPane paneId="right" />}
      </div>
      <ActivityPanel />
      <MainDialogs />
    </main>
  );
}
