import { useEffect } from 'react';
import { addressInputId } from '../components/AddressBar';
import { filterInputId, searchInputId } from '../components/FindFields';
import { refreshPane } from '../components/PaneNavBar';
import { isTyping, shortcutFor } from '../shortcuts';
import { activePane, useBrowserStore } from '../stores/browser';
import { runCommand } from '../stores/commands';
import { showDialog } from '../stores/dialogs';

/**
 * The window's shortcuts (see `shortcuts.ts`): navigation, refresh, focusing
 * the address, filter or search box, and the commands that need no selection,
 * all acting on the active pane. Nothing happens while a dialog is open, except
 * that F5 and Ctrl+R never reload the page.
 */
export function useWindowShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const typing = isTyping(event.target);
      const command = shortcutFor(event, 'window', typing);
      if (!command) return;
      if (command === 'refresh') event.preventDefault();
      if (document.querySelector('dialog[open]')) return;
      const browser = useBrowserStore.getState();
      const paneId = browser.activePane;
      const pane = activePane();
      const focus = (id: string) => {
        const input = document.getElementById(id) as HTMLInputElement | null;
        input?.focus();
        input?.select();
      };
      switch (command) {
        case 'back':
          pane.back();
          break;
        case 'forward':
          pane.forward();
          break;
        case 'up':
          pane.up({ viaKeyboard: !typing });
          break;
        case 'refresh':
          refreshPane(paneId);
          break;
        case 'focusAddress':
          focus(addressInputId(paneId));
          break;
        case 'focusFilter':
          focus(filterInputId(paneId));
          break;
        case 'focusSearch':
          focus(searchInputId(paneId));
          break;
        case 'newFolder':
          runCommand(paneId, 'newFolder');
          break;
        case 'toggleVersions':
          runCommand(paneId, 'toggleVersions');
          break;
        case 'createBucket':
          if (browser.profileId) showDialog({ kind: 'createBucket' });
          break;
        case 'twoPanes':
          browser.setTwoPanes(!browser.twoPanes);
          break;
        case 'help':
          showDialog({ kind: 'shortcuts' });
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
