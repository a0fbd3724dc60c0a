import { createHash } from 'node:crypto';
import { z } from 'zod';
import { PailError } from '../../shared/errors';
import { completeProfile, profileIdSchema, storedProfileSchema, type DamagedProfile, type Profile } from '../../shared/profile';
import type { DataFile } from './atomic-file';
import { describeSchemaProblem } from './data-file-words';

/** profiles.json as a whole: a list of entries, each checked on its own so one bad entry spoils nothing else. */
const profilesFileSchema = z.looseObject({ profiles: z.array(z.unknown()) });

/** The data file spec of profiles.json in a data folder. */
export function profilesDataFile(path: string): DataFile<z.output<typeof profilesFileSchema>> {
  return { path, schema: profilesFileSchema, holds: 'your profiles' };
}

/** One entry of the file: a usable profile, or a damaged one kept exactly as it was read. */
export type ProfileEntry = { profile: Profile } | { damaged: DamagedProfile; raw: unknown };

/** profiles.json as read: its entries in order, the other top-level fields, and the text (the backup a write keeps). */
export interface ProfilesFile {
  entries: ProfileEntry[];
  /** Top-level fields other than `profiles` (version, and any a newer Pail wrote), written back as they were. */
  rest: Record<string, unknown>;
  /** The file as read; undefined when there was none. */
  text?: string;
}

/** The usable profiles of a file, in order. */
export function goodProfiles(file: ProfilesFile): Profile[] {
  return file.entries.flatMap((entry) => ('profile' in entry ? [entry.profile] : []));
}

/** The damaged entries of a file, in order. */
export function damagedEntries(file: ProfilesFile): DamagedProfile[] {
  return file.entries.flatMap((entry) => ('damaged' in entry ? [entry.damaged] : []));
}

/** Checks each entry; a damaged one is kept as it is and described. */
export function parseEntries(raws: unknown[], path: string): ProfileEntry[] {
  const ids = new Map<string, number>();
  const entries = raws.map((raw, index): ProfileEntry => {
    const checked = storedProfileSchema.safeParse(raw);
    if (checked.success) {
      const seen = ids.get(checked.data.id);
      if (seen === undefined) {
        ids.set(checked.data.id, index + 1);
        return { profile: completeProfile(checked.data as Parameters<typeof completeProfile>[0]) };
      }
      return { raw, damaged: damaged(raw, index, path, `id: the same id as entry ${seen}`) };
    }
    return { raw, damaged: damaged(raw, index, path, describeSchemaProblem(checked.error, raw)) };
  });
  // A damaged entry's own id names it unless a usable profile has that id.
  return entries.map((entry) =>
    'damaged' in entry && ids.has(entry.damaged.key) ? { ...entry, damaged: { ...entry.damaged, key: hashKey(entry.raw) } } : entry,
  );
}

function damaged(raw: unknown, index: number, path: string, problem: string): DamagedProfile {
  const fields = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const id = profileIdSchema.safeParse(fields.id);
  return {
    key: id.success ? id.data : hashKey(raw),
    entry: index + 1,
    ...(typeof fields.name === 'string' && fields.name.trim() && { name: fields.name.trim() }),
    problem,
    path,
  };
}

/** A stable name for an entry without a usable id: the same entry gets the same key in every process. */
function hashKey(raw: unknown): string {
  return `damaged-${createHash('sha256')
    .update(JSON.stringify(raw) ?? 'undefined')
    .digest('hex')
    .slice(0, 16)}`;
}

/** The file's text: damaged entries go back exactly as they were read. */
export function serialise(file: ProfilesFile): string {
  const profiles = file.entries.map((entry) => ('profile' in entry ? entry.profile : entry.raw));
  return JSON.stringify({ version: 1, ...file.rest, profiles }, null, 2) + '\n';
}

/** The error for using a damaged entry: which one, what is wrong, and what to do. */
export function damagedProfileError(entry: DamagedProfile): PailError {
  const which = entry.name ? `Profile "${entry.name}" (entry ${entry.entry} in ${entry.path})` : `Profile entry ${entry.entry} in ${entry.path}`;
  return new PailError({
    code: 'DataFileDamaged',
    message: `${which} is damaged: ${entry.problem}.`,
    hint: `Fix that entry in the file by hand, or remove it with "pail profile rm ${entry.key}" (or its Remove button in the app). The other profiles work as before.`,
  });
}
