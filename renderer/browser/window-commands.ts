import { refreshPane, setTwoPanes } from '../actions/buckets';
import { runCommand } from '../actions/commands';
import { back, forward, up } from '../actions/navigation';
import { addressInputId, filterInputId, searchInputId } from './pane-inputs';
import { WINDOW_COMMANDS, type WindowCommand } from './shortcuts';
import { useBrowserStore } from '../stores/browser';
import { showDialog } from '../stores/dialogs';

const windowCommands: ReadonlySet<string> = new Set(WINDOW_COMMANDS);

/** True for the commands the window runs (the rest act on a pane's selection). */
export function isWindowCommand(command: string): command is WindowCommand {
  return windowCommands.has(command);
}

function focusInput(id: string): void {
  const input = document.getElementById(id) as HTMLInputElement | null;
  input?.focus();
  input?.select();
}

/**
 * Runs a window command: the keyboard shortcuts (use-window-shortcuts) and
 * Electron's application menu (menu-commands) both come here, so a key and its
 * menu item always do the same thing. `typing`: the key came from a text field.
 */
export function runWindowCommand(command: WindowCommand, typing = false): void {
  const browser = useBrowserStore.getState();
  const paneId = browser.activePane;
  switch (command) {
    case 'back':
      return back(paneId);
    case 'forward':
      return forward(paneId);
    case 'up':
      return up(paneId, { viaKeyboard: !typing });
    case 'refresh':
      return refreshPane(paneId);
    case 'focusAddress':
      return focusInput(addressInputId(paneId));
    case 'focusFilter':
      return focusInput(filterInputId(paneId));
    case 'focusSearch':
      return focusInput(searchInputId(paneId));
    case 'newFolder':
    case 'toggleVersions':
      return runCommand(paneId, command);
    case 'createBucket':
      if (browser.profileId) showDialog({ kind: 'createBucket' });
      return;
    case 'twoPanes':
      return setTwoPanes(!browser.twoPanes);
    case 'help':
      return showDialog({ kind: 'shortcuts' });
  }
}
