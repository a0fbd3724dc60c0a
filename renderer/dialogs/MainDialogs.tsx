import { useDialogsStore } from '../stores/dialogs';
import { SpeedLimitDialog } from '../transfers/SpeedLimitDialog';
import { BucketAccessDialog, SetAccessDialog } from '../access/AccessDialogs';
import { BucketSettingsDialog } from '../buckets/BucketSettingsDialog';
import { CreateBucketDialog } from './CreateBucketDialog';
import { DeleteBucketDialog } from './DeleteBucketDialog';
import { DeleteEntriesDialog, DeleteVersionDialog, EnableVersioningDialog } from './EntryDialogs';
import { JobFailuresDialog, ShortcutsDialog } from './InfoDialogs';
import { LinkDialog } from '../links/LinkDialog';
import { NewFolderDialog, RenameDialog } from './NameDialogs';
import { StorageClassDialog } from './StorageClassDialog';
import { DownloadToDialog, ImportUrlDialog } from '../transfers/TransferDialogs';
import { SyncDialog } from '../sync/SyncDialog';
import { EditTextDialog } from '../edit/EditTextDialog';

/** The dialog of the main area that is open, if any (one at a time; each opening is a fresh dialog). */
export function MainDialogs() {
  const dialog = useDialogsStore((state) => state.dialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'newFolder':
      return <NewFolderDialog key="new-folder" paneId={dialog.paneId} />;
    case 'rename':
      return <RenameDialog key={`rename-${dialog.entry.name}`} paneId={dialog.paneId} entry={dialog.entry} />;
    case 'delete':
      return <DeleteEntriesDialog paneId={dialog.paneId} entries={dialog.entries} wholeFolder={dialog.wholeFolder} />;
    case 'createBucket':
      return <CreateBucketDialog />;
    case 'deleteBucket':
      return <DeleteBucketDialog key={dialog.bucket} profileId={dialog.profileId} bucket={dialog.bucket} />;
    case 'enableVersioning':
      return <EnableVersioningDialog paneId={dialog.paneId} />;
    case 'deleteVersion':
      return <DeleteVersionDialog paneId={dialog.paneId} entry={dialog.entry} />;
    case 'jobFailures':
      return <JobFailuresDialog key={dialog.jobId} jobId={dialog.jobId} />;
    case 'shortcuts':
      return <ShortcutsDialog />;
    case 'importUrl':
      return <ImportUrlDialog paneId={dialog.paneId} />;
    case 'downloadTo':
      return <DownloadToDialog paneId={dialog.paneId} keys={dialog.keys} prefixes={dialog.prefixes} />;
    case 'links':
      return <LinkDialog profileId={dialog.profileId} bucket={dialog.bucket} keys={dialog.keys} />;
    case 'storageClass':
      return <StorageClassDialog profileId={dialog.profileId} bucket={dialog.bucket} keys={dialog.keys} prefixes={dialog.prefixes} />;
    case 'setAccess':
      return <SetAccessDialog profileId={dialog.profileId} bucket={dialog.bucket} keys={dialog.keys} prefixes={dialog.prefixes} access={dialog.access} />;
    case 'bucketAccess':
      return <BucketAccessDialog key={dialog.bucket} profileId={dialog.profileId} bucket={dialog.bucket} />;
    case 'editText':
      return <EditTextDialog key={`${dialog.bucket}/${dialog.key}`} profileId={dialog.profileId} bucket={dialog.bucket} objectKey={dialog.key} />;
    case 'sync':
      return (
        <SyncDialog key={`${dialog.bucket}/${dialog.prefix}`} profileId={dialog.profileId} bucket={dialog.bucket} prefix={dialog.prefix} title={dialog.title} />
      );
    case 'bucketSettings':
      return <BucketSettingsDialog key={dialog.bucket} profileId={dialog.profileId} bucket={dialog.bucket} returnTo={dialog.returnTo} />;
    case 'speedLimit':
      return <SpeedLimitDialog target={dialog.target} />;
  }
}
