import { createHash } from 'node:crypto';
import { CompleteMultipartUploadCommand } from '@aws-sdk/client-s3';
import { bareEtag, multipartEtag } from './file-hash';
import { abortUpload, createMultipartUpload, uploadPartCommand } from './multipart-requests';
import { bindToRun, sourceLost, type OnceSource } from '../io/once-source';
import type { TaskContext } from '../engine/task-types';
import { transferError } from '../engine/transfer-errors';
import { deleteQuietly, etagProblem, type UploadTarget } from './upload-common';
import { sendBuffer } from '../io/paced-stream';

/** Parts of a stream held in memory at once (one filling, the rest sending): bounds memory to this many parts. */
const PARTS_BUFFERED = 3;

/**
 * What a pausable stream upload keeps between runs, in memory: the multipart
 * upload and its finished parts. The source is read again from `sent` on.
 */
export interface StreamUploadState {
  uploadId?: string;
  md5s: Buffer[];
  etags: string[];
  /** Bytes in finished parts: where the source resumes. */
  sent: number;
}

/**
 * Uploads a stream (an import whose server sent no Content-Length, a big file
 * the browser sends) as a multipart upload: the stream is cut into parts held
 * in memory just long enough to send them (so each can carry Content-MD5 and
 * be retried), a few at a time. Not resumable after a restart — the source is
 * a stream — so a failure aborts the upload: no partial object is left.
 * With `options.state`, a pause (between parts) keeps the upload open and
 * returns `paused`; the next call with the same state continues it from a
 * source that starts at `state.sent`.
 */
export async function uploadStreamMultipart(
  ctx: TaskContext,
  target: UploadTarget,
  source: OnceSource,
  partSize: number,
  maxBytes: number,
  options: {
    /** Keeps the upload between runs; with it, a pause returns `paused` instead of stopping at the end. */
    state?: StreamUploadState;
    /** The stream's whole length when known (the panel then counts parts of a known total); a source that sends more or less fails. */
    size?: number;
  } = {},
): Promise<{ total: number; paused: boolean }> {
  const state = options.state ?? { md5s: [], etags: [], sent: 0 };
  const pausable = options.state !== undefined;
  const partsInAll = options.size === undefined ? undefined : Math.max(1, Math.ceil(options.size / partSize));
  const { client } = target.handle;
  state.uploadId ??= await createMultipartUpload(ctx, target);
  const { uploadId, md5s, etags } = state;
  const sending = new Set<Promise<void>>();
  let failure: unknown;
  let total = state.sent;

  const send = (n: number, body: Buffer) => {
    const md5 = createHash('md5').update(body).digest();
    md5s[n - 1] = md5;
    const job = (async () => {
      const release = await ctx.parts.acquire(ctx.signal);
      try {
        const out = await ctx.request(() =>
          sendBuffer(body, { pace: ctx.pace, signal: ctx.signal }, (sent, signal) =>
            client.send(uploadPartCommand(target, uploadId, n, sent, body.length, md5), { abortSignal: signal }),
          ),
        );
        const problem = etagProblem(out.ETag, md5, out.ServerSideEncryption);
        if (problem) throw transferError('IntegrityMismatch', `Part ${n} of ${target.key} arrived damaged: ${problem}.`, 'Retry the transfer.');
        etags[n - 1] = out.ETag ?? '';
        state.sent += body.length;
        ctx.setParts(etags.filter(Boolean).length, partsInAll ?? Math.max(n, etags.length));
      } finally {
        release();
      }
    })()
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => sending.delete(job));
    sending.add(job);
  };

  try {
    let chunks: Buffer[] = [];
    let filled = 0;
    let partNumber = etags.length;
    for await (const chunk of chunksOf(source, target.key, ctx.signal, () => total, options.size)) {
      if (failure) throw failure;
      const buffer = chunk;
      total += buffer.length;
      ctx.addBytes(buffer.length);
      if (options.size !== undefined && total > options.size) {
        throw transferError(
          'IntegrityMismatch',
          `${target.key}: ${source.from} sent more bytes than the ${options.size} it announced. Nothing was stored.`,
          source.retryHint,
        );
      }
      if (total > maxBytes)
        throw transferError(
          'TooLarge',
          `${target.key} is larger than the import limit (${maxBytes} bytes).`,
          'Download it and upload the file instead, or raise the limit.',
        );
      chunks.push(buffer);
      filled += buffer.length;
      while (filled >= partSize) {
        const whole = Buffer.concat(chunks);
        send(++partNumber, whole.subarray(0, partSize));
        chunks = [whole.subarray(partSize)];
        filled -= partSize;
        while (sending.size >= PARTS_BUFFERED - 1) await Promise.race(sending);
        if (pausable && ctx.isPausing()) {
          // Parts in flight finish; what was read past them is read again on resume.
          await Promise.all(sending);
          if (failure) throw failure;
          ctx.addBytes(-filled);
          source.stream.destroy();
          return { total: state.sent, paused: true };
        }
      }
    }
    if (options.size !== undefined && total !== options.size) {
      throw transferError('IntegrityMismatch', `${target.key}: ${source.from} sent ${total} of ${options.size} bytes. Nothing was stored.`, source.retryHint);
    }
    if (filled > 0 || partNumber === 0) send(++partNumber, Buffer.concat(chunks));
    await Promise.all(sending);
    if (failure) throw failure;
    ctx.setState('verifying');
    const expected = multipartEtag(md5s);
    const out = await ctx.request(() =>
      client.send(
        new CompleteMultipartUploadCommand({
          Bucket: target.bucket,
          Key: target.key,
          UploadId: uploadId,
          MultipartUpload: { Parts: etags.map((ETag, i) => ({ PartNumber: i + 1, ETag })) },
        }),
        { abortSignal: ctx.signal },
      ),
    );
    if (/^[0-9a-f]{32}-\d+$/.test(bareEtag(out.ETag)) && out.ServerSideEncryption !== 'aws:kms' && bareEtag(out.ETag) !== expected) {
      await deleteQuietly(target);
      throw transferError('IntegrityMismatch', `${target.key} does not match what was sent; the object was deleted.`, 'Retry the transfer.');
    }
    return { total, paused: false };
  } catch (error) {
    source.stream.destroy();
    await Promise.allSettled(sending);
    await abortUpload(target, uploadId).catch(() => undefined);
    Object.assign(state, { uploadId: undefined, md5s: [], etags: [], sent: 0 });
    throw error;
  }
}

/**
 * The source's chunks, its failures worded (who stopped sending, after how
 * many bytes); a cancel of the run ends a read that waits on a silent sender.
 */
async function* chunksOf(source: OnceSource, key: string, signal: AbortSignal, read: () => number, size?: number): AsyncGenerator<Buffer> {
  bindToRun(source, signal);
  try {
    for await (const chunk of source.stream) yield chunk as Buffer;
  } catch (error) {
    throw signal.aborted ? error : sourceLost(source, key, error, read(), size);
  }
}
