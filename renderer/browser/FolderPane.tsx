import type { KeyboardEvent } from 'react';
import { activatePane } from '../actions/buckets';
import { up } from '../actions/navigation';
import { selectAllRows } from '../actions/selection';
import { isTyping, shortcutFor } from './shortcuts';
import { useBrowserStore } from '../stores/browser';
import { runCommand } from '../actions/commands';
import type { PaneId } from '../stores/pane-state';
import { FolderView } from './FolderView';
import { NoBucketOpen } from './NoBucketOpen';
import { PaneIdContext, paneOf, usePane } from './pane-context';
import { PaneNavBar } from './PaneNavBar';
import { PaneProblem } from './PaneProblem';
import { PaneStatusBar } from './PaneStatusBar';
import { PaneToolbar } from './PaneToolbar';
import { PathBar } from './PathBar';

// The pane's own shortcuts: they act on its selection, so only while focus is in it.
function onPaneKeyDown(paneId: PaneId, event: KeyboardEvent<HTMLElement>) {
  if (event.defaultPrevented || isTyping(event.target)) return;
  const command = shortcutFor(event, 'pane', false);
  const pane = paneOf(paneId);
  switch (command) {
    case 'up':
      up(paneId, { viaKeyboard: true });
      break;
    case 'selectAll':
      if (!pane.bucket) return;
      selectAllRows(paneId);
      break;
    case 'copy':
    case 'cut':
    case 'paste':
    case 'delete':
    case 'rename':
    case 'copyUrl':
      runCommand(paneId, command);
      break;
    case 'download':
      runCommand(paneId, pane.versionsMode ? 'downloadVersion' : 'download');
      break;
    default:
      return;
  }
  event.preventDefault();
}

function PaneContent({ paneId }: { paneId: PaneId }) {
  const hasBucket = usePane((state) => !!state.bucket);
  const twoPanes = useBrowserStore((state) => state.twoPanes);
  const active = useBrowserStore((state) => state.activePane === paneId);
  const activate = () => activatePane(paneId);
  return (
    <section
      className={active && twoPanes ? 'folder-pane is-active' : 'folder-pane'}
      aria-label={twoPanes ? (paneId === 'left' ? 'Left pane' : 'Right pane') : undefined}
      onFocusCapture={activate}
      onPointerDownCapture={activate}
      onKeyDown={(event) => onPaneKeyDown(paneId, event)}
    >
      <PaneNavBar />
      <PaneToolbar />
      <PathBar />
      <PaneProblem />
      <div className="pane-body">{hasBucket ? <FolderView /> : <NoBucketOpen />}</div>
      <PaneStatusBar />
    </section>
  );
}

/** One pane: its navigation, actions, path, rows and status; each pane goes its own way. */
export function FolderPane({ paneId }: { paneId: PaneId }) {
  return (
    <PaneIdContext.Provider value={paneId}>
      <PaneContent paneId={paneId} />
    </PaneIdContext.Provider>
  );
}
