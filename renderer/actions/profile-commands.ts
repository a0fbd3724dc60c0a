import { downloadTextFile } from '../common/download';
import { useProfilesStore } from '../stores/profiles';
import { damagedProfileByKey, profileNameOf } from '../stores/selectors';
import { useUiStore } from '../stores/ui';
import { copyProfile, readProfileExport, removeProfile, reorderProfile, restoreProfileBackups } from './profiles';

/**
 * What the profile list's menu and the delete question do with a profile
 * (delete, duplicate, export, move, restore the backups): each runs its
 * request in actions/profiles.ts, then says what happened on the sidebar's status line.
 */

const ui = () => useUiStore.getState();
const profiles = () => useProfilesStore.getState();

const nameOf = (profileId: string) => {
  const entry = damagedProfileByKey(profiles(), profileId);
  if (entry) return `damaged entry ${entry.entry}${entry.name ? ` (${entry.name})` : ''}`;
  return profileNameOf(profiles(), profileId) ?? 'the profile';
};

/** Deletes the profile the question is about; returns whether it was deleted. */
export async function confirmDeleteProfile(): Promise<boolean> {
  const { deleteTarget, deleting } = ui();
  if (!deleteTarget || deleting) return false;
  const name = nameOf(deleteTarget);
  const isDamaged = damagedProfileByKey(profiles(), deleteTarget) !== undefined;
  ui().deleteStarted();
  const result = await removeProfile(deleteTarget);
  if (!result.ok) {
    ui().deleteFailed(result.error);
    return false;
  }
  const what = isDamaged ? `Removed ${name}` : `Deleted profile “${name}”`;
  if (result.data.secretRemoved) {
    ui().deleteDone(`${what}${isDamaged ? '' : ' and its secret'}.`);
  } else {
    // Gone, but its secret is not: said as plainly as a failure, with where it stayed.
    const error = result.data.secretError ?? { code: 'SecretStoreUnavailable' as const, message: 'Its secret was not removed.', hint: '' };
    ui().deleteDone(`${what}.`, { title: `${what}, but not its secret`, error });
  }
  return true;
}

/** Duplicates a profile (under a new name). */
export async function duplicateProfile(profileId: string): Promise<void> {
  const name = nameOf(profileId);
  const result = await copyProfile(profileId);
  if (result.ok) ui().succeeded(`Duplicated “${name}” as “${result.data.name}”.`);
  else ui().setActionError({ title: `Could not duplicate “${name}”`, error: result.error });
}

/** Downloads a profile's settings (never its secret) as JSON. */
export async function exportProfile(profileId: string): Promise<void> {
  const name = nameOf(profileId);
  const result = await readProfileExport(profileId);
  if (!result.ok) {
    ui().setActionError({ title: `Could not export “${name}”`, error: result.error });
    return;
  }
  downloadTextFile(result.data.fileName, result.data.content);
  ui().succeeded(`Exported “${name}” as ${result.data.fileName} (without its secret).`);
}

/** Puts back the last good profiles.json / secrets.json from their backups, and says what it did. */
export async function restoreBackups(): Promise<void> {
  const result = await restoreProfileBackups();
  if (!result.ok) {
    ui().setActionError({ title: 'Could not restore the backup', error: result.error });
    return;
  }
  const said = result.data.restored.map(
    (file) => `Restored ${file.path} from ${file.from}${file.damagedCopy ? `; the damaged file is kept as ${file.damagedCopy}` : ''}.`,
  );
  ui().succeeded(said.join(' '));
}

/** Moves a profile up or down the list. */
export async function moveProfile(profileId: string, delta: -1 | 1): Promise<void> {
  const result = await reorderProfile(profileId, delta);
  if (result && !result.ok) ui().setActionError({ title: `Could not move “${nameOf(profileId)}”`, error: result.error });
  else if (result) ui().notify(`Moved “${nameOf(profileId)}” ${delta < 0 ? 'up' : 'down'}.`);
}
