import { useState } from 'react';
import { enableVersioning } from '../actions/navigation';
import type { ErrorInfo } from '../../shared/errors';
import { NULL_VERSION_ID, type VersionEntry, type VersioningStatus } from '../../shared/versions';
import { describeCounts } from '../browser/clipboard-plan';
import { formatCount } from '../common/format';
import { useDialogsStore } from '../stores/dialogs';
import type { Entry } from '../stores/listing';
import { deleteEntries, deleteFolderContents, deleteVersion } from '../actions/operations';
import type { PaneId } from '../stores/pane-state';
import { paneOf } from '../browser/pane-context';
import { shownName } from '../browser/ObjectRow';
import { ConfirmDialog } from './ConfirmDialog';

const close = () => useDialogsStore.getState().close();
const SHOWN_NAMES = 5;

/** "Delete 3 objects and 2 folders (everything inside them)?"; `counts` when the entries are only the first few of the rows. */
export function deleteQuestion(entries: Entry[], counts?: { objects: number; folders: number }): string {
  const folders = counts?.folders ?? entries.filter((e) => e.kind === 'folder').length;
  const objects = counts?.objects ?? entries.length - folders;
  const inside = folders === 0 ? '' : folders === 1 ? ' (everything inside it)' : ' (everything inside them)';
  return `Delete ${describeCounts(objects, folders)}${inside}?`;
}

/** What deleting does to the data, by whether the bucket keeps versions (unknown: both cases are named). */
function deleteConsequence(bucket: string, versioning: VersioningStatus | undefined, withFolders: boolean): string {
  const what = withFolders ? 'They and every object in the folders' : 'They';
  switch (versioning) {
    case 'Enabled':
      return `${bucket} keeps versions: deleting adds a delete marker, and the earlier versions stay (and are billed). To remove them for good, choose Show versions and delete the versions too.`;
    case 'Suspended':
      return `Versioning is suspended on ${bucket}: deleting adds a delete marker, and a version written while versioning was off or suspended goes for good; earlier versions stay. To remove them, choose Show versions and delete them too.`;
    case 'Off':
      return `${what} are removed from ${bucket} for good: the bucket does not keep versions, so this cannot be undone.`;
    default:
      return `${what} are removed from ${bucket}. Unless the bucket keeps versions, this cannot be undone.`;
  }
}

/** Asks before objects and whole folders are deleted; the delete then runs as a job in the Activity panel. */
export function DeleteEntriesDialog({
  paneId,
  entries,
  wholeFolder,
}: {
  paneId: PaneId;
  entries: Entry[];
  /** Every row of the open folder: `entries` are the first few, and the folder's contents are deleted as such. */
  wholeFolder?: { prefix: string; objects: number; folders: number };
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const names = entries.slice(0, SHOWN_NAMES).map((e) => shownName(e) + (e.kind === 'folder' ? '/' : ''));
  const total = wholeFolder ? wholeFolder.objects + wholeFolder.folders : entries.length;
  const { bucket, versioning } = paneOf(paneId);
  return (
    <ConfirmDialog
      title={deleteQuestion(entries, wholeFolder)}
      confirmLabel="Delete"
      danger
      busy={busy}
      error={error}
      errorTitle="Could not start the delete"
      onCancel={close}
      onConfirm={async () => {
        setBusy(true);
        const result = wholeFolder ? await deleteFolderContents(paneId, wholeFolder) : await deleteEntries(paneId, entries);
        setBusy(false);
        if (result.ok) close();
        else setError(result.error);
      }}
    >
      <p className="dialog-text">
        {deleteConsequence(bucket ?? '', versioning, wholeFolder ? wholeFolder.folders > 0 : entries.some((e) => e.kind === 'folder'))}
      </p>
      <ul className="dialog-names">
        {names.map((name) => (
          <li key={name}>{name}</li>
        ))}
        {total > SHOWN_NAMES && <li>and {formatCount(total - SHOWN_NAMES)} more</li>}
      </ul>
    </ConfirmDialog>
  );
}

/** Asks before one version (or delete marker) is deleted for good. */
export function DeleteVersionDialog({ paneId, entry }: { paneId: PaneId; entry: VersionEntry }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const what = entry.isDeleteMarker ? 'this delete marker' : 'this version';
  return (
    <ConfirmDialog
      title={`Delete ${what} of ${shownName(entry)}?`}
      confirmLabel="Delete"
      danger
      busy={busy}
      error={error}
      errorTitle="Could not delete it"
      onCancel={close}
      onConfirm={async () => {
        setBusy(true);
        const result = await deleteVersion(paneId, entry);
        setBusy(false);
        if (result.ok) close();
        else setError(result.error);
      }}
    >
      <p className="dialog-text">
        {entry.versionId === NULL_VERSION_ID ? (
          'The version from before versioning was turned on'
        ) : (
          <>
            Version <code>{entry.versionId}</code>
          </>
        )}{' '}
        is removed for good.
        {entry.isDeleteMarker
          ? ' Without its delete marker the newest version shows again.'
          : entry.isLatest
            ? ' The version before it becomes the latest.'
            : ''}
      </p>
    </ConfirmDialog>
  );
}

/** Asks before versioning is turned on for the pane's bucket. */
export function EnableVersioningDialog({ paneId }: { paneId: PaneId }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const bucket = paneOf(paneId).bucket;
  return (
    <ConfirmDialog
      title={`Enable versioning on ${bucket}?`}
      confirmLabel="Enable versioning"
      busy={busy}
      error={error}
      errorTitle="Could not enable versioning"
      onCancel={close}
      onConfirm={async () => {
        setBusy(true);
        const result = await enableVersioning(paneId);
        setBusy(false);
        if (!result.ok) {
          setError(result.error);
          return;
        }
        // The pane stays on the current objects; "Show versions" is there when wanted.
        close();
      }}
    >
      <p className="dialog-text">
        The bucket then keeps every version of every object, and a delete leaves a delete marker instead of removing the data; older versions are stored (and
        billed) until deleted. Versioning can later be suspended, but never turned off entirely.
      </p>
    </ConfirmDialog>
  );
}
