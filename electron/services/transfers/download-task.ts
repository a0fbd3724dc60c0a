import { access, mkdir, open, realpath, rename, stat, unlink, utimes, type FileHandle } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { bareEtag, isPlainMd5Etag, md5OfRange } from './file-hash';
import { writeBodyAt, type WrittenError } from './file-writer';
import { Md5Behind } from './md5-behind';
import type { DownloadState, TransferStateStore } from './state-store';
import { runPieces } from './limiter';
import type { ClientHandle, TaskContext, TaskOutcome, TransferTask } from './task-types';
import { transferError } from './transfer-errors';
import { headObject, numberedName, type HeadInfo } from './upload-common';
import { insideRoot } from './safe-paths';
import { directFor } from './transfer-client';

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
const TEMP_SUFFIX = '.pail-part';

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

const exists = (path: string) => access(path).then(() => true, () => false);

/**
 * Downloads one object into `<name>.pail-part`, then renames it over the
 * destination and sets its mtime to the object's LastModified. Big objects
 * come in ranged chunks, several at once, each written where it belongs; the
 * chunks done are saved with the ETag, so after a crash or a pause the rest
 * comes with Range + If-Match (a changed object is refused, not mixed in).
 */
export class DownloadTask implements TransferTask {
  private temp?: string;

  constructor(
    private readonly item: DownloadItem,
    private readonly deps: DownloadDeps,
  ) {}

  async run(ctx: TaskContext): Promise<TaskOutcome> {
    const { item, deps } = this;
    const wanted = insideRoot(item.root, item.segments);
    if (!wanted) throw transferError('UnsafeKey', `${item.key} would be written outside ${item.root}; refused.`, 'Download it one by one under another name.');
    if (item.marker) {
      await mkdirInside(item.root, wanted);
      ctx.setLocalPath(wanted);
      ctx.setTotal(0);
      return { state: 'done' };
    }
    await mkdirInside(item.root, dirname(wanted));
    const saved = await deps.store.read(ctx.transferId);
    let state = saved?.kind === 'download' ? saved : undefined;
    // The same download started again (a new batch, a CLI run after Ctrl-C) takes over the saved one.
    state ??= await deps.store.findDownload({ profileId: deps.profileId, bucket: deps.bucket, key: item.key, targetPath: wanted });
    if (state && state.id !== ctx.transferId) {
      await deps.store.delete(state.id);
      state = { ...state, id: ctx.transferId };
    }
    const dest = state?.targetPath ?? (await this.chooseDestination(wanted, ctx.transferId));
    if (!dest) return { state: 'skipped', note: `${wanted} exists; skipped.` };
    ctx.setLocalPath(dest);
    this.temp = dest + TEMP_SUFFIX;

    const handle = await deps.client();
    // Small listed objects need no HEAD: their GET answers with the ETag and date.
    const needHead = state !== undefined || item.size === undefined || item.size > ctx.tuning.downloadChunkSize;
    const head = needHead ? await this.describe(ctx, handle, state) : undefined;
    let size = head?.size ?? item.size!;
    ctx.setTotal(size);
    const chunkSize = state?.chunkSize ?? downloadChunkFor(size, ctx.tuning.downloadChunkSize);
    const count = Math.ceil(size / chunkSize);
    const resumable = !!state && state.size === size && bareEtag(state.etag) === bareEtag(head?.etag) && (await exists(this.temp));
    const done = new Set(resumable ? state!.done : []);
    const file = await open(this.temp, resumable ? 'r+' : 'w+');
    let hasher: Md5Behind | undefined;
    try {
      const progress: DownloadState | undefined =
        count > 1
          ? { version: 1, kind: 'download', id: ctx.transferId, profileId: deps.profileId, bucket: deps.bucket, key: item.key, createdAt: new Date().toISOString(), ownerPid: process.pid, etag: head!.etag ?? '', size, targetPath: dest, chunkSize, done: [...done], ...(head?.lastModified && { lastModified: head.lastModified }) }
          : undefined;
      if (progress) await deps.store.save(progress);
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
          ({ etag, lastModified, encrypted } = { etag: answer.etag ?? etag, lastModified: answer.lastModified ?? lastModified, encrypted: answer.encryption ?? encrypted });
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
      // No fsync: it would wait for the whole file to reach the disk (seconds for 1 GiB on a VM),
      // which no other client does; the temp name already keeps a half-written file from passing
      // for a finished one after a crash of Pail, the case that matters here.
      await file.close();
      await rename(this.temp, dest);
      if (lastModified) await utimes(dest, new Date(), new Date(lastModified));
      await deps.store.delete(ctx.transferId);
      return { state: 'done' };
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

  /** The destination after the conflict policy; undefined to skip. */
  private async chooseDestination(wanted: string, transferId: string): Promise<string | undefined> {
    const { conflict } = this.deps;
    const claim = (path: string) => this.deps.claim(path, transferId);
    const taken = async (path: string) => (await exists(path)) || (await exists(path + TEMP_SUFFIX));
    if (!(await taken(wanted)) && claim(wanted)) return wanted;
    if (conflict === 'skip') return undefined;
    if (conflict === 'overwrite' && claim(wanted)) return wanted;
    const dir = dirname(wanted);
    for (let n = 1; n < 10_000; n += 1) {
      const candidate = join(dir, numberedName(basename(wanted), n));
      if (!(await taken(candidate)) && claim(candidate)) return candidate;
    }
    throw transferError('LocalFileError', `No free name like "${numberedName(basename(wanted), 1)}" in ${dir}.`, 'Choose "overwrite" or "skip", or clean up the folder.');
  }

  /** GETs bytes [start, end] into the file, retrying from where a broken body stopped. */
  private async fetchRange(ctx: TaskContext, handle: ClientHandle, file: FileHandle, start: number, end: number, ifMatch: string | undefined, ranged: boolean, signal: AbortSignal): Promise<Partial<HeadInfo>> {
    let at = start;
    let answer: Partial<HeadInfo> = {};
    const direct = directFor(handle.client, this.deps.bucket);
    const onBytes = (n: number) => ctx.addBytes(n);
    const rangeRefused = (given: string | undefined, range: string) =>
      transferError('IntegrityMismatch', `The server answered bytes ${given ?? '(all)'} of ${this.item.key} when asked for ${range}.`, 'This server cannot resume downloads; retry the download.');
    await ctx.request(async () => {
      const range = ranged || at > start ? `bytes=${at}-${end}` : undefined;
      const match = ifMatch ?? answer.etag;
      if (direct) {
        // On the fetch worker: the answer is checked there (the bytes asked for, or nothing written).
        try {
          const got = await direct.getInto({ bucket: this.deps.bucket, key: this.item.key, ...(range && { range: { start: at, end } }), ...(match && { ifMatch: match }) }, file.fd, at, onBytes, signal);
          const header = (name: string) => (typeof got.headers[name] === 'string' ? (got.headers[name] as string) : undefined);
          if (got.rangeMismatch) throw rangeRefused(header('content-range'), range!);
          const length = header('content-length') === undefined ? undefined : Number(header('content-length'));
          if (!range && length !== undefined) end = start + length - 1;
          const modified = header('last-modified');
          answer = { etag: header('etag'), lastModified: modified ? new Date(modified).toISOString() : undefined, encryption: header('x-amz-server-side-encryption') ?? header('x-amz-server-side-encryption-customer-algorithm'), size: range ? answer.size : length };
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
        answer = { etag: out.ETag, lastModified: out.LastModified?.toISOString(), encryption: out.ServerSideEncryption ?? out.SSECustomerAlgorithm, size: range ? answer.size : out.ContentLength };
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

/**
 * mkdir -p, then checks the real path is still inside the chosen folder: a
 * symbolic link already in the folder could otherwise lead a write outside.
 */
export async function mkdirInside(root: string, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const [realRoot, realDir] = await Promise.all([realpath(root), realpath(dir)]);
  const rel = relative(realRoot, realDir);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) throw transferError('UnsafeKey', `${dir} leads outside ${root} (through a link); refused.`, 'Remove the link or choose another folder.');
  if (!(await stat(realDir)).isDirectory()) throw transferError('LocalFileError', `${dir} is not a folder.`, 'A file is in the way of a folder of the same name.');
}
