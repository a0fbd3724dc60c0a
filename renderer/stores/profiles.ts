import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors';
import type { AppInfo } from '../../shared/ipc/contract';
import { failed, idle, ready, reloading, shownValueOf, type Loadable } from '../../shared/loadable';
import { isDamagedEntry, type DamagedProfile, type ProfileListEntry, type ProfileSummary } from '../../shared/profile';

/** Saved profiles and what the app says about itself (secret store included). */
export interface ProfilesState {
  /** The saved profiles, as listed (a list already shown stays shown while it is read again). */
  list: Loadable<ProfileSummary[]>;
  /** Entries of profiles.json that cannot be used, from the last list: shown as damaged, never browsed. */
  damaged: DamagedProfile[];
  appInfo?: AppInfo;
}

/** The profiles store's own setters; reading and changing profiles is in actions/profiles.ts. */
export interface ProfilesSetters {
  /** The list is on its way (a list already shown stays shown meanwhile). */
  listLoading(): void;
  /** The list that came back: usable profiles and damaged entries apart. */
  setList(entries: ProfileListEntry[]): void;
  /** The list could not be read (e.g. a damaged profiles.json). */
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

const initialState: ProfilesState = { list: idle, damaged: [], appInfo: undefined };

/** The list with `change` applied to the profiles it shows (ready, or loading again); otherwise as it is. */
function mapShown(list: Loadable<ProfileSummary[]>, change: (profiles: ProfileSummary[]) => ProfileSummary[]): Loadable<ProfileSummary[]> {
  if (list.status === 'ready') return ready(change(list.value));
  if (list.status === 'loading' && list.previous) return { status: 'loading', previous: change(list.previous) };
  return list;
}

/** The profiles store. */
export const useProfilesStore = create<ProfilesState & ProfilesSetters>()((set) => ({
  ...initialState,

  listLoading() {
    set((state) => ({ list: reloading(state.list) }));
  },

  setList(entries) {
    const damaged = entries.filter(isDamagedEntry).map((entry) => entry.damaged);
    const profiles = entries.filter((entry): entry is ProfileSummary => !isDamagedEntry(entry));
    set({ list: ready(profiles), damaged });
  },

  listFailed(error) {
    set({ list: failed(error) });
  },

  changed(profiles, damaged) {
    set({ list: ready(profiles), damaged });
  },

  setAppInfo(appInfo) {
    set({ appInfo });
  },

  upsert(saved) {
    set((state) => {
      const profiles = shownValueOf(state.list) ?? [];
      return {
        list: ready(profiles.some((p) => p.id === saved.id) ? profiles.map((p) => (p.id === saved.id ? saved : p)) : [...profiles, saved]),
      };
    });
  },

  removed(id) {
    set((state) => ({ list: mapShown(state.list, (profiles) => profiles.filter((p) => p.id !== id)), damaged: state.damaged.filter((d) => d.key !== id) }));
  },

  setOrder(profiles) {
    set((state) => ({ list: mapShown(state.list, () => profiles) }));
  },
}));

/** Puts the profiles store back to its first state (for tests). */
export function resetProfilesStore(): void {
  useProfilesStore.setState(initialState);
}
