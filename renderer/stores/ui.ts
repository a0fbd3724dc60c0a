import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors';
import { downloadTextFile } from '../download';
import { useProfilesStore } from './profiles';

/** Window-level UI: the profile waiting for delete confirmation, and the last status message. */
export interface UiState {
  /** The profile whose "Delete profile?" question is open. */
  deleteTarget?: string;
  deleting: boolean;
  deleteError?: ErrorInfo;
  /** A short message for the sidebar's status line ("Exported …"). */
  notice?: string;
  /** A failed profile action (duplicate, export, move), shown under the profiles. */
  actionError?: { title: string; error: ErrorInfo };
}

/** What the UI store can do; every action works outside React. */
export interface UiActions {
  askDelete(profileId: string): void;
  cancelDelete(): void;
  /** Deletes the profile the question is about; returns whether it was deleted. */
  confirmDelete(): Promise<boolean>;
  notify(text: string): void;
  dismissActionError(): void;
  duplicateProfile(profileId: string): Promise<void>;
  /** Downloads a profile's settings (never its secret) as JSON. */
  exportProfile(profileId: string): Promise<void>;
  moveProfile(profileId: string, delta: -1 | 1): Promise<void>;
  /** Puts back the last good profiles.json / secrets.json from their backups, and says what it did. */
  restoreBackups(): Promise<void>;
}

const initialState: UiState = {
  deleteTarget: undefined,
  deleting: false,
  deleteError: undefined,
  notice: undefined,
  actionError: undefined,
};

const nameOf = (profileId: string) => {
  const { profiles, damaged } = useProfilesStore.getState();
  const entry = damaged.find((d) => d.key === profileId);
  if (entry) return `damaged entry ${entry.entry}${entry.name ? ` (${entry.name})` : ''}`;
  return profiles.find((p) => p.id === profileId)?.name ?? 'the profile';
};

/** The UI store. */
export const useUiStore = create<UiState & UiActions>()((set, get) => ({
  ...initialState,

  askDelete(deleteTarget) {
    set({ deleteTarget, deleting: false, deleteError: undefined });
  },

  cancelDelete() {
    set({ deleteTarget: undefined, deleting: false, deleteError: undefined });
  },

  async confirmDelete() {
    const { deleteTarget, deleting } = get();
    if (!deleteTarget || deleting) return false;
    const name = nameOf(deleteTarget);
    const isDamaged = useProfilesStore.getState().damaged.some((d) => d.key === deleteTarget);
    set({ deleting: true, deleteError: undefined });
    const result = await useProfilesStore.getState().remove(deleteTarget);
    if (!result.ok) {
      set({ deleting: false, deleteError: result.error });
      return false;
    }
    const what = isDamaged ? `Removed ${name}` : `Deleted profile “${name}”`;
    if (result.data.secretRemoved) {
      set({ deleteTarget: undefined, deleting: false, notice: `${what}${isDamaged ? '' : ' and its secret'}.`, actionError: undefined });
    } else {
      // Gone, but its secret is not: said as plainly as a failure, with where it stayed.
      const error = result.data.secretError ?? { code: 'SecretStoreUnavailable' as const, message: 'Its secret was not removed.', hint: '' };
      set({ deleteTarget: undefined, deleting: false, notice: `${what}.`, actionError: { title: `${what}, but not its secret`, error } });
    }
    return true;
  },

  notify(notice) {
    set({ notice });
  },

  dismissActionError() {
    set({ actionError: undefined });
  },

  async duplicateProfile(profileId) {
    const name = nameOf(profileId);
    const result = await useProfilesStore.getState().duplicate(profileId);
    if (result.ok) set({ notice: `Duplicated “${name}” as “${result.data.name}”.`, actionError: undefined });
    else set({ actionError: { title: `Could not duplicate “${name}”`, error: result.error } });
  },

  async exportProfile(profileId) {
    const name = nameOf(profileId);
    const result = await useProfilesStore.getState().exportProfile(profileId);
    if (!result.ok) {
      set({ actionError: { title: `Could not export “${name}”`, error: result.error } });
      return;
    }
    downloadTextFile(result.data.fileName, result.data.content);
    set({ notice: `Exported “${name}” as ${result.data.fileName} (without its secret).`, actionError: undefined });
  },

  async restoreBackups() {
    const result = await useProfilesStore.getState().restoreBackup();
    if (!result.ok) {
      set({ actionError: { title: 'Could not restore the backup', error: result.error } });
      return;
    }
    const said = result.data.restored.map(
      (file) => `Restored ${file.path} from ${file.from}${file.damagedCopy ? `; the damaged file is kept as ${file.damagedCopy}` : ''}.`,
    );
    set({ notice: said.join(' '), actionError: undefined });
  },

  async moveProfile(profileId, delta) {
    const result = await useProfilesStore.getState().move(profileId, delta);
    if (result && !result.ok) set({ actionError: { title: `Could not move “${nameOf(profileId)}”`, error: result.error } });
    else if (result) set({ notice: `Moved “${nameOf(profileId)}” ${delta < 0 ? 'up' : 'down'}.` });
  },
}));

/** Puts the UI store back to its first state (for tests). */
export function resetUiStore(): void {
  useUiStore.setState(initialState);
}
