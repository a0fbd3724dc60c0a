import type { MenuCommand } from '../../shared/menu';
import { api } from '../api';
import { isWindowCommand, runWindowCommand } from '../browser/window-commands';
import { useBrowserStore } from '../stores/browser';
import { runCommand } from './commands';
import { openImport } from './import';
import { useInspectorStore } from '../stores/inspector';
import { useJobsStore } from '../stores/jobs';
import { openAddProfile } from './profile-editor';
import { chooseTheme } from './theme';
import { uploadFilesNative, uploadFolderNative } from './transfer-start';
import { useTransfersStore } from '../stores/transfers';
import { clearFinishedTransfers, pauseTransfers, resumeTransfers, retryTransfers } from './transfers';

/**
 * Runs what an item of Electron's application menu asks (`menu:command`) with
 * the same code as the page's buttons and keys, on the active pane. Like the
 * shortcuts, nothing happens while a dialog is open.
 */
export function runMenuCommand(command: MenuCommand): void {
  if (document.querySelector('dialog[open]')) return;
  const paneId = useBrowserStore.getState().activePane;
  if (command === 'shortcuts') return runWindowCommand('help');
  if (isWindowCommand(command)) return runWindowCommand(command);
  switch (command) {
    case 'addProfile':
      return openAddProfile();
    case 'importProfiles':
      return openImport();
    case 'uploadFiles':
      return void uploadFilesNative(paneId);
    case 'uploadFolder':
      return void uploadFolderNative(paneId);
    case 'importUrl':
    case 'download':
    case 'rename':
    case 'delete':
    case 'share':
    case 'makePublic':
    case 'makePrivate':
      return runCommand(paneId, command);
    case 'toggleInspector':
      return useInspectorStore.getState().setOpen(!useInspectorStore.getState().open);
    case 'showTransfers':
      return useTransfersStore.getState().setPanelOpen(true);
    case 'showActivity':
      return useJobsStore.getState().setPanelOpen(true);
    case 'pauseAll':
      return void pauseTransfers({});
    case 'resumeAll':
      return void resumeTransfers({});
    case 'retryFailed':
      return void retryTransfers({});
    case 'clearFinished':
      return void clearFinishedTransfers({});
    case 'themeSystem':
      return chooseTheme('system');
    case 'themeLight':
      return chooseTheme('light');
    case 'themeDark':
      return chooseTheme('dark');
  }
}

/** Listens to the application menu (Electron only; the web transport never sends it). */
export function startMenuCommands(): () => void {
  return api.on('menu:command', ({ command }) => runMenuCommand(command));
}
