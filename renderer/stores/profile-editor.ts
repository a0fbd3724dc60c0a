import { create } from 'zustand';
import type { SettingSuggestion } from '../../shared/connection-test';
import type { ErrorInfo } from '../../shared/errors';
import type { ProfileSummary } from '../../shared/profile';
import { applySuggestion } from '../profile-form-changes';
import {
  connectionErrors,
  emptyProfileForm,
  fieldOrder,
  formFromProfile,
  profileFormErrors,
  bucketNameError,
  toConnectionTestRequest,
  toProfileInput,
  toProfilePatch,
  type FormField,
  type ProfileFormMode,
  type ProfileFormValues,
} from '../profile-form';
import { useBrowserStore } from './browser';
import { useConnectionTestStore } from './connection-test';
import { useProfilesStore } from './profiles';

/** A field the dialog should move focus to (the store cannot reach the DOM). */
export type FocusTarget = FormField | 'testBucket';

/** The profile editor: open or not, adding or editing, and the form's values and checks. */
export interface ProfileEditorState {
  isOpen: boolean;
  mode: ProfileFormMode;
  values: ProfileFormValues;
  /** The saved profile being edited. */
  saved?: ProfileSummary;
  /** Fields the user edited and left: their problems show. */
  touched: Partial<Record<FormField, true>>;
  /** Save was pressed: every problem shows. */
  submitted: boolean;
  /** Test connection was pressed: the problems that stop a test show. */
  testAttempted: boolean;
  saving: boolean;
  serverError?: ErrorInfo;
  /** The "Compatibility settings" section is expanded. */
  compatOpen: boolean;
  /** The field to focus next; `seq` changes with every request. */
  focus?: { field: FocusTarget; seq: number };
  nextRowId: number;
}

/** What the editor can do; every action works outside React. */
export interface ProfileEditorActions {
  openAdd(): void;
  /** Opens a saved profile; `runTest` starts a connection test with its settings at once. */
  openEdit(profileId: string, options?: { runTest?: boolean }): void;
  close(): void;
  /** Changes the values; the helpers in profile-form-changes.ts say how fields follow each other. */
  change(update: (values: ProfileFormValues) => ProfileFormValues): void;
  /** The user left a field: show its problem if it was edited. */
  touch(field: FormField): void;
  setCompatOpen(open: boolean): void;
  addBucketRow(): void;
  removeBucketRow(rowId: number): void;
  /** Moves focus to a field, opening the compatibility section when it is in there. */
  focusField(field: FocusTarget): void;
  /** Applies a connection test's suggestion to the form. */
  applySuggestion(suggestion: SettingSuggestion): void;
  /** Checks and saves; on success closes and shows the profile. Returns whether it saved. */
  save(): Promise<boolean>;
  /** Runs a connection test with the form's values (the fields it needs must be valid). */
  testConnection(): Promise<void>;
}

const COMPAT_FIELDS = (field: FocusTarget) => field === 'defaultBucket' || field === 'uploadCacheControl' || field.startsWith('bucketRow-');

const initialState: ProfileEditorState = {
  isOpen: false,
  mode: { kind: 'add' },
  values: emptyProfileForm(),
  saved: undefined,
  touched: {},
  submitted: false,
  testAttempted: false,
  saving: false,
  serverError: undefined,
  compatOpen: false,
  focus: undefined,
  nextRowId: 1,
};

let focusSeq = 0;

/** The profile editor store. */
export const useProfileEditorStore = create<ProfileEditorState & ProfileEditorActions>()((set, get) => ({
  ...initialState,

  openAdd() {
    useConnectionTestStore.getState().reset();
    set({ ...initialState, isOpen: true, values: emptyProfileForm() });
  },

  openEdit(profileId, options) {
    const saved = useProfilesStore.getState().profiles.find((p) => p.id === profileId);
    if (!saved) return;
    useConnectionTestStore.getState().reset();
    const values = formFromProfile(saved);
    set({
      ...initialState,
      isOpen: true,
      mode: { kind: 'edit', profileId, secretSet: saved.secretSet },
      saved,
      values,
      nextRowId: values.bucketSettings.length + 1,
    });
    if (options?.runTest) void get().testConnection();
  },

  close() {
    useConnectionTestStore.getState().reset();
    set({ isOpen: false, saving: false });
  },

  change(update) {
    set((state) => ({ values: update(state.values) }));
  },

  touch(field) {
    set((state) => (state.touched[field] ? state : { touched: { ...state.touched, [field]: true } }));
  },

  setCompatOpen(compatOpen) {
    set({ compatOpen });
  },

  addBucketRow() {
    set((state) => ({
      compatOpen: true,
      nextRowId: state.nextRowId + 1,
      values: { ...state.values, bucketSettings: [...state.values.bucketSettings, { id: state.nextRowId, bucket: '', url: '', acl: '', cacheControl: '' }] },
      focus: { field: `bucketRow-${state.nextRowId}-bucket`, seq: ++focusSeq },
    }));
  },

  removeBucketRow(rowId) {
    set((state) => ({
      values: { ...state.values, bucketSettings: state.values.bucketSettings.filter((row) => row.id !== rowId) },
    }));
  },

  focusField(field) {
    set((state) => ({ focus: { field, seq: ++focusSeq }, compatOpen: state.compatOpen || COMPAT_FIELDS(field) }));
  },

  applySuggestion(suggestion) {
    // The changed setting shows: compatibility settings open when one of theirs changes.
    const inCompat = suggestion.setting !== 'region';
    set((state) => ({ values: applySuggestion(state.values, suggestion), compatOpen: state.compatOpen || inCompat }));
  },

  async save() {
    const { values, mode, saved, saving } = get();
    if (saving) return false;
    const errors = profileFormErrors(values, mode);
    const firstBad = fieldOrder(values).find((field) => errors[field]);
    set({ submitted: true });
    if (firstBad) {
      get().focusField(firstBad);
      return false;
    }
    set({ saving: true, serverError: undefined });
    const profiles = useProfilesStore.getState();
    const result =
      mode.kind === 'add' ? await profiles.create(toProfileInput(values)) : await profiles.update(mode.profileId, toProfilePatch(values, mode, saved));
    if (!get().isOpen) return result.ok;
    if (!result.ok) {
      set({ saving: false, serverError: result.error });
      return false;
    }
    get().close();
    const browser = useBrowserStore.getState();
    if (mode.kind === 'edit' && browser.profileId === result.data.id) await browser.reloadProfile(result.data.id);
    else await browser.selectProfile(result.data.id);
    return true;
  },

  async testConnection() {
    const { values, mode } = get();
    const errors = connectionErrors(profileFormErrors(values, mode));
    const firstBad = fieldOrder(values).find((field) => errors[field]);
    set({ testAttempted: true });
    if (firstBad) {
      get().focusField(firstBad);
      return;
    }
    const test = useConnectionTestStore.getState();
    if (bucketNameError(test.writeBucket)) {
      get().focusField('testBucket');
      return;
    }
    await test.run(toConnectionTestRequest(values, mode, test.writeBucket));
  },
}));

/** Puts the editor back to its first state (for tests). */
export function resetProfileEditorStore(): void {
  useProfileEditorStore.setState(initialState);
}
