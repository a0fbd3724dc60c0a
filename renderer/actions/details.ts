import { LatestOnly } from '../../shared/async';
import { failed, shownValueOf, ready } from '../../shared/loadable';
import { api } from '../api';
import { isFolderTarget } from '../inspector/inspect-target';
import { checkMetadataForm } from '../inspector/metadata-form';
import { useDetailsStore } from '../stores/details';
import type { InspectTarget } from '../stores/inspector';
import { refreshBucket } from './navigation';
import { clearPreview, loadPreview } from './preview';

/**
 * Reading and saving the inspected object's details (its headers and metadata);
 * the preview follows the details, since its kind comes from them.
 */

// Selecting another object makes the answers about the one before stale, a save's included.
const latest = new LatestOnly();
/** The details request in flight: selecting something else stops it. */
let reading: AbortController | undefined;

/** Loads the details of an object (nothing for a folder or no target); the preview follows. */
export async function loadDetails(target: InspectTarget | undefined): Promise<void> {
  const isCurrent = latest.begin();
  // The object selected before is no longer wanted: its request stops in the main process too.
  reading?.abort();
  reading = undefined;
  const store = useDetailsStore.getState();
  if (!target || isFolderTarget(target)) {
    store.showNothing(target);
    clearPreview();
    return;
  }
  store.startLoading(target);
  reading = new AbortController();
  const result = await api.s3.objectDetails(target, { signal: reading.signal });
  if (!isCurrent()) return;
  if (!result.ok) {
    store.setDetails(failed(result.error));
    clearPreview();
    return;
  }
  store.setDetails(ready(result.data));
  await loadPreview(target, result.data);
}

/** Loads the shown object's details again (after a restore, say). */
export async function refreshDetails(): Promise<void> {
  await loadDetails(useDetailsStore.getState().target);
}

/**
 * Checks the metadata form; when valid, rewrites the object's headers and shows the details that
 * came back (and the preview, whose kind may have changed). Returns whether it saved.
 */
export async function saveDetails(): Promise<boolean> {
  const store = useDetailsStore.getState();
  const { editor, target } = store;
  if (!editor || editor.saving || !target || !shownValueOf(store.details)) return false;
  const check = checkMetadataForm(editor.values);
  if (!check.ok) {
    store.patchEditor({ submitted: true, saveError: undefined });
    return false;
  }
  store.patchEditor({ submitted: true, saving: true, saveError: undefined });
  const isCurrent = latest.current();
  const result = await api.s3.updateMetadata({ profileId: target.profileId, bucket: target.bucket, key: target.key, edit: check.edit });
  if (!isCurrent()) return result.ok;
  if (!result.ok) {
    store.patchEditor({ saving: false, saveError: result.error });
    return false;
  }
  store.saved(result.data);
  // The rewrite gave the object a new modified time (and maybe size and class): the table rows showing it list again.
  refreshBucket(target.profileId, target.bucket);
  await loadPreview(target, result.data);
  return true;
}
