import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors';
import type { ImportPreview, ImportResult, ImportSource } from '../../shared/profile-import';
import { api } from '../api';
import { importItems, importNameErrors, initialChoices, type ImportChoices } from '../import-plan';
import { useProfilesStore } from './profiles';

/** Where the import dialog stands: choosing a source, previewing, applying, done. */
export type ImportStatus = 'idle' | 'previewing' | 'preview' | 'applying' | 'done';

/** The import dialog: the source, its preview, the user's choices, and what the import did. */
export interface ImportState {
  isOpen: boolean;
  source: ImportSource;
  /** Empty: the source's default location. */
  path: string;
  status: ImportStatus;
  preview?: ImportPreview;
  choices: ImportChoices;
  result?: ImportResult;
  error?: ErrorInfo;
  /** Apply was pressed: name problems show. */
  attempted: boolean;
}

/** What the import store can do; every action works outside React. */
export interface ImportActions {
  open(): void;
  close(): void;
  setSource(source: ImportSource): void;
  setPath(path: string): void;
  /** Reads the source and lists what it would create; nothing is written. */
  loadPreview(): Promise<void>;
  toggle(key: string, selected: boolean): void;
  rename(key: string, name: string): void;
  /** Creates the chosen profiles; returns whether it ran (name problems stop it). */
  apply(): Promise<boolean>;
}

const initialState: ImportState = {
  isOpen: false,
  source: 'aws',
  path: '',
  status: 'idle',
  preview: undefined,
  choices: {},
  result: undefined,
  error: undefined,
  attempted: false,
};

let generation = 0;

/** The import store. */
export const useImportStore = create<ImportState & ImportActions>()((set, get) => ({
  ...initialState,

  open() {
    generation += 1;
    set({ ...initialState, isOpen: true });
  },

  close() {
    generation += 1;
    set({ isOpen: false });
  },

  setSource(source) {
    generation += 1;
    set({ source, status: 'idle', preview: undefined, choices: {}, result: undefined, error: undefined, attempted: false });
  },

  setPath(path) {
    set({ path });
  },

  async loadPreview() {
    const { source, path } = get();
    const current = ++generation;
    set({ status: 'previewing', error: undefined, result: undefined, attempted: false });
    const result = await api.profiles.importPreview({ source, ...(path.trim() && { path: path.trim() }) });
    if (current !== generation) return;
    if (result.ok) set({ status: 'preview', preview: result.data, choices: initialChoices(result.data) });
    else set({ status: 'idle', preview: undefined, choices: {}, error: result.error });
  },

  toggle(key, selected) {
    set((state) => ({ choices: { ...state.choices, [key]: { ...state.choices[key], selected } } }));
  },

  rename(key, name) {
    set((state) => ({ choices: { ...state.choices, [key]: { ...state.choices[key], name } } }));
  },

  async apply() {
    const { preview, choices, source, path, status } = get();
    if (!preview || status === 'applying') return false;
    set({ attempted: true });
    const names = useProfilesStore.getState().profiles.map((p) => p.name);
    const items = importItems(preview, choices);
    if (items.length === 0 || Object.keys(importNameErrors(preview, choices, names)).length > 0) return false;
    const current = ++generation;
    set({ status: 'applying', error: undefined });
    const result = await api.profiles.importApply({ source, ...(path.trim() && { path: path.trim() }), items });
    if (current !== generation) return result.ok;
    if (!result.ok) {
      set({ status: 'preview', error: result.error });
      return false;
    }
    set({ status: 'done', result: result.data });
    void useProfilesStore.getState().load();
    return true;
  },
}));

/** Puts the import store back to its first state (for tests). */
export function resetImportStore(): void {
  generation += 1;
  useImportStore.setState(initialState);
}
