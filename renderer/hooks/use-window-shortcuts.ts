import { useEffect } from 'react';
import { isTyping, shortcutFor } from '../browser/shortcuts';
import { isWindowCommand, runWindowCommand } from '../browser/window-commands';

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
      if (!isWindowCommand(command)) return;
      runWindowCommand(command, typing);
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
