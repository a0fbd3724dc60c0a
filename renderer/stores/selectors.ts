import { countOf } from '../format';
import type { BrowserState } from './browser';
import type { ProfilesState } from './profiles';

// Selectors are plain functions of state so components, actions and tests
// share one reading of it. Those returning objects are read with `useShallow`.

/** Every saved profile, in the order the main process keeps them. */
export const selectProfiles = (state: ProfilesState) => state.profiles;

/** Whether any profile is saved. */
export const selectHasProfiles = (state: ProfilesState) => state.profiles.length > 0;

/** Whether the saved profiles are loading, loaded or failed. */
export const selectProfilesStatus = (state: ProfilesState) => state.status;

/** The name of a profile by id, if it is still saved. */
export const profileNameOf = (state: ProfilesState, profileId: string | undefined) =>
  profileId === undefined ? undefined : state.profiles.find((p) => p.id === profileId)?.name;

/** The sentence to show when secrets are not in the OS keychain, if so. */
export const selectSecretStoreWarning = (state: ProfilesState) => state.appInfo?.secretStore.warning;

/** The app's version, once known. */
export const selectAppVersion = (state: ProfilesState) => state.appInfo?.version;

/** The id of the profile being browsed. */
export const selectProfileId = (state: BrowserState) => state.profileId;

/** The buckets of the profile being browsed, with their loading state (use with `useShallow`). */
export const selectBuckets = (state: BrowserState) => ({
  buckets: state.buckets,
  status: state.bucketsStatus,
  error: state.bucketsError,
});

/** The open bucket and folder (use with `useShallow`). */
export const selectLocation = (state: BrowserState) => ({ bucket: state.bucket, prefix: state.prefix });

/** The rows of the open folder: all folders, then all objects. */
export const selectEntries = (state: BrowserState) => state.listing.entries;

/** The open folder's listing state and error (use with `useShallow`). */
export const selectListingState = (state: BrowserState) => ({
  status: state.listingStatus,
  error: state.listingError,
  isEmpty: state.listing.entries.length === 0,
});

/**
 * The status line under the table: "2,500 objects, 3 folders, loading…" while
 * pages arrive, "2,500 objects, 3 folders" when all are in; the bucket count
 * when no bucket is open.
 */
export function selectStatusText(state: BrowserState): string {
  if (!state.bucket) {
    return state.profileId && state.bucketsStatus === 'ready' ? countOf(state.buckets.length, 'bucket') : '';
  }
  const { objectCount, folderCount } = state.listing;
  const counts = `${countOf(objectCount, 'object')}, ${countOf(folderCount, 'folder')}`;
  switch (state.listingStatus) {
    case 'idle':
      return '';
    case 'loading':
      return 'Loading…';
    case 'more':
      return `${counts}, loading…`;
    case 'done':
      return counts;
    case 'error':
      return objectCount + folderCount > 0 ? `${counts}, listing incomplete` : 'Listing failed';
  }
}

/** The open bucket when the bucket list does not show it (opened by name, or the default bucket). */
export const selectUnlistedOpenBucket = (state: BrowserState) =>
  state.bucket && !state.buckets.some((b) => b.name === state.bucket) ? state.bucket : undefined;

/** The saved profile with an id, if any. */
export const profileById = (state: ProfilesState, profileId: string | undefined) =>
  profileId === undefined ? undefined : state.profiles.find((p) => p.id === profileId);
