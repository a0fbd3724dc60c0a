import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Why a key could not become a local path, or what had to change. */
export interface SafePath {
  /** Path segments below the chosen folder, safe on this platform. */
  segments: string[];
  /** Set when the key was changed to be safe: what changed, in words. */
  changed?: string;
}

/** A key that cannot be written inside the chosen folder, and why. */
export interface RefusedPath {
  refused: string;
}

/** Names Windows keeps for devices, with or without an extension ("CON", "nul.txt", "COM1"). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
/** Characters Windows refuses in names. */
const WINDOWS_INVALID = /[<>:"|?*]/g;
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go.
const CONTROL = /[\u0000-\u001f\u007f]/g;
/** Most file systems allow 255 bytes per name. */
const MAX_NAME_BYTES = 255;
/** Where the bytes of a non-empty folder marker ("dir/" with data) are kept, inside that folder. */
export const FOLDER_DATA_NAME = '.pail-folder-data';
/** What a file becomes when a folder of the same name is in the way ("a" beside "a/b"). */
export const FILE_SUFFIX = ' (file)';
/** What a download appends to a file's name while it arrives. */
export const TEMP_SUFFIX = '.pail-part';
/**
 * The longest file name a download plans: room left for TEMP_SUFFIX and for
 * the " (9999)" a rename on conflict adds (numberedName), so every planned
 * name can still be written, as a temp file and under a number.
 */
export const MAX_FILE_NAME_BYTES = MAX_NAME_BYTES - Buffer.byteLength(TEMP_SUFFIX) - Buffer.byteLength(' (9999)');

/** The extension a shortened or suffixed name keeps (".jpg", not a 40-byte tail after a dot). */
function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
}

/** Cuts whole characters off the end of `stem` until `stem + rest` fits in `maxBytes`. */
function cutToFit(stem: string, rest: string, maxBytes: number): string {
  const room = maxBytes - Buffer.byteLength(rest);
  if (Buffer.byteLength(stem) <= room) return stem;
  let cut = '';
  let bytes = 0;
  for (const char of stem) {
    const size = Buffer.byteLength(char);
    if (bytes + size > room) break;
    cut += char;
    bytes += size;
  }
  return cut;
}

/**
 * `name` in at most `maxBytes`: unchanged when it fits, otherwise cut,
 * keeping its extension, with a hash of the whole name so two long names
 * that start alike stay apart.
 */
export function fitName(name: string, maxBytes: number = MAX_NAME_BYTES): string {
  if (Buffer.byteLength(name) <= maxBytes) return name;
  const tag = `~${createHash('sha1').update(name).digest('hex').slice(0, 8)}`;
  const ext = extensionOf(name);
  return cutToFit(name.slice(0, name.length - ext.length), tag + ext, maxBytes) + tag + ext;
}

/** "a.txt" + " (file)" → "a (file).txt", cut to fit a file name (MAX_FILE_NAME_BYTES) if it must be. */
export function suffixedName(name: string, suffix: string): string {
  const ext = extensionOf(name);
  const stem = name.slice(0, name.length - ext.length);
  const whole = stem + suffix + ext;
  if (Buffer.byteLength(whole) <= MAX_FILE_NAME_BYTES) return whole;
  const tag = `~${createHash('sha1').update(name).digest('hex').slice(0, 8)}`;
  return cutToFit(stem, tag + suffix + ext, MAX_FILE_NAME_BYTES) + tag + suffix + ext;
}

/**
 * Turns one segment of a key into a file name that means only itself: no
 * separators, no control characters, and on Windows none of its reserved
 * names, invalid characters or trailing dots and spaces (which Windows drops,
 * so "...." would become ".."). Returns the name and whether it changed.
 */
function safeSegment(segment: string, windows: boolean, maxBytes: number): string {
  let name = segment.replace(/\\/g, '_').replace(CONTROL, '_');
  if (windows) {
    name = name.replace(WINDOWS_INVALID, '_');
    name = name.replace(/[. ]+$/, (tail) => '_'.repeat(tail.length));
    if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  }
  if (/^\.+$/.test(name)) name = '_'.repeat(name.length);
  return fitName(name, maxBytes);
}

/**
 * Where an object goes below the chosen folder, from its key relative to the
 * folder being downloaded. Empty segments (a leading "/", "//") and "." are
 * dropped; a ".." segment refuses the key, since it says to go up; anything a
 * file system would read specially is replaced with "_" and reported. Folder
 * names get up to 255 bytes, the file's own name MAX_FILE_NAME_BYTES (room
 * for the temp suffix and a number); longer ones are cut (see fitName).
 */
export function safeRelativePath(relativeKey: string, platform: NodeJS.Platform = process.platform): SafePath | RefusedPath {
  const windows = platform === 'win32';
  const raw = relativeKey.split('/');
  if (raw.some((s) => s === '..' || s.split('\\').includes('..'))) return { refused: 'the key contains ".." (a step up out of the folder)' };
  const segments: string[] = [];
  const changes = new Set<string>();
  for (const [index, segment] of raw.entries()) {
    if (segment === '' || segment === '.') {
      // A trailing "/" is a folder marker, not a change worth reporting.
      if (!(segment === '' && index === raw.length - 1))
        changes.add(index === 0 && segment === '' ? 'a leading "/" was dropped' : 'empty or "." path steps were dropped');
      continue;
    }
    const isFile = index === raw.length - 1;
    const safe = safeSegment(segment, windows, isFile ? MAX_FILE_NAME_BYTES : MAX_NAME_BYTES);
    if (safe !== segment)
      changes.add(Buffer.byteLength(segment) > 80 ? `a ${Buffer.byteLength(segment)}-byte name became "${safe}"` : `"${segment}" became "${safe}"`);
    segments.push(safe);
  }
  if (segments.length === 0) return { refused: 'the key names no file' };
  return changes.size ? { segments, changed: [...changes].join('; ') } : { segments };
}

/**
 * The absolute path of `segments` below `root`, or undefined if it would not
 * be strictly inside `root` (checked with path.relative after resolving, the
 * last line of defence whatever the segments hold).
 */
export function insideRoot(root: string, segments: string[]): string | undefined {
  const base = resolve(root);
  const full = resolve(base, ...segments);
  const rel = relative(base, full);
  if (rel === '' || isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) return undefined;
  return full;
}
