import { homedir } from 'node:os';
import { join } from 'node:path';
import { PailError } from '../../shared/errors';
import type { AppInfo, ContextMenuRequest, ParsedRequestOf, ResponseOf } from '../../shared/ipc/contract';
import type { ThemeChoice } from '../../shared/theme';

/** What the shell around the UI adds (Electron's dialogs and drag-out); the web mode has none of it. */
export interface ShellHooks {
  /** The OS's Downloads folder; ~/Downloads when not given. */
  downloadsDir?: string;
  /** A native folder picker; undefined when the user cancelled. */
  chooseFolder?(title?: string): Promise<string | undefined>;
  /** Opens a file in the system's application for its type (Electron's `shell.openPath`): "" when it opened, else why not. */
  openPath?(path: string): Promise<string>;
  /** "Edit with…": the user picks an application (undefined: cancelled). */
  chooseApplication?(): Promise<string | undefined>;
  /** Starts a picked application with a file: "" once started, else why not. */
  startWith?(application: string, path: string): Promise<string>;
  /** A native picker of several files; empty when the user cancelled. */
  chooseFiles?(title?: string): Promise<string[]>;
  /** Starts dragging local files out of the focused window (`webContents.startDrag`). */
  startDrag?(paths: string[]): void;
  /** Shows a native context menu at the pointer; resolves with the chosen item's id. */
  popupMenu?(items: ContextMenuRequest['items']): Promise<string | undefined>;
  /** Makes the shell's own parts (menus, dialogs, title bar) follow the theme the user chose. */
  setTheme?(theme: ThemeChoice): void;
}

/** The error for a shell feature the web mode does not have. */
export function notInThisShell(what: string): PailError {
  return new PailError({
    code: 'InvalidRequest',
    message: `${what} needs the desktop app.`,
    hint: 'In the browser, type the folder path in the dialog instead.',
  });
}

/**
 * The native parts of the UI, as far as this shell has them: folder and file
 * pickers and context menus in Electron; in the web mode each says, in words,
 * that it needs the desktop app.
 */
export class ShellService {
  constructor(private readonly hooks: ShellHooks = {}) {}

  /** What the page may offer: the features this shell has. */
  features(): AppInfo['shell'] {
    return { chooseFolder: !!this.hooks.chooseFolder, dragOut: !!this.hooks.startDrag, nativeMenus: !!this.hooks.popupMenu, openInApp: !!this.hooks.openPath };
  }

  /** Opens a file in the system's application; a refusal (no application for the type, no desktop) is said in words. */
  async openPath(path: string): Promise<void> {
    if (!this.hooks.openPath) throw notInThisShell('Opening an object in an application');
    const problem = await this.hooks.openPath(path);
    if (problem)
      throw new PailError({
        code: 'InvalidRequest',
        message: `The system could not open ${path}: ${problem}`,
        hint: 'Check that an application is set to open this type of file, or download the object and open it yourself.',
      });
  }

  /** "Edit with…": the application the user picks (undefined when cancelled). */
  async chooseApplication(): Promise<string | undefined> {
    if (!this.hooks.chooseApplication) throw notInThisShell('Editing an object with an application');
    return this.hooks.chooseApplication();
  }

  /** Starts the picked application with the file; a refusal is said in words. */
  async startWith(application: string, path: string): Promise<void> {
    if (!this.hooks.startWith) throw notInThisShell('Editing an object with an application');
    const problem = await this.hooks.startWith(application, path);
    if (problem)
      throw new PailError({
        code: 'InvalidRequest',
        message: `Could not start ${application}: ${problem}`,
        hint: 'Pick the application again (its program file).',
      });
  }

  /** Where downloads go unless the user picks another folder. */
  downloadsDir(): string {
    return this.hooks.downloadsDir ?? join(homedir(), 'Downloads');
  }

  /** A native folder picker, or a picker of several files; an empty answer when the user cancelled. */
  async chooseFolder({ title, files }: ParsedRequestOf<'app:chooseFolder'>): Promise<ResponseOf<'app:chooseFolder'>> {
    if (files) {
      if (!this.hooks.chooseFiles) throw notInThisShell('Choosing files with a dialog');
      const paths = await this.hooks.chooseFiles(title);
      return paths.length > 0 ? { paths } : {};
    }
    if (!this.hooks.chooseFolder) throw notInThisShell('Choosing a folder with a dialog');
    const path = await this.hooks.chooseFolder(title);
    return path ? { path } : {};
  }

  /** A native context menu at the pointer; the chosen item's id, or nothing when it was dismissed. */
  async contextMenu({ items }: ParsedRequestOf<'app:contextMenu'>): Promise<ResponseOf<'app:contextMenu'>> {
    if (!this.hooks.popupMenu) throw notInThisShell('A native context menu');
    const chosen = await this.hooks.popupMenu(items);
    return chosen === undefined ? {} : { chosen };
  }

  /** Passes the theme the user chose to the shell; `native` says whether it had anything to change (the web mode has not). */
  setTheme({ theme }: ParsedRequestOf<'app:setTheme'>): ResponseOf<'app:setTheme'> {
    this.hooks.setTheme?.(theme);
    return { native: !!this.hooks.setTheme };
  }
}
