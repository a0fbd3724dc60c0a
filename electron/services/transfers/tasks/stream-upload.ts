import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { partSizeFor } from './file-hash';
import { sdkHeaders } from './object-headers';
import { creatingWith } from '../../s3-errors';
import { sourceLost, type OnceSource } from '../io/once-source';
import { uploadStreamMultipart } from './stream-multipart';
import type { TaskContext } from '../engine/task-types';
import { transferError } from '../engine/transfer-errors';
import { deleteQuietly, etagProblem, type UploadTarget } from './upload-common';

/** The largest single PUT S3 accepts. */
const MAX_SINGLE_PUT = 5 * 1024 * 1024 * 1024;

/**
 * Stores a stream that can be read only once (a URL import, a file the
 * browser sends) as an object: one PUT with its length when it is known and
 * at most 5 GiB (the MD5 computed on the way is compared with the ETag), a
 * multipart upload of the stream otherwise. Sets the transfer's total when
 * the length was unknown. Any failure, the source's included, fails the
 * transfer in words and leaves no object behind.
 */
export async function uploadStream(ctx: TaskContext, target: UploadTarget, source: OnceSource, length: number | undefined, maxBytes: number): Promise<void> {
  if (length === undefined || length > MAX_SINGLE_PUT) {
    const partSize = partSizeFor(length ?? maxBytes, ctx.tuning.minPartSize);
    ctx.setTotal((await uploadStreamMultipart(ctx, target, source, partSize, maxBytes, length === undefined ? {} : { size: length })).total);
    return;
  }
  await putStream(ctx, target, source, length);
}

/** One PUT of the stream, the MD5 computed on the way compared with the ETag afterwards. */
async function putStream(ctx: TaskContext, target: UploadTarget, source: OnceSource, length: number): Promise<void> {
  const hash = createHash('md5');
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > length)
        return callback(
          transferError(
            'IntegrityMismatch',
            `${target.key}: ${source.from} sent more bytes than the ${length} it announced. Nothing was stored.`,
            source.retryHint,
          ),
        );
      hash.update(chunk);
      // Under a speed limit each chunk goes when the limit lets it (the source waits meanwhile).
      const wait = ctx.pace.take(chunk.length);
      if (!wait) {
        ctx.addBytes(chunk.length);
        return callback(null, chunk);
      }
      wait.then(() => (ctx.addBytes(chunk.length), callback(null, chunk)), callback);
    },
    flush(callback) {
      callback(
        seen === length
          ? null
          : transferError('IntegrityMismatch', `${target.key}: ${source.from} sent ${seen} of ${length} bytes. Nothing was stored.`, source.retryHint),
      );
    },
  });
  // pipeline owns both streams' errors: an 'error' event nobody listens to would end the whole
  // process (every transfer with it). A failed source also ends the PUT, which would otherwise
  // wait for bytes that never come.
  const stop = new AbortController();
  let streamError: unknown;
  const flowed = pipeline(source.stream, counter, { signal: ctx.signal }).catch((error: unknown) => {
    streamError ??= error;
    stop.abort(error);
  });
  let stored = false;
  try {
    // No retry here: the source stream cannot be read twice (a retry of the whole transfer reads it again).
    const out = await creatingWith(target, () =>
      target.handle.client.send(
        new PutObjectCommand({
          Bucket: target.bucket,
          Key: target.key,
          Body: counter,
          ContentLength: length,
          ...sdkHeaders(target),
        }),
        { abortSignal: AbortSignal.any([ctx.signal, stop.signal]) },
      ),
    );
    stored = true;
    // The source must also end where it said (a longer one may have stopped at a chunk boundary).
    await flowed;
    if (streamError) throw streamError;
    ctx.setState('verifying');
    const problem =
      seen !== length ? `${seen} bytes read of ${length}` : etagProblem(out.ETag, hash.digest(), out.ServerSideEncryption, out.SSECustomerAlgorithm);
    if (problem) throw transferError('IntegrityMismatch', `${target.key} does not match the source: ${problem}; the object was deleted.`, source.retryHint);
  } catch (error) {
    // What failed first: the source (its error was taken before anything here destroys it), or the request.
    const failed = streamError;
    // Only what this PUT stored is deleted: a failed PUT leaves the key as it was.
    if (stored) await deleteQuietly(target);
    if (ctx.signal.aborted) throw error;
    if (failed !== undefined) throw sourceLost(source, target.key, failed, seen, length);
    throw error;
  } finally {
    source.stream.destroy();
    counter.destroy();
  }
}
