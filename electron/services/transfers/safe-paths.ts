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

/** Shortens a name to fit in `MAX_NAME_BYTES`, keeping its extension and adding a hash so two long names stay apart. */
function shorten(name: string): string {
  const tag = `~${createHash('sha1').update(name).digest('hex').slice(0, 8)}`;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  let stem = name.slice(0, name.length - ext.length);
  while (Buffer.byteLength(stem + tag + ext) > MAX_NAME_BYTES) stem = [...stem].slice(0, -1).join('');
  return stem + tag + ext;
}

/**
 * Turns one segment of a key into a file name that means only itself: no
 * separators, no control characters, and on Windows none of its reserved
 * names, invalid characters or trailing dots and spaces (which Windows drops,
 * so "...." would become ".."). Returns the name and whether it changed.
 */
function safeSegment(segment: string, windows: boolean): string {
  let name = segment.replace(/\\/g, '_').replace(CONTROL, '_');
  if (windows) {
    name = name.replace(WINDOWS_INVALID, '_');
    name = name.replace(/[. ]+$/, (tail) => '_'.repeat(tail.length));
    if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  }
  if (/^\.+$/.test(name)) name = '_'.repeat(name.length);
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) name = shorten(name);
  return name;
}

/**
 * Where an object goes below the chosen folder, from its key relative to the
 * folder being downloaded. Empty segments (a leading "/", "//") and "." are
 * dropped; a ".." segment refuses the key, since it says to go up; anything a
 * file system would read specially is replaced with "_" and reported.
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
      if (!(segment === '' && index === raw.length - 1)) changes.add(index === 0 && segment === '' ? 'a leading "/" was dropped' : 'empty or "." path steps were dropped');
      continue;
    }
    const safe = safeSegment(segment, windows);
    if (safe !== segment) changes.add(`"${segment}" became "${safe}"`);
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
