import { LatestOnly } from '../../shared/async';
import type { BucketSummary } from '../../shared/ipc/contract';
import { failed, ready, reloading } from '../../shared/loadable';
import { api } from '../api';
import { activePane, paneStores, useBrowserStore } from '../stores/browser';
import { useInspectorStore } from '../stores/inspector';
import type { PaneId } from '../stores/pane-state';
import { useProfilesStore } from '../stores/profiles';
import { profileById } from '../stores/selectors';
import { forgetPlace, navigate, onDidNavigate, refreshFolder } from './navigation';

/**
 * The sidebar (its profile and that profile's buckets) and the panes' layout:
 * the sidebar always shows the active pane's profile, so these move panes and
 * list buckets together.
 */

// Only the newest bucket listing may fill the sidebar (the profile may have changed meanwhile).
const bucketListing = new LatestOnly();
const paneIds = Object.keys(paneStores) as PaneId[];
const browser = () => useBrowserStore.getState();

/** Lists the sidebar profile's buckets again. A key that may not list buckets opens the profile's default bucket instead, when it has one. */
export async function loadBuckets(): Promise<void> {
  const { profileId } = browser();
  if (!profileId) return;
  const isCurrent = bucketListing.begin();
  // A list already shown stays while it is read again.
  browser().setBuckets(reloading(browser().buckets));
  const result = await api.s3.listBuckets({ profileId });
  if (!isCurrent()) return;
  if (result.ok) {
    browser().setBuckets(ready(result.data));
    return;
  }
  browser().setBuckets(failed(result.error));
  const fallback = profileById(useProfilesStore.getState(), profileId)?.defaultBucket;
  if (result.error.code === 'AccessDenied' && fallback && !activePane().bucket) openBucket(fallback);
}

function showInSidebar(profileId: string): void {
  browser().showProfile(profileId);
  void loadBuckets();
}

// The sidebar shows the active pane's profile: when that pane goes to another
// profile (Back across profiles, the other pane activated), the sidebar follows.
function followPane(paneId: PaneId): void {
  const { activePane: active, profileId: shown } = browser();
  if (active !== paneId) return;
  const profileId = paneStores[paneId].getState().profileId;
  if (profileId && profileId !== shown) showInSidebar(profileId);
}

/** Keeps the sidebar on the active pane's profile as panes move; returns the function that stops. */
export function followActivePane(): () => void {
  return onDidNavigate(followPane);
}

/** The user picked a profile: the sidebar shows it and the active pane shows its buckets. */
export async function selectProfile(profileId: string): Promise<void> {
  const paneId = browser().activePane;
  // The sidebar follows the pane (see followPane).
  if (paneStores[paneId].getState().profileId !== profileId) navigate(paneId, { profileId, bucket: undefined, prefix: '' });
  const current = browser();
  if (current.profileId !== profileId) showInSidebar(profileId);
  else if (current.buckets.status === 'failed') await loadBuckets();
}

/** Shows a profile afresh after its settings changed (if it is the one shown); a pane in one of its buckets stays there and lists again. */
export async function reloadProfile(profileId: string): Promise<void> {
  for (const paneId of paneIds) {
    const pane = paneStores[paneId].getState();
    if (pane.profileId === profileId && pane.bucket) refreshFolder(paneId);
  }
  if (browser().profileId !== profileId) return;
  browser().showProfile(profileId);
  await loadBuckets();
}

/** Forgets the profile shown, e.g. when it was deleted. */
export function clearProfile(): void {
  const { profileId } = browser();
  bucketListing.invalidate();
  if (profileId) for (const paneId of paneIds) forgetPlace(paneId, profileId);
  browser().showProfile(undefined);
}

/** Opens a bucket of the sidebar's profile at its root in the active pane (also one the list does not show). */
export function openBucket(bucket: string): void {
  const { profileId, activePane: paneId } = browser();
  if (profileId) navigate(paneId, { profileId, bucket, prefix: '' });
}

/** Lists the pane's folder again, or its profile's buckets when no bucket is open (Refresh, F5). */
export function refreshPane(paneId: PaneId): void {
  const pane = paneStores[paneId].getState();
  if (pane.bucket) refreshFolder(paneId);
  else if (pane.profileId && pane.profileId === browser().profileId) void loadBuckets();
}

/** Makes a pane the active one; the sidebar follows its profile. */
export function activatePane(paneId: PaneId): void {
  if (browser().activePane === paneId) return;
  browser().setActivePane(paneId);
  followPane(paneId);
}

/** One pane or two; the second starts where the first is. */
export function setTwoPanes(on: boolean): void {
  if (on === browser().twoPanes) return;
  if (on) {
    const left = paneStores.left.getState();
    const right = paneStores.right.getState();
    if (!right.profileId && left.profileId) navigate('right', { profileId: left.profileId, bucket: left.bucket, prefix: left.prefix });
    browser().setTwoPanes(true);
  } else {
    browser().setTwoPanes(false);
    activatePane('left');
  }
  // The inspector opens or folds as it was last in this layout.
  useInspectorStore.getState().setLayout(on);
}

/** A bucket was created: list it (and open it in the active pane). */
export function bucketCreated(profileId: string, bucket: BucketSummary): void {
  if (browser().profileId === profileId) browser().addBucket(bucket);
  navigate(browser().activePane, { profileId, bucket: bucket.name, prefix: '' });
}

/** A bucket was deleted: drop it from the list and from both panes. */
export function bucketDeleted(profileId: string, bucket: string): void {
  if (browser().profileId === profileId) browser().removeBucket(bucket);
  for (const paneId of paneIds) forgetPlace(paneId, profileId, bucket);
}

/** Forgets a profile in every pane that shows it or has it in its history (it was deleted). */
export function forgetProfileInPanes(isKnown: (profileId: string) => boolean): void {
  for (const paneId of paneIds) {
    const shown = paneStores[paneId].getState().profileId;
    if (shown && !isKnown(shown)) forgetPlace(paneId, shown);
  }
}
