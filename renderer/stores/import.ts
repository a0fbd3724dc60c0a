import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors';
import { errorOf, failed, idle, ready, reloading, shownValueOf, valueOf, type Loadable } from '../../shared/loadable';
import type { ImportPreview, ImportResult, ImportSource } from '../../shared/profile-import';
import { initialChoices, type ImportChoices } from '../transfers/import-plan';

/** Where the import dialog stands: choosing a source, previewing, applying, done. */
export type ImportStatus = 'idle' | 'previewing' | 'preview' | 'applying' | 'done';

/** The import dialog: the source, its preview, the user's choices, and what the import did. */
export interface ImportState {
  isOpen: boolean;
  source: ImportSource;
  /** Empty: the source's default location. */
  path: string;
  /** What the source would create (the last preview stays shown while it is read again). */
  preview: Loadable<ImportPreview>;
  choices: ImportChoices;
  /** The import itself, once Apply went ahead. */
  applied: Loadable<ImportResult>;
  /** Apply was pressed: name problems show. */
  attempted: boolean;
}

/** The import store's own setters; reading and importing are in actions/import.ts. */
export interface ImportSetters {
  open(): void;
  close(): void;
  setSource(source: ImportSource): void;
  setPath(path: string): void;
  toggle(key: string, selected: boolean): void;
  rename(key: string, name: string): void;
  /** The preview is on its way; an earlier import's outcome goes. */
  previewLoading(): void;
  /** The preview that came back (with every candidate chosen as it suggests), or why not. */
  previewAnswered(answer: { ok: true; data: ImportPreview } | { ok: false; error: ErrorInfo }): void;
  /** A preview still being read was given up: Apply went ahead with the one shown. */
  previewStopped(): void;
  /** Apply was pressed: name problems show. */
  markAttempted(): void;
  setApplied(applied: Loadable<ImportResult>): void;
}

const initialState: ImportState = {
  isOpen: false,
  source: 'aws',
  path: '',
  preview: idle,
  choices: {},
  applied: idle,
  attempted: false,
};

/** The import store. */
export const useImportStore = create<ImportState & ImportSetters>()((set) => ({
  ...initialState,

  open() {
    set({ ...initialState, isOpen: true });
  },

  close() {
    set({ isOpen: false });
  },

  setSource(source) {
    set({ source, preview: idle, choices: {}, applied: idle, attempted: false });
  },

  setPath(path) {
    set({ path });
  },

  toggle(key, selected) {
    set((state) => ({ choices: { ...state.choices, [key]: { ...state.choices[key], selected } } }));
  },

  rename(key, name) {
    set((state) => ({ choices: { ...state.choices, [key]: { ...state.choices[key], name } } }));
  },

  previewLoading() {
    set((state) => ({ preview: reloading(state.preview), applied: idle, attempted: false }));
  },

  previewAnswered(answer) {
    if (answer.ok) set({ preview: ready(answer.data), choices: initialChoices(answer.data) });
    else set({ preview: failed(answer.error), choices: {} });
  },

  previewStopped() {
    set((state) => {
      const shown = state.preview.status === 'loading' ? shownValueOf(state.preview) : undefined;
      return shown ? { preview: ready(shown) } : {};
    });
  },

  markAttempted() {
    set({ attempted: true });
  },

  setApplied(applied) {
    set({ applied });
  },
}));

/** The preview shown: the one read, or the one before while it is read again. */
export const selectImportPreview = (state: ImportState) => shownValueOf(state.preview);

/** What the import did, once done. */
export const selectImportResult = (state: ImportState) => valueOf(state.applied);

/** Where the dialog stands, as one word: the import's state first, then the preview's. */
export function selectImportStatus(state: ImportState): ImportStatus {
  if (state.applied.status === 'ready') return 'done';
  if (state.applied.status === 'loading') return 'applying';
  if (state.preview.status === 'loading') return 'previewing';
  return state.preview.status === 'ready' ? 'preview' : 'idle';
}

/** Why reading the source or importing failed, if it did. */
export const selectImportError = (state: ImportState) => errorOf(state.preview) ?? errorOf(state.applied);

/** Puts the import store back to its first state (for tests). */
export function resetImportStore(): void {
  useImportStore.setState(initialState);
}
