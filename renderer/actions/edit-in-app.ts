import type { Result } from '../../shared/errors';
import { api } from '../api';
import { useEditSessionsStore } from '../stores/edit-sessions';
import { useProfilesStore } from '../stores/profiles';
import { refreshDetails } from './details';

const store = () => useEditSessionsStore.getState();

/** Whether this shell opens objects in the system's applications (the desktop app). */
export const canOpenInApp = (): boolean => !!useProfilesStore.getState().appInfo?.shell?.openInApp;

/** Opens an object in the system's application; each save there is sent back to the bucket. */
export async function openInApp(ref: { profileId: string; bucket: string; key: string }): Promise<Result<{ sessionId: string }>> {
  const result = await api.edit.openInApp(ref);
  if (result.ok) store().opened({ ...ref, sessionId: result.data.sessionId });
  return result;
}

/** "Edit with…": the user picks an application, which opens the object; each save there is sent back. */
export async function editWith(ref: { profileId: string; bucket: string; key: string }): Promise<Result<{ sessionId?: string }>> {
  const result = await api.edit.openWith(ref);
  if (result.ok && result.data.sessionId) store().opened({ ...ref, sessionId: result.data.sessionId });
  return result;
}

/** Saves the open file over a change made on the server meanwhile (the answer to a conflict). */
export async function overwriteFromApp(sessionId: string): Promise<void> {
  const result = await api.edit.overwrite({ sessionId });
  if (!result.ok) store().reported(sessionId, { kind: 'failed', error: result.error });
}

/** Stops sending saves back; the file goes. */
export async function stopEditing(sessionId: string): Promise<void> {
  await api.edit.stop({ sessionId });
  store().stopped(sessionId);
}

/** Follows the main process's reports of saves sent back; returns the function that stops. */
export function startEditSessionEvents(): () => void {
  return api.on('edit:session', (event) => {
    store().reported(event.sessionId, event.kind === 'saved' ? { kind: 'saved' } : { kind: event.kind, error: event.error });
    if (event.kind === 'saved') void refreshDetails();
  });
}
