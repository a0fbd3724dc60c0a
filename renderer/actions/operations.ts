import type { Result } from '../../shared/errors';
import type { AccessChoice } from '../../shared/sharing';
import type { BucketStats, BucketSummary, FolderEntry, ObjectEntry } from '../../shared/ipc/contract';
import type { JobFinished, JobKind, JobStarted } from '../../shared/jobs';
import type { VersionEntry } from '../../shared/versions';
import { api } from '../api';
import { describeCounts, planTransfer, type CopyRequest, type EntrySet, type PasteTarget } from '../browser/clipboard-plan';
import { choiceWord } from '../access/access-words';
import { downloadFromUrl } from '../common/download';
import { invalidateAccess } from './access';
import { msSinceListingBegan } from './listing';
import { paneStores } from '../stores/browser';
import { useClipboardStore } from '../stores/clipboard';
import { showDialog, useDialogsStore } from '../stores/dialogs';
import { useJobsStore } from '../stores/jobs';
import { entryPath, type Entry } from '../stores/listing';
import { selectRows, selectSelectedEntries, selectWholeFolderSelected } from '../stores/pane-selectors';
import type { PaneId } from '../stores/pane-state';
import { bucketCreated, bucketDeleted } from './buckets';
import { revealIfFailed, revealWhenSlow } from './jobs';
import { refreshBucket } from './navigation';

/**
 * The object and bucket operations the main area offers. Each calls the API,
 * follows the job it starts, and refreshes what the job changed when it ends;
 * the caller (a dialog) shows any error the start returned.
 */

/** Follows a job: the Activity panel shows it; when it ends, the buckets it touched are listed again, and failures shown. */
export function follow(jobId: string, title: string, kind: JobKind, touched: { profileId: string; bucket: string }[], after?: (finished: JobFinished) => void) {
  useJobsStore.getState().track(jobId, title, kind, (finished) => {
    for (const place of touched) refreshBucket(place.profileId, place.bucket);
    revealIfFailed(finished);
    after?.(finished);
    if ((finished.status === 'partial' || finished.status === 'failed') && !useDialogsStore.getState().dialog) {
      showDialog({ kind: 'jobFailures', jobId });
    }
  });
  revealWhenSlow(jobId);
}

/** The entries of a pane as a set of keys and folder prefixes, with the folder they share. */
export function entrySetOf(paneId: PaneId, entries: Entry[]): EntrySet | undefined {
  const { profileId, bucket, prefix, search } = paneStores[paneId].getState();
  if (!profileId || !bucket) return undefined;
  const keys: string[] = [];
  const prefixes: string[] = [];
  for (const entry of entries) {
    if (entry.kind === 'folder') prefixes.push(entry.prefix);
    else if (entry.kind === 'object') keys.push(entry.key);
  }
  // Search results come from many folders: no folder is "theirs".
  return { profileId, bucket, prefix: search ? '\u0000search' : prefix, keys, prefixes };
}

/** Creates a folder in the pane's open folder (see `showCreatedFolder`). */
export async function createFolder(paneId: PaneId, name: string): Promise<Result<FolderEntry>> {
  const { profileId, bucket, prefix } = paneStores[paneId].getState();
  if (!profileId || !bucket) return { ok: false, error: { code: 'InvalidRequest', message: 'Open a bucket first.', hint: '' } };
  return api.s3.createFolder({ profileId, bucket, prefix, name });
}

/** Shows a folder just created in the pane (focused), if the pane still shows the folder it was made in. */
export function showCreatedFolder(paneId: PaneId, entry: FolderEntry): void {
  const pane = paneStores[paneId].getState();
  const parent = entry.prefix.slice(0, entry.prefix.slice(0, -1).lastIndexOf('/') + 1);
  if (pane.prefix === parent && !pane.search && !pane.versionsMode) pane.addFolder(entry);
}

/** Renames an object or a folder (everything in it) in place, as a job. */
export async function renameEntry(paneId: PaneId, entry: FolderEntry | ObjectEntry, newName: string): Promise<Result<JobStarted>> {
  const { profileId, bucket } = paneStores[paneId].getState();
  if (!profileId || !bucket) return { ok: false, error: { code: 'InvalidRequest', message: 'Open a bucket first.', hint: '' } };
  const result = await api.s3.rename({ profileId, bucket, source: entryPath(entry), newName });
  if (result.ok) follow(result.data.jobId, `Renaming ${entry.name} to ${newName}`, 'rename', [{ profileId, bucket }]);
  return result;
}

/** Names shown in a delete confirmation; the rest are counted. */
const NAMES_SHOWN = 5;

/**
 * Asks before the pane's selection is deleted. Every row of a fully listed
 * folder is asked about as the folder's contents, with its counts and the
 * first few rows: a million rows are never built, nor sent as keys.
 */
export function confirmDelete(paneId: PaneId): void {
  const pane = paneStores[paneId].getState();
  if (selectWholeFolderSelected(pane)) {
    const rows = selectRows(pane);
    const { folders, others } = rows.kinds();
    const first = Array.from({ length: Math.min(NAMES_SHOWN, rows.length) }, (_, i) => rows.at(i)!);
    showDialog({ kind: 'delete', paneId, entries: first, wholeFolder: { prefix: pane.prefix, objects: others, folders } });
    return;
  }
  showDialog({ kind: 'delete', paneId, entries: selectSelectedEntries(pane).filter((entry) => entry.kind === 'folder' || entry.kind === 'object') });
}

/** Deletes objects and whole folders, as a job. */
export async function deleteEntries(paneId: PaneId, entries: Entry[]): Promise<Result<JobStarted>> {
  const set = entrySetOf(paneId, entries);
  if (!set) return { ok: false, error: { code: 'InvalidRequest', message: 'Open a bucket first.', hint: '' } };
  const result = await api.s3.deleteEntries({ profileId: set.profileId, bucket: set.bucket, keys: set.keys, prefixes: set.prefixes });
  if (result.ok) {
    paneStores[paneId].getState().clearSelection();
    follow(result.data.jobId, `Deleting ${describeCounts(set.keys.length, set.prefixes.length)} in ${set.bucket}`, 'deleteEntries', [set]);
  }
  return result;
}

/**
 * Deletes everything in the pane's folder (all its rows were selected), as a
 * job that lists and deletes a page at a time in the main process; the
 * folder's own marker stays, so the folder does too. `counts` name the job.
 */
export async function deleteFolderContents(paneId: PaneId, counts: { prefix: string; objects: number; folders: number }): Promise<Result<JobStarted>> {
  const { profileId, bucket } = paneStores[paneId].getState();
  if (!profileId || !bucket) return { ok: false, error: { code: 'InvalidRequest', message: 'Open a bucket first.', hint: '' } };
  const result = await api.s3.deleteFolderContents({ profileId, bucket, prefix: counts.prefix, listedMsAgo: msSinceListingBegan(paneId) });
  if (result.ok) {
    paneStores[paneId].getState().clearSelection();
    follow(result.data.jobId, `Deleting ${describeCounts(counts.objects, counts.folders)} in ${bucket}`, 'deleteEntries', [{ profileId, bucket }]);
  }
  return result;
}

/**
 * Makes objects, and whole folders recursively, public or private, as a job;
 * when it ends, their cached ACLs are dropped so the table and the inspector
 * read them again. `after` runs when the job ends.
 */
export async function setEntriesAccess(
  set: Pick<EntrySet, 'profileId' | 'bucket' | 'keys' | 'prefixes'>,
  access: AccessChoice,
  after?: (finished: JobFinished) => void,
): Promise<Result<JobStarted>> {
  const { profileId, bucket, keys, prefixes } = set;
  const result = await api.s3.setAccess({ profileId, bucket, keys, prefixes, access });
  if (result.ok) {
    const title = `Making ${describeCounts(keys.length, prefixes.length)} ${choiceWord(access)} in ${bucket}`;
    follow(result.data.jobId, title, 'setAccess', [], (finished) => {
      invalidateAccess(profileId, bucket, keys, prefixes);
      after?.(finished);
    });
  }
  return result;
}

/** Moves objects, and every object below folders, to a storage class, as a job; the bucket's listings show the new class after. */
export async function setEntriesStorageClass(
  set: Pick<EntrySet, 'profileId' | 'bucket' | 'keys' | 'prefixes'>,
  storageClass: string,
): Promise<Result<JobStarted>> {
  const { profileId, bucket, keys, prefixes } = set;
  const result = await api.s3.setStorageClass({ profileId, bucket, keys, prefixes, storageClass });
  if (result.ok) follow(result.data.jobId, `Moving ${describeCounts(keys.length, prefixes.length)} in ${bucket} to ${storageClass}`, 'storageClass', [set]);
  return result;
}

/** Copies or moves entries into a folder (any bucket, any profile), as a job. */
export async function transferEntries(request: CopyRequest): Promise<Result<JobStarted>> {
  const result = await api.s3.copyEntries(request);
  if (result.ok) {
    const { source, target, mode } = request;
    const what = describeCounts(source.keys.length, source.prefixes.length);
    const title = `${mode === 'copy' ? 'Copying' : 'Moving'} ${what} to ${target.bucket}/${target.prefix}`;
    follow(result.data.jobId, title, mode, [source, target], (finished) => {
      const clip = useClipboardStore.getState().clip;
      // A cut is used up once moved; a copy can be pasted again.
      if (mode === 'move' && finished.status === 'succeeded' && clip?.mode === 'cut' && clip.bucket === source.bucket && clip.profileId === source.profileId)
        useClipboardStore.getState().clear();
    });
  }
  return result;
}

/** Moves (or with `copy`, copies) dragged entries into a folder; a problem shows in the target pane. */
export async function dropEntries(from: EntrySet, target: PasteTarget, mode: 'copy' | 'move', targetPane: PaneId): Promise<void> {
  const plan = planTransfer(from, target, mode);
  const pane = paneStores[targetPane].getState();
  if (!plan.ok) {
    pane.showProblem({ title: mode === 'copy' ? 'Cannot copy here' : 'Cannot move here', message: plan.problem });
    return;
  }
  const result = await transferEntries(plan.request);
  if (!result.ok) pane.showProblem({ title: mode === 'copy' ? 'Could not copy' : 'Could not move', error: result.error });
}

/** Downloads one object (or one version of it) through a local link. */
export async function downloadEntry(paneId: PaneId, entry: ObjectEntry | VersionEntry): Promise<void> {
  const pane = paneStores[paneId].getState();
  if (!pane.profileId || !pane.bucket) return;
  const versionId = entry.kind === 'version' ? entry.versionId : undefined;
  const result = await api.s3.objectLink({ profileId: pane.profileId, bucket: pane.bucket, key: entry.key, ...(versionId && { versionId }), download: true });
  if (result.ok) downloadFromUrl(result.data.url, entry.name || entry.key);
  else pane.showProblem({ title: `Could not download ${entry.name}`, error: result.error });
}

/** Makes an old version the latest again, then lists the versions again. */
export async function restoreVersion(paneId: PaneId, entry: VersionEntry): Promise<void> {
  const pane = paneStores[paneId].getState();
  if (!pane.profileId || !pane.bucket) return;
  const result = await api.s3.restoreVersion({ profileId: pane.profileId, bucket: pane.bucket, key: entry.key, versionId: entry.versionId });
  if (result.ok) refreshBucket(pane.profileId, pane.bucket);
  else pane.showProblem({ title: `Could not restore this version of ${entry.name}`, error: result.error });
}

/** Deletes one version (or delete marker) for good. */
export async function deleteVersion(paneId: PaneId, entry: VersionEntry): Promise<Result<{ deleted: true }>> {
  const pane = paneStores[paneId].getState();
  if (!pane.profileId || !pane.bucket) return { ok: false, error: { code: 'InvalidRequest', message: 'Open a bucket first.', hint: '' } };
  const result = await api.s3.deleteVersion({ profileId: pane.profileId, bucket: pane.bucket, key: entry.key, versionId: entry.versionId });
  if (result.ok) refreshBucket(pane.profileId, pane.bucket);
  return result;
}

/** Creates a bucket; it joins the list and opens. */
export async function createBucket(profileId: string, name: string, region: string | undefined, objectLock = false): Promise<Result<BucketSummary>> {
  const result = await api.s3.createBucket({ profileId, name, ...(region && { region }), ...(objectLock && { objectLock }) });
  if (result.ok) bucketCreated(profileId, result.data);
  return result;
}

/** How much a bucket holds, for the delete confirmation. */
export function bucketStats(profileId: string, bucket: string): Promise<Result<BucketStats>> {
  return api.s3.bucketStats({ profileId, bucket });
}

/** Deletes a bucket (with everything in it when `confirmName` repeats its name), as a job; `onFinished` gets its end. */
export async function deleteBucket(
  profileId: string,
  bucket: string,
  confirmName: string | undefined,
  onFinished: (finished: JobFinished) => void,
): Promise<Result<JobStarted>> {
  const result = await api.s3.deleteBucket({ profileId, bucket, ...(confirmName && { confirmName }) });
  if (result.ok) {
    useJobsStore.getState().track(result.data.jobId, `Deleting bucket ${bucket}`, 'deleteBucket', (finished) => {
      if (finished.status === 'succeeded') bucketDeleted(profileId, bucket);
      revealIfFailed(finished);
      onFinished(finished);
    });
    revealWhenSlow(result.data.jobId);
  }
  return result;
}
