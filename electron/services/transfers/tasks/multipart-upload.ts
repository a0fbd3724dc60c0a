import { createReadStream } from 'node:fs';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListPartsCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { bareEtag, multipartEtag, partSizeFor, READ_CHUNK } from './file-hash';
import { isRetryable } from '../engine/retry';
import type { UploadState } from '../state/state-store';
import { runPieces } from '../engine/limiter';
import { RANGE_MAX } from '../io/file-workers';
import { directFor } from '../engine/transfer-client';
import type { TaskContext } from '../engine/task-types';
import { isProblem, transferError } from '../engine/transfer-errors';
import { checkFileUnchanged, deleteQuietly, etagProblem, headObject, type LocalFile, type UploadTarget } from './upload-common';
import { sendWithBody } from '../io/guarded-body';

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
    await this.complete(count);
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
      listed = await this.listParts();
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
      contentType: target.contentType,
      ...(target.acl && { acl: target.acl }),
      ...(target.cacheControl && { cacheControl: target.cacheControl }),
      parts: {},
    };
    await ctx.store.save(this.state);
  }

  /** Every part the server holds for the upload, by number, with its ETag. */
  private async listParts(): Promise<Map<number, string>> {
    const { ctx, target } = this;
    const parts = new Map<number, string>();
    let marker: string | undefined;
    for (;;) {
      const page = await ctx.request(() =>
        target.handle.client.send(
          new ListPartsCommand({ Bucket: target.bucket, Key: target.key, UploadId: this.state.uploadId, PartNumberMarker: marker, MaxParts: 1000 }),
          { abortSignal: ctx.signal },
        ),
      );
      for (const part of page.Parts ?? []) if (part.PartNumber && part.ETag) parts.set(part.PartNumber, part.ETag);
      const next = page.NextPartNumberMarker;
      if (!page.IsTruncated || !next || next === marker) return parts;
      marker = next;
    }
  }

  /** Sends the missing parts, at most the engine's limit at once; stops taking parts on pause. */
  private async sendParts(missing: number[], count: number, sizeOf: (n: number) => number): Promise<void> {
    const { ctx } = this;
    try {
      // Up to 64 workers: the engine's part limit is what really bounds them.
      await runPieces(ctx, missing, 64, async (n, signal) => {
        await this.sendPart(n, sizeOf(n), signal);
        ctx.setParts(Object.keys(this.state.parts).length, count);
      });
    } catch (error) {
      if (isProblem(error, 'IntegrityMismatch') || isProblem(error, 'FileChanged')) await this.giveUp(error);
      throw error;
    }
  }

  private async sendPart(n: number, size: number, signal: AbortSignal): Promise<void> {
    const { ctx, target, file } = this;
    const start = (n - 1) * this.state.partSize;
    // Where the direct path serves the profile, a part that fits a range slot (16 MiB; parts stay
    // 8 MiB for every file up to 70 GiB) is read once, on the file thread that also hashes it, and
    // sent from memory; otherwise it is hashed, then streamed.
    const direct = size <= RANGE_MAX ? directFor(target.handle.client, target.bucket) : undefined;
    let read = direct ? await ctx.files.readRange(file.path, start, size) : undefined;
    // The memory goes back as soon as the socket has the last byte (a retry reads the part again).
    const release = () => {
      read?.release();
      read = undefined;
    };
    try {
      const md5 = read?.md5 ?? (await ctx.files.hashRange(file.path, start, size));
      signal.throwIfAborted();
      let counted = 0;
      const onBytes = (bytes: number) => {
        counted += bytes;
        ctx.addBytes(bytes);
      };
      const out = await ctx.request(
        async (tryNumber) => {
          ctx.addBytes(-counted);
          counted = 0;
          if (tryNumber > 1) await checkFileUnchanged(file, 'while it was being uploaded');
          if (direct) read ??= await ctx.files.readRange(file.path, start, size);
          const answer =
            direct && read
              ? await direct.put(
                  {
                    bucket: target.bucket,
                    key: target.key,
                    body: read.body,
                    contentMd5: md5.toString('base64'),
                    part: { uploadId: this.state.uploadId, partNumber: n },
                    onBytes,
                    onSent: release,
                  },
                  signal,
                )
              : await this.streamPart(n, start, size, md5, onBytes, signal);
          const problem = etagProblem(answer.ETag, md5, answer.ServerSideEncryption, answer.SSECustomerAlgorithm);
          if (problem)
            throw transferError(
              'IntegrityMismatch',
              `Part ${n} of ${target.key} arrived damaged: ${problem}.`,
              'It was sent again and still did not match; check the network or proxy between you and the server, then retry.',
            );
          return answer;
        },
        // A part whose ETag disagrees is sent again, like a network error.
        { retryable: (error) => isProblem(error, 'IntegrityMismatch') || isRetryable(error) },
      );
      this.state.parts[n] = { etag: out.ETag ?? '', md5: md5.toString('hex') };
      await ctx.store.save(this.state);
    } finally {
      release();
    }
  }

  /** Sends a part through the SDK, streamed from the file. */
  private async streamPart(
    n: number,
    start: number,
    size: number,
    md5: Buffer,
    onBytes: (bytes: number) => void,
    signal: AbortSignal,
  ): Promise<{ ETag?: string; ServerSideEncryption?: string; SSECustomerAlgorithm?: string }> {
    const { target, file } = this;
    const body = createReadStream(file.path, { start, end: start + size - 1, highWaterMark: READ_CHUNK });
    body.on('data', (chunk) => onBytes(chunk.length));
    return sendWithBody(body, signal, (guarded) =>
      target.handle.client.send(
        new UploadPartCommand({
          Bucket: target.bucket,
          Key: target.key,
          UploadId: this.state.uploadId,
          PartNumber: n,
          Body: body,
          ContentLength: size,
          ContentMD5: md5.toString('base64'),
        }),
        { abortSignal: guarded },
      ),
    );
  }

  /** Completes the upload and checks the ETag against the parts' MD5s (or the size, where ETags are not MD5s). */
  private async complete(count: number): Promise<void> {
    const { ctx, target } = this;
    const numbers = Array.from({ length: count }, (_, i) => i + 1);
    const expected = multipartEtag(numbers.map((n) => Buffer.from(this.state.parts[n].md5, 'hex')));
    const parts = numbers.map((n) => ({ PartNumber: n, ETag: this.state.parts[n].etag }));
    let etag: string | undefined;
    let encrypted: string | undefined;
    try {
      const out = await ctx.request(async (tryNumber): Promise<{ ETag?: string; ServerSideEncryption?: string }> => {
        try {
          return await target.handle.client.send(
            new CompleteMultipartUploadCommand({ Bucket: target.bucket, Key: target.key, UploadId: this.state.uploadId, MultipartUpload: { Parts: parts } }),
            { abortSignal: ctx.signal },
          );
        } catch (error) {
          // An earlier try may have completed it and lost the answer: the object tells.
          if (tryNumber > 1 && (error as { name?: string }).name === 'NoSuchUpload') return { ETag: (await headObject(target))?.etag };
          throw error;
        }
      });
      etag = out.ETag;
      encrypted = out.ServerSideEncryption;
    } catch (error) {
      await this.giveUp(error);
    }
    const plainMultipart = /^[0-9a-f]{32}-\d+$/.test(bareEtag(etag));
    if (plainMultipart && encrypted !== 'aws:kms' && bareEtag(etag) !== expected) {
      await deleteQuietly(target);
      await this.giveUp(
        transferError(
          'IntegrityMismatch',
          `${target.key} does not match what was sent (ETag ${bareEtag(etag)}, expected ${expected}); the object was deleted.`,
          'Retry the upload.',
        ),
      );
    }
    if (!plainMultipart || encrypted === 'aws:kms') {
      // Servers whose ETags are not MD5-based: the size is what can be checked.
      const head = await ctx.request(() => headObject(target));
      if (head?.size !== this.file.size) {
        await deleteQuietly(target);
        await this.giveUp(
          transferError(
            'IntegrityMismatch',
            `${target.key} has ${head?.size ?? 'no'} bytes on the server, not ${this.file.size}; the object was deleted.`,
            'Retry the upload.',
          ),
        );
      }
    }
  }

  /** Aborts the upload on the server and forgets it, then throws: nothing half-made stays behind. */
  private async giveUp(error: unknown): Promise<never> {
    await this.abortQuietly();
    throw error;
  }

  private async abortQuietly(): Promise<void> {
    await abortUpload(this.target, this.state.uploadId, this.ctx.signal.aborted ? undefined : this.ctx.signal).catch(() => undefined);
    await this.ctx.store.delete(this.state.id);
  }
}

/** Starts a multipart upload with the target's headers; answers its UploadId. */
export async function createMultipartUpload(ctx: Pick<TaskContext, 'request' | 'signal'>, target: UploadTarget): Promise<string> {
  const out = await ctx.request(() =>
    target.handle.client.send(
      new CreateMultipartUploadCommand({
        Bucket: target.bucket,
        Key: target.key,
        ContentType: target.contentType,
        ...(target.acl && { ACL: target.acl }),
        ...(target.cacheControl && { CacheControl: target.cacheControl }),
      }),
      { abortSignal: ctx.signal },
    ),
  );
  return out.UploadId!;
}

/** Aborts a multipart upload (a few tries: a left-over upload costs storage on some providers). */
export async function abortUpload(target: Pick<UploadTarget, 'handle' | 'bucket' | 'key'>, uploadId: string, signal?: AbortSignal): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await target.handle.client.send(new AbortMultipartUploadCommand({ Bucket: target.bucket, Key: target.key, UploadId: uploadId }), { abortSignal: signal });
      return;
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchUpload') return;
      if (attempt >= 3 || !isRetryable(error)) throw error;
    }
  }
}
