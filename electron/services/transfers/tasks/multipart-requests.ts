// The multipart calls that start an upload, send a part, list the parts and abort the upload, shared by the file, stream and page uploads.
import type { Readable } from 'node:stream';
import { AbortMultipartUploadCommand, CreateMultipartUploadCommand, ListPartsCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { sdkHeaders } from './object-headers';
import { creatingWith } from '../../s3-errors';
import type { UploadTarget } from './upload-common';
import { isRetryable } from '../engine/retry';
import type { TaskContext } from '../engine/task-types';

/** Starts a multipart upload with the target's headers; answers its UploadId. */
export async function createMultipartUpload(ctx: Pick<TaskContext, 'request' | 'signal'>, target: UploadTarget): Promise<string> {
  const out = await creatingWith(target, () =>
    ctx.request(() =>
      target.handle.client.send(
        new CreateMultipartUploadCommand({
          Bucket: target.bucket,
          Key: target.key,
          ...sdkHeaders(target),
        }),
        { abortSignal: ctx.signal },
      ),
    ),
  );
  return out.UploadId!;
}

/** The UploadPart request for part `n`: `size` bytes of `body`, with their Content-MD5 for the server to check. */
export function uploadPartCommand(
  target: Pick<UploadTarget, 'bucket' | 'key'>,
  uploadId: string,
  n: number,
  body: Buffer | Readable,
  size: number,
  md5: Buffer,
) {
  return new UploadPartCommand({
    Bucket: target.bucket,
    Key: target.key,
    UploadId: uploadId,
    PartNumber: n,
    Body: body,
    ContentLength: size,
    ContentMD5: md5.toString('base64'),
  });
}

/** Every part the server holds for the upload, by number, with its ETag. */
export async function listParts(ctx: Pick<TaskContext, 'request' | 'signal'>, target: UploadTarget, uploadId: string): Promise<Map<number, string>> {
  const parts = new Map<number, string>();
  let marker: string | undefined;
  for (;;) {
    const page = await ctx.request(() =>
      target.handle.client.send(
        new ListPartsCommand({ Bucket: target.bucket, Key: target.key, UploadId: uploadId, PartNumberMarker: marker, MaxParts: 1000 }),
        { abortSignal: ctx.signal },
      ),
    );
    for (const part of page.Parts ?? []) if (part.PartNumber && part.ETag) parts.set(part.PartNumber, part.ETag);
    const next = page.NextPartNumberMarker;
    if (!page.IsTruncated || !next || next === marker) return parts;
    marker = next;
  }
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
