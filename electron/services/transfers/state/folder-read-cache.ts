import { stat } from 'node:fs/promises';

/**
 * How much older than a read the folder's mtime must be for that read to be kept. A change made in the same clock
 * step as the stat can leave the mtime as it was (the kernel dates files in jiffies, FAT in 2 s steps): a read
 * begun that soon after the folder's last change is done again next time instead (git's "racy clean" rule).
 */
const SETTLED_NS = 2_000_000_000n;

/**
 * What was last read from a folder, used again while the folder's mtime says no entry was added, removed or
 * renamed since. For folders whose files are only ever written by renaming a temp file into place and removed by
 * unlinking, as the saved states are: either changes the folder's mtime. A file edited in place (by hand) does
 * not, and goes unseen until the folder next changes.
 */
export class FolderReadCache<T> {
  private kept?: { mtimeNs: bigint; value: T };
  /** Counts `forget` calls: a read that one overlapped is not kept, whatever the folder's date says. */
  private changes = 0;

  constructor(private readonly dir: string) {}

  /** Drops what was read: this process changed the folder (its own writes never wait for the date to tell). */
  forget(): void {
    this.kept = undefined;
    this.changes += 1;
  }

  /**
   * The value of the last read while the folder is unchanged and `stillGood` agrees, else `read()`'s (kept when the
   * folder had settled). The folder is stat'ed before it is read, so a change during the read shows as a new mtime.
   */
  async get(read: () => Promise<T>, stillGood: (value: T) => boolean = () => true): Promise<T> {
    const began = BigInt(Date.now()) * 1_000_000n;
    const changes = this.changes;
    const mtimeNs = (await stat(this.dir, { bigint: true }).catch(() => undefined))?.mtimeNs;
    if (this.kept && this.kept.mtimeNs === mtimeNs && stillGood(this.kept.value)) return this.kept.value;
    const value = await read();
    const settled = mtimeNs !== undefined && mtimeNs + SETTLED_NS <= began && changes === this.changes;
    this.kept = settled ? { mtimeNs, value } : undefined;
    return value;
  }
}
