import { isAbsolute } from 'node:path';

/**
 * Whether rows dragged out of the window can become files: Pail downloads the
 * objects first and calls `webContents.startDrag` when the drag leaves the
 * window. macOS ignores a `startDrag` that is not called from the page's
 * `dragstart` (LuqP2/Image-MetaHub#471; Electron's own guide calls it there),
 * so the download would run and nothing would be dropped: the feature is
 * offered on Windows and Linux only (the app says so through
 * `app:info.shell.dragOut`, and the Download button stays).
 */
export function dragOutSupported(platform: NodeJS.Platform): boolean {
  return platform !== 'darwin';
}

/**
 * The item for `webContents.startDrag`: every path absolute (a relative one
 * is resolved against the app's working folder, not the download folder),
 * `file` the first, and the icon, which Electron requires ("Must specify
 * non-empty 'icon' option" otherwise). Undefined when nothing can be dragged.
 */
export function dragItem<Icon>(paths: readonly string[], icon: Icon): { file: string; files: string[]; icon: Icon } | undefined {
  const files = paths.filter((path) => path.length > 0 && isAbsolute(path));
  if (files.length === 0) return undefined;
  return { file: files[0], files, icon };
}
