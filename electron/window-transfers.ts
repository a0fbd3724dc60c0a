import { BrowserWindow, dialog, Menu, nativeImage, Notification } from 'electron';
import type { EventChannel } from '../shared/ipc/channels';
import type { EventOf } from '../shared/ipc/contract';
import type { ShellHooks } from './app-services';
import { batchNotice, taskbarProgress } from './services/transfers/shell-summary';

/** A 16×16 drag image (a plain document glyph): startDrag needs one on every platform. */
const DRAG_ICON_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAJUlEQVR42mNgoCaISqn4TwzGa8DXr7/w4lEDRg0YKQZQlJnIAQAzE9ZMMRelcwAAAABJRU5ErkJggg==';

/** Electron's part of the UI: the folder dialog, native context menus, dragging objects out, taskbar progress and notifications. */
export function electronShellHooks(downloadsDir: string): ShellHooks {
  return {
    downloadsDir,
    async chooseFolder(title) {
      const window = BrowserWindow.getFocusedWindow();
      const options = { title: title ?? 'Choose a folder', defaultPath: downloadsDir, properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] };
      const answer = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return answer.canceled ? undefined : answer.filePaths[0];
    },
    popupMenu(items) {
      return new Promise((resolve) => {
        const template = items.flatMap((item) => [
          ...(item.separatorBefore ? [{ type: 'separator' as const }] : []),
          { label: item.label, enabled: item.enabled, click: () => resolve(item.id) },
        ]);
        const window = BrowserWindow.getFocusedWindow() ?? undefined;
        // The close callback comes after a click's: a dismissed menu resolves with nothing.
        Menu.buildFromTemplate(template).popup({ ...(window && { window }), callback: () => setTimeout(() => resolve(undefined), 0) });
      });
    },
    async chooseFiles(title) {
      const window = BrowserWindow.getFocusedWindow();
      const options = { title: title ?? 'Choose files', defaultPath: downloadsDir, properties: ['openFile', 'multiSelections'] as ('openFile' | 'multiSelections')[] };
      const answer = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return answer.canceled ? [] : answer.filePaths;
    },
    startDrag(paths) {
      const window = BrowserWindow.getFocusedWindow();
      window?.webContents.startDrag({ file: paths[0], files: paths, icon: nativeImage.createFromDataURL(`data:image/png;base64,${DRAG_ICON_PNG}`) });
    },
  };
}

/** Shows transfer events outside the page: progress on the taskbar / dock icon, a notification when a batch ends. */
export function showTransfersInShell<E extends EventChannel>(event: E, payload: EventOf<E>): void {
  if (event === 'transfer:progress') {
    const progress = taskbarProgress((payload as EventOf<'transfer:progress'>).totals);
    for (const window of BrowserWindow.getAllWindows()) window.setProgressBar(progress);
  } else if (event === 'transfer:batchFinished' && Notification.isSupported()) {
    new Notification(batchNotice(payload as EventOf<'transfer:batchFinished'>)).show();
  }
}
