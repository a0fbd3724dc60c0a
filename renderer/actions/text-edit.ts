import type { Result } from '../../shared/errors';
import type { OpenedText } from '../../shared/text-edit';
import { api } from '../api';
import { refreshDetails } from './details';

/** A text object, opened to edit in place (its text and the ETag it was read at). */
export function openText(ref: { profileId: string; bucket: string; key: string }): Promise<Result<OpenedText>> {
  return api.edit.openText(ref);
}

/**
 * Saves the text over the object if it is still the one opened (`etag`; none: overwrite whatever is there, the
 * user's choice after a conflict). The inspector then shows the object as saved. `unconfirmed` are texts of
 * this editor's saves that failed without an answer: one may have reached the server, so a conflict is first
 * checked against what the object holds now, and a text of the editor's own is saved over, not called a change.
 */
export async function saveText(
  ref: { profileId: string; bucket: string; key: string },
  text: string,
  etag: string | undefined,
  unconfirmed: readonly string[] = [],
): Promise<Result<{ etag: string }>> {
  let result = await api.edit.saveText({ ...ref, text, ...(etag && { etag }) });
  if (!result.ok && result.error.code === 'EditConflict' && etag && unconfirmed.length > 0) {
    const now = await api.edit.openText(ref);
    if (now.ok && unconfirmed.includes(now.data.text)) result = await api.edit.saveText({ ...ref, text, etag: now.data.etag });
  }
  if (result.ok) void refreshDetails();
  return result;
}
