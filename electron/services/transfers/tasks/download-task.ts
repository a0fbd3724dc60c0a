// A download of one object into the chosen folder: it finds or resumes the saved state, fetches the
// missing chunks, checks the bytes (size, MD5) and puts the file in place. The folder's safety, the
// destination's name and the ranged GETs live beside it (download-folder, download-destination, download-range).
import { rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { chooseDestination } from './download-destination';
import { entryAt, type DownloadFolder } from './download-folder';
import { fetchRange } from './download-range';
import { bareEtag, isPlainMd5Etag, md5OfRange } from './file-hash';
import { localWriteError } from './local-write-errors';
import { headObject, type HeadInfo } from './upload-common';
import { runPieces } from '../engine/limiter';
import type { PathOrigin } from '../engine/destination-claims';
import type { ClientHandle, EarlierRun, TaskContext, TaskOutcome, TransferTask } from '../engine/task-types';
import { transferError } from '../engine/transfer-errors';
import { Md5Behind } from '../io/md5-behind';
import { insideRoot, TEMP_SUFFIX } from '../io/safe-paths';
import type { DownloadState, TransferStateStore } from '../state/state-store';

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
  /** Whether the segments are the key's own path, and what else in the batch may come to it (see PathOrigin); `made` when absent. */
  origin?: PathOrigin;
}

/** What a download needs besides its item. */
export interface DownloadDeps {
  profileId: string;
  bucket: string;
  client: () => Promise<ClientHandle>;
  store: TransferStateStore;
  conflict: 'overwrite' | 'skip' | 'rename';
  /** Reserves a destination in the batch for a transfer; false if another transfer of the batch has it. */
  claim: (path: string, transferId: string, origin: PathOrigin) => Promise<boolean>;
  /** The batch's chosen folder at `root` (one per root and batch: it pins the root and remembers the folders made). */
  folderOf: (root: string) => DownloadFolder;
  /** Set when the batch goes on from an earlier run: a file that run saved is found in place, not saved again as "name (1)". */
  earlierRun?: EarlierRun;
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

/**
 * True when a file's mtime is the date a download of an object last modified at `lastModified` gives it: that
 * date to the millisecond, or to the whole second, as the GET's or HEAD's Last-Modified header carries it (a
 * listing says milliseconds).
 */
function isDateOf(mtimeMs: number, lastModified: string): boolean {
  const mtime = Math.round(mtimeMs);
  const date = Date.parse(lastModified);
  return mtime === date || mtime === date - (date % 1000);
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
  /**
   * The destination an earlier run of this download chose and claimed (a pause stops a small file's run before its
   * bytes come, and leaves its temp file): the next run goes on there, instead of taking its own temp file for
   * another's and saving as "name (1)" beside it.
   */
  private dest?: string;
  /** The chosen folder, pinned to its real path the first time the batch writes in it. */
  private readonly folder: DownloadFolder;

  constructor(
    private readonly item: DownloadItem,
    private readonly deps: DownloadDeps,
  ) {
    this.folder = deps.folderOf(item.root);
  }

  async run(ctx: TaskContext): Promise<TaskOutcome> {
    const { item, deps } = this;
    const wanted = insideRoot(item.root, item.segments);
    if (!wanted) throw transferError('UnsafeKey', `${item.key} would be written outside ${item.root}; refused.`, 'Download it one by one under another name.');
    if (item.marker) {
      await this.folder.makeDir(wanted).catch((error: unknown) => {
        throw localWriteError(error, wanted) ?? error;
      });
      ctx.setLocalPath(wanted);
      ctx.setTotal(0);
      return { state: 'done' };
    }
    await this.folder.makeDir(dirname(wanted)).catch((error: unknown) => {
      throw localWriteError(error, dirname(wanted)) ?? error;
    });
    const state = await this.takeOver(ctx, wanted);
    if (!state && (await this.savedByEarlierRun(ctx, wanted))) {
      ctx.setLocalPath(wanted);
      return { state: 'skipped', note: `${wanted} was downloaded before Pail stopped; skipped.` };
    }
    const dest = state?.targetPath ?? (await this.destination(ctx, wanted));
    if (!dest) return { state: 'skipped', note: `${wanted} exists; skipped.` };
    this.dest = dest;
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
    const file = await this.folder.openTemp(temp, resumable).catch((error: unknown) => {
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
      // A small object's one GET takes no part slot, as a small file's one PUT takes none: under the parts limit
      // (12) a folder of small files had fewer requests in flight than files (16), and waited on its round trips.
      await runPieces(
        ctx,
        missing,
        ctx.tuning.chunksPerDownload,
        async (index, signal) => {
          const start = index * chunkSize;
          const answer = await fetchRange(ctx, handle, {
            bucket: deps.bucket,
            key: item.key,
            file,
            start,
            end: Math.min(size, start + chunkSize) - 1,
            ifMatch: count > 1 ? etag : undefined,
            ranged: count > 1,
            signal,
          });
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
        },
        { slots: count > 1 },
      );
      if (done.size < count) return { state: 'paused' };

      ctx.setState('verifying');
      const written = await file.stat();
      const actual = written.size;
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
      await this.folder.checkStillInside(written, temp, dest);
      await file.close();
      // rename() replaces a link at `dest` itself rather than writing through it.
      await rename(temp, dest);
      this.temp = undefined;
      // A saved state under this id is one found (state) or saved (progress) by this run: a small file has
      // neither, and is spared an unlink that would fail (one system call a file, in thousands).
      if (state || progressSaved) await deps.store.delete(ctx.transferId);
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

  /** The saved state of this download, if any, under this transfer's id. */
  private async takeOver(ctx: TaskContext, wanted: string): Promise<DownloadState | undefined> {
    const { item, deps } = this;
    // Its own, or the same download started again (a new batch, a CLI run after Ctrl-C): it takes over the saved one.
    let state = await deps.store.findDownload({ profileId: deps.profileId, bucket: deps.bucket, key: item.key, targetPath: wanted }, ctx.transferId);
    if (state && state.id !== ctx.transferId) {
      await deps.store.delete(state.id);
      state = { ...state, id: ctx.transferId };
    }
    return state;
  }

  /**
   * True when the batch goes on from an earlier run and the file at `wanted` is the one that run saved there (its
   * last moments before a crash were not journaled): a plain file, not a link, of the object's size and with the
   * object's date, which a download sets through the open file before its rename into place. The path is then
   * claimed, so no other transfer of the batch takes that file for its own. The object's size and date come from
   * the listing, or from HEAD for a key given by name.
   */
  private async savedByEarlierRun(ctx: TaskContext, wanted: string): Promise<boolean> {
    const { item, deps } = this;
    if (!deps.earlierRun) return false;
    const there = await this.folder.entryInside(wanted);
    if (!there?.isFile()) return false;
    const listed = item.size !== undefined && item.lastModified !== undefined ? item : undefined;
    const object = listed ?? (await ctx.request(async () => headObject({ handle: await deps.client(), bucket: deps.bucket, key: item.key }, ctx.signal)));
    if (object?.lastModified === undefined || there.size !== object.size || !isDateOf(there.mtimeMs, object.lastModified)) return false;
    return deps.claim(wanted, ctx.transferId, item.origin ?? 'made');
  }

  /** Size, ETag and date: from the saved state on a resume, else from HEAD. */
  private async describe(ctx: TaskContext, handle: ClientHandle, state: DownloadState | undefined): Promise<HeadInfo> {
    const head = await ctx.request(() => headObject({ handle, bucket: this.deps.bucket, key: this.item.key }, ctx.signal));
    if (!head) throw Object.assign(new Error('NoSuchKey'), { name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });
    if (state && bareEtag(state.etag) !== bareEtag(head.etag)) ctx.note('The object changed since the interrupted download, so it started again.');
    return head;
  }

  /** Drops a download whose bytes are wrong, so a retry starts clean. */
  private async damaged(ctx: TaskContext, problem: string): Promise<Error> {
    await this.discard(ctx.transferId);
    return transferError('IntegrityMismatch', `${this.item.key} arrived damaged (${problem}); the partial file was deleted.`, 'Retry the download.');
  }

  /** After a cancel: deletes the temp file and the saved state. */
  /**
   * Where this run saves: the destination an earlier run chose, while nothing else has appeared there; else by the
   * batch's conflict policy (the earlier run's temp file removed first, so it is neither left behind nor in the way).
   */
  private async destination(ctx: TaskContext, wanted: string): Promise<string | undefined> {
    if (this.dest !== undefined && (await entryAt(this.dest)) === undefined) return this.dest;
    if (this.temp) await unlink(this.temp).catch(() => undefined);
    this.temp = undefined;
    return chooseDestination(ctx, this.deps, wanted, this.item.origin ?? 'made');
  }

  async discard(transferId: string): Promise<void> {
    if (this.temp) await unlink(this.temp).catch(() => undefined);
    await this.deps.store.delete(transferId);
  }
}
