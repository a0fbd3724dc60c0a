import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, copyFile, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { PailError } from '../../shared/errors';
import { describeSchemaProblem, jsonProblem } from './data-file-words';

/**
 * Writes a file so that readers see the old or the new content, never half of
 * it: write a temporary sibling, flush it to disk, then rename over the target.
 */
export async function writeFileAtomic(path: string, content: string, mode = 0o600): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temp, 'w', mode);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** Reads and parses a JSON file; `undefined` when it does not exist (for files whose damage costs nothing, e.g. window state). */
export async function readJsonFile(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** A file in the data folder that Pail must not lose: where it is, the shape it must have, and what it holds (for messages). */
export interface DataFile<T> {
  path: string;
  schema: z.ZodType<T>;
  /** What the user loses without it, e.g. "your profiles". */
  holds: string;
}

/** A data file as read: its validated value, and the text it came from (the backup a write keeps). */
export interface DataFileContent<T> {
  value: T;
  text: string;
}

/** Where the last good version of a data file is kept. */
export const backupPathOf = (path: string) => `${path}.bak`;

/** What the file says when it is not usable, or its value; `missing` when there is no file. */
export type Inspection<T> = { state: 'missing' } | { state: 'damaged'; problem: string } | { state: 'good'; content: DataFileContent<T> };

/**
 * Reads a file and checks it against a schema, saying what is wrong in words
 * (`problem` names the file). Throws `DataFileUnreadable` when it cannot be read at all.
 */
export async function inspect<T>(path: string, schema: z.ZodType<T>): Promise<Inspection<T>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { state: 'missing' };
    throw new PailError(
      {
        code: 'DataFileUnreadable',
        message: `Pail could not read ${path} (${code ?? (error as Error).message}).`,
        hint: 'Check that the file and its folder belong to you and can be read; Pail did not change it.',
      },
      { cause: error },
    );
  }
  // A byte-order mark from a hand edit in some editors is not damage.
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim()) return { state: 'damaged', problem: `${path} is empty.` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    // Node's own message quotes the text, which may hold secrets: only the position is said.
    return { state: 'damaged', problem: `${path} is not valid JSON: ${await jsonProblem(body)}.` };
  }
  const checked = schema.safeParse(parsed);
  if (!checked.success) return { state: 'damaged', problem: `${path} is damaged: ${describeSchemaProblem(checked.error, parsed)}.` };
  return { state: 'good', content: { value: checked.data, text } };
}

/** The error for a damaged data file: what is wrong, that it was left alone, and the way back. */
async function damagedError<T>(file: DataFile<T>, problem: string): Promise<PailError> {
  const backup = backupPathOf(file.path);
  const hasGoodBackup = (await inspect(backup, file.schema).catch(() => undefined))?.state === 'good';
  return new PailError({
    code: 'DataFileDamaged',
    message: `${problem} Pail left it as it is and did not write to it.`,
    hint: hasGoodBackup
      ? `To go back to the last good version, run "pail profile restore-backup" (or choose "Restore the backup" in the app); it keeps the damaged file beside it as ${file.path}.damaged-<time>. Or copy ${backup} over it yourself, or fix the file by hand.`
      : `Fix the file by hand, or move it away to start again without ${file.holds} (there is no backup ${backup}).`,
  });
}

/**
 * Reads a data file and checks it against its schema; `undefined` when it does
 * not exist. A damaged file (not JSON, empty, or the wrong shape) throws
 * `DataFileDamaged` naming the file, what is wrong and the backup to go back to.
 */
export async function readDataFile<T>(file: DataFile<T>): Promise<DataFileContent<T> | undefined> {
  const found = await inspect(file.path, file.schema);
  if (found.state === 'missing') return undefined;
  if (found.state === 'damaged') throw await damagedError(file, found.problem);
  return found.content;
}

/**
 * Writes a data file atomically (mode 0600), first keeping `backup` (the last
 * good version, as read) in `<path>.bak`, also atomically and private.
 */
export async function writeDataFile(path: string, content: string, backup?: string): Promise<void> {
  if (backup !== undefined) await writeFileAtomic(backupPathOf(path), backup, 0o600);
  await writeFileAtomic(path, content, 0o600);
}

/** What restoring a data file from its backup did. */
export interface RestoredFile {
  path: string;
  from: string;
  /** Where the damaged file was kept, if there was one. */
  damagedCopy?: string;
}

/** Why a data file was not restored. */
export type NotRestored = { path: string; reason: 'not-damaged' | 'no-backup'; problem?: string };

/** `profiles.json.damaged-20260512-143005`: sorts by time and is a valid name on every OS. */
export function damagedCopyPath(path: string, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/-|:/g, '')
    .replace('T', '-');
  return `${path}.damaged-${stamp}`;
}

/**
 * Puts back the last good version of a damaged (or missing) data file from its
 * `.bak`, keeping a copy of the damaged file beside it so nothing is lost. A file that
 * reads fine is left alone: restoring over it would throw away changes.
 */
export async function restoreDataFile<T>(file: DataFile<T>, now: Date = new Date()): Promise<RestoredFile | NotRestored> {
  const current = await inspect(file.path, file.schema);
  if (current.state === 'good') return { path: file.path, reason: 'not-damaged' };
  const backup = await inspect(backupPathOf(file.path), file.schema);
  if (backup.state !== 'good') return { path: file.path, reason: 'no-backup', ...(current.state === 'damaged' && { problem: current.problem }) };
  // Copied aside, not moved: the file is replaced in one rename below, so there is never a moment without one.
  const damagedCopy = current.state === 'damaged' ? await copyAside(file.path, damagedCopyPath(file.path, now)) : undefined;
  await writeFileAtomic(file.path, backup.content.text, 0o600);
  return { path: file.path, from: backupPathOf(file.path), ...(damagedCopy && { damagedCopy }) };
}

/** Copies a file to `target` (or `target-2`, `-3`… when taken), never over an existing file; returns where it went. */
async function copyAside(path: string, target: string): Promise<string> {
  for (let n = 1; ; n += 1) {
    const to = n === 1 ? target : `${target}-${n}`;
    try {
      await copyFile(path, to, constants.COPYFILE_EXCL);
      // It may hold secrets: as private as the file it copies is meant to be.
      await chmod(to, 0o600);
      return to;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
