import type { Result } from '../../shared/errors';
import { fromResult, ready, reloading } from '../../shared/loadable';
import type { DefaultRetention, ObjectLockSettings, ObjectLockState, Retention } from '../../shared/object-lock';
import { api } from '../api';
import { selectLockSettings, selectVersionLock, useObjectLockStore, type VersionPlace } from '../stores/object-lock';

const store = () => useObjectLockStore.getState();

/** Reads a bucket's Object Lock settings (what was shown stays while they load again). */
export async function loadLockSettings(profileId: string, bucket: string): Promise<void> {
  store().setSettings(profileId, bucket, reloading(selectLockSettings(store(), profileId, bucket)));
  store().setSettings(profileId, bucket, fromResult(await api.s3.objectLockConfig({ profileId, bucket })));
}

/** Sets or (null) removes a bucket's default retention; on success the section shows it as saved. */
export async function saveDefaultRetention(profileId: string, bucket: string, defaultRetention: DefaultRetention | null): Promise<Result<ObjectLockSettings>> {
  const result = await api.s3.setObjectLockConfig({ profileId, bucket, defaultRetention });
  if (result.ok) store().setSettings(profileId, bucket, ready(result.data));
  return result;
}

/** Reads a version's retention and legal hold. */
export async function loadVersionLock(place: VersionPlace): Promise<void> {
  store().setVersion(place, reloading(selectVersionLock(store(), place)));
  store().setVersion(place, fromResult(await api.s3.objectLockState(place)));
}

/** Gives a version a new retention, or (null) removes it. */
export async function saveRetention(place: VersionPlace, retention: Retention | null, bypassGovernance: boolean): Promise<Result<ObjectLockState>> {
  const result = await api.s3.setObjectRetention({ ...place, retention, bypassGovernance });
  if (result.ok) store().setVersion(place, ready(result.data));
  return result;
}

/** Places or removes a version's legal hold. */
export async function saveLegalHold(place: VersionPlace, on: boolean): Promise<Result<ObjectLockState>> {
  const result = await api.s3.setLegalHold({ ...place, on });
  if (result.ok) store().setVersion(place, ready(result.data));
  return result;
}
