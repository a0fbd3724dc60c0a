import { describe, expect, it } from 'vitest';
import { emptyProfileForm } from '../profiles/profile-form';
import { selectEditorTitle, selectFormErrors, selectShownError } from './editor-selectors';
import type { ProfileEditorState } from './profile-editor';

const editor = (patch: Partial<ProfileEditorState> = {}): ProfileEditorState => ({
  isOpen: true,
  mode: { kind: 'add' },
  values: emptyProfileForm(),
  touched: {},
  submitted: false,
  testAttempted: false,
  saving: false,
  compatOpen: false,
  nextRowId: 1,
  ...patch,
});

describe('editor selectors', () => {
  it('show a problem only once the field was left, or after Save', () => {
    expect(selectShownError(editor(), 'name')).toBeUndefined();
    expect(selectShownError(editor({ touched: { name: true } }), 'name')).toBe('Enter a name for the profile.');
    expect(selectShownError(editor({ submitted: true }), 'name')).toBe('Enter a name for the profile.');
  });

  it('after Test connection, show only what the test needs', () => {
    const tested = editor({ testAttempted: true });
    expect(selectShownError(tested, 'endpoint')).toMatch(/^Enter the endpoint URL/);
    expect(selectShownError(tested, 'name')).toBeUndefined();
  });

  it('compute the problems once per change of values', () => {
    const state = editor();
    expect(selectFormErrors(state)).toBe(selectFormErrors({ ...state }));
    expect(selectFormErrors(editor())).not.toBe(selectFormErrors(state));
  });

  it('title the dialog by its mode', () => {
    expect(selectEditorTitle(editor())).toBe('Add profile');
    expect(selectEditorTitle(editor({ mode: { kind: 'edit', profileId: 'p', secretSet: true } }))).toBe('Edit profile');
  });
});
