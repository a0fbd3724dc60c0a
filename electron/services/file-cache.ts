import { stat } from 'node:fs/promises';

/**
 * What a file looks like from outside: its inode (an atomic write renames a
 * new file into place), size, and change and modification times in
 * nanoseconds. When none of them moved, the file holds what it held.
 */
export async function fileStamp(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path, { bigint: true });
    return `${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * One file's parsed content, read again only when the file changed on disk.
 * Each look is a `stat`, so another process's edit (the app, the web mode and
 * the CLI share the data folder) is seen at once, while an unchanged file is
 * read and parsed once. Readers that come while a read is in flight share it;
 * a read that failed is not kept (the next look tries again).
 */
export class FileCache<T> {
  private cached?: { stamp: string; value: Promise<T> };

  constructor(
    private readonly path: string,
    /** Reads and parses the file; also called when the file is missing (`stat` found nothing). */
    private readonly read: () => Promise<T>,
  ) {}

  /** The file's content as it is now. */
  async get(): Promise<T> {
    const stamp = await fileStamp(this.path);
    // A missing file is cheap to "read" and has no stamp to compare: never kept.
    if (stamp === undefined) return this.read();
    if (this.cached?.stamp === stamp) return this.cached.value;
    const value = this.read();
    const entry = { stamp, value };
    this.cached = entry;
    value.catch(() => {
      if (this.cached === entry) this.cached = undefined;
    });
    return value;
  }

  /** Forgets the content (after this process wrote the file: the next look reads it again). */
  forget(): void {
    this.cached = undefined;
  }
}
