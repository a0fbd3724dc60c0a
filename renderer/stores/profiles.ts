import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors';
import type { AppInfo } from '../../shared/ipc/contract';
import { isDamagedEntry, type DamagedProfile, type ProfileListEntry, type ProfileSummary } from '../../shared/profile';

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
export const useProfilesStore = create<ProfilesState & ProfilesSetters>()((set) => ({
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
}));

/** Puts the profiles store back to its first state (for tests). */
export function resetProfilesStore(): void {
  useProfilesStore.setState(initialState);
}
