import { create } from 'zustand';
import type { SettingSuggestion } from '../../shared/connection-test';
import type { ErrorInfo } from '../../shared/errors';
import type { ProfileSummary } from '../../shared/profile';
import { applySuggestion, withEndpointMovedToBucket } from '../profiles/profile-form-changes';
import { emptyProfileForm, formFromProfile, type FormField, type ProfileFormMode, type ProfileFormValues } from '../profiles/profile-form';

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

/** The editor's own setters; opening, saving and testing are in actions/profile-editor.ts. */
export interface ProfileEditorSetters {
  /** Opens an empty form to add a profile. */
  startAdd(): void;
  /** Opens a saved profile's form. */
  startEdit(saved: ProfileSummary): void;
  close(): void;
  /** Changes the values; the helpers in profile-form-changes.ts say how fields follow each other. */
  change(update: (values: ProfileFormValues) => ProfileFormValues): void;
  /** The user left a field: show its problem if it was edited. */
  touch(field: FormField): void;
  setCompatOpen(open: boolean): void;
  addBucketRow(): void;
  /** Puts the provider's endpoint in the endpoint field and the old one (a custom domain) in the bucket's public URL base. */
  moveEndpointToBucket(move: { bucket: string; endpoint: string; publicUrlBase: string }): void;
  removeBucketRow(rowId: number): void;
  /** Moves focus to a field, opening the compatibility section when it is in there. */
  focusField(field: FocusTarget): void;
  /** Applies a connection test's suggestion to the form. */
  applySuggestion(suggestion: SettingSuggestion): void;
  /** Save was pressed: every problem shows. */
  markSubmitted(): void;
  /** Test connection was pressed: the problems that stop a test show. */
  markTestAttempted(): void;
  /** Saving started, or failed with the server's error. */
  setSaving(saving: boolean, serverError?: ErrorInfo): void;
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
export const useProfileEditorStore = create<ProfileEditorState & ProfileEditorSetters>()((set) => ({
  ...initialState,

  startAdd() {
    set({ ...initialState, isOpen: true, values: emptyProfileForm() });
  },

  startEdit(saved) {
    const values = formFromProfile(saved);
    set({
      ...initialState,
      isOpen: true,
      mode: { kind: 'edit', profileId: saved.id, secretSet: saved.secretSet },
      saved,
      values,
      nextRowId: values.bucketSettings.length + 1,
    });
  },

  close() {
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

  moveEndpointToBucket(move) {
    set((state) => ({ compatOpen: true, nextRowId: state.nextRowId + 1, values: withEndpointMovedToBucket(state.values, move, state.nextRowId) }));
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

  markSubmitted() {
    set({ submitted: true });
  },

  markTestAttempted() {
    set({ testAttempted: true });
  },

  setSaving(saving, serverError) {
    set({ saving, serverError });
  },
}));

/** Puts the editor back to its first state (for tests). */
export function resetProfileEditorStore(): void {
  useProfileEditorStore.setState(initialState);
}
