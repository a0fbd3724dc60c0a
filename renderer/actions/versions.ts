import { LatestOnly } from '../../shared/async';
import { ready } from '../../shared/loadable';
import type { VersionEntry } from '../../shared/versions';
import { api } from '../api';
import { listedPast, versionListStart, versionsOfKey } from '../inspector/object-versions-list';
import type { InspectTarget } from '../stores/inspector';
import { MAX_PAGES, useObjectVersionsStore } from '../stores/object-versions';

/** Listing the inspected key's versions, and restoring or deleting one of them. */

// Inspecting another key makes the pages still coming for the one before stale.
const latest = new LatestOnly();

/** Reads the bucket's versioning and, when it keeps versions, lists this key's. */
export async function loadVersions(target: InspectTarget | undefined): Promise<void> {
  const isCurrent = latest.begin();
  const store = useObjectVersionsStore.getState();
  if (!target || target.key.endsWith('/')) {
    store.clear();
    return;
  }
  const { profileId, bucket, key } = target;
  store.startLoading(target);
  const versioning = await api.s3.versioning({ profileId, bucket });
  if (!isCurrent()) return;
  if (!versioning.ok) {
    store.loadFailed(versioning.error);
    return;
  }
  if (versioning.data.status === 'Off') {
    store.setList(ready({ entries: [], more: false }), 'Off');
    return;
  }

  const start = versionListStart(key);
  let keyMarker = start.keyMarker;
  let versionIdMarker: string | undefined;
  const found: VersionEntry[] = [];
  let more = false;
  for (let page = 0; ; page += 1) {
    if (page === MAX_PAGES) {
      more = true;
      break;
    }
    const result = await api.s3.listVersions({
      profileId,
      bucket,
      prefix: start.prefix,
      ...(keyMarker && { keyMarker }),
      ...(versionIdMarker && { versionIdMarker }),
    });
    if (!isCurrent()) return;
    if (!result.ok) {
      store.loadFailed(result.error, versioning.data.status);
      return;
    }
    const answer = result.data;
    found.push(...answer.versions.filter((v) => v.key === key));
    const stuck = answer.nextKeyMarker === keyMarker && answer.nextVersionIdMarker === versionIdMarker;
    if (!answer.nextKeyMarker || stuck || listedPast(answer, key)) break;
    keyMarker = answer.nextKeyMarker;
    versionIdMarker = answer.nextVersionIdMarker;
  }
  store.setList(ready({ entries: versionsOfKey(found, key), more }), versioning.data.status);
}

/** Does the restore or delete the user confirmed, then lists the versions again. Returns whether it was done. */
export async function confirmVersion(): Promise<boolean> {
  const store = useObjectVersionsStore.getState();
  const { pending, busy, target } = store;
  if (!pending || busy || !target) return false;
  store.startAction();
  const request = { profileId: target.profileId, bucket: target.bucket, key: target.key, versionId: pending.versionId };
  const result = pending.action === 'restore' ? await api.s3.restoreVersion(request) : await api.s3.deleteVersion(request);
  if (!result.ok) {
    const title = pending.action === 'restore' ? 'Could not restore the version' : 'Could not delete the version';
    store.endAction({ title, error: result.error });
    return false;
  }
  // The question stays until the list is fresh, so focus returns to a row that still exists.
  await loadVersions(target);
  store.endAction();
  return true;
}
