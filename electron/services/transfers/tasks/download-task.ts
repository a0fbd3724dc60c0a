import { constants } from 'node:fs';
import { lstat, mkdir, open, realpath, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { bareEtag, isPlainMd5Etag, md5OfRange } from './file-hash';
import { writeBodyAt, type WrittenError } from '../io/file-writer';
import { Md5Behind } from '../io/md5-behind';
import type { DownloadState, TransferStateStore } from '../state/state-store';
import { runPieces } from '../engine/limiter';
import type { ClientHandle, TaskContext, TaskOutcome, TransferTask } from '../engine/task-types';
import { transferError } from '../engine/transfer-errors';
import { headObject, numberedName, type HeadInfo } from './upload-common';
import { FILE_SUFFIX, insideRoot, suffixedName, TEMP_SUFFIX } from '../io/safe-paths';
import { directFor } from '../engine/transfer-client';

/** One object to download, already placed below the chosen folder. */
export interface DownloadItem {
  key: string;
  /** From the listing, when known (saves a HEAD for small objects). */
  size?: number;
  lastModified?: string;
  /** The chosen folder. */
  root: string;
  /** Safe path segments below it. */
  segments: string[];
  /** A "folder/" key: becomes a directory. */
  marker: boolean;
}

/** What a download needs besides its item. */
export interface DownloadDeps {
  profileId: string;
  bucket: string;
  client: () => Promise<ClientHandle>;
  store: TransferStateStore;
  conflict: 'overwrite' | 'skip' | 'rename';
  /** Reserves a destination in the batch for a transfer; false if another transfer of the batch has it. */
  claim: (path: string, transferId: string) => boolean;
}

/** Above this size the MD5 is computed on a worker thread while chunks arrive. */
const HASH_BEHIND_BYTES = 64 * 1024 * 1024;

/** The biggest download chunk: what a crash can cost a resume, twice (two chunks in flight). */
const DOWNLOAD_CHUNK_MAX = 64 * 1024 * 1024;

/**
 * The chunk size of a big download: about a sixteenth of the object, between
 * the tuning's size and 64 MiB, in whole MiB. Bigger chunks cost less: a 1 GiB
 * download from the local gateway took ~3.3 s of CPU in 16 MiB chunks and
 * ~2.5 s in 64 MiB ones (each new ranged answer starts slow again).
 */
export function downloadChunkFor(size: number, smallest: number): number {
  const MiB = 1024 * 1024;
  return Math.max(smallest, Math.min(DOWNLOAD_CHUNK_MAX, Math.ceil(size / 16 / MiB) * MiB));
}

/** What is at a path itself (a link is not followed), or undefined. */
const entryAt = (path: string) => lstat(path).catch(() => undefined);

/** O_NOFOLLOW where the platform has it (not on Windows, where links need privileges to make). */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
/** A new temp file: created here and now, never an existing file or a link someone planted. */
const NEW_TEMP = constants.O_RDWR | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW;
/** Reopening a temp file to resume: never through a link. */
const OWN_TEMP = constants.O_RDWR | NO_FOLLOW;

/** Write errors that say the disk, not the network, failed: the partial file is deleted, not kept for a resume. */
const LOCAL_WRITE_WORDS: Record<string, string> = {
  ENOSPC: 'The disk is full',
  EDQUOT: 'The disk quota is used up',
  EFBIG: 'The file is larger than this disk or this process may write',
  EROFS: 'The folder is on a read-only disk',
  EACCES: 'Pail may not write in this folder',
  EPERM: 'Pail may not write in this folder',
};

/** The errno code of a local write error (also when the fetch worker reports it as a plain Error with a code). */
function localWriteCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && code in LOCAL_WRITE_WORDS ? code : undefined;
}

/** A local write error in words ("The disk is full: …"), or undefined for any other error. */
function localWriteError(error: unknown, path: string) {
  const code = localWriteCode(error);
  if (!code) return undefined;
  const space = code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG';
  return transferError(
    'LocalFileError',
    `${LOCAL_WRITE_WORDS[code]}: ${path} could not be written (${code}); no partial file was left.`,
    space ? 'Free some space on that disk or choose another folder, then retry.' : 'Choose a folder you may write in, then retry.',
    error,
  );
}

/** True when a file at `path` is one this process could have made and may reuse: a plain file, one name, ours. */
function isOwnPlainFile(info: { isFile(): boolean; isSymbolicLink?(): boolean; nlink: number; uid: number }): boolean {
  const uid = process.getuid?.();
  return info.isFile() && !info.isSymbolicLink?.() && info.nlink === 1 && (uid === undefined || info.uid === uid);
}

/**
 * Downloads one object into `<name>.pail-part`, then renames it over the
 * destination and sets its mtime to the object's LastModified. Big objects
 * come in ranged chunks, several at once, each written where it belongs; the
 * chunks done are saved with the ETag, so after a crash or a pause the rest
 * comes with Range + If-Match (a changed object is refused, not mixed in).
 */
export class DownloadTask implements TransferTask {
  private temp?: string;
  /** The chosen folder's real path when this download first ran: a retry or resume must find the same one. */
  private realRoot?: string;

  constructor(
    private readonly item: DownloadItem,
    private readonly deps: DownloadDeps,
  ) {}

  async run(ctx: TaskContext): Promise<TaskOutcome> {
    const { item, deps } = this;
    const wanted = insideRoot(item.root, item.segments);
    if (!wanted) throw transferError('UnsafeKey', `${item.key} would be written outside ${item.root}; refused.`, 'Download it one by one under another name.');
    if (item.marker) {
      await mkdirInside(item.root, wanted, await this.pinRoot()).catch((error: unknown) => {
        throw localWriteError(error, wanted) ?? error;
      });
      ctx.setLocalPath(wanted);
      ctx.setTotal(0);
      return { state: 'done' };
    }
    await mkdirInside(item.root, dirname(wanted), await this.pinRoot()).catch((error: unknown) => {
      throw localWriteError(error, dirname(wanted)) ?? error;
    });
    const saved = await deps.store.read(ctx.transferId);
    let state = saved?.kind === 'download' ? saved : undefined;
    // The same download started again (a new batch, a CLI run after Ctrl-C) takes over the saved one.
    state ??= await deps.store.findDownload({ profileId: deps.profileId, bucket: deps.bucket, key: item.key, targetPath: wanted });
    if (state && state.id !== ctx.transferId) {
      await deps.store.delete(state.id);
      state = { ...state, id: ctx.transferId };
    }
    const dest = state?.targetPath ?? (await this.chooseDestination(ctx, wanted));
    if (!dest) return { state: 'skipped', note: `${wanted} exists; skipped.` };
    ctx.setLocalPath(dest);
    const temp = dest + TEMP_SUFFIX;

    const handle = await deps.client();
    // Small listed objects need no HEAD: their GET answers with the ETag and date.
    const needHead = state !== undefined || item.size === undefined || item.size > ctx.tuning.downloadChunkSize;
    const head = needHead ? await this.describe(ctx, handle, state) : undefined;
    let size = head?.size ?? item.size!;
    ctx.setTotal(size);
    const chunkSize = state?.chunkSize ?? downloadChunkFor(size, ctx.tuning.downloadChunkSize);
    const count = Math.ceil(size / chunkSize);
    const resumable = !!state && state.size === size && bareEtag(state.etag) === bareEtag(head?.etag) && (await entryAt(temp)) !== undefined;
    const done = new Set(resumable ? state!.done : []);
    const file = await this.openTemp(item.root, temp, resumable).catch((error: unknown) => {
      throw localWriteError(error, dest) ?? error;
    });
    this.temp = temp;
    let hasher: Md5Behind | undefined;
    let progressSaved = false;
    try {
      const progress: DownloadState | undefined =
        count > 1
          ? {
              version: 1,
              kind: 'download',
              id: ctx.transferId,
              profileId: deps.profileId,
              bucket: deps.bucket,
              key: item.key,
              createdAt: new Date().toISOString(),
              ownerPid: process.pid,
              etag: head!.etag ?? '',
              size,
              targetPath: dest,
              chunkSize,
              done: [...done],
              ...(head?.lastModified && { lastModified: head.lastModified }),
            }
          : undefined;
      if (progress) await deps.store.save(progress);
      progressSaved = !!progress;
      ctx.setResumable(!!progress);
      ctx.setBytes([...done].reduce((sum, i) => sum + Math.min(chunkSize, size - i * chunkSize), 0));
      ctx.setParts(done.size, count);
      let etag = head?.etag;
      let lastModified = head?.lastModified ?? item.lastModified;
      let encrypted = head?.encryption;
      const md5Wanted = () => isPlainMd5Etag(etag) && !encrypted;
      if (count > 1 && size > HASH_BEHIND_BYTES && md5Wanted()) hasher = new Md5Behind(this.temp);
      const contiguous = () => {
        let i = 0;
        while (done.has(i)) i += 1;
        return Math.min(size, i * chunkSize);
      };
      hasher?.ready(contiguous());

      const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !done.has(i));
      await runPieces(ctx, missing, ctx.tuning.chunksPerDownload, async (index, signal) => {
        const start = index * chunkSize;
        const answer = await this.fetchRange(ctx, handle, file, start, Math.min(size, start + chunkSize) - 1, count > 1 ? etag : undefined, count > 1, signal);
        if (count === 1) {
          ({ etag, lastModified, encrypted } = {
            etag: answer.etag ?? etag,
            lastModified: answer.lastModified ?? lastModified,
            encrypted: answer.encryption ?? encrypted,
          });
          // The object may have changed since it was listed: its GET is the truth.
          if (answer.size !== undefined && answer.size !== size) ctx.setTotal((size = answer.size));
        }
        done.add(index);
        ctx.setParts(done.size, count);
        hasher?.ready(contiguous());
        if (progress) await deps.store.save({ ...progress, done: [...done] });
      });
      if (done.size < count) return { state: 'paused' };

      ctx.setState('verifying');
      const actual = (await file.stat()).size;
      if (actual !== size) throw await this.damaged(ctx, `${actual} bytes arrived, the object has ${size}`);
      if (md5Wanted()) {
        const md5 = hasher ? await hasher.finish(size) : (await md5OfRange(file, 0, size, ctx.signal)).toString('hex');
        hasher = undefined;
        if (md5 !== bareEtag(etag)) throw await this.damaged(ctx, `MD5 of the bytes ${md5}, ETag ${bareEtag(etag)}`);
      }
      // The date goes on through the open file (futimes): a path could lead through a link.
      if (lastModified) await file.utimes(new Date(), new Date(lastModified));
      // No fsync: it would wait for the whole file to reach the disk (seconds for 1 GiB on a VM),
      // which no other client does; the temp name already keeps a half-written file from passing
      // for a finished one after a crash of Pail, the case that matters here.
      await this.checkStillInside(item.root, file, temp, dest);
      await file.close();
      // rename() replaces a link at `dest` itself rather than writing through it.
      await rename(temp, dest);
      this.temp = undefined;
      await deps.store.delete(ctx.transferId);
      return { state: 'done' };
    } catch (error) {
      const local = localWriteError(error, dest);
      // A failed download keeps its temp file only when a resume can use it (its chunks are saved)
      // and the disk is not the problem; otherwise nothing half-written stays behind.
      if (local || !progressSaved) await this.discard(ctx.transferId);
      throw local ?? error;
    } finally {
      await hasher?.stop();
      await file.close().catch(() => undefined);
    }
  }

  /** Size, ETag and date: from the saved state on a resume, else from HEAD. */
  private async describe(ctx: TaskContext, handle: ClientHandle, state: DownloadState | undefined): Promise<HeadInfo> {
    const head = await ctx.request(() => headObject({ handle, bucket: this.deps.bucket, key: this.item.key }, ctx.signal));
    if (!head) throw Object.assign(new Error('NoSuchKey'), { name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });
    if (state && bareEtag(state.etag) !== bareEtag(head.etag)) ctx.note('The object changed since the interrupted download, so it started again.');
    return head;
  }

  /**
   * The destination after the conflict policy; undefined to skip. A folder
   * already on disk where the file goes is never replaced: the file is saved
   * beside it as "name (file)", as the planner does for a folder in the batch.
   * Anything at a path counts as taken, a link too (it is not followed).
   */
  private async chooseDestination(ctx: TaskContext, wanted: string): Promise<string | undefined> {
    const { conflict } = this.deps;
    const claim = (path: string) => this.deps.claim(path, ctx.transferId);
    const taken = async (path: string) => (await entryAt(path)) !== undefined || (await entryAt(path + TEMP_SUFFIX)) !== undefined;
    if ((await entryAt(wanted))?.isDirectory()) {
      const name = suffixedName(basename(wanted), FILE_SUFFIX);
      ctx.note(`Saved as "${name}": a folder "${basename(wanted)}" is already there.`);
      wanted = join(dirname(wanted), name);
    }
    if (!(await taken(wanted)) && claim(wanted)) return wanted;
    if (conflict === 'skip') return undefined;
    if (conflict === 'overwrite' && !(await entryAt(wanted))?.isDirectory() && claim(wanted)) return wanted;
    const dir = dirname(wanted);
    for (let n = 1; n < 10_000; n += 1) {
      const candidate = join(dir, numberedName(basename(wanted), n));
      if (!(await taken(candidate)) && claim(candidate)) return candidate;
    }
    throw transferError(
      'LocalFileError',
      `No free name like "${numberedName(basename(wanted), 1)}" in ${dir}.`,
      'Choose "overwrite" or "skip", or clean up the folder.',
    );
  }

  /**
   * Opens the temp file without ever following a link: a new one is created
   * exclusively (O_CREAT|O_EXCL|O_NOFOLLOW); one to resume is reopened with
   * O_NOFOLLOW and must be a plain file of ours with one name (a hard link to
   * a file elsewhere would otherwise be written into). A leftover temp file of
   * ours that cannot be resumed is replaced; anything else in the way refuses.
   */
  private async openTemp(root: string, temp: string, resume: boolean): Promise<FileHandle> {
    const refuse = () =>
      transferError(
        'UnsafeKey',
        `${temp} is in the way: it is a link, or a file Pail did not make; nothing was written through it.`,
        `Remove ${basename(temp)} from ${dirname(temp)} (or choose another folder), then retry.`,
      );
    await this.checkDirInside(root, dirname(temp));
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
   * Makes the chosen folder (as asked) and returns its real path, the same
   * one every time this download runs: the folder itself swapped for a link
   * between an interruption and the resume is refused like any other link.
   */
  private async pinRoot(): Promise<string> {
    const { root } = this.item;
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

  /** Refuses when `dir` (by its real path now) is not inside the chosen folder: a link put in place of a folder since it was made. */
  private async checkDirInside(root: string, dir: string): Promise<void> {
    const [realRoot, realDir] = await Promise.all([this.pinRoot(), realpath(dir)]);
    if (!isInside(realRoot, realDir))
      throw transferError('UnsafeKey', `${dir} leads outside ${root} (through a link); refused.`, 'Remove the link or choose another folder.');
  }

  /**
   * Just before the rename: the folder still lies inside the chosen one, and
   * the temp path still names the file that was written (not something put in
   * its place). Node has no renameat(), so a link swapped in between this
   * check and the rename itself cannot be excluded; what this leaves is a
   * window of one system call, and the bytes were written through the open
   * file, never through a path.
   */
  private async checkStillInside(root: string, file: FileHandle, temp: string, dest: string): Promise<void> {
    await this.checkDirInside(root, dirname(dest));
    const [written, there] = await Promise.all([file.stat(), entryAt(temp)]);
    if (!there || there.isSymbolicLink() || there.ino !== written.ino || there.dev !== written.dev) {
      throw transferError(
        'UnsafeKey',
        `${temp} was replaced while it was being written; the download was not put in place.`,
        'Check what else writes in that folder, then retry.',
      );
    }
  }

  /** GETs bytes [start, end] into the file, retrying from where a broken body stopped. */
  private async fetchRange(
    ctx: TaskContext,
    handle: ClientHandle,
    file: FileHandle,
    start: number,
    end: number,
    ifMatch: string | undefined,
    ranged: boolean,
    signal: AbortSignal,
  ): Promise<Partial<HeadInfo>> {
    let at = start;
    let answer: Partial<HeadInfo> = {};
    const direct = directFor(handle.client, this.deps.bucket);
    const onBytes = (n: number) => ctx.addBytes(n);
    const rangeRefused = (given: string | undefined, range: string) =>
      transferError(
        'IntegrityMismatch',
        `The server answered bytes ${given ?? '(all)'} of ${this.item.key} when asked for ${range}.`,
        'This server cannot resume downloads; retry the download.',
      );
    await ctx.request(async () => {
      const range = ranged || at > start ? `bytes=${at}-${end}` : undefined;
      const match = ifMatch ?? answer.etag;
      if (direct) {
        // On the fetch worker: the answer is checked there (the bytes asked for, or nothing written).
        try {
          const got = await direct.getInto(
            { bucket: this.deps.bucket, key: this.item.key, ...(range && { range: { start: at, end } }), ...(match && { ifMatch: match }) },
            file.fd,
            at,
            onBytes,
            signal,
          );
          const header = (name: string) => (typeof got.headers[name] === 'string' ? (got.headers[name] as string) : undefined);
          if (got.rangeMismatch) throw rangeRefused(header('content-range'), range!);
          const length = header('content-length') === undefined ? undefined : Number(header('content-length'));
          if (!range && length !== undefined) end = start + length - 1;
          const modified = header('last-modified');
          answer = {
            etag: header('etag'),
            lastModified: modified ? new Date(modified).toISOString() : undefined,
            encryption: header('x-amz-server-side-encryption') ?? header('x-amz-server-side-encryption-customer-algorithm'),
            size: range ? answer.size : length,
          };
          at += got.written;
        } catch (error) {
          at += (error as WrittenError).written ?? 0;
          throw error;
        }
      } else {
        const out = await handle.client.send(
          new GetObjectCommand({ Bucket: this.deps.bucket, Key: this.item.key, ...(range && { Range: range }), ...(match && { IfMatch: match }) }),
          { abortSignal: signal },
        );
        // The answer must be exactly the bytes asked for: a server that ignores or bends the Range would misplace them.
        // Without a Range (a small object in one GET), the answer says how big the object is now.
        if (!range && out.ContentLength !== undefined) end = start + out.ContentLength - 1;
        const given = /^bytes (\d+)-(\d+)\//.exec(out.ContentRange ?? '');
        if (range && (!given || Number(given[1]) !== at || Number(given[2]) !== end)) throw rangeRefused(out.ContentRange, range);
        answer = {
          etag: out.ETag,
          lastModified: out.LastModified?.toISOString(),
          encryption: out.ServerSideEncryption ?? out.SSECustomerAlgorithm,
          size: range ? answer.size : out.ContentLength,
        };
        try {
          at += await writeBodyAt(out.Body as Readable, file, at, onBytes);
        } catch (error) {
          at += (error as WrittenError).written ?? 0;
          throw error;
        }
      }
      if (at <= end && end >= start) throw Object.assign(new Error('the body ended early'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
    });
    return answer;
  }

  /** Drops a download whose bytes are wrong, so a retry starts clean. */
  private async damaged(ctx: TaskContext, problem: string): Promise<Error> {
    await this.discard(ctx.transferId);
    return transferError('IntegrityMismatch', `${this.item.key} arrived damaged (${problem}); the partial file was deleted.`, 'Retry the download.');
  }

  /** After a cancel: deletes the temp file and the saved state. */
  async discard(transferId: string): Promise<void> {
    if (this.temp) await unlink(this.temp).catch(() => undefined);
    await this.deps.store.delete(transferId);
  }
}

/** True when `inner` is `outer` or below it (both already real paths). */
function isInside(outer: string, inner: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || !(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel));
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
