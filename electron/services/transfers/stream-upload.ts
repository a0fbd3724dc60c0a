import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { partSizeFor } from './file-hash';
import { uploadStreamMultipart } from './stream-multipart';
import type { TaskContext } from './task-types';
import { isProblem, transferError } from './transfer-errors';
import { deleteQuietly, etagProblem, type UploadTarget } from './upload-common';

/** The largest single PUT S3 accepts. */
const MAX_SINGLE_PUT = 5 * 1024 * 1024 * 1024;

/**
 * Stores a stream that can be read only once (a URL import, a file the
 * browser sends) as an object: one PUT with its length when it is known and
 * at most 5 GiB (the MD5 computed on the way is compared with the ETag), a
 * multipart upload of the stream otherwise. Sets the transfer's total when
 * the length was unknown. Any failure leaves no object behind.
 */
export async function uploadStream(ctx: TaskContext, target: UploadTarget, source: Readable, length: number | undefined, maxBytes: number, retryHint: string): Promise<void> {
  if (length === undefined || length > MAX_SINGLE_PUT) {
    const partSize = partSizeFor(length ?? maxBytes, ctx.tuning.minPartSize);
    ctx.setTotal((await uploadStreamMultipart(ctx, target, source, partSize, maxBytes)).total);
    return;
  }
  await putStream(ctx, target, source, length, retryHint);
}

/** One PUT of the stream, the MD5 computed on the way compared with the ETag afterwards. */
async function putStream(ctx: TaskContext, target: UploadTarget, source: Readable, length: number, retryHint: string): Promise<void> {
  const hash = createHash('md5');
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > length) return callback(transferError('IntegrityMismatch', `${target.key}: the source sent more bytes than its Content-Length.`, retryHint));
      hash.update(chunk);
      ctx.addBytes(chunk.length);
      callback(null, chunk);
    },
    // A source that stops short would leave the server waiting for the rest: end the request instead.
    flush(callback) {
      callback(seen === length ? null : Object.assign(new Error(`the source ended after ${seen} of ${length} bytes`), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    },
  });
  source.on('error', (error) => counter.destroy(error));
  const body = source.pipe(counter);
  try {
    // No retry here: the source stream cannot be read twice (a retry of the whole transfer reads it again).
    const out = await target.handle.client.send(
      new PutObjectCommand({
        Bucket: target.bucket,
        Key: target.key,
        Body: body,
        ContentLength: length,
        ContentType: target.contentType,
        ...(target.acl && { ACL: target.acl }),
      }),
      { abortSignal: ctx.signal },
    );
    ctx.setState('verifying');
    const problem = seen !== length ? `${seen} bytes read of ${length}` : etagProblem(out.ETag, hash.digest(), out.ServerSideEncryption, out.SSECustomerAlgorithm);
    if (problem) throw transferError('IntegrityMismatch', `${target.key} does not match the source: ${problem}; the object was deleted.`, retryHint);
  } catch (error) {
    if (isProblem(error, 'IntegrityMismatch')) await deleteQuietly(target);
    throw error;
  } finally {
    source.destroy();
  }
}
