import type { ErrorInfo, Result } from '../../shared/errors';
import type { BatchStarted } from '../../shared/transfers';
import { api } from '../api';
import { filesOfDrop, type DropCapture } from '../browser/drop-walk';
import { assignBatch, forgetTickets, keepBodies, newTicket } from '../transfers/upload-bodies';
import { pickedFolderRoot, pickedFromList, planStreams, type PickedFile } from '../transfers/upload-plan';
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
interface Place {
  profileId: string;
  bucket: string;
  prefix: string;
}

const invalid = (message: string, hint = ''): { ok: false; error: ErrorInfo } => ({ ok: false, error: { code: 'InvalidRequest', message, hint } });
const policy = () => useTransfersStore.getState().policy;
const shell = () => useProfilesStore.getState().appInfo?.shell;
/** Electron uploads from paths on disk; the web transport streams the page's Files. */
const usesPaths = () => api.transport === 'electron' && !!api.pathForFile;

/** The pane's folder, or `prefix` (a folder row) in its bucket; undefined when no bucket is open. */
function placeOf(paneId: PaneId, prefix?: string): Place | undefined {
  const pane = paneStores[paneId].getState();
  if (!pane.profileId || !pane.bucket) return undefined;
  return { profileId: pane.profileId, bucket: pane.bucket, prefix: prefix ?? pane.prefix };
}

function started(paneId: PaneId, result: Result<BatchStarted>, title: string): void {
  if (result.ok) useTransfersStore.getState().batchStarted();
  else paneStores[paneId].getState().showProblem({ title, error: result.error });
}

function uploadPaths(place: Place, paths: string[]): Promise<Result<BatchStarted>> {
  return api.transfers.upload({ ...place, paths, conflict: policy() });
}

/** Web transport: describes the files to the engine, then keeps each File under its ticket until it is asked for. */
async function uploadStreams(place: Place, files: PickedFile<File>[], folders: string[]): Promise<Result<BatchStarted>> {
  const plan = planStreams(files, folders);
  if (plan.files.length + plan.folders.length === 0)
    return invalid('There is nothing to upload.', 'Choose files or folders (a folder with files in it, or an empty one).');
  // Kept before asking: the engine may want the first body before the answer arrives.
  const tickets = plan.files.map(() => newTicket());
  keepBodies(plan.files.map((f, i) => ({ ticket: tickets[i], body: f.file })));
  const result = await api.transfers.uploadStreams({
    ...place,
    files: plan.files.map(({ path, size }, i) => ({ path, size, ticket: tickets[i] })),
    folders: plan.folders,
    conflict: policy(),
  });
  if (result.ok) assignBatch(tickets, result.data.batchId);
  else forgetTickets(tickets);
  return result;
}

/** Uploads what was dropped onto a pane (into `prefix`, a folder row, or the pane's folder). */
export async function uploadDrop(paneId: PaneId, capture: DropCapture<File>, prefix?: string): Promise<void> {
  const place = placeOf(paneId, prefix);
  if (!place) return;
  const pane = paneStores[paneId].getState();
  if (usesPaths()) {
    const paths = capture.files.map((file) => api.pathForFile!(file));
    if (paths.length > 0 && paths.every(Boolean)) {
      started(paneId, await uploadPaths(place, paths), 'Could not start the upload');
      return;
    }
    pane.showProblem({
      title: 'Cannot upload what was dropped',
      message:
        'Some dropped items are not files on this computer (dragged from a web page or another app). Save them to a folder first, then drop them from there.',
    });
    return;
  }
  const walked = await filesOfDrop(capture);
  started(paneId, await uploadStreams(place, walked.files, walked.folders), 'Could not start the upload');
  if (walked.unreadable.length > 0) {
    pane.showProblem({
      title: `${walked.unreadable.length === 1 ? 'One dropped item' : `${walked.unreadable.length} dropped items`} could not be read`,
      message: `${walked.unreadable.slice(0, 5).join(', ')}${walked.unreadable.length > 5 ? ', …' : ''}: check that they still exist and that you may read them, then drop them again.`,
    });
  }
}

/** Uploads files from a file or folder picker (`webkitdirectory` Files carry their path inside the folder). */
export async function uploadPicked(paneId: PaneId, files: File[]): Promise<void> {
  const place = placeOf(paneId);
  if (!place || files.length === 0) return;
  if (!usesPaths()) {
    started(paneId, await uploadStreams(place, pickedFromList(files), []), 'Could not start the upload');
    return;
  }
  const paths = files.map((file) => api.pathForFile!(file));
  // A folder pick: upload the folder itself (its empty folders too) rather than each file.
  const roots = new Set(files.map((file, i) => (file.webkitRelativePath ? pickedFolderRoot(paths[i], file.webkitRelativePath) : paths[i])));
  const sources = [...roots].every(Boolean) ? ([...roots] as string[]) : paths;
  if (sources.some((path) => !path)) {
    paneStores[paneId]
      .getState()
      .showProblem({ title: 'Cannot upload these files', message: 'The files have no path on this computer. Save them to a folder first.' });
    return;
  }
  started(paneId, await uploadPaths(place, sources), 'Could not start the upload');
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
  else if (chosen.data.path) started(paneId, await uploadPaths(place, [chosen.data.path]), 'Could not start the upload');
}

/** Electron (the File menu): picks files with the native dialog and uploads them into the pane's folder. */
export async function uploadFilesNative(paneId: PaneId): Promise<void> {
  const place = placeOf(paneId);
  if (!place) return;
  const chosen = await api.app.chooseFolder({ title: 'Upload files', files: true });
  if (!chosen.ok) paneStores[paneId].getState().showProblem({ title: 'Could not open the file dialog', error: chosen.error });
  else if (chosen.data.paths?.length) started(paneId, await uploadPaths(place, chosen.data.paths), 'Could not start the upload');
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
