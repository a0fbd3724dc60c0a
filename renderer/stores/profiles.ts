import { create } from 'zustand';
import type { ErrorInfo, Result } from '../../shared/errors';
import type { AppInfo } from '../../shared/ipc/contract';
import {
  isDamagedEntry,
  type DamagedProfile,
  type ProfileDeleted,
  type ProfileListEntry,
  type ProfileSummary,
  type RestoredBackups,
} from '../../shared/profile';
import type { ProfileExport } from '../../shared/profile-import';

/** Where a list that is fetched from the main process stands. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Saved profiles and what the app says about itself (secret store included). */
export interface ProfilesState {
  profiles: ProfileSummary[];
  /** Entries of profiles.json that cannot be used: shown as damaged, never browsed. */
  damaged: DamagedProfile[];
  status: LoadStatus;
  error?: ErrorInfo;
  appInfo?: AppInfo;
}

/**
 * The profile requests the browsing side still calls on this store (the session start-up and the
 * profile list's commands). They run in actions/profiles.ts, which registers them with
 * {@link setProfileRequests}: a store may not import actions. New code calls the actions directly;
 * once those callers do too, these go.
 */
export interface ProfileRequests {
  load(): Promise<void>;
  loadAppInfo(): Promise<void>;
  watch(): () => void;
  remove(id: string): Promise<Result<ProfileDeleted>>;
  restoreBackup(): Promise<Result<RestoredBackups>>;
  duplicate(id: string): Promise<Result<ProfileSummary>>;
  move(id: string, delta: -1 | 1): Promise<Result<ProfileSummary[]> | undefined>;
  exportProfile(id: string): Promise<Result<ProfileExport>>;
}

let requests: ProfileRequests | undefined;

/** Registers the actions behind the store's request methods (done once by actions/profiles.ts). */
export function setProfileRequests(registered: ProfileRequests): void {
  requests = registered;
}

const requested = (): ProfileRequests => {
  if (!requests) throw new Error('actions/profiles.ts has not registered the profile requests');
  return requests;
};

/** The profiles store's own setters; reading and changing profiles is in actions/profiles.ts. */
export interface ProfilesSetters {
  /** The list is on its way (a list already shown stays ready meanwhile). */
  listLoading(): void;
  /** The list that came back: usable profiles and damaged entries apart. */
  setList(entries: ProfileListEntry[]): void;
  listFailed(error: ErrorInfo): void;
  /** The list the main process sent with `profiles:changed`. */
  changed(profiles: ProfileSummary[], damaged: DamagedProfile[]): void;
  setAppInfo(appInfo: AppInfo): void;
  /** Adds a saved profile to the list, or replaces the one with its id. */
  upsert(saved: ProfileSummary): void;
  /** Drops a deleted profile (or damaged entry, by its key). */
  removed(id: string): void;
  /** The profiles in a new order. */
  setOrder(profiles: ProfileSummary[]): void;
}

const initialState: ProfilesState = { profiles: [], damaged: [], status: 'idle', error: undefined, appInfo: undefined };

/** The profiles store. */
export const useProfilesStore = create<ProfilesState & ProfilesSetters & ProfileRequests>()((set) => ({
  ...initialState,

  listLoading() {
    set((state) => ({ status: state.status === 'ready' ? 'ready' : 'loading', error: undefined }));
  },

  setList(entries) {
    const damaged = entries.filter(isDamagedEntry).map((entry) => entry.damaged);
    const profiles = entries.filter((entry): entry is ProfileSummary => !isDamagedEntry(entry));
    set({ profiles, damaged, status: 'ready', error: undefined });
  },

  listFailed(error) {
    set({ status: 'error', error });
  },

  changed(profiles, damaged) {
    set({ profiles, damaged, status: 'ready', error: undefined });
  },

  setAppInfo(appInfo) {
    set({ appInfo });
  },

  upsert(saved) {
    set((state) => ({
      status: 'ready',
      profiles: state.profiles.some((p) => p.id === saved.id) ? state.profiles.map((p) => (p.id === saved.id ? saved : p)) : [...state.profiles, saved],
    }));
  },

  removed(id) {
    set((state) => ({ profiles: state.profiles.filter((p) => p.id !== id), damaged: state.damaged.filter((d) => d.key !== id) }));
  },

  setOrder(profiles) {
    set({ profiles });
  },

  load: () => requested().load(),
  loadAppInfo: () => requested().loadAppInfo(),
  watch: () => requested().watch(),
  remove: (id) => requested().remove(id),
  restoreBackup: () => requested().restoreBackup(),
  duplicate: (id) => requested().duplicate(id),
  move: (id, delta) => requested().move(id, delta),
  exportProfile: (id) => requested().exportProfile(id),
}));

/** Puts the profiles store back to its first state (for tests). */
export function resetProfilesStore(): void {
  useProfilesStore.setState(initialState);
}
