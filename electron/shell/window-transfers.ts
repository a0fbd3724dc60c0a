import { BrowserWindow, Menu, nativeImage, nativeTheme, Notification, shell } from 'electron';
import type { EventChannel } from '../../shared/ipc/channels';
import type { EventOf } from '../../shared/ipc/contract';
import type { ShellHooks } from '../services/shell-service';
import { batchNotice } from '../services/transfers/engine/shell-summary';
import { themeItemId } from './menu-template';
import { dragItem, dragOutSupported } from './shell-drag';
import { NotificationKeeper } from './shell-notifications';
import { ProgressBarUpdates } from './shell-progress';
import { showOpen } from './window-dialogs';
import { applicationsFolder, startWith } from './open-with';

/** A 16×16 drag image (a plain document glyph): startDrag needs one on every platform. */
const DRAG_ICON_PNG = 'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAJUlEQVR42mNgoCaISqn4TwzGa8DXr7/w4lEDRg0YKQZQlJnIAQAzE9ZMMRelcwAAAABJRU5ErkJggg==';

/** Electron's part of the UI: the folder dialog, native context menus, dragging objects out, the theme, taskbar progress and notifications. */
export function electronShellHooks(downloadsDir: string): ShellHooks {
  return {
    downloadsDir,
    setTheme(theme) {
      // Also what prefers-color-scheme reports to the page, so "System" there follows the OS again.
      nativeTheme.themeSource = theme;
      const item = Menu.getApplicationMenu()?.getMenuItemById(themeItemId(theme));
      if (item) item.checked = true;
    },
    async chooseFolder(title) {
      const answer = await showOpen({ title: title ?? 'Choose a folder', defaultPath: downloadsDir, properties: ['openDirectory', 'createDirectory'] });
      return answer.canceled ? undefined : answer.filePaths[0];
    },
    popupMenu(items) {
      return new Promise((resolve) => {
        type Item = Omit<(typeof items)[number], 'submenu'>;
        const entry = (item: Item) => ({ label: item.label, enabled: item.enabled, click: () => resolve(item.id) });
        const withSeparator = <T>(item: Item, made: T) => [...(item.separatorBefore ? [{ type: 'separator' as const }] : []), made];
        const template = items.flatMap((item) =>
          withSeparator(
            item,
            item.submenu
              ? { label: item.label, enabled: item.enabled, submenu: item.submenu.flatMap((inner) => withSeparator(inner, entry(inner))) }
              : entry(item),
          ),
        );
        const window = BrowserWindow.getFocusedWindow() ?? undefined;
        // The close callback comes after a click's: a dismissed menu resolves with nothing.
        Menu.buildFromTemplate(template).popup({ ...(window && { window }), callback: () => setTimeout(() => resolve(undefined), 0) });
      });
    },
    // shell.openPath answers an error message ("" when it opened); it takes a plain absolute path (an edit session's
    // always is: URLs and "~" are what it mishandles, electron#28095, #5739). On Linux it hands the path to xdg-open and
    // may answer "" though nothing opened (electron#37240): the session then stands until stopped, and says so.
    openPath: (path) => shell.openPath(path),
    async chooseApplication() {
      const platform = process.platform;
      const answer = await showOpen({
        title: 'Edit with…',
        defaultPath: applicationsFolder(platform),
        properties: ['openFile'],
        ...(platform === 'darwin' && { filters: [{ name: 'Applications', extensions: ['app'] }] }),
        ...(platform === 'win32' && { filters: [{ name: 'Programs', extensions: ['exe', 'cmd', 'bat'] }] }),
      });
      return answer.canceled ? undefined : answer.filePaths[0];
    },
    startWith: (application, path) => startWith(process.platform, application, path),
    async chooseFiles(title) {
      const answer = await showOpen({ title: title ?? 'Choose files', defaultPath: downloadsDir, properties: ['openFile', 'multiSelections'] });
      return answer.canceled ? [] : answer.filePaths;
    },
    ...(dragOutSupported(process.platform) && {
      startDrag(paths: string[]) {
        const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows().find((w) => !w.isDestroyed());
        const item = dragItem(paths, nativeImage.createFromDataURL(`data:image/png;base64,${DRAG_ICON_PNG}`));
        if (window && item && !window.webContents.isDestroyed()) window.webContents.startDrag(item);
      },
    }),
  };
}

const progressBar = new ProgressBarUpdates();
const notifications = new NotificationKeeper<Notification>();

/** Shows transfer events outside the page: progress on the taskbar / dock icon, a notification when a batch ends. */
export function showTransfersInShell<E extends EventChannel>(event: E, payload: EventOf<E>): void {
  if (event === 'transfer:progress') {
    const progress = progressBar.next((payload as EventOf<'transfer:progress'>).totals);
    if (progress === undefined) return;
    for (const window of BrowserWindow.getAllWindows()) if (!window.isDestroyed()) window.setProgressBar(progress);
  } else if (event === 'transfer:batchFinished' && Notification.isSupported()) {
    // isSupported() is false on Linux without libnotify; with it but no notification daemon, show() does nothing.
    notifications.keep(new Notification(batchNotice(payload as EventOf<'transfer:batchFinished'>))).show();
  }
}
