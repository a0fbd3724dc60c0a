import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/menu';
import { THEME_CHOICES, THEME_LABELS, type ThemeChoice } from '../../shared/theme';

/** Where the menu's links go (opened only through the checked `openExternal`). */
export const HELP_LINKS = {
  documentation: 'https://github.com/pail-app/pail#readme',
  issues: 'https://github.com/pail-app/pail/issues',
} as const;

/** The command each theme item sends (the page keeps the choice and applies it). */
export const THEME_COMMANDS: Record<ThemeChoice, MenuCommand> = { system: 'themeSystem', light: 'themeLight', dark: 'themeDark' };

/** The id of a theme's radio item, so the shell can check the one the page chose. */
export const themeItemId = (theme: ThemeChoice) => `theme-${theme}`;

/** What the template needs from the shell: send a command to the focused page, open a link. */
export interface MenuActions {
  send(command: MenuCommand): void;
  openLink(url: string): void;
  /** Writes the `pail` script to a bin folder; absent where installers do it (deb, Windows) or in development. */
  installCli?: () => void;
}

/**
 * The application menu as plain data (tested without Electron): File, Edit,
 * View, Go, Transfers, Window, Help, and the app menu on macOS. Items that act
 * on the app send a command the page runs with the same code as its buttons;
 * accelerators use CmdOrCtrl, so Cmd on macOS and Ctrl elsewhere.
 */
export function applicationMenuTemplate(platform: NodeJS.Platform, actions: MenuActions, appName = 'Pail'): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  /**
   * A menu item that sends a command. `pageKey`: the page already handles this
   * key (renderer/browser/shortcuts.ts), so the menu shows it without taking it — a
   * registered Delete or Backspace would also steal the key from text fields.
   * On macOS `registerAccelerator: false` does not stop the key
   * (electron/electron#18295: an NSMenuItem's key equivalent always fires), so
   * a click the accelerator triggered is dropped: the page's own handler acts
   * once, and Delete typed in a text field never reaches "Delete…".
   */
  const item = (label: string, command: MenuCommand, accelerator?: string, pageKey = false): MenuItemConstructorOptions => ({
    label,
    ...(accelerator && { accelerator, ...(pageKey && { registerAccelerator: false }) }),
    click: (_item, _window, event) => {
      if (pageKey && event?.triggeredByAccelerator) return;
      actions.send(command);
    },
  });
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  const { installCli } = actions;
  /** "Install Command-Line Tool…", with a separator after it, where the shell offers it. */
  const cliItems: MenuItemConstructorOptions[] = installCli ? [{ label: 'Install Command-Line Tool…', click: () => installCli() }, separator] : [];

  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      { role: 'about' },
      separator,
      ...cliItems,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      item('Add Profile…', 'addProfile'),
      item('Import Profiles…', 'importProfiles'),
      separator,
      item('New Bucket…', 'createBucket', 'CmdOrCtrl+Shift+B', true),
      item('New Folder…', 'newFolder', 'CmdOrCtrl+Shift+N', true),
      separator,
      item('Upload Files…', 'uploadFiles', 'CmdOrCtrl+U'),
      item('Upload Folder…', 'uploadFolder', 'CmdOrCtrl+Shift+U'),
      item('Import from URL…', 'importUrl'),
      item('Download', 'download', 'CmdOrCtrl+Shift+S', true),
      separator,
      ...(mac ? [] : cliItems),
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      // The roles reach text fields; in the object table the page's own handlers copy objects.
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      separator,
      item('Rename…', 'rename', 'F2', true),
      item('Delete…', 'delete', 'Delete', true),
      separator,
      item('Copy Link…', 'share', 'CmdOrCtrl+Shift+L'),
      item('Make Public', 'makePublic'),
      item('Make Private', 'makePrivate'),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      item('Refresh', 'refresh', 'F5', true),
      item('Two Panes', 'twoPanes', 'CmdOrCtrl+\\', true),
      item('Inspector', 'toggleInspector', 'CmdOrCtrl+I'),
      item('Transfers', 'showTransfers', 'CmdOrCtrl+Shift+T'),
      item('Activity', 'showActivity'),
      {
        label: 'Theme',
        submenu: THEME_CHOICES.map((theme) => ({ ...item(THEME_LABELS[theme], THEME_COMMANDS[theme]), id: themeItemId(theme), type: 'radio' as const })),
      },
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };
  const go: MenuItemConstructorOptions = {
    label: '&Go',
    submenu: [
      item('Back', 'back', 'Alt+Left', true),
      item('Forward', 'forward', 'Alt+Right', true),
      item('Enclosing Folder', 'up', 'Alt+Up', true),
      separator,
      item('Go to Address…', 'focusAddress', 'CmdOrCtrl+L', true),
      item('Search in Folder…', 'focusSearch', 'CmdOrCtrl+Shift+F', true),
    ],
  };
  const transfers: MenuItemConstructorOptions = {
    label: '&Transfers',
    submenu: [
      item('Pause All', 'pauseAll'),
      item('Resume All', 'resumeAll'),
      item('Retry Failed', 'retryFailed'),
      separator,
      item('Clear Finished', 'clearFinished'),
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: '&Window',
    submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [
      item('Keyboard Shortcuts', 'shortcuts', 'F1'),
      separator,
      { label: 'Documentation', click: () => actions.openLink(HELP_LINKS.documentation) },
      { label: 'Report a Problem', click: () => actions.openLink(HELP_LINKS.issues) },
      ...(mac ? [] : [separator, { role: 'about' } as MenuItemConstructorOptions]),
    ],
  };
  return [...(mac ? [appMenu] : []), file, edit, view, go, transfers, windowMenu, help];
}
