import { pickedFromList, type FileLike, type PickedFile } from '../transfers/upload-plan';

/**
 * Reads what was dropped: the files and, through `webkitGetAsEntry`, whole
 * folders walked recursively (empty ones kept). Written against the few
 * members of the File System entries it uses, so it runs in tests without a
 * browser.
 */

/** The part of a `FileSystemEntry` the walk uses. */
export interface EntryLike<F> {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  readonly name: string;
  /** Files: reads the File. */
  file?(success: (file: F) => void, failure?: (error: unknown) => void): void;
  /** Folders: a reader giving the children a batch at a time. */
  createReader?(): { readEntries(success: (entries: EntryLike<F>[]) => void, failure?: (error: unknown) => void): void };
}

/** What a walk found. */
export interface WalkResult<F> {
  files: PickedFile<F>[];
  /** Folders with no children at all. */
  folders: string[];
  /** Paths that could not be read (a file removed meanwhile, no permission). */
  unreadable: string[];
}

const fileOf = <F>(entry: EntryLike<F>) => new Promise<F>((resolve, reject) => entry.file!(resolve, reject));

/** Every child of a folder: `readEntries` gives a batch (100 in Chromium) per call, until an empty one. */
async function childrenOf<F>(entry: EntryLike<F>): Promise<EntryLike<F>[]> {
  const reader = entry.createReader!();
  const all: EntryLike<F>[] = [];
  for (;;) {
    const batch = await new Promise<EntryLike<F>[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

/** Walks dropped entries depth-first, each file under its path inside the drop ("photos/2024/a.jpg"). */
export async function walkEntries<F extends { size: number }>(entries: EntryLike<F>[]): Promise<WalkResult<F>> {
  const result: WalkResult<F> = { files: [], folders: [], unreadable: [] };
  const walk = async (entry: EntryLike<F>, parent: string) => {
    const path = parent ? `${parent}/${entry.name}` : entry.name;
    try {
      if (entry.isFile && entry.file) {
        const file = await fileOf(entry);
        result.files.push({ path, size: file.size, file });
      } else if (entry.isDirectory && entry.createReader) {
        const children = await childrenOf(entry);
        if (children.length === 0) result.folders.push(path);
        for (const child of children) await walk(child, path);
      }
    } catch {
      result.unreadable.push(path);
    }
  };
  for (const entry of entries) await walk(entry, '');
  return result;
}

/** A drop read while its event runs (the browser empties the DataTransfer once the handler returns). */
export interface DropCapture<F> {
  files: F[];
  /** One per dropped item, or null where the browser gives none (synthetic drops, some platforms). */
  entries: (EntryLike<F> | null)[];
}

/** Reads a drop's files and entries at once, inside the drop handler. */
export function captureDrop(data: DataTransfer): DropCapture<File> {
  const items = [...data.items].filter((item) => item.kind === 'file');
  return {
    files: [...data.files],
    entries: items.map((item) => (item.webkitGetAsEntry?.() as unknown as EntryLike<File> | null) ?? null),
  };
}

/**
 * The files (and empty folders) of a drop: walked through its entries when
 * the browser gave one for every item, otherwise the plain files, each under
 * its `webkitRelativePath` or name.
 */
export async function filesOfDrop<F extends FileLike>(capture: DropCapture<F>): Promise<WalkResult<F>> {
  const entries = capture.entries;
  if (entries.length > 0 && entries.every((entry) => entry !== null)) return walkEntries(entries as EntryLike<F>[]);
  return { files: pickedFromList(capture.files), folders: [], unreadable: [] };
}
