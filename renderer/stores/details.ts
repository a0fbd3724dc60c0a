import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors';
import type { ObjectDetails } from '../../shared/object-details';
import { api } from '../api';
import { isFolderTarget, targetKey } from '../inspect-target';
import { checkMetadataForm, formFromDetails, nextRowId, type MetadataField, type MetadataFormProblems, type MetadataFormValues } from '../metadata-form';
import type { InspectTarget } from './inspector';
import { usePreviewStore } from './preview';

/** Where loading an object's details stands. */
export type DetailsStatus = 'idle' | 'loading' | 'ready' | 'error';

/** The metadata editor while it is open. */
export interface MetadataEditorState {
  values: MetadataFormValues;
  /** Fields the user changed: their problems show as soon as they are typed. */
  touched: MetadataField[];
  /** After a save attempt every problem shows. */
  submitted: boolean;
  saving: boolean;
  saveError?: ErrorInfo;
}

/** The inspected object's details, and its metadata editor. */
export interface DetailsState {
  target?: InspectTarget;
  status: DetailsStatus;
  details?: ObjectDetails;
  error?: ErrorInfo;
  editor?: MetadataEditorState;
}

/** What the details store can do; every action works outside React. */
export interface DetailsActions {
  /** Loads the details of an object (nothing for a folder or no target); the preview follows. */
  load(target: InspectTarget | undefined): Promise<void>;
  /** Loads the shown object's details again (after a restore, say). */
  refresh(): Promise<void>;
  startEdit(): void;
  cancelEdit(): void;
  /** Changes a header field or a row part. */
  change(field: MetadataField, value: string): void;
  addRow(): void;
  removeRow(id: number): void;
  /** Checks the form; when valid, rewrites the object's headers and shows the details that came back. */
  save(): Promise<boolean>;
}

const initialState: DetailsState = { target: undefined, status: 'idle', details: undefined, error: undefined, editor: undefined };

let generation = 0;
/** The details request in flight: selecting something else stops it. */
let reading: AbortController | undefined;

function setField(values: MetadataFormValues, field: MetadataField, value: string): MetadataFormValues {
  if (field === 'contentType' || field === 'cacheControl' || field === 'contentDisposition') return { ...values, [field]: value };
  const [, id, part] = field.split('-');
  return { ...values, rows: values.rows.map((row) => (row.id === Number(id) ? { ...row, [part as 'name' | 'value']: value } : row)) };
}

/** The details store. */
export const useDetailsStore = create<DetailsState & DetailsActions>()((set, get) => ({
  ...initialState,

  async load(target) {
    const current = ++generation;
    // The object selected before is no longer wanted: its request stops in the main process too.
    reading?.abort();
    reading = undefined;
    if (!target || isFolderTarget(target)) {
      set({ ...initialState, target });
      usePreviewStore.getState().clear();
      return;
    }
    const same = targetKey(target) === targetKey(get().target);
    set({ target, status: 'loading', error: undefined, ...(!same && { details: undefined, editor: undefined }) });
    reading = new AbortController();
    const result = await api.s3.objectDetails(target, { signal: reading.signal });
    if (current !== generation) return;
    if (!result.ok) {
      set({ status: 'error', error: result.error, details: undefined });
      usePreviewStore.getState().clear();
      return;
    }
    set({ status: 'ready', details: result.data });
    await usePreviewStore.getState().load(target, result.data);
  },

  async refresh() {
    await get().load(get().target);
  },

  startEdit() {
    const { details } = get();
    if (!details) return;
    set({ editor: { values: formFromDetails(details), touched: [], submitted: false, saving: false } });
  },

  cancelEdit() {
    set({ editor: undefined });
  },

  change(field, value) {
    const { editor } = get();
    if (!editor) return;
    set({
      editor: {
        ...editor,
        values: setField(editor.values, field, value),
        touched: editor.touched.includes(field) ? editor.touched : [...editor.touched, field],
      },
    });
  },

  addRow() {
    const { editor } = get();
    if (!editor) return;
    const rows = [...editor.values.rows, { id: nextRowId(editor.values.rows), name: '', value: '' }];
    set({ editor: { ...editor, values: { ...editor.values, rows } } });
  },

  removeRow(id) {
    const { editor } = get();
    if (!editor) return;
    set({ editor: { ...editor, values: { ...editor.values, rows: editor.values.rows.filter((row) => row.id !== id) } } });
  },

  async save() {
    const { editor, target, details } = get();
    if (!editor || editor.saving || !target || !details) return false;
    const check = checkMetadataForm(editor.values);
    if (!check.ok) {
      set({ editor: { ...editor, submitted: true, saveError: undefined } });
      return false;
    }
    set({ editor: { ...editor, submitted: true, saving: true, saveError: undefined } });
    const current = generation;
    const result = await api.s3.updateMetadata({ profileId: target.profileId, bucket: target.bucket, key: target.key, edit: check.edit });
    if (current !== generation) return result.ok;
    if (!result.ok) {
      set({ editor: { ...get().editor!, saving: false, saveError: result.error } });
      return false;
    }
    set({ details: result.data, status: 'ready', editor: undefined });
    // The type may have changed the preview (the versions list is reloaded by the action that saved).
    await usePreviewStore.getState().load(target, result.data);
    return true;
  },
}));

/** The problems of an open editor that should show now: those of changed fields, or all after a save attempt. */
export function shownProblems(editor: MetadataEditorState | undefined): MetadataFormProblems {
  if (!editor) return { fields: {} };
  const check = checkMetadataForm(editor.values);
  if (check.ok) return { fields: {} };
  if (editor.submitted) return check.problems;
  const fields: MetadataFormProblems['fields'] = {};
  for (const field of editor.touched) if (check.problems.fields[field]) fields[field] = check.problems.fields[field];
  return { fields };
}

/** Puts the details store back to its first state and drops requests in flight (tests). */
export function resetDetailsStore(): void {
  generation += 1;
  useDetailsStore.setState(initialState);
}
