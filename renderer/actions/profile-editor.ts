import {
  bucketNameError,
  connectionErrors,
  fieldOrder,
  profileFormErrors,
  toConnectionTestRequest,
  toProfileInput,
  toProfilePatch,
} from '../profiles/profile-form';
import { useBrowserStore } from '../stores/browser';
import { useConnectionTestStore } from '../stores/connection-test';
import { useProfileEditorStore } from '../stores/profile-editor';
import { useProfilesStore } from '../stores/profiles';
import { profileById } from '../stores/selectors';
import { reloadProfile, selectProfile } from './buckets';
import { resetConnectionTest, runConnectionTest } from './connection-test';
import { resetLinodeEndpoints } from './linode-endpoints';
import { createProfile, updateProfile } from './profiles';

/** The profile editor's work: opening it, saving the form, testing its connection. */

/** Opens an empty form to add a profile (the last connection test is forgotten). */
export function openAddProfile(): void {
  resetConnectionTest();
  resetLinodeEndpoints();
  useProfileEditorStore.getState().startAdd();
}

/** Opens a saved profile; `runTest` starts a connection test with its settings at once. */
export function openEditProfile(profileId: string, options?: { runTest?: boolean }): void {
  const saved = profileById(useProfilesStore.getState(), profileId);
  if (!saved) return;
  resetConnectionTest();
  resetLinodeEndpoints();
  useProfileEditorStore.getState().startEdit(saved);
  if (options?.runTest) void testEditorConnection();
}

/** Closes the editor (the connection test's report goes with it). */
export function closeProfileEditor(): void {
  resetConnectionTest();
  resetLinodeEndpoints();
  useProfileEditorStore.getState().close();
}

/** Checks and saves; on success closes and shows the profile. Returns whether it saved. */
export async function saveProfileEditor(): Promise<boolean> {
  const editor = useProfileEditorStore.getState();
  const { values, mode, saved, saving } = editor;
  if (saving) return false;
  const errors = profileFormErrors(values, mode);
  const firstBad = fieldOrder(values).find((field) => errors[field]);
  editor.markSubmitted();
  if (firstBad) {
    editor.focusField(firstBad);
    return false;
  }
  editor.setSaving(true);
  const result = mode.kind === 'add' ? await createProfile(toProfileInput(values)) : await updateProfile(mode.profileId, toProfilePatch(values, mode, saved));
  // Closed while saving: nothing more to show.
  if (!useProfileEditorStore.getState().isOpen) return result.ok;
  if (!result.ok) {
    editor.setSaving(false, result.error);
    return false;
  }
  closeProfileEditor();
  if (mode.kind === 'edit' && useBrowserStore.getState().profileId === result.data.id) await reloadProfile(result.data.id);
  else await selectProfile(result.data.id);
  return true;
}

/** Runs a connection test with the form's values (the fields it needs must be valid, and the test bucket's name). */
export async function testEditorConnection(): Promise<void> {
  const editor = useProfileEditorStore.getState();
  const { values, mode } = editor;
  const errors = connectionErrors(profileFormErrors(values, mode));
  const firstBad = fieldOrder(values).find((field) => errors[field]);
  editor.markTestAttempted();
  if (firstBad) {
    editor.focusField(firstBad);
    return;
  }
  const { writeBucket } = useConnectionTestStore.getState();
  if (bucketNameError(writeBucket)) {
    editor.focusField('testBucket');
    return;
  }
  await runConnectionTest(toConnectionTestRequest(values, mode, writeBucket));
}
