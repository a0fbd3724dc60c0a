import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors';

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
}

const initialState: UiState = {
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
}));

/** Puts the UI store back to its first state (for tests). */
export function resetUiStore(): void {
  useUiStore.setState(initialState);
}
