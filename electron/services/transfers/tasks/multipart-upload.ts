// A multipart upload of one file that survives a crash: its state is saved after every part, and a
// restart lists the parts the server has and sends only the others. Sending a part, completing and
// the plain multipart calls live beside it (multipart-part, multipart-complete, multipart-requests).
import { bareEtag, partSizeFor } from './file-hash';
import { completeUpload } from './multipart-complete';
import { sendPart } from './multipart-part';
import { abortUpload, createMultipartUpload, listParts } from './multipart-requests';
import { headersPart } from './object-headers';
import { checkFileUnchanged, type LocalFile, type UploadTarget } from './upload-common';
import { runPieces } from '../engine/limiter';
import type { TaskContext } from '../engine/task-types';
import { isProblem } from '../engine/transfer-errors';
import type { UploadState } from '../state/state-store';

/**
 * Pail's own multipart upload. lib-storage's `Upload` keeps its UploadId and
 * part list in memory only, so an upload cut by a crash or a restart cannot go
 * on: it would start again from byte 0 and leave the first upload behind. Here
 * the state is saved after every part, a restart lists the parts the server
 * has (ListParts) and sends only the others, and every part carries
 * Content-MD5 (the server checks it) and has its ETag compared with our MD5.
 */
export class MultipartUpload {
  private state!: UploadState;

  constructor(
    private readonly ctx: TaskContext,
    private readonly target: UploadTarget,
    private readonly file: LocalFile,
  ) {}

  /** Uploads (or resumes `saved`); "paused" when the user paused before every part was sent. */
  async run(saved?: UploadState): Promise<'done' | 'paused'> {
    const { ctx, file } = this;
    const resumed = saved ? await this.resume(saved) : false;
    if (!resumed) await this.create();
    const { partSize } = this.state;
    const count = Math.ceil(file.size / partSize);
    const sizeOf = (n: number) => Math.min(partSize, file.size - (n - 1) * partSize);
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((n) => !this.state.parts[n]);
    ctx.setResumable(true);
    ctx.setBytes(Object.keys(this.state.parts).reduce((sum, n) => sum + sizeOf(Number(n)), 0));
    ctx.setParts(count - missing.length, count);

    await this.sendParts(missing, count, sizeOf);
    if (Object.keys(this.state.parts).length < count) return 'paused';
    await checkFileUnchanged(file, 'while it was being uploaded').catch((error) => this.giveUp(error));
    ctx.setState('verifying');
    await completeUpload(ctx, this.target, file, this.state, count, (error) => this.giveUp(error));
    await ctx.store.delete(this.state.id);
    return 'done';
  }

  /** Goes on with a saved upload if the file is unchanged and the server still has it; false to start afresh. */
  private async resume(saved: UploadState): Promise<boolean> {
    const { ctx, file } = this;
    this.state = { ...saved, id: this.ctx.transferId };
    if (saved.id !== ctx.transferId) await ctx.store.delete(saved.id);
    if (saved.size !== file.size || saved.mtimeMs !== file.mtimeMs) {
      ctx.note('The file changed since the interrupted upload, so it started again.');
      await this.abortQuietly();
      return false;
    }
    let listed: Map<number, string>;
    try {
      listed = await listParts(ctx, this.target, this.state.uploadId);
    } catch (error) {
      if ((error as { name?: string }).name !== 'NoSuchUpload') throw error;
      ctx.note('The server no longer had the interrupted upload, so it started again.');
      await ctx.store.delete(this.state.id);
      return false;
    }
    // Trust the server's list: a part we saved but it lacks is sent again; a part it
    // has that we never saved (cut off between its answer and our save) is kept if its ETag is our MD5.
    const parts: UploadState['parts'] = {};
    for (const [n, etag] of listed) {
      const mine = this.state.parts[n];
      if (mine && bareEtag(mine.etag) === bareEtag(etag)) {
        parts[n] = mine;
        continue;
      }
      const start = (n - 1) * saved.partSize;
      if (start >= file.size) continue;
      const md5 = (await ctx.files.hashRange(file.path, start, Math.min(saved.partSize, file.size - start))).toString('hex');
      if (md5 === bareEtag(etag)) parts[n] = { etag, md5 };
    }
    this.state.parts = parts;
    await ctx.store.save(this.state);
    return true;
  }

  /** Starts a new upload on the server and saves its state before any part is sent. */
  private async create(): Promise<void> {
    const { ctx, file, target } = this;
    const uploadId = await createMultipartUpload(ctx, target);
    this.state = {
      version: 1,
      kind: 'upload',
      id: ctx.transferId,
      profileId: target.profileId,
      bucket: target.bucket,
      key: target.key,
      createdAt: new Date().toISOString(),
      ownerPid: process.pid,
      filePath: file.path,
      size: file.size,
      mtimeMs: file.mtimeMs,
      partSize: partSizeFor(file.size, ctx.tuning.minPartSize),
      uploadId,
      ...headersPart(target),
      parts: {},
    };
    await ctx.store.save(this.state);
  }

  /** Sends the missing parts, at most the engine's limit at once; stops taking parts on pause. */
  private async sendParts(missing: number[], count: number, sizeOf: (n: number) => number): Promise<void> {
    const { ctx } = this;
    try {
      // Up to 64 workers: the engine's part limit is what really bounds them.
      await runPieces(ctx, missing, 64, async (n, signal) => {
        const sent = await sendPart(ctx, this.target, this.file, {
          uploadId: this.state.uploadId,
          n,
          start: (n - 1) * this.state.partSize,
          size: sizeOf(n),
          signal,
        });
        this.state.parts[n] = sent;
        await ctx.store.save(this.state);
        ctx.setParts(Object.keys(this.state.parts).length, count);
      });
    } catch (error) {
      if (isProblem(error, 'IntegrityMismatch') || isProblem(error, 'FileChanged')) await this.giveUp(error);
      throw error;
    }
  }

  /** Aborts the upload on the server and forgets it, then throws: nothing half-made stays behind. */
  private async giveUp(error: unknown): Promise<never> {
    await this.abortQuietly();
    throw error;
  }

  /** Aborts the upload on the server (errors ignored: nothing more can be done) and forgets its state. */
  private async abortQuietly(): Promise<void> {
    await abortUpload(this.target, this.state.uploadId, this.ctx.signal.aborted ? undefined : this.ctx.signal).catch(() => undefined);
    await this.ctx.store.delete(this.state.id);
  }
}
