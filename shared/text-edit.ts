import { z } from 'zod';
import { profileIdSchema } from './profile';
import { bucketNameSchema, prefixSchema } from './s3-names';

/**
 * Editing a text object in place: opened with its ETag, saved only if the object on the server still
 * has that ETag (someone else's save in between is a conflict, never overwritten without asking).
 * The same rule serves the page's editor and the desktop's "Edit with…" watcher.
 */

/** Objects up to this size open in the editor; bigger ones are downloaded instead. */
export const EDITABLE_TEXT_MAX_BYTES = 2 * 1024 * 1024;

const objectRef = { profileId: profileIdSchema, bucket: bucketNameSchema, key: prefixSchema.min(1, 'Name the object.') };
export const openTextRequestSchema = z.object(objectRef);
export const saveTextRequestSchema = z.object({
  ...objectRef,
  text: z.string().max(EDITABLE_TEXT_MAX_BYTES, 'The text is too long to save from the editor.'),
  /** The ETag it was opened with; absent only when the user chose to overwrite a conflicting change. */
  etag: z.string().min(1).max(1024).optional(),
});

/** A text object as the editor opens it. */
export interface OpenedText {
  text: string;
  etag: string;
  contentType: string;
  size: number;
}

/** What saving found about the object since it was opened: nothing (save), another version, or none at all. */
export type EditConflict = undefined | 'changed' | 'deleted';

/**
 * The conflict rule: the object must still be the one opened (ETags compared without quotes or case), or
 * hold bytes of the editor's own: `ours` are the ETags its own saves give the object (the MD5 of the bytes
 * being saved, and of earlier saves whose answer never came and which may have reached the server). A
 * save that went through unheard is no one else's change, and must not stop the next save as one.
 */
export function editConflict(openedEtag: string | undefined, currentEtag: string | undefined | null, ours: readonly string[] = []): EditConflict {
  if (openedEtag === undefined) return undefined;
  if (currentEtag === null) return 'deleted';
  const bare = (etag: string | undefined) => (etag ?? '').replace(/^W\//, '').replace(/"/g, '').toLowerCase();
  const current = bare(currentEtag);
  return current === bare(openedEtag) || ours.some((etag) => bare(etag) === current) ? undefined : 'changed';
}

/** The conflict in words, with what the user's text becomes. */
export function editConflictInWords(conflict: Exclude<EditConflict, undefined>, key: string): string {
  return conflict === 'deleted'
    ? `${key} was deleted on the server after you opened it. Your text was not saved.`
    : `${key} changed on the server after you opened it (someone else saved it, or another window did). Your text was not saved.`;
}

/** "Open" on the desktop: the object downloaded, opened in the system's application, each save there sent back. */
export const openInAppRequestSchema = z.object(objectRef);
export const editSessionRequestSchema = z.object({ sessionId: z.string().uuid() });

/** What an object open in an application tells the page: a save went up, was refused as a conflict, or failed. */
export type EditSessionEvent =
  | { kind: 'saved'; sessionId: string; key: string; etag: string }
  | { kind: 'conflict' | 'failed'; sessionId: string; key: string; error: import('./errors').ErrorInfo };
