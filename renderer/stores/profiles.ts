import { create } from 'zustand';
import type { ErrorInfo, Result } from '../../shared/errors';
import type { AppInfo } from '../../shared/ipc/contract';
import {
  isDamagedEntry,
  type DamagedProfile,
  type ProfileDeleted,
  type ProfileInput,
  type ProfilePatch,
  type ProfileSummary,
  type RestoredBackups,
} from '../../shared/profile';
import type { ProfileExport } from '../../shared/profile-import';
import { api } from '../api';
import { moveId } from '../profile-order';

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

/** What the profiles store can do; every action works outside React. */
export interface ProfilesActions {
  /** Fetches the saved profiles. */
  load(): Promise<void>;
  /** Fetches the app's version, transport and secret store. */
  loadAppInfo(): Promise<void>;
  /** Saves a new profile and adds it to the list; the caller shows any error. */
  create(input: ProfileInput): Promise<Result<ProfileSummary>>;
  /** Saves changes to a profile (an absent secret keeps the stored one); the caller shows any error. */
  update(id: string, patch: ProfilePatch): Promise<Result<ProfileSummary>>;
  /** Deletes a profile (or a damaged entry, by its key) and its secret; the answer says if the secret stayed. */
  remove(id: string): Promise<Result<ProfileDeleted>>;
  /** Puts back the last good profiles.json / secrets.json from their backups, then reloads the list. */
  restoreBackup(): Promise<Result<RestoredBackups>>;
  /** Copies a profile, secret included, under a free name. */
  duplicate(id: string): Promise<Result<ProfileSummary>>;
  /** Moves a profile one place up (-1) or down (+1); shown at once, put back if saving fails. */
  move(id: string, delta: -1 | 1): Promise<Result<ProfileSummary[]> | undefined>;
  /** A profile's settings as a JSON file (never its secret). */
  exportProfile(id: string): Promise<Result<ProfileExport>>;
  /** Follows `profiles:changed` from the main process; returns the function that stops. */
  watch(): () => void;
}

const initialState: ProfilesState = { profiles: [], damaged: [], status: 'idle', error: undefined, appInfo: undefined };

// Bumped by every answer that is known to be newer (an event, a save), so a
// slower `profiles:list` started earlier cannot put back an old list.
let listVersion = 0;

/** The profiles store. */
export const useProfilesStore = create<ProfilesState & ProfilesActions>()((set, get) => ({
  ...initialState,

  async load() {
    const version = ++listVersion;
    set((state) => ({ status: state.status === 'ready' ? 'ready' : 'loading', error: undefined }));
    const result = await api.profiles.list({});
    if (version !== listVersion) return;
    if (result.ok) {
      const damaged = result.data.filter(isDamagedEntry).map((entry) => entry.damaged);
      const profiles = result.data.filter((entry): entry is ProfileSummary => !isDamagedEntry(entry));
      set({ profiles, damaged, status: 'ready', error: undefined });
    } else set({ status: 'error', error: result.error });
  },

  async loadAppInfo() {
    const result = await api.app.info({});
    if (result.ok) set({ appInfo: result.data });
  },

  async create(input) {
    const result = await api.profiles.create(input);
    if (result.ok) upsert(result.data);
    return result;
  },

  async update(id, patch) {
    const result = await api.profiles.update({ id, patch });
    if (result.ok) upsert(result.data);
    return result;
  },

  async remove(id) {
    const result = await api.profiles.delete({ id });
    if (result.ok) {
      listVersion += 1;
      set((state) => ({ profiles: state.profiles.filter((p) => p.id !== id), damaged: state.damaged.filter((d) => d.key !== id) }));
    }
    return result;
  },

  async restoreBackup() {
    const result = await api.profiles.restoreBackup({});
    if (result.ok) await get().load();
    return result;
  },

  async duplicate(id) {
    const result = await api.profiles.duplicate({ id });
    if (result.ok) upsert(result.data);
    return result;
  },

  async move(id, delta) {
    const before = get().profiles;
    const ids = moveId(
      before.map((p) => p.id),
      id,
      delta,
    );
    if (!ids) return undefined;
    const byId = new Map(before.map((p) => [p.id, p]));
    listVersion += 1;
    set({ profiles: ids.map((i) => byId.get(i)!) });
    const result = await api.profiles.reorder({ ids });
    listVersion += 1;
    set({ profiles: result.ok ? result.data : before });
    return result;
  },

  exportProfile(id) {
    return api.profiles.export({ id });
  },

  watch() {
    return api.on('profiles:changed', ({ profiles, damaged }) => {
      listVersion += 1;
      set({ profiles, damaged: damaged ?? [], status: 'ready', error: undefined });
    });
  },
}));

/** Adds a saved profile to the list, or replaces the one with its id. */
function upsert(saved: ProfileSummary): void {
  listVersion += 1;
  useProfilesStore.setState((state) => ({
    status: 'ready',
    profiles: state.profiles.some((p) => p.id === saved.id) ? state.profiles.map((p) => (p.id === saved.id ? saved : p)) : [...state.profiles, saved],
  }));
}

/** Puts the profiles store back to its first state (for tests). */
export function resetProfilesStore(): void {
  listVersion += 1;
  useProfilesStore.setState(initialState);
}
