import { bucketUploadsOf } from '../../shared/profile';
import type { PaneId } from '../stores/pane-state';
import { useProfilesStore } from '../stores/profiles';
import { profileById } from '../stores/selectors';
import { stepItems, useUploadSheetStore, type PendingItem, type UploadPlace } from '../stores/upload-sheet';
import {
  choicesFromSettings,
  describeSettings,
  groupByExtension,
  hasProblems,
  problemsOf,
  requestOptionsOf,
  settingsFromChoices,
  type SheetChoices,
} from '../uploads/upload-sheet-plan';
import { saveBucketSettings } from './profiles';
import { sendUpload, started } from './upload-send';

/**
 * The upload sheet's flow: every drop and pick asks first (access, headers,
 * storage class, metadata), unless its bucket says not to; then one upload
 * for the whole drop, or one per item when the sheet steps through them; and
 * the choices remembered as the bucket's upload settings when asked to.
 */

const sheet = () => useUploadSheetStore.getState();

function settingsOf(place: UploadPlace) {
  const profile = profileById(useProfilesStore.getState(), place.profileId);
  const settings = bucketUploadsOf(profile, place.bucket);
  const defaults = { acl: profile?.defaultUploadAcl ?? 'none', cacheControl: profile?.uploadCacheControl || undefined };
  return { settings, choices: choicesFromSettings(settings, defaults) };
}

/** The upload choices a bucket's uploads start from (its remembered settings, else the profile's): what a drop gets without asking. */
export function savedUploadChoices(place: { profileId: string; bucket: string }): SheetChoices {
  return settingsOf({ ...place, prefix: '' }).choices;
}

/**
 * Uploads dropped or picked items into `place`: opens the upload sheet, or,
 * when the bucket's settings say "don't ask again", starts at once with them
 * and leaves a note saying which settings applied.
 */
export async function offerUpload(paneId: PaneId, place: UploadPlace, items: PendingItem[]): Promise<void> {
  if (items.length === 0) return;
  const { settings, choices } = settingsOf(place);
  if (settings?.askOnDrop !== false) {
    sheet().open({ paneId, place, items, choices });
    return;
  }
  const result = await sendUpload(
    place,
    items.map((item) => item.source),
    requestOptionsOf(choices, groupByExtension(items)),
  );
  started(paneId, result, 'Could not start the upload');
  if (result.ok) sheet().setNotice({ bucket: place.bucket, settings: describeSettings(choices) });
}

/**
 * "Upload": checks the choices, remembers them for the bucket when asked,
 * sends the items the sheet's step covers with them, then moves to the next
 * item or closes.
 */
export async function confirmUploadSheet(): Promise<void> {
  const pending = sheet().pending;
  if (!pending || pending.busy) return;
  sheet().submitted();
  const items = stepItems(pending);
  const groups = groupByExtension(items);
  if (hasProblems(problemsOf(pending.choices, groups))) return;
  sheet().setBusy(true);
  // Remembered first: the engine fills what a batch leaves out from the bucket's settings, so they must be the new ones.
  if (pending.remember || pending.dontAsk) {
    const { place } = pending;
    const settings = settingsFromChoices(pending.choices, groups, settingsOf(place).settings, !pending.dontAsk);
    const saved = await saveBucketSettings(place.profileId, place.bucket, { uploads: settings });
    if (!saved.ok) {
      sheet().failed({ title: `Could not save the settings for ${place.bucket} (untick “Remember” to upload without saving them)`, error: saved.error });
      return;
    }
  }
  const result = await sendUpload(
    pending.place,
    items.map((item) => item.source),
    requestOptionsOf(pending.choices, groups),
  );
  if (!result.ok) {
    sheet().failed({ title: 'Could not start the upload', error: result.error });
    return;
  }
  started(pending.paneId, result, 'Could not start the upload');
  if (pending.applyToAll || pending.step >= pending.items.length - 1) sheet().close();
  else sheet().nextStep();
}

/** "Cancel" or Escape: nothing more is sent (items already sent by earlier steps go on). */
export function cancelUploadSheet(): void {
  sheet().close();
}

/** Hides the note about a drop that did not ask. */
export function dismissUploadNotice(): void {
  sheet().setNotice(undefined);
}
