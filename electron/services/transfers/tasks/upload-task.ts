import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { lookup as mimeLookup } from 'mime-types';
import { READ_CHUNK } from './file-hash';
import { abortUpload } from './multipart-requests';
import { MultipartUpload } from './multipart-upload';
import { headersPart, objectHeadersOf, sdkHeaders, type BatchOptions, type UploadDefaults } from './object-headers';
import { creatingWith } from '../../s3-errors';
import { isRetryable } from '../engine/retry';
import { directFor } from '../engine/transfer-client';
import type { TransferStateStore, UploadState } from '../state/state-store';
import type { ClientHandle, EarlierRun, TaskContext, TaskOutcome, TransferTask } from '../engine/task-types';
import { isProblem, transferError } from '../engine/transfer-errors';
import { applyConflictPolicy, confirmEncryption, deleteQuietly, etagProblem, headObject, type LocalFile, type UploadTarget } from './upload-common';
import { sendWithBody } from '../io/guarded-body';
import { pacedStream } from '../io/paced-stream';
import { putFolderMarker } from '../../folder-marker';

/** One thing to upload: a file, or an empty folder's "name/" marker. */
export interface UploadItem {
  path: string;
  key: string;
  /** Path inside the batch, for the panel. */
  name: string;
  size: number;
  /** A 0-byte "folder/" object standing for an empty folder. */
  marker: boolean;
}

/** What an upload needs besides its item. */
export interface UploadDeps {
  profileId: string;
  bucket: string;
  /** The client, and the headers the bucket's settings or the profile give uploads. */
  client: () => Promise<{ handle: ClientHandle; defaults: UploadDefaults }>;
  /** The batch's headers, over the profile's / bucket's defaults. */
  options: BatchOptions;
  store: TransferStateStore;
  /** Set when the batch goes on from an earlier run: an object that run uploaded is found, not uploaded again as "name (1)". */
  earlierRun?: EarlierRun;
}

/** The Content-Type of a file from its name, with the generic fallback. */
export function contentTypeOf(name: string): string {
  return mimeLookup(name) || 'application/octet-stream';
}

/** Where an upload goes and the headers it gets: the batch's options, else the bucket's or profile's defaults. */
export async function uploadTargetOf(deps: UploadDeps, key: string, name: string): Promise<UploadTarget> {
  const { handle, defaults } = await deps.client();
  return { handle, profileId: deps.profileId, bucket: deps.bucket, key, ...objectHeadersOf(deps.options, defaults, name, contentTypeOf(name)) };
}

/**
 * Uploads one file: a single PUT with Content-MD5 for small files, Pail's
 * resumable multipart above the threshold, an empty PUT for a folder marker.
 * Checks the key first when the batch's policy is not "overwrite".
 */
export class UploadTask implements TransferTask {
  constructor(
    private readonly item: UploadItem,
    private readonly deps: UploadDeps,
    /** An interrupted upload found on disk at start-up. */
    private saved?: UploadState,
  ) {}

  async run(ctx: TaskContext): Promise<TaskOutcome> {
    const { item, deps } = this;
    const target = await uploadTargetOf(deps, item.key, item.name);
    if (item.marker) return this.putMarker(ctx, target);

    // One job on the file workers gives the size, the date and, for a small file, the bytes
    // and their MD5: a batch of thousands of small files costs the main thread one message each.
    const local = await ctx.files.readSmallFile(item.path, ctx.tuning.smallBodyBytes);
    const file: LocalFile = { path: item.path, size: local.size, mtimeMs: local.mtimeMs };
    ctx.setTotal(file.size);
    const multipart = file.size > ctx.tuning.multipartThreshold;
    // A file sent in one PUT is hashed for its Content-MD5 anyway (a small one as it was read): once, for the PUT
    // and for telling an object an earlier run of the batch sent. A multipart file is not read just for that.
    let hashing: Promise<Buffer> | undefined;
    const md5 = () => (hashing ??= local.md5 ? Promise.resolve(local.md5) : ctx.files.hashRange(item.path, 0, file.size));
    const saved =
      this.saved ??
      (multipart ? await deps.store.findUpload({ profileId: deps.profileId, bucket: deps.bucket, key: item.key, filePath: item.path }) : undefined);
    if (!saved) {
      const earlier = deps.earlierRun && { ...deps.earlierRun, size: file.size, ...(!multipart && { md5 }) };
      const decided = await applyConflictPolicy(ctx, target, earlier);
      if (decided) return decided;
    } else {
      // A resumed upload keeps the headers it started with (its object is created with them).
      for (const field of ['acl', 'cacheControl', 'contentDisposition', 'storageClass', 'metadata', 'encryption'] as const) delete target[field];
      Object.assign(target, headersPart(saved));
    }
    if (saved || file.size > ctx.tuning.multipartThreshold) {
      const result = await new MultipartUpload(ctx, target, file).run(saved);
      this.saved = undefined;
      if (result === 'done') await confirmEncryption(ctx, target);
      return { state: result };
    }
    const answer = await this.putSingle(ctx, target, file, local.body, md5);
    await confirmEncryption(ctx, target, answer);
    return { state: 'done' };
  }

  private async putMarker(ctx: TaskContext, target: UploadTarget): Promise<TaskOutcome> {
    ctx.setTotal(0);
    // An existing marker is the same empty folder: nothing to send and nothing to ask, and said so
    // (it used to count as uploaded, so "--if-exists skip" reported folder markers as sent again).
    if (ctx.conflictPolicy() !== 'overwrite' && (await ctx.request(() => headObject(target, ctx.signal))))
      return { state: 'skipped', note: `${target.key} exists; skipped.` };
    await ctx.request(() => putFolderMarker(target.handle.client, target.bucket, target.key, ctx.signal));
    return { state: 'done' };
  }

  /** One PUT with Content-Length and Content-MD5, the returned ETag compared with the MD5; answers the server's encryption header. */
  private async putSingle(
    ctx: TaskContext,
    target: UploadTarget,
    file: LocalFile,
    body: Buffer | undefined,
    hashed: () => Promise<Buffer>,
  ): Promise<{ ServerSideEncryption?: string }> {
    // Small bodies were read (and hashed) once and go from memory; bigger ones are hashed, then streamed.
    const size = body?.length ?? file.size;
    const md5 = await hashed();
    let counted = 0;
    let answer: { ServerSideEncryption?: string } = {};
    try {
      await creatingWith(target, () =>
        ctx.request(
          async () => {
            ctx.addBytes(-counted);
            counted = 0;
            const count = (bytes: number) => {
              counted += bytes;
              ctx.addBytes(bytes);
            };
            const direct = body && directFor(target.handle.client, target.bucket);
            // From a file, or (through the SDK under a speed limit) from memory: a paced stream, counted as it goes.
            const stream = body
              ? !direct && ctx.pace.step() !== undefined
                ? pacedStream(Readable.from([body]), ctx.pace, count)
                : undefined
              : pacedStream(createReadStream(file.path, { start: 0, end: size - 1, highWaterMark: READ_CHUNK }), ctx.pace, count);
            const out = direct
              ? await direct.put(
                  {
                    bucket: target.bucket,
                    key: target.key,
                    body: body!,
                    contentMd5: md5.toString('base64'),
                    headers: headersPart(target),
                    pace: ctx.pace,
                  },
                  ctx.signal,
                )
              : await sendWithBody(stream, ctx.signal, (signal) =>
                  target.handle.client.send(
                    new PutObjectCommand({
                      Bucket: target.bucket,
                      Key: target.key,
                      Body: stream ?? body,
                      ContentLength: size,
                      ContentMD5: md5.toString('base64'),
                      ...sdkHeaders(target),
                    }),
                    { abortSignal: signal },
                  ),
                );
            if (body && counted === 0) count(size);
            const problem = etagProblem(out.ETag, md5, out.ServerSideEncryption, out.SSECustomerAlgorithm);
            if (problem)
              throw transferError(
                'IntegrityMismatch',
                `${target.key} arrived damaged: ${problem}.`,
                'It was sent again and still did not match; check the network or proxy between you and the server, then retry.',
              );
            answer = { ServerSideEncryption: out.ServerSideEncryption };
          },
          { retryable: (error) => isProblem(error, 'IntegrityMismatch') || isRetryable(error) },
        ),
      );
    } catch (error) {
      // Never leave a damaged object behind under the name the user asked for.
      if (isProblem(error, 'IntegrityMismatch')) await deleteQuietly(target);
      throw error;
    }
    return answer;
  }

  /** After a cancel: aborts the multipart upload this transfer left (saved on disk), and forgets it. */
  async discard(transferId: string): Promise<void> {
    const state = this.saved ?? (await this.deps.store.read(transferId));
    if (state?.kind !== 'upload') return;
    const { handle } = await this.deps.client();
    // If the server cannot be told now, the saved state stays: it comes back at the next start, to cancel again.
    await abortUpload({ handle, bucket: state.bucket, key: state.key }, state.uploadId);
    await this.deps.store.delete(state.id);
    this.saved = undefined;
  }
}
