import { CONNECTION_FIELDS, profileFormErrors, type FormErrors, type FormField } from '../profiles/profile-form';
import type { ProfileEditorState } from './profile-editor';

// The editor's problems are computed from its values once per change and
// shared by every field that reads them.
let cached: { values: ProfileEditorState['values']; mode: ProfileEditorState['mode']; errors: FormErrors } | undefined;

/** Every problem with the editor's values, whether shown yet or not. */
export function selectFormErrors(state: ProfileEditorState): FormErrors {
  if (cached?.values !== state.values || cached.mode !== state.mode) {
    cached = { values: state.values, mode: state.mode, errors: profileFormErrors(state.values, state.mode) };
  }
  return cached.errors;
}

/**
 * A field's problem once it should show: after the field was edited and left,
 * after Save, or (for the fields a test needs) after Test connection.
 */
export function selectShownError(state: ProfileEditorState, field: FormField): string | undefined {
  const error = selectFormErrors(state)[field];
  if (!error) return undefined;
  if (state.submitted || state.touched[field]) return error;
  return state.testAttempted && CONNECTION_FIELDS.includes(field) ? error : undefined;
}

/** The editor's title: "Add profile" or "Edit profile". */
export const selectEditorTitle = (state: ProfileEditorState) => (state.mode.kind === 'add' ? 'Add profile' : 'Edit profile');
