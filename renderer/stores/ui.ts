import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors';
import { THEME_CHOICES, type ThemeChoice } from '../../shared/theme';
import { readPref, writePref } from './prefs';

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

const THEME_PREF = 'theme';
const SECRET_NOTE_PREF = 'secretNoteRead';
const isTheme = (value: unknown): value is ThemeChoice => THEME_CHOICES.includes(value as ThemeChoice);
const isTrue = (value: unknown): value is true => value === true;

const initialState: UiState = {
  theme: readPref(THEME_PREF, isTheme) ?? 'system',
  secretNoteRead: readPref(SECRET_NOTE_PREF, isTrue) ?? false,
  deleteTarget: undefined,
  deleting: false,
  deleteError: undefined,
  notice: undefined,
  actionError: undefined,
};

/** The UI store. */
export const useUiStore = create<UiState & UiSetters>()((set) => ({
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
    writePref(THEME_PREF, theme);
    set({ theme });
  },

  readSecretNote() {
    writePref(SECRET_NOTE_PREF, true);
    set({ secretNoteRead: true });
  },
}));

/** Puts the UI store back to its first state (for tests). */
export function resetUiStore(): void {
  useUiStore.setState(initialState);
}
