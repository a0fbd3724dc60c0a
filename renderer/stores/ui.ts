import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { ErrorInfo } from '../../shared/errors';
import { THEME_CHOICES, type ThemeChoice } from '../../shared/theme';

/**
 * Window-level UI: the profile waiting for delete confirmation, the last
 * status message, and the choices remembered across restarts (theme, the
 * secret store note read).
 */
export interface UiState {
  /** The theme the user chose (remembered). */
  theme: ThemeChoice;
  /** The sidebar's note on where secrets are kept was read (remembered; the profile editor still explains it). */
  secretNoteRead: boolean;
  /** The profile whose "Delete profile?" question is open. */
  deleteTarget?: string;
  deleting: boolean;
  deleteError?: ErrorInfo;
  /** A short message for the sidebar's status line ("Exported …"). */
  notice?: string;
  /** A failed profile action (duplicate, export, move), shown under the profiles. */
  actionError?: { title: string; error: ErrorInfo };
}

/** The UI store's own setters; the profile actions that set them are in `actions/profile-commands.ts`. */
export interface UiSetters {
  askDelete(profileId: string): void;
  cancelDelete(): void;
  /** The confirmed delete is under way. */
  deleteStarted(): void;
  /** The delete failed: the question stays open with the error. */
  deleteFailed(error: ErrorInfo): void;
  /** The delete is done: the question closes, `notice` says so, `actionError` says what did not go (or clears). */
  deleteDone(notice: string, actionError?: UiState['actionError']): void;
  notify(text: string): void;
  /** A profile action worked: `notice` says so (and clears the last failure). */
  succeeded(notice: string): void;
  /** A profile action failed. */
  setActionError(actionError: UiState['actionError']): void;
  dismissActionError(): void;
  /** Remembers the theme chosen (applying it to the window is an action: `actions/theme.ts`). */
  setTheme(theme: ThemeChoice): void;
  /** Remembers that the secret store note was read. */
  readSecretNote(): void;
}

const isTheme = (value: unknown): value is ThemeChoice => THEME_CHOICES.includes(value as ThemeChoice);

/** The remembered choices as stored, each kept only when sound (a damaged or older entry falls back field by field). */
function soundUiPrefs(saved: unknown): Pick<UiState, 'theme' | 'secretNoteRead'> {
  const value = (typeof saved === 'object' && saved !== null ? saved : {}) as Partial<Record<'theme' | 'secretNoteRead', unknown>>;
  return { theme: isTheme(value.theme) ? value.theme : 'system', secretNoteRead: value.secretNoteRead === true };
}

const initialState: UiState = {
  theme: 'system',
  secretNoteRead: false,
  deleteTarget: undefined,
  deleting: false,
  deleteError: undefined,
  notice: undefined,
  actionError: undefined,
};

/**
 * The UI store. The theme and the note read are remembered in the page's
 * storage (the app's page has a fixed origin, so they last across restarts),
 * read back as the store is made, before the first render.
 */
export const useUiStore = create<UiState & UiSetters>()(
  persist(
    (set) => ({
      ...initialState,

      askDelete(deleteTarget) {
        set({ deleteTarget, deleting: false, deleteError: undefined });
      },

      cancelDelete() {
        set({ deleteTarget: undefined, deleting: false, deleteError: undefined });
      },

      deleteStarted() {
        set({ deleting: true, deleteError: undefined });
      },

      deleteFailed(deleteError) {
        set({ deleting: false, deleteError });
      },

      deleteDone(notice, actionError) {
        set({ deleteTarget: undefined, deleting: false, notice, actionError });
      },

      notify(notice) {
        set({ notice });
      },

      succeeded(notice) {
        set({ notice, actionError: undefined });
      },

      setActionError(actionError) {
        set({ actionError });
      },

      dismissActionError() {
        set({ actionError: undefined });
      },

      setTheme(theme) {
        set({ theme });
      },

      readSecretNote() {
        set({ secretNoteRead: true });
      },
    }),
    {
      name: 'pail.ui',
      version: 1,
      // Without a page (tests under Node) nothing is remembered.
      storage: createJSONStorage(() => localStorage),
      partialize: ({ theme, secretNoteRead }) => ({ theme, secretNoteRead }),
      merge: (saved, current) => ({ ...current, ...soundUiPrefs(saved) }),
    },
  ),
);

/** Puts the UI store back to its first state (for tests). */
export function resetUiStore(): void {
  useUiStore.setState(initialState);
}
