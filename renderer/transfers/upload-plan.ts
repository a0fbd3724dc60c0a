/**
 * How files picked or dropped in the page become an upload request: their
 * paths inside what was picked ("photos/2024/a.jpg"), the empty folders that
 * become markers, and (Electron) the folder a picked file came from.
 */

/** A file picked or dropped, with its path inside what was picked. */
export interface PickedFile<F> {
  /** "photos/2024/a.jpg": "/"-separated, relative. */
  path: string;
  size: number;
  file: F;
}

/** What a picked file looks like (a `File`, or a stand-in in tests). */
export interface FileLike {
  name: string;
  size: number;
  /** Set by a folder picker (`webkitdirectory`): the path below the picked folder's parent. */
  webkitRelativePath?: string;
}

/** What `transfers:uploadStreams` gets, with the files kept in the same order as its tickets. */
export interface StreamsPlan<F> {
  files: PickedFile<F>[];
  /** Folders with nothing below them: uploaded as "name/" markers. */
  folders: string[];
  /** Paths that cannot become keys (climbing out with "..", or empty). */
  refused: string[];
}

/**
 * A relative path made safe for a key: "/"-separated (a Windows "\" too), no
 * empty or "." segments; undefined when it is empty or climbs out with "..".
 */
export function cleanRelativePath(path: string): string | undefined {
  const segments = path.split(/[\\/]/).filter((s) => s !== '' && s !== '.');
  if (segments.length === 0 || segments.includes('..')) return undefined;
  return segments.join('/');
}

/** Files from a picker or a plain drop: each under its `webkitRelativePath` (a folder pick), else its name. */
export function pickedFromList<F extends FileLike>(files: Iterable<F>): PickedFile<F>[] {
  return [...files].map((file) => ({ path: file.webkitRelativePath || file.name, size: file.size, file }));
}

/**
 * The files and empty folders to upload: paths cleaned, a path given twice
 * sent once (the first), and only the folders nothing else lies below (a
 * folder holding files needs no marker: its files make it).
 */
export function planStreams<F>(files: PickedFile<F>[], folders: string[]): StreamsPlan<F> {
  const refused: string[] = [];
  const seen = new Set<string>();
  const planned: PickedFile<F>[] = [];
  for (const item of files) {
    const path = cleanRelativePath(item.path);
    if (!path) refused.push(item.path);
    else if (!seen.has(path)) {
      seen.add(path);
      planned.push({ ...item, path });
    }
  }
  // Every folder that holds something: the parents of every file and folder.
  const holders = new Set<string>();
  const addParents = (path: string) => {
    for (let at = path.lastIndexOf('/'); at > 0; at = path.lastIndexOf('/', at - 1)) holders.add(path.slice(0, at));
  };
  const cleanFolders: string[] = [];
  for (const folder of folders) {
    const path = cleanRelativePath(folder);
    if (!path) refused.push(folder);
    else cleanFolders.push(path);
  }
  for (const path of seen) addParents(path);
  for (const path of cleanFolders) addParents(path);
  const markers = [...new Set(cleanFolders)].filter((path) => !holders.has(path) && !seen.has(path));
  return { files: planned, folders: markers, refused };
}

/**
 * Electron: the folder on disk a folder picker's file came from, from its
 * absolute path and its `webkitRelativePath` ("/home/u/photos" for
 * "/home/u/photos/2024/a.jpg" and "photos/2024/a.jpg"); undefined when they
 * do not match.
 */
export function pickedFolderRoot(absolutePath: string, relativePath: string): string | undefined {
  const relative = relativePath.split('/').filter(Boolean);
  if (relative.length < 2) return undefined;
  // Swapping backslashes for "/" keeps the length, so the original can be cut at the same place.
  const absolute = absolutePath.replace(/\\/g, '/');
  const below = `/${relative.slice(1).join('/')}`;
  if (!absolute.endsWith(below)) return undefined;
  const root = absolute.slice(0, -below.length);
  if (!root.endsWith(`/${relative[0]}`)) return undefined;
  return absolutePath.slice(0, root.length);
}
