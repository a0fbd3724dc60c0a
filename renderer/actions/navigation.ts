import type { Result } from '../../shared/errors';
import type { VersioningStatus } from '../../shared/versions';
import { api } from '../api';
import { forgetPlaces, goBack, goForward, pushLocation, sameLocation, type NavHistory, type PaneLocation } from '../browser/nav-history';
import { invalidateAccess } from './access';
import { paneStores } from '../stores/browser';
import { useInspectorStore } from '../stores/inspector';
import { parentPrefix } from '../stores/listing';
import { locationOf, type PaneId } from '../stores/pane-state';
import { forgetVersioning, listFolder, loadVersioning, stopListing } from './listing';
import { stopSearch } from './search';

/**
 * Moving a pane around (navigate, Back, Forward, Up), listing its folder
 * again, and switching versions mode: each sets the pane's place, clears the
 * inspector, lists the new folder, and tells those following (`onDidNavigate`).
 */

const navigateListeners = new Set<(paneId: PaneId) => void>();

/**
 * Calls `listener` each time a pane went somewhere else (the sidebar follows
 * the active pane's profile); returns the function that stops.
 */
export function onDidNavigate(listener: (paneId: PaneId) => void): () => void {
  navigateListeners.add(listener);
  return () => navigateListeners.delete(listener);
}

const paneOf = (paneId: PaneId) => paneStores[paneId].getState();

function go(paneId: PaneId, location: PaneLocation, history: NavHistory, focus?: string): void {
  const before = paneOf(paneId);
  const bucketChanged = before.profileId !== location.profileId || before.bucket !== location.bucket;
  stopSearch(paneId);
  before.moveTo(location, history, focus);
  useInspectorStore.getState().inspect(undefined);
  for (const listener of navigateListeners) listener(paneId);
  if (bucketChanged) {
    forgetVersioning(paneId);
    if (location.bucket) void loadVersioning(paneId);
  }
  void listFolder(paneId, false);
}

/** Goes to a place (recorded for Back); the same place lists again. `focus`: the row key (or FIRST_ROW) to focus once shown. */
export function navigate(paneId: PaneId, location: PaneLocation, options?: { focus?: string }): void {
  const pane = paneOf(paneId);
  const current = locationOf(pane);
  if (sameLocation(current, location)) {
    refreshFolder(paneId);
    return;
  }
  go(paneId, location, pushLocation(pane.history, current, location), options?.focus);
}

/** Opens a folder of the pane's open bucket. */
export function openFolder(paneId: PaneId, prefix: string, options?: { focus?: string }): void {
  const { profileId, bucket } = paneOf(paneId);
  if (profileId && bucket) navigate(paneId, { profileId, bucket, prefix }, options);
}

/** Goes back one place in the pane's history. */
export function back(paneId: PaneId): void {
  const pane = paneOf(paneId);
  const current = locationOf(pane);
  const step = current && goBack(pane.history, current);
  if (step) go(paneId, step.location, step.history);
}

/** Goes forward one place in the pane's history. */
export function forward(paneId: PaneId): void {
  const pane = paneOf(paneId);
  const current = locationOf(pane);
  const step = current && goForward(pane.history, current);
  if (step) go(paneId, step.location, step.history);
}

/** Opens the folder above; from the keyboard, the folder just left gets focus. */
export function up(paneId: PaneId, options?: { viaKeyboard?: boolean }): void {
  const { bucket, prefix } = paneOf(paneId);
  if (!bucket || !prefix) return;
  openFolder(paneId, parentPrefix(prefix), { focus: options?.viaKeyboard ? `f:${prefix}` : undefined });
}

/** Lists the open folder again, keeping the rows (and selection) until the new ones arrive; their ACLs are read again too. */
export function refreshFolder(paneId: PaneId): void {
  const { search, profileId, bucket, prefix } = paneOf(paneId);
  if (search) return;
  // Listing again reads the ACLs of the rows in view again too (they may have changed elsewhere).
  if (profileId && bucket) invalidateAccess(profileId, bucket, [], [prefix], true);
  void listFolder(paneId, true);
}

/** Forgets everything the pane shows (its profile was deleted), stopping what it has in flight. */
export function resetPane(paneId: PaneId): void {
  stopSearch(paneId);
  stopListing(paneId);
  paneOf(paneId).clear();
}

/** A bucket (or, without `bucket`, a profile) is gone: the pane leaves it and drops it from its history. */
export function forgetPlace(paneId: PaneId, profileId: string, bucket?: string): void {
  const state = paneOf(paneId);
  const history = forgetPlaces(state.history, profileId, bucket);
  const here = state.profileId === profileId && (bucket === undefined || state.bucket === bucket);
  if (!here) state.setHistory(history);
  else if (bucket === undefined) resetPane(paneId);
  else go(paneId, { profileId, bucket: undefined, prefix: '' }, history);
}

/** Lists versions and delete markers instead of objects, or back (only when the bucket keeps versions). */
export function setVersionsMode(paneId: PaneId, on: boolean): void {
  const { versionsMode, versioning } = paneOf(paneId);
  if (on === versionsMode || (on && versioning !== 'Enabled' && versioning !== 'Suspended')) return;
  stopSearch(paneId);
  paneOf(paneId).setVersionsMode(on);
  useInspectorStore.getState().inspect(undefined);
  void listFolder(paneId, false);
}

/** Turns versioning on for the pane's open bucket. */
export async function enableVersioning(paneId: PaneId): Promise<Result<{ status: VersioningStatus }>> {
  const { profileId, bucket } = paneOf(paneId);
  if (!profileId || !bucket) return { ok: false, error: { code: 'InvalidRequest', message: 'Open a bucket first.', hint: '' } };
  const result = await api.s3.setVersioning({ profileId, bucket, enabled: true });
  if (result.ok && paneOf(paneId).bucket === bucket) paneOf(paneId).setVersioning(result.data.status);
  return result;
}

/** Lists again every pane that shows a folder of this bucket (`objectsOnly`: not those listing versions). */
export function refreshBucket(profileId: string, bucket: string, objectsOnly = false): void {
  for (const paneId of Object.keys(paneStores) as PaneId[]) {
    const pane = paneOf(paneId);
    if (pane.profileId === profileId && pane.bucket === bucket && !(objectsOnly && pane.versionsMode)) refreshFolder(paneId);
  }
}
