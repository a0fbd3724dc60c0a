import { setTwoPanes } from '../actions/buckets';
import { useWindowShortcuts } from '../hooks/use-window-shortcuts';
import { useBrowserStore } from '../stores/browser';
import { showDialog } from '../stores/dialogs';
import { useProfilesStore } from '../stores/profiles';
import { profileNameOf, selectProfileId, selectTwoPanes } from '../stores/selectors';
import { useDragOut } from '../hooks/use-drag-out';
import { useFileDropGuard } from '../hooks/use-file-drop-guard';
import { ActivityPanel } from '../transfers/ActivityPanel';
import { ConflictDialog } from '../transfers/ConflictDialog';
import { FolderPane } from './FolderPane';
import { MainDialogs } from '../dialogs/MainDialogs';
import { ToolButton } from '../common/ToolButton';
import { TransferPanel } from '../transfers/TransferPanel';

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
        <ToolButton icon="panes" label="Two panes" shortcut="Ctrl+\" aria-pressed={twoPanes} onClick={() => setTwoPanes(!twoPanes)} />
        <ToolButton icon="keyboard" label="Keyboard shortcuts" shortcut="?" iconOnly onClick={() => showDialog({ kind: 'shortcuts' })} />
      </div>
    </header>
  );
}

/**
 * The main area: the top bar, one pane (or two side by side), the Transfers
 * panel (uploads, downloads, imports) and the Activity panel (jobs), and the
 * dialogs of its actions.
 */
export function BrowserPane() {
  const twoPanes = useBrowserStore(selectTwoPanes);
  useWindowShortcuts();
  useFileDropGuard();
  useDragOut();
  return (
    <main className="pane">
      <MainToolbar />
      <div className={twoPanes ? 'panes panes-two' : 'panes'}>
        <FolderPane paneId="left" />
        {twoPanes && <FolderPane paneId="right" />}
      </div>
      <TransferPanel />
      <ActivityPanel />
      <MainDialogs />
      <ConflictDialog />
    </main>
  );
}
