import type { Result } from '../../shared/errors';
import type { BatchStarted } from '../../shared/transfers';
import { api } from '../api';
import { filesOfDrop, type DropCapture } from '../browser/drop-walk';
import { pickedFolderRoot, pickedFromList, type PickedFile } from '../transfers/upload-plan';
import { itemsOfDrop } from '../uploads/upload-sheet-plan';
import type { PendingItem, UploadPlace } from '../stores/upload-sheet';
import { offerUpload } from './upload-sheet';
import { invalid, started } from './upload-send';
import { paneStores } from '../stores/browser';
import { showDialog } from '../stores/dialogs';
import { downloadEntry, entrySetOf } from './operations';
import { selectSelectedEntries } from '../stores/pane-selectors';
import type { PaneId } from '../stores/pane-state';
import { useProfilesStore } from '../stores/profiles';
import { useTransfersStore } from '../stores/transfers';

/**
 * Starting transfers from the UI: uploads from a drop or a picker (paths in
 * Electron, streamed Files in the web transport), downloads of the selection,
 * imports from a URL, and dragging objects out (Electron). Each opens the
 * transfer panel when its batch starts; a failure to start shows in the pane.
 */

/** A folder of a bucket. */
type Place = UploadPlace;

const policy = () => useTransfersStore.getState().policy;
const shell = () => useProfilesStore.getState().appInfo?.shell;
/** Electron uploads from paths on disk; the web transport streams the page's Files. */
const usesPaths = () => api.transport === 'electron' && !!api.pathForFile;
/** The last segment of a local path ("photos" of "/home/u/photos"). */
const baseName = (path: string) =>
  path
    .replace(/[\\/]+$/, '')
    .split(/[\\/]/)
    .pop() || path;

/** The pane's folder, or `prefix` (a folder row) in its bucket; undefined when no bucket is open. */
function placeOf(paneId: PaneId, prefix?: string): Place | undefined {
  const pane = paneStores[paneId].getState();
  if (!pane.profileId || !pane.bucket) return undefined;
  return { profileId: pane.profileId, bucket: pane.bucket, prefix: prefix ?? pane.prefix };
}

/** Web transport: the drop's top-level items, each sending its own Files and empty folders. */
function streamItems(files: PickedFile<File>[], folders: string[]): PendingItem[] {
  const top = (path: string) => path.split('/')[0];
  return itemsOfDrop(files, folders).map((item) => ({
    ...item,
    files: item.files.map(({ path, size }) => ({ path, size })),
    source: { kind: 'streams', files: files.filter((f) => top(f.path) === item.name), folders: folders.filter((f) => top(f) === item.name) },
  }));
}

/** Electron: a picked or dropped path, with the files found inside it when they are known. */
function pathItem(path: string, name: string, inside: { files: PickedFile<unknown>[]; folders: string[] }): PendingItem {
  const files = inside.files.filter((f) => f.path === name || f.path.startsWith(`${name}/`));
  const folder = files.some((f) => f.path !== name) || inside.folders.some((f) => f === name || f.startsWith(`${name}/`));
  return { name, folder, files: files.map(({ path, size }) => ({ path, size })), source: { kind: 'paths', paths: [path] } };
}

/** Uploads what was dropped onto a pane (into `prefix`, a folder row, or the pane's folder), after the upload sheet. */
export async function uploadDrop(paneId: PaneId, capture: DropCapture<File>, prefix?: string): Promise<void> {
  const place = placeOf(paneId, prefix);
  if (!place) return;
  const pane = paneStores[paneId].getState();
  const walked = await filesOfDrop(capture);
  if (usesPaths()) {
    const paths = capture.files.map((file) => api.pathForFile!(file));
    if (paths.length > 0 && paths.every(Boolean)) {
      await offerUpload(
        paneId,
        place,
        capture.files.map((file, i) => pathItem(paths[i], file.name, walked)),
      );
      return;
    }
    pane.showProblem({
      title: 'Cannot upload what was dropped',
      message:
        'Some dropped items are not files on this computer (dragged from a web page or another app). Save them to a folder first, then drop them from there.',
    });
    return;
  }
  if (walked.unreadable.length > 0) {
    pane.showProblem({
      title: `${walked.unreadable.length === 1 ? 'One dropped item' : `${walked.unreadable.length} dropped items`} could not be read`,
      message: `${walked.unreadable.slice(0, 5).join(', ')}${walked.unreadable.length > 5 ? ', …' : ''}: check that they still exist and that you may read them, then drop them again.`,
    });
  }
  const items = streamItems(walked.files, walked.folders);
  if (items.length === 0) started(paneId, invalid('There is nothing to upload.', 'Drop files or folders.'), 'Could not start the upload');
  else await offerUpload(paneId, place, items);
}

/** Uploads files from a file or folder picker (`webkitdirectory` Files carry their path inside the folder), after the upload sheet. */
export async function uploadPicked(paneId: PaneId, files: File[]): Promise<void> {
  const place = placeOf(paneId);
  if (!place || files.length === 0) return;
  const picked = pickedFromList(files);
  if (!usesPaths()) {
    await offerUpload(paneId, place, streamItems(picked, []));
    return;
  }
  const paths = files.map((file) => api.pathForFile!(file));
  // A folder pick: upload the folder itself (its empty folders too) rather than each file.
  const roots = files.map((file, i) => (file.webkitRelativePath ? pickedFolderRoot(paths[i], file.webkitRelativePath) : paths[i]));
  if (roots.some((root) => !root)) {
    if (paths.some((path) => !path)) {
      paneStores[paneId]
        .getState()
        .showProblem({ title: 'Cannot upload these files', message: 'The files have no path on this computer. Save them to a folder first.' });
      return;
    }
    await offerUpload(
      paneId,
      place,
      paths.map((path, i) => pathItem(path, files[i].name, { files: [picked[i]], folders: [] })),
    );
    return;
  }
  const unique = [...new Set(roots as string[])];
  await offerUpload(
    paneId,
    place,
    unique.map((root) => pathItem(root, baseName(root), { files: picked.filter((_, i) => roots[i] === root), folders: [] })),
  );
}

/** Whether "Upload folder" uses the native folder dialog (Electron) rather than the page's folder picker. */
export const nativeFolderPicker = (): boolean => usesPaths() && !!shell()?.chooseFolder;

/**
 * Whether "Upload folder" keeps empty folders: Electron uploads the picked
 * folder from disk; a browser's folder picker lists files only (checked in
 * Chromium), so there only a dropped folder brings its empty ones.
 */
export const folderPickerKeepsEmptyFolders = (): boolean => usesPaths();

/** Electron: picks a folder with the native dialog and uploads it whole (empty folders too). */
export async function uploadFolderNative(paneId: PaneId): Promise<void> {
  const place = placeOf(paneId);
  if (!place) return;
  const chosen = await api.app.chooseFolder({ title: 'Upload a folder' });
  if (!chosen.ok) paneStores[paneId].getState().showProblem({ title: 'Could not open the folder dialog', error: chosen.error });
  else if (chosen.data.path) {
    const path = chosen.data.path;
    await offerUpload(paneId, place, [{ name: baseName(path), folder: true, files: [], contentsUnknown: true, source: { kind: 'paths', paths: [path] } }]);
  }
}

/** Electron (the File menu): picks files with the native dialog and uploads them into the pane's folder. */
export async function uploadFilesNative(paneId: PaneId): Promise<void> {
  const place = placeOf(paneId);
  if (!place) return;
  const chosen = await api.app.chooseFolder({ title: 'Upload files', files: true });
  if (!chosen.ok) paneStores[paneId].getState().showProblem({ title: 'Could not open the file dialog', error: chosen.error });
  else if (chosen.data.paths?.length) {
    const items = chosen.data.paths.map((path): PendingItem => ({
      name: baseName(path),
      folder: false,
      files: [{ path: baseName(path) }],
      source: { kind: 'paths', paths: [path] },
    }));
    await offerUpload(paneId, place, items);
  }
}

/**
 * Downloads the selected objects and folders: to a folder picked in the
 * native dialog (Electron); in a browser, one object through the browser's
 * own download, several (or folders) to a folder typed in a dialog.
 */
export async function downloadSelection(paneId: PaneId): Promise<void> {
  const pane = paneStores[paneId].getState();
  const entries = selectSelectedEntries(pane);
  const set = entrySetOf(paneId, entries);
  if (!set || set.keys.length + set.prefixes.length === 0) return;
  if (shell()?.chooseFolder) {
    const chosen = await api.app.chooseFolder({ title: 'Download to' });
    if (!chosen.ok) pane.showProblem({ title: 'Could not open the folder dialog', error: chosen.error });
    else if (chosen.data.path) started(paneId, await startDownload(set, set.keys, set.prefixes, chosen.data.path), 'Could not start the download');
    return;
  }
  const single = entries.length === 1 && entries[0].kind === 'object' ? entries[0] : undefined;
  if (single) void downloadEntry(paneId, single);
  else showDialog({ kind: 'downloadTo', paneId, keys: set.keys, prefixes: set.prefixes });
}

/** Downloads objects and folders of a bucket into a local folder (an existing file gets a new name unless the policy says otherwise). */
export async function startDownload(
  from: { profileId: string; bucket: string },
  keys: string[],
  prefixes: string[],
  targetDir: string,
): Promise<Result<BatchStarted>> {
  const chosen = policy();
  const result = await api.transfers.download({
    profileId: from.profileId,
    bucket: from.bucket,
    keys,
    prefixes,
    targetDir,
    conflict: chosen === 'ask' ? 'rename' : chosen,
  });
  if (result.ok) useTransfersStore.getState().batchStarted();
  return result;
}

/** Streams an http(s) URL into the pane's folder (under `name`, or the name the server or URL gives). */
export async function importFromUrl(paneId: PaneId, url: string, name?: string): Promise<Result<BatchStarted>> {
  const place = placeOf(paneId);
  if (!place) return invalid('Open a bucket first.');
  const result = await api.transfers.importUrl({ ...place, url, ...(name && { name }), conflict: policy() });
  if (result.ok) useTransfersStore.getState().batchStarted();
  return result;
}

/** Electron: starts the OS drag of the dragged objects (folders cannot go) out of the window. */
export function dragOutRows(paneId: PaneId, keys: string[]): void {
  const place = placeOf(paneId);
  if (!place || keys.length === 0 || !shell()?.dragOut) return;
  void api.transfers.dragOut({ profileId: place.profileId, bucket: place.bucket, keys }).then((result) => {
    if (!result.ok) paneStores[paneId].getState().showProblem({ title: 'Could not drag the objects out', error: result.error });
  });
}
