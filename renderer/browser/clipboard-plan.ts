import { countOf } from '../common/format';

/** Objects and folders picked in one folder of one bucket. */
export interface EntrySet {
  profileId: string;
  bucket: string;
  /** The folder they were picked in. */
  prefix: string;
  keys: string[];
  prefixes: string[];
}

/** What Copy or Cut put on Pail's own clipboard. */
export interface ClipboardContents extends EntrySet {
  mode: 'copy' | 'cut';
}

/** A folder to paste or drop into. */
export interface PasteTarget {
  profileId: string;
  bucket: string;
  prefix: string;
}

/** The `copyEntries` request a paste or a drop makes. */
export interface CopyRequest {
  source: { profileId: string; bucket: string; keys: string[]; prefixes: string[] };
  target: PasteTarget;
  mode: 'copy' | 'move';
}

/** A paste that can run, or why it cannot. */
export type PastePlan = { ok: true; request: CopyRequest } | { ok: false; problem: string };

const lastName = (prefix: string) => prefix.slice(0, -1).slice(prefix.slice(0, -1).lastIndexOf('/') + 1);

/**
 * Plans copying or moving a set of entries into a folder. Refuses what S3
 * could not do sensibly: a folder into itself or below itself, or entries onto
 * the folder they are already in (S3 has no "copy 2" names, so a copy would
 * overwrite itself).
 */
export function planTransfer(entries: EntrySet, target: PasteTarget, mode: 'copy' | 'move'): PastePlan {
  if (entries.keys.length + entries.prefixes.length === 0) return { ok: false, problem: 'Nothing is selected.' };
  const sameBucket = entries.profileId === target.profileId && entries.bucket === target.bucket;
  if (sameBucket) {
    const inside = entries.prefixes.find((p) => target.prefix.startsWith(p));
    if (inside) return { ok: false, problem: `Cannot ${mode} the folder “${lastName(inside)}” into itself.` };
    if (entries.prefix === target.prefix) {
      return {
        ok: false,
        problem: mode === 'move' ? 'These items are already in this folder.' : 'Copies need another folder: a copy here would overwrite the originals.',
      };
    }
  }
  return {
    ok: true,
    request: {
      source: { profileId: entries.profileId, bucket: entries.bucket, keys: entries.keys, prefixes: entries.prefixes },
      target,
      mode,
    },
  };
}

/** Plans a paste of the clipboard into a folder: Copy pastes copies, Cut moves. */
export function planPaste(clip: ClipboardContents | undefined, target: PasteTarget | undefined): PastePlan {
  if (!clip) return { ok: false, problem: 'Nothing to paste: copy or cut something first.' };
  if (!target) return { ok: false, problem: 'Open a folder to paste into.' };
  return planTransfer(clip, target, clip.mode === 'cut' ? 'move' : 'copy');
}

/** "3 objects and 1 folder", "1 object". */
export function describeCounts(keys: number, prefixes: number): string {
  const parts = [keys && countOf(keys, 'object'), prefixes && countOf(prefixes, 'folder')].filter(Boolean);
  return parts.length ? parts.join(' and ') : 'nothing';
}

/** The clipboard in words, for the status line and the Paste button's description. */
export function describeClipboard(clip: ClipboardContents): string {
  return `${describeCounts(clip.keys.length, clip.prefixes.length)} ${clip.mode === 'cut' ? 'cut' : 'copied'} from ${clip.bucket}/${clip.prefix}`;
}
