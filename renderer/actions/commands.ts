import { planPaste } from '../browser/clipboard-plan';
import { paneStores } from '../stores/browser';
import { useClipboardStore } from '../stores/clipboard';
import { objectAclBlock } from './access';
import { copyUrls } from './copy-url';
import { showDialog } from '../stores/dialogs';
import { confirmDelete, downloadEntry, entrySetOf, restoreVersion, setEntriesAccess, transferEntries } from './operations';
import type { PaneStore } from '../stores/pane';
import { selectSelectedEntries, selectSelectionKinds, selectSingleEntry } from '../stores/pane-selectors';
import type { PaneId, PaneState } from '../stores/pane-state';
import { openFolder, setVersionsMode } from './navigation';
import { inspectEntry } from './selection';
import { downloadSelection } from './transfer-start';

/**
 * What the toolbar, the row context menu and the keyboard can ask of a pane.
 * One list, so the three always agree on what is possible.
 */
export type PaneCommand =
  | 'open'
  | 'info'
  | 'download'
  | 'rename'
  | 'copy'
  | 'cut'
  | 'paste'
  | 'delete'
  | 'newFolder'
  | 'importUrl'
  | 'downloadVersion'
  | 'restoreVersion'
  | 'deleteVersion'
  | 'toggleVersions'
  | 'share'
  | 'makePublic'
  | 'makePrivate'
  | 'storageClass'
  | 'compareFolder'
  | 'synchronize'
  | 'copyUrl';

/** Each command's name as buttons and menu items show it. */
export const COMMAND_LABELS: Record<PaneCommand, string> = {
  open: 'Open',
  info: 'Info',
  download: 'Download',
  rename: 'Rename',
  copy: 'Copy',
  cut: 'Cut',
  paste: 'Paste',
  delete: 'Delete',
  newFolder: 'New folder',
  importUrl: 'Import from URL…',
  downloadVersion: 'Download this version',
  restoreVersion: 'Restore this version',
  deleteVersion: 'Delete this version',
  toggleVersions: 'Show versions',
  share: 'Copy link…',
  makePublic: 'Make public',
  makePrivate: 'Make private',
  storageClass: 'Storage class…',
  compareFolder: 'Compare with folder…',
  synchronize: 'Synchronize…',
  copyUrl: 'Copy URL',
};

/** Commands that change ACLs: off, with the reason shown, where the bucket or provider has none. */
export const ACCESS_COMMANDS: readonly PaneCommand[] = ['makePublic', 'makePrivate'];

/** The most objects one link dialog signs at once (the main process's limit). */
const MAX_LINKS = 1000;

/** Which commands can run now, from the pane's state and whether the clipboard holds something. */
export function commandAvailability(pane: PaneState, hasClip: boolean): Record<PaneCommand, boolean> {
  const open = !!pane.bucket;
  const single = selectSingleEntry(pane);
  // Counted, not built: a toolbar asks on every change, and Select all may cover a million rows.
  const kinds = selectSelectionKinds(pane);
  const count = kinds.folders + kinds.objects + kinds.versions;
  const objectsMode = open && !pane.versionsMode;
  const manageable = objectsMode && count > 0 && kinds.versions === 0;
  const version = single?.kind === 'version' ? single : undefined;
  const syncable = objectsMode && !pane.search && (count === 0 || (count === 1 && single?.kind === 'folder'));
  const objectsOnly = open && !pane.versionsMode && count > 0 && count <= MAX_LINKS && kinds.objects === count;
  return {
    open: single?.kind === 'folder',
    info: single?.kind === 'object' || (!!version && !version.isDeleteMarker),
    download: manageable,
    rename: objectsMode && (single?.kind === 'object' || single?.kind === 'folder'),
    copy: manageable,
    cut: manageable,
    paste: objectsMode && hasClip && !pane.search,
    delete: manageable,
    newFolder: objectsMode && !pane.search,
    importUrl: objectsMode && !pane.search,
    downloadVersion: !!version && !version.isDeleteMarker,
    restoreVersion: !!version && !version.isDeleteMarker && !version.isLatest,
    deleteVersion: !!version,
    toggleVersions: open && !pane.search && (pane.versioning === 'Enabled' || pane.versioning === 'Suspended'),
    share: objectsOnly,
    makePublic: manageable,
    makePrivate: manageable,
    storageClass: manageable,
    // A folder selected, or none: the open folder (the bucket at its top).
    compareFolder: syncable,
    synchronize: syncable,
    // Folders in the selection are skipped (a link names one object): one object is enough.
    copyUrl: objectsMode && kinds.objects > 0,
  };
}

/** Whether files can be uploaded into the pane's folder (a bucket open, not versions or search results). */
export const canUploadHere = (pane: PaneState): boolean => !!pane.bucket && !pane.versionsMode && !pane.search;

/** Runs a command on a pane's selection (or its folder). Does nothing when the command cannot run now. */
export function runCommand(paneId: PaneId, command: PaneCommand): void {
  const pane: PaneStore = paneStores[paneId].getState();
  const clip = useClipboardStore.getState().clip;
  if (!commandAvailability(pane, !!clip)[command]) {
    // "Show versions" on a bucket without versioning offers to turn it on.
    if (command === 'toggleVersions' && pane.bucket && pane.versioning === 'Off' && !pane.search) showDialog({ kind: 'enableVersioning', paneId });
    return;
  }
  const single = selectSingleEntry(pane);
  switch (command) {
    case 'open':
      if (single?.kind === 'folder') openFolder(paneId, single.prefix);
      return;
    case 'info':
      if (single) inspectEntry(paneId, single);
      return;
    case 'download':
      void downloadSelection(paneId);
      return;
    case 'downloadVersion':
      if (single?.kind === 'version') void downloadEntry(paneId, single);
      return;
    case 'rename':
      if (single && single.kind !== 'version') showDialog({ kind: 'rename', paneId, entry: single });
      return;
    case 'copy':
    case 'cut': {
      const set = entrySetOf(paneId, selectSelectedEntries(pane));
      if (set) useClipboardStore.getState().put({ ...set, mode: command });
      return;
    }
    case 'paste':
      void paste(paneId);
      return;
    case 'delete':
      confirmDelete(paneId);
      return;
    case 'newFolder':
      showDialog({ kind: 'newFolder', paneId });
      return;
    case 'importUrl':
      showDialog({ kind: 'importUrl', paneId });
      return;
    case 'restoreVersion':
      if (single?.kind === 'version') void restoreVersion(paneId, single);
      return;
    case 'deleteVersion':
      if (single?.kind === 'version') showDialog({ kind: 'deleteVersion', paneId, entry: single });
      return;
    case 'toggleVersions':
      setVersionsMode(paneId, !pane.versionsMode);
      return;
    case 'share': {
      const set = entrySetOf(paneId, selectSelectedEntries(pane));
      if (set) showDialog({ kind: 'links', profileId: set.profileId, bucket: set.bucket, keys: set.keys });
      return;
    }
    case 'makePublic':
    case 'makePrivate':
      void changeAccess(paneId, command === 'makePublic' ? 'public-read' : 'private');
      return;
    case 'storageClass': {
      const set = entrySetOf(paneId, selectSelectedEntries(pane));
      if (set) showDialog({ kind: 'storageClass', profileId: set.profileId, bucket: set.bucket, keys: set.keys, prefixes: set.prefixes });
      return;
    }
    case 'compareFolder':
    case 'synchronize':
      if (pane.profileId && pane.bucket)
        showDialog({
          kind: 'sync',
          profileId: pane.profileId,
          bucket: pane.bucket,
          prefix: single?.kind === 'folder' ? single.prefix : pane.prefix,
          title: command === 'compareFolder' ? 'compare' : 'sync',
        });
      return;
    case 'copyUrl':
      void copyUrls(paneId);
      return;
  }
}

/**
 * Makes the selection public or private. Whole folders (recursive, maybe
 * thousands of objects) are asked about first; objects change at once.
 */
async function changeAccess(paneId: PaneId, access: 'public-read' | 'private'): Promise<void> {
  const pane = paneStores[paneId].getState();
  const set = entrySetOf(paneId, selectSelectedEntries(pane));
  if (!set) return;
  const block = objectAclBlock(set.profileId, set.bucket);
  if (block) {
    pane.showProblem({ title: 'Access cannot be changed here', message: `${block.message} ${block.hint}` });
    return;
  }
  const request = { profileId: set.profileId, bucket: set.bucket, keys: set.keys, prefixes: set.prefixes };
  if (set.prefixes.length > 0) {
    showDialog({ kind: 'setAccess', ...request, access });
    return;
  }
  const result = await setEntriesAccess(request, access);
  if (!result.ok) pane.showProblem({ title: 'Could not change access', error: result.error });
}

/** Pastes the clipboard into the pane's folder: copies, or moves what was cut. */
async function paste(paneId: PaneId): Promise<void> {
  const pane = paneStores[paneId].getState();
  const plan = planPaste(
    useClipboardStore.getState().clip,
    pane.profileId && pane.bucket ? { profileId: pane.profileId, bucket: pane.bucket, prefix: pane.prefix } : undefined,
  );
  if (!plan.ok) {
    pane.showProblem({ title: 'Cannot paste here', message: plan.problem });
    return;
  }
  const result = await transferEntries(plan.request);
  if (!result.ok) pane.showProblem({ title: plan.request.mode === 'move' ? 'Could not move' : 'Could not paste', error: result.error });
}
