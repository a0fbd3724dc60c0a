import type { ErrorInfo } from '../../shared/errors';
import type { BucketSummary } from '../../shared/ipc/contract';
import { errorOf, shownValueOf } from '../../shared/loadable';
import type { ProfileSummary } from '../../shared/profile';
import { countOf } from '../common/format';
import type { BrowserState } from './browser';
import type { ProfilesState } from './profiles';

// Selectors are plain functions of state so components, actions and tests
// share one reading of it. Those returning objects are read with `useShallow`.

const NO_PROFILES: ProfileSummary[] = [];

/** Every saved profile, in the order the main process keeps them (those listed before while they are listed again). */
export const selectProfiles = (state: ProfilesState) => shownValueOf(state.list) ?? NO_PROFILES;

/** Whether any profile is saved. */
export const selectHasProfiles = (state: ProfilesState) => selectProfiles(state).length > 0;

/** Whether the saved profiles are loading, loaded or failed ('error'); a list shown stays 'ready' while it is read again. */
export function selectProfilesStatus(state: ProfilesState): 'idle' | 'loading' | 'ready' | 'error' {
  const { list } = state;
  if (list.status === 'failed') return 'error';
  return list.status === 'loading' && list.previous !== undefined ? 'ready' : list.status;
}

/** The name of a profile by id, if it is still saved. */
export const profileNameOf = (state: ProfilesState, profileId: string | undefined) => profileById(state, profileId)?.name;

/** The sentence to show when secrets are not in the OS keychain, if so. */
export const selectSecretStoreWarning = (state: ProfilesState) => state.appInfo?.secretStore.warning;

/** What start-up fixed in the data folder, in words; undefined when nothing. */
export const selectDataNotices = (state: ProfilesState) => state.appInfo?.notices;

/** Entries of profiles.json that cannot be used, in file order. */
export const selectDamagedProfiles = (state: ProfilesState) => state.damaged;

/** A damaged entry by the key that names it. */
export const damagedProfileByKey = (state: ProfilesState, key: string | undefined) =>
  key === undefined ? undefined : state.damaged.find((d) => d.key === key);

/** Why the profiles could not be read at all (e.g. a damaged profiles.json). */
export const selectProfilesError = (state: ProfilesState) => errorOf(state.list);

/**
 * The distinct reasons saved secrets cannot be read, each with the profiles it
 * affects (a damaged secrets.json affects them all). Takes the profile list, so
 * a component derives it with `useMemo`.
 */
export function secretProblemsOf(profiles: readonly ProfileSummary[]): { error: ErrorInfo; profiles: string[] }[] {
  const byMessage = new Map<string, { error: ErrorInfo; profiles: string[] }>();
  for (const profile of profiles) {
    if (!profile.secretError) continue;
    const seen = byMessage.get(profile.secretError.message);
    if (seen) seen.profiles.push(profile.name);
    else byMessage.set(profile.secretError.message, { error: profile.secretError, profiles: [profile.name] });
  }
  return [...byMessage.values()];
}

/** The app's version, once known. */
export const selectAppVersion = (state: ProfilesState) => state.appInfo?.version;

/** The id of the profile being browsed. */
export const selectProfileId = (state: BrowserState) => state.profileId;

const NO_BUCKETS: BucketSummary[] = [];
// The sidebar's words for the list's state: a failed load reads as 'error', as it always has.
const BUCKETS_STATUS: Record<BrowserState['buckets']['status'], 'idle' | 'loading' | 'ready' | 'error'> = {
  idle: 'idle',
  loading: 'loading',
  ready: 'ready',
  failed: 'error',
};

/** The buckets of the profile being browsed (those listed before while they are listed again), with their loading state (use with `useShallow`). */
export const selectBuckets = (state: BrowserState) => ({
  buckets: shownValueOf(state.buckets) ?? NO_BUCKETS,
  status: BUCKETS_STATUS[state.buckets.status],
  error: errorOf(state.buckets),
});

/** "2 buckets" once the sidebar's profile has listed its buckets; "" before. */
export function selectBucketsStatusText(state: BrowserState): string {
  return state.profileId && state.buckets.status === 'ready' ? countOf(state.buckets.value.length, 'bucket') : '';
}

/** Whether the main area shows two panes. */
export const selectTwoPanes = (state: BrowserState) => state.twoPanes;

/** The pane the sidebar and the window's shortcuts act on. */
export const selectActivePane = (state: BrowserState) => state.activePane;

/** The saved profile with an id, if any. */
export const profileById = (state: ProfilesState, profileId: string | undefined) =>
  profileId === undefined ? undefined : selectProfiles(state).find((p) => p.id === profileId);
