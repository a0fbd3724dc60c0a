import { lstat, opendir, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, sep } from 'node:path';
import type { UploadItem } from '../tasks/upload-task';
import type { Position, ResumeFilter } from '../state/journal-position';

/** A file or folder to upload, and where it goes. */
export interface UploadSource {
  /** An absolute local path. */
  path: string;
  /**
   * For a file: its key (default: prefix + its name). For a folder: the prefix
   * its contents go under (default: prefix + its name + "/"; "" for the prefix itself).
   */
  key?: string;
}

/** A path that could not be uploaded, and why. */
export interface SkippedPath {
  path: string;
  reason: string;
}

/**
 * What a walk finds next: a file (or an empty folder's marker) to upload, or a path it cannot upload;
 * `at` is its place in the walk's order (see journal-position.ts).
 */
export type WalkEntry = ({ item: UploadItem } | { skipped: SkippedPath }) & { at: Position };

/** Joins key parts with "/" whatever the platform's separator. */
function toKeyPath(relativePath: string): string {
  return sep === '/' ? relativePath : relativePath.split(sep).join('/');
}

const reasonOf = (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error);

/**
 * Walks files and folders lazily into upload items: folders recursively,
 * depth first in name order, their structure kept in the keys, every empty
 * folder as a 0-byte "name/" marker. A folder is read only when the walk
 * reaches it, so a queue that pulls as it needs files holds one folder's names
 * per level, never the whole tree. Symbolic links to files are followed; links
 * to folders are not (a link to a parent would never end), and are reported
 * instead, like sockets and devices. What changes while the walk runs is seen
 * as it is when reached: a file gone by then is reported, one added to a
 * folder already read is not uploaded.
 *
 * A resumed batch's walk (`resume`) passes over what its journal says is
 * done by name, before any stat: a folder wholly done is not even read.
 */
export async function* walkSources(sources: readonly UploadSource[], prefix: string, resume?: ResumeFilter): AsyncGenerator<WalkEntry> {
  for (const [index, source] of sources.entries()) {
    const at: Position = [index];
    if (resume?.isPassed(at)) continue;
    if (!isAbsolute(source.path)) {
      yield { skipped: { path: source.path, reason: 'not an absolute path' }, at };
      continue;
    }
    let info;
    try {
      info = await stat(source.path);
    } catch (error) {
      yield { skipped: { path: source.path, reason: reasonOf(error) }, at };
      continue;
    }
    const name = basename(source.path);
    if (info.isFile()) yield { item: { path: source.path, key: source.key ?? `${prefix}${name}`, name, size: info.size, marker: false }, at };
    else if (info.isDirectory()) yield* walk(source.path, source.key ?? `${prefix}${name}/`, source.key === undefined ? `${name}/` : '', at, resume);
    else yield { skipped: { path: source.path, reason: 'not a regular file or folder' }, at };
  }
}

/** A folder's files (sorted for a stable order, folders walked where they sort), or its marker when it is empty. */
async function* walk(dir: string, keyBase: string, nameBase: string, dirAt: Position, resume: ResumeFilter | undefined): AsyncGenerator<WalkEntry> {
  const names: string[] = [];
  try {
    for await (const entry of await opendir(dir)) names.push(entry.name);
  } catch (error) {
    yield { skipped: { path: dir, reason: reasonOf(error) }, at: dirAt };
    return;
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (names.length === 0 && keyBase !== '') {
    yield { item: { path: dir, key: keyBase, name: nameBase || basename(dir), size: 0, marker: true }, at: dirAt };
    return;
  }
  for (const entryName of names) {
    const at: Position = [...dirAt, entryName] as unknown as Position;
    if (resume?.isPassed(at)) continue;
    const full = join(dir, entryName);
    const key = keyBase + toKeyPath(entryName);
    const name = nameBase + entryName;
    let info;
    try {
      const link = await lstat(full);
      if (link.isSymbolicLink()) {
        info = await stat(full);
        if (info.isDirectory()) {
          yield { skipped: { path: full, reason: 'a link to a folder (not followed)' }, at };
          continue;
        }
      } else info = link;
    } catch (error) {
      yield { skipped: { path: full, reason: reasonOf(error) }, at };
      continue;
    }
    if (info.isDirectory()) yield* walk(full, `${key}/`, `${name}/`, at, resume);
    else if (info.isFile()) yield { item: { path: full, key, name, size: info.size, marker: false }, at };
    else yield { skipped: { path: full, reason: 'not a regular file or folder' }, at };
  }
}
