import { types } from 'mime-types';

/**
 * The Content-Type a file gets from its name, on both sides: the main process
 * sends it, the upload sheet shows it as "detected". One table (mime-types',
 * the one the transfer engine uses) so the two cannot disagree. Only its
 * extension map is read here: its `lookup` needs Node's `path`, which the
 * renderer does not have.
 */

/** What a file whose extension names no type gets. */
export const FALLBACK_CONTENT_TYPE = 'application/octet-stream';

/** An extension a per-type Content-Type can be keyed by (as `uploadOptionsSchema.contentTypes`). */
const EXTENSION = /^[a-z0-9][a-z0-9_+-]{0,31}$/;

/**
 * The extension of a file's name, lower case and without the dot ("jpg" for
 * "photos/A.JPG"); "" when it has none, or one no Content-Type can be keyed by
 * (".bashrc", "archive.tar~").
 */
export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return '';
  const extension = name.slice(dot + 1).toLowerCase();
  return EXTENSION.test(extension) ? extension : '';
}

/** The Content-Type mime-types gives an extension ("jpg" → "image/jpeg"), or the generic fallback. */
export function detectedContentType(extension: string): string {
  return (extension && types[extension]) || FALLBACK_CONTENT_TYPE;
}
