import { lstat, opendir, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, sep } from 'node:path';
import type { UploadItem } from '../tasks/upload-task';

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

/** Joins key parts with "/" whatever the platform's separator. */
function toKeyPath(relativePath: string): string {
  return sep === '/' ? relativePath : relativePath.split(sep).join('/');
}

/**
 * Expands files and folders into upload items: folders recursively, their
 * structure kept in the keys, every empty folder as a 0-byte "name/" marker.
 * Symbolic links to files are followed; links to folders are not (a link to a
 * parent would never end), and are reported instead, like sockets and devices.
 */
export async function expandSources(sources: UploadSource[], prefix: string): Promise<{ items: UploadItem[]; skipped: SkippedPath[] }> {
  const items: UploadItem[] = [];
  const skipped: SkippedPath[] = [];
  for (const source of sources) {
    if (!isAbsolute(source.path)) {
      skipped.push({ path: source.path, reason: 'not an absolute path' });
      continue;
    }
    let info;
    try {
      info = await stat(source.path);
    } catch (error) {
      skipped.push({ path: source.path, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
      continue;
    }
    const name = basename(source.path);
    if (info.isFile()) {
      items.push({ path: source.path, key: source.key ?? `${prefix}${name}`, name, size: info.size, marker: false });
    } else if (info.isDirectory()) {
      const base = source.key ?? `${prefix}${name}/`;
      await walk(source.path, base, source.key === undefined ? `${name}/` : '', items, skipped);
    } else {
      skipped.push({ path: source.path, reason: 'not a regular file or folder' });
    }
  }
  return { items, skipped };
}

/** Adds a folder's files (depth first, sorted for a stable order) and its marker when it is empty. */
async function walk(dir: string, keyBase: string, nameBase: string, items: UploadItem[], skipped: SkippedPath[]): Promise<void> {
  const entries: { name: string; full: string }[] = [];
  try {
    for await (const entry of await opendir(dir)) entries.push({ name: entry.name, full: join(dir, entry.name) });
  } catch (error) {
    skipped.push({ path: dir, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (entries.length === 0 && keyBase !== '') {
    items.push({ path: dir, key: keyBase, name: nameBase || basename(dir), size: 0, marker: true });
    return;
  }
  for (const entry of entries) {
    const key = keyBase + toKeyPath(entry.name);
    const name = nameBase + entry.name;
    let info;
    try {
      const link = await lstat(entry.full);
      if (link.isSymbolicLink()) {
        info = await stat(entry.full);
        if (info.isDirectory()) {
          skipped.push({ path: entry.full, reason: 'a link to a folder (not followed)' });
          continue;
        }
      } else info = link;
    } catch (error) {
      skipped.push({ path: entry.full, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
      continue;
    }
    if (info.isDirectory()) await walk(entry.full, `${key}/`, `${name}/`, items, skipped);
    else if (info.isFile()) items.push({ path: entry.full, key, name, size: info.size, marker: false });
    else skipped.push({ path: entry.full, reason: 'not a regular file or folder' });
  }
}
