// The chosen download folder on disk, kept safe from links: its real path is pinned on the first run,
// folders are made below it one checked step at a time, the temp file is opened never through a link,
// and just before the rename the written file is checked to still be the one in place.
import { constants, type Stats } from 'node:fs';
import { lstat, mkdir, open, realpath, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { localWriteError } from './local-write-errors';
import { transferError } from '../engine/transfer-errors';

/** What is at a path itself (a link is not followed), or undefined. */
export const entryAt = (path: string) => lstat(path).catch(() => undefined);

/** O_NOFOLLOW where the platform has it (not on Windows, where links need privileges to make). */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
/** A new temp file: created here and now, never an existing file or a link someone planted. */
const NEW_TEMP = constants.O_RDWR | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW;
/** Reopening a temp file to resume: never through a link. */
const OWN_TEMP = constants.O_RDWR | NO_FOLLOW;

/** True when a file at `path` is one this process could have made and may reuse: a plain file, one name, ours. */
function isOwnPlainFile(info: { isFile(): boolean; isSymbolicLink?(): boolean; nlink: number; uid: number }): boolean {
  const uid = process.getuid?.();
  return info.isFile() && !info.isSymbolicLink?.() && info.nlink === 1 && (uid === undefined || info.uid === uid);
}

/** True when `inner` is `outer` or below it (both already real paths). */
function isInside(outer: string, inner: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || !(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel));
}

/** Folders a DownloadFolder remembers as made; past this it starts over (a listing brings a folder's files together). */
const MADE_REMEMBERED = 4_096;

/**
 * A batch's chosen folder (shared by its downloads): pins its real path the
 * first time, so that a retry or a resume finds the same one, and checks
 * every path the downloads write against it.
 */
export class DownloadFolder {
  /** The chosen folder's real path when the batch first ran: a retry or resume must find the same one. */
  private realRoot?: string;
  /**
   * Folders below the chosen one that makeDir made (or found) earlier in the batch. Walking them again for each
   * file cost a mkdir, a stat and a realpath per step; what that walk guarded stays guarded, because the real path
   * of a file's folder is checked against the pinned root just before its temp file opens and again before the
   * rename (checkDirInside): a folder swapped for a link since is refused there.
   */
  private readonly made = new Set<string>();

  constructor(private readonly root: string) {}

  /** Makes `dir` below the chosen folder one checked step at a time (see mkdirInside), unless the batch did already. */
  async makeDir(dir: string): Promise<void> {
    if (this.made.has(dir)) return;
    await mkdirInside(this.root, dir, await this.pin());
    if (this.made.size >= MADE_REMEMBERED) this.made.clear();
    this.made.add(dir);
  }

  /**
   * Makes the chosen folder (as asked) and returns its real path, the same
   * one every time this download runs: the folder itself swapped for a link
   * between an interruption and the resume is refused like any other link.
   */
  async pin(): Promise<string> {
    const { root } = this;
    await mkdir(root, { recursive: true }).catch((error: unknown) => {
      throw localWriteError(error, root) ?? error;
    });
    const real = await realpath(root);
    this.realRoot ??= real;
    if (real !== this.realRoot)
      throw transferError(
        'UnsafeKey',
        `${root} now leads to ${real}, not to the folder the download started in; refused.`,
        'Put the folder back, or download again into the folder you want.',
      );
    return real;
  }

  /**
   * Opens the temp file without ever following a link: a new one is created
   * exclusively (O_CREAT|O_EXCL|O_NOFOLLOW); one to resume is reopened with
   * O_NOFOLLOW and must be a plain file of ours with one name (a hard link to
   * a file elsewhere would otherwise be written into). A leftover temp file of
   * ours that cannot be resumed is replaced; anything else in the way refuses.
   */
  async openTemp(temp: string, resume: boolean): Promise<FileHandle> {
    const refuse = () =>
      transferError(
        'UnsafeKey',
        `${temp} is in the way: it is a link, or a file Pail did not make; nothing was written through it.`,
        `Remove ${basename(temp)} from ${dirname(temp)} (or choose another folder), then retry.`,
      );
    await this.checkDirInside(dirname(temp), true);
    if (resume) {
      const file = await open(temp, OWN_TEMP).catch((error: NodeJS.ErrnoException) => {
        throw error.code === 'ELOOP' ? refuse() : error;
      });
      if (isOwnPlainFile(await file.stat())) return file;
      await file.close();
      throw refuse();
    }
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await open(temp, NEW_TEMP, 0o666);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
        const there = await entryAt(temp);
        if (!there || !isOwnPlainFile(there)) throw refuse();
        await unlink(temp);
      }
    }
  }

  /**
   * Just before the rename: the folder still lies inside the chosen one, and
   * the temp path still names the file that was written (`written`: the open
   * file's stat, not something put in its place). Node has no renameat(), so a link swapped in between this
   * check and the rename itself cannot be excluded; what this leaves is a
   * window of one system call, and the bytes were written through the open
   * file, never through a path.
   */
  async checkStillInside(written: { ino: number; dev: number }, temp: string, dest: string): Promise<void> {
    await this.checkDirInside(dirname(dest));
    const there = await entryAt(temp);
    if (!there || there.isSymbolicLink() || there.ino !== written.ino || there.dev !== written.dev) {
      throw transferError(
        'UnsafeKey',
        `${temp} was replaced while it was being written; the download was not put in place.`,
        'Check what else writes in that folder, then retry.',
      );
    }
  }

  /**
   * What is at `path` itself (a link is not followed), once its folder is checked to lie inside the chosen one as
   * pinned: a folder swapped for a link since the batch made it is refused, not looked through.
   */
  async entryInside(path: string): Promise<Stats | undefined> {
    await this.checkDirInside(dirname(path));
    return entryAt(path);
  }

  /**
   * Refuses when `dir` (by its real path now) is not inside the chosen folder as pinned: a link put in place of a
   * folder (or of the chosen folder itself) since it was made. Comparing with the pinned real path, rather than
   * pinning again, spares a mkdir and a realpath per check. With `remake` (before a temp file is made), a folder
   * removed since the batch made it is made again, as it was when every file walked its folders.
   */
  private async checkDirInside(dir: string, remake = false): Promise<void> {
    const realRoot = this.realRoot ?? (await this.pin());
    const realDir = await realpath(dir).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT' || !remake) throw error;
      this.made.delete(dir);
      await this.makeDir(dir);
      return realpath(dir);
    });
    if (!isInside(realRoot, realDir))
      throw transferError('UnsafeKey', `${dir} leads outside ${this.root} (through a link); refused.`, 'Remove the link or choose another folder.');
  }
}

/**
 * Makes `dir` below `root` one step at a time, checking each step before the
 * next is made, so nothing is ever created outside `root`: a link on the way
 * is followed only when it leads to a folder inside `root` (whose real path,
 * `realRoot`, the caller made and pinned), a file on the way is refused in
 * words. (mkdir -p first and a check afterwards would already have made the
 * folders at the far end of a link.)
 */
export async function mkdirInside(root: string, dir: string, realRoot: string): Promise<void> {
  const rel = relative(resolve(root), resolve(dir));
  if (!isInside(resolve(root), resolve(dir)))
    throw transferError('UnsafeKey', `${dir} is outside ${root}; refused.`, 'Download it one by one under another name.');
  let at = resolve(root);
  for (const step of rel ? rel.split(sep) : []) {
    at = join(at, step);
    let info = await entryAt(at);
    if (!info) {
      await mkdir(at).catch((error: NodeJS.ErrnoException) => {
        // Another transfer of the batch made it a moment ago: checked below like any other.
        if (error.code !== 'EEXIST') throw error;
      });
      info = await entryAt(at);
    }
    if (info?.isSymbolicLink()) {
      const target = await realpath(at).catch(() => undefined);
      if (!target || !isInside(realRoot, target))
        throw transferError(
          'UnsafeKey',
          `${at} is a link that leads outside ${root}; refused, nothing was written there.`,
          'Remove the link or choose another folder.',
        );
      info = await entryAt(target);
    }
    if (!info?.isDirectory())
      throw transferError(
        'LocalFileError',
        `${at} is a file, where the download needs a folder of that name.`,
        'Move or rename that file, or download into another folder, then retry.',
      );
  }
}
