import { LatestOnly } from '../../shared/async';
import type { Result } from '../../shared/errors';
import type { BucketUploadSettings, ProfileDeleted, ProfileInput, ProfilePatch, ProfileSummary, RestoredBackups } from '../../shared/profile';
import type { ProfileExport } from '../../shared/profile-import';
import { api } from '../api';
import { moveId } from '../profiles/profile-order';
import { useProfilesStore } from '../stores/profiles';
import { selectProfiles } from '../stores/selectors';

/** Reading and changing the saved profiles, and the app's own info. */

// Every answer known to be newer (an event, a save) makes a `profiles:list` started
// earlier stale, so a slower list cannot put back an old one.
const latest = new LatestOnly();
const profiles = () => useProfilesStore.getState();

/** Fetches the saved profiles. */
export async function loadProfiles(): Promise<void> {
  const isCurrent = latest.begin();
  profiles().listLoading();
  const result = await api.profiles.list({});
  if (!isCurrent()) return;
  if (result.ok) profiles().setList(result.data);
  else profiles().listFailed(result.error);
}

/** Fetches the app's version, transport and secret store. */
export async function loadAppInfo(): Promise<void> {
  const result = await api.app.info({});
  if (result.ok) profiles().setAppInfo(result.data);
}

/** Follows `profiles:changed` from the main process; returns the function that stops. */
export function watchProfiles(): () => void {
  return api.on('profiles:changed', ({ profiles: list, damaged }) => {
    latest.invalidate();
    profiles().changed(list, damaged ?? []);
  });
}

/** Adds a saved profile to the list, or replaces the one with its id. */
function upsert(saved: ProfileSummary): void {
  latest.invalidate();
  profiles().upsert(saved);
}

/** Saves a new profile and adds it to the list; the caller shows any error. */
export async function createProfile(input: ProfileInput): Promise<Result<ProfileSummary>> {
  const result = await api.profiles.create(input);
  if (result.ok) upsert(result.data);
  return result;
}

/** Saves changes to a profile (an absent secret keeps the stored one); the caller shows any error. */
export async function updateProfile(id: string, patch: ProfilePatch): Promise<Result<ProfileSummary>> {
  const result = await api.profiles.update({ id, patch });
  if (result.ok) upsert(result.data);
  return result;
}

/** Copies a profile, secret included, under a free name. */
export async function copyProfile(id: string): Promise<Result<ProfileSummary>> {
  const result = await api.profiles.duplicate({ id });
  if (result.ok) upsert(result.data);
  return result;
}

/** Deletes a profile (or a damaged entry, by its key) and its secret; the answer says if the secret stayed. */
export async function removeProfile(id: string): Promise<Result<ProfileDeleted>> {
  const result = await api.profiles.delete({ id });
  if (result.ok) {
    latest.invalidate();
    profiles().removed(id);
  }
  return result;
}

/** Puts back the last good profiles.json / secrets.json from their backups, then reloads the list. */
export async function restoreProfileBackups(): Promise<Result<RestoredBackups>> {
  const result = await api.profiles.restoreBackup({});
  if (result.ok) await loadProfiles();
  return result;
}

/** Moves a profile one place up (-1) or down (+1); shown at once, put back if saving fails. */
export async function reorderProfile(id: string, delta: -1 | 1): Promise<Result<ProfileSummary[]> | undefined> {
  const before = selectProfiles(profiles());
  const ids = moveId(
    before.map((p) => p.id),
    id,
    delta,
  );
  if (!ids) return undefined;
  const byId = new Map(before.map((p) => [p.id, p]));
  latest.invalidate();
  profiles().setOrder(ids.map((i) => byId.get(i)!));
  const result = await api.profiles.reorder({ ids });
  latest.invalidate();
  profiles().setOrder(result.ok ? result.data : before);
  return result;
}

/** A profile's settings as a JSON file (never its secret). */
export function readProfileExport(id: string): Promise<Result<ProfileExport>> {
  return api.profiles.export({ id });
}

/** Replaces one bucket's upload settings and custom domain (null clears) and updates the list; the caller shows any error. */
export async function saveBucketSettings(
  id: string,
  bucket: string,
  change: { uploads?: BucketUploadSettings | null; publicUrlBase?: string | null },
): Promise<Result<ProfileSummary>> {
  const result = await api.profiles.setBucketSettings({ id, bucket, ...change });
  if (result.ok) upsert(result.data);
  return result;
}
