import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors';
import { idle, shownValueOf, loading, ready, reloading, type Loadable } from '../../shared/loadable';
import type { ObjectDetails } from '../../shared/object-details';
import { targetKey } from '../inspector/inspect-target';
import {
  checkMetadataForm,
  formFromDetails,
  nextRowId,
  type MetadataField,
  type MetadataFormProblems,
  type MetadataFormValues,
} from '../inspector/metadata-form';
import type { InspectTarget } from './inspector';

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
  details: Loadable<ObjectDetails>;
  editor?: MetadataEditorState;
}

/** The details store's own setters; reading and saving are in actions/details.ts. */
export interface DetailsSetters {
  /** Shows a target with no details to read (nothing, or a folder). */
  showNothing(target: InspectTarget | undefined): void;
  /** The target's details are on their way; the same target keeps what it shows (and its editor) meanwhile. */
  startLoading(target: InspectTarget): void;
  /** The details that came back, or why they did not. */
  setDetails(details: Loadable<ObjectDetails>): void;
  startEdit(): void;
  cancelEdit(): void;
  /** Changes a header field or a row part. */
  change(field: MetadataField, value: string): void;
  addRow(): void;
  removeRow(id: number): void;
  /** Changes the open editor's save state (nothing when it is closed). */
  patchEditor(patch: Partial<Pick<MetadataEditorState, 'submitted' | 'saving' | 'saveError'>>): void;
  /** A save went through: the details it returned show and the editor closes. */
  saved(details: ObjectDetails): void;
}

const initialState: DetailsState = { target: undefined, details: idle, editor: undefined };

function setField(values: MetadataFormValues, field: MetadataField, value: string): MetadataFormValues {
  if (field === 'contentType' || field === 'cacheControl' || field === 'contentDisposition') return { ...values, [field]: value };
  const [, id, part] = field.split('-');
  return { ...values, rows: values.rows.map((row) => (row.id === Number(id) ? { ...row, [part as 'name' | 'value']: value } : row)) };
}

/** The details store. */
export const useDetailsStore = create<DetailsState & DetailsSetters>()((set, get) => ({
  ...initialState,

  showNothing(target) {
    set({ ...initialState, target });
  },

  startLoading(target) {
    const same = targetKey(target) === targetKey(get().target);
    set((state) => ({ target, details: same ? reloading(state.details) : loading, ...(!same && { editor: undefined }) }));
  },

  setDetails(details) {
    set({ details });
  },

  startEdit() {
    const details = shownValueOf(get().details);
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

  patchEditor(patch) {
    const { editor } = get();
    if (editor) set({ editor: { ...editor, ...patch } });
  },

  saved(details) {
    set({ details: ready(details), editor: undefined });
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

/** Puts the details store back to its first state (tests). */
export function resetDetailsStore(): void {
  useDetailsStore.setState(initialState);
}
