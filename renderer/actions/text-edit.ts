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
 * user's choice after a conflict). The inspector then shows the object as saved.
 */
export async function saveText(
  ref: { profileId: string; bucket: string; key: string },
  text: string,
  etag: string | undefined,
): Promise<Result<{ etag: string }>> {
  const result = await api.edit.saveText({ ...ref, text, ...(etag && { etag }) });
  if (result.ok) void refreshDetails();
  return result;
}
