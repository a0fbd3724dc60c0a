import { create } from 'zustand';
import type { ErrorInfo, Result } from '../../shared/errors';
import type { AppInfo } from '../../shared/ipc/contract';
import type { ProfileInput, ProfileSummary } from '../../shared/profile';
import { api } from '../api';

/** Where a list that is fetched from the main process stands. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Saved profiles and what the app says about itself (secret store included). */
export interface ProfilesState {
  profiles: ProfileSummary[];
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
  /** Follows `profiles:changed` from the main process; returns the function that stops. */
  watch(): () => void;
}

const initialState: ProfilesState = { profiles: [], status: 'idle', error: undefined, appInfo: undefined };

// Bumped by every answer that is known to be newer (an event, a save), so a
// slower `profiles:list` started earlier cannot put back an old list.
let listVersion = 0;

/** The profiles store. */
export const useProfilesStore = create<ProfilesState & ProfilesActions>()((set) => ({
  ...initialState,

  async load() {
    const version = ++listVersion;
    set((state) => ({ status: state.status === 'ready' ? 'ready' : 'loading', error: undefined }));
    const result = await api.profiles.list({});
    if (version !== listVersion) return;
    if (result.ok) set({ profiles: result.data, status: 'ready', error: undefined });
    else set({ status: 'error', error: result.error });
  },

  async loadAppInfo() {
    const result = await api.app.info({});
    if (result.ok) set({ appInfo: result.data });
  },

  async create(input) {
    const result = await api.profiles.create(input);
    if (result.ok) {
      listVersion += 1;
      const created = result.data;
      set((state) => ({
        status: 'ready',
        profiles: state.profiles.some((p) => p.id === created.id)
          ? state.profiles.map((p) => (p.id === created.id ? created : p))
          : [...state.profiles, created],
      }));
    }
    return result;
  },

  watch() {
    return api.on('profiles:changed', ({ profiles }) => {
      listVersion += 1;
      set({ profiles, status: 'ready', error: undefined });
    });
  },
}));

/** Puts the profiles store back to its first state (for tests). */
export function resetProfilesStore(): void {
  listVersion += 1;
  useProfilesStore.setState(initialState);
}
