import type { Dirent } from 'node:fs';
import { opendir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { LocalSide } from '../../../shared/sync';
import type { PathFilter } from './path-filter';

/** A local file a sync compares: where it is, and its size and date. */
export interface LocalFile extends LocalSide {
  /** Its absolute path (through the link, when links are followed). */
  path: string;
}

/** The files below a folder by their path below it ("a/b.txt", "/" whatever the platform), and what was passed over. */
export interface LocalTree {
  files: Map<string, LocalFile>;
  skipped: { path: string; reason: string }[];
}

const toKeyPath = (relativePath: string) => (sep === '/' ? relativePath : relativePath.split(sep).join('/'));

/** True when `inner` is `outer` or below it. */
function within(outer: string, inner: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..');
}

/**
 * Walks a folder for a sync. Symbolic links are skipped unless `followSymlinks`; followed, a link
 * must lead inside the folder (its real path), and never to a folder above itself (a loop: a link
 * to a parent would never end); a folder reached by two ways is walked under both names, as its files are. Sockets, devices and unreadable folders are listed as skipped.
 */
export async function walkForSync(root: string, filter: PathFilter, { followSymlinks = false }: { followSymlinks?: boolean } = {}): Promise<LocalTree> {
  const realRoot = await realpath(root);
  const tree: LocalTree = { files: new Map(), skipped: [] };
  const visit = async (dir: string, base: string, above: ReadonlySet<string>): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = [];
      for await (const entry of await opendir(dir)) entries.push(entry);
    } catch (error) {
      tree.skipped.push({ path: base || '.', reason: `the folder could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      const path = base + toKeyPath(entry.name);
      let target = full;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        if (!followSymlinks) {
          if (filter.keeps(path)) tree.skipped.push({ path, reason: 'a symbolic link (links are skipped unless followed)' });
          continue;
        }
        try {
          target = await realpath(full);
        } catch {
          tree.skipped.push({ path, reason: 'a symbolic link to nothing' });
          continue;
        }
        if (!within(realRoot, target)) {
          tree.skipped.push({ path, reason: 'a symbolic link out of the folder (never followed)' });
          continue;
        }
        const info = await stat(target).catch(() => undefined);
        isDir = !!info?.isDirectory();
        isFile = !!info?.isFile();
      }
      if (isDir) {
        if (!filter.enters(`${path}/`)) continue;
        const real = entry.isSymbolicLink() ? target : await realpath(full).catch(() => full);
        if (above.has(real)) {
          tree.skipped.push({ path, reason: 'a symbolic link to a folder above it (a loop, never followed)' });
          continue;
        }
        await visit(full, `${path}/`, new Set([...above, real]));
      } else if (isFile) {
        if (!filter.keeps(path)) continue;
        try {
          const info = await stat(target);
          tree.files.set(path, { path: target, size: info.size, mtimeMs: info.mtimeMs });
        } catch (error) {
          tree.skipped.push({ path, reason: `the file could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
        }
      } else if (filter.keeps(path)) {
        tree.skipped.push({ path, reason: 'not a regular file or folder' });
      }
    }
  };

  await visit(root, '', new Set([realRoot]));
  return tree;
}
