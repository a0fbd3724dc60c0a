import {
  app,
  BrowserWindow,
  dialog,
  shell,
  type MessageBoxOptions,
  type MessageBoxReturnValue,
  type OpenDialogOptions,
  type OpenDialogReturnValue,
} from 'electron';
import { CrashDialogGate, crashChoice, crashDialogOptions, describeCrash, dialogParent } from './shell-dialogs';

/** The windows a dialog may attach to, best first: the focused one, then any other. */
function parentWindow(): BrowserWindow | undefined {
  return dialogParent([BrowserWindow.getFocusedWindow(), ...BrowserWindow.getAllWindows()]);
}

/** A message box over the app's window when one is shown, app-wide otherwise (never over a destroyed or hidden one). */
export function showMessage(options: MessageBoxOptions): Promise<MessageBoxReturnValue> {
  const parent = parentWindow();
  return parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options);
}

/** An open dialog, parented the same way. */
export function showOpen(options: OpenDialogOptions): Promise<OpenDialogReturnValue> {
  const parent = parentWindow();
  return parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options);
}

const crashGate = new CrashDialogGate();

/**
 * The Electron side of the last-resort crash handler (`installCrashNet`'s
 * `onCrash`): a message box saying what happened, where the log is, and
 * offering to quit. Before `ready` only `showErrorBox` works (on Linux it
 * prints to stderr instead). One at a time, and quiet for a minute after.
 * Never throws: it runs inside an uncaughtException handler.
 */
export function showCrashDialog(info: unknown): void {
  try {
    const report = describeCrash(info);
    if (!crashGate.tryOpen()) return;
    const options = crashDialogOptions(report);
    // A fatal crash ends the process right after this call: only a synchronous box can still be seen.
    const fatal = (info as { fatal?: unknown } | null)?.fatal === true;
    if (!app.isReady() || fatal) {
      dialog.showErrorBox(options.title, `${options.message}\n\n${options.detail}`);
      crashGate.closed();
      return;
    }
    void showMessage(options).then(
      ({ response }) => {
        crashGate.closed();
        const choice = crashChoice(response);
        if (choice === 'quit') app.quit();
        else if (choice === 'show-log' && report.logFile) shell.showItemInFolder(report.logFile);
      },
      () => crashGate.closed(),
    );
  } catch (error) {
    console.error(`[pail] could not show the crash dialog: ${error instanceof Error ? error.message : String(error)}`);
  }
}
