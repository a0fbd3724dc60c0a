// One ranged GET of a download written into its temp file where the bytes belong: on the fetch worker
// where the direct path serves the profile, else through the SDK; a broken body is retried from where it stopped.
import type { FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { HeadInfo } from './upload-common';
import type { ClientHandle, TaskContext } from '../engine/task-types';
import { directFor } from '../engine/transfer-client';
import { transferError } from '../engine/transfer-errors';
import { writeBodyAt, type WrittenError } from '../io/file-writer';

/** Which bytes of which object go where, and how to ask for them. */
export interface RangeRequest {
  bucket: string;
  key: string;
  /** The temp file, open for writing. */
  file: FileHandle;
  /** First byte wanted. */
  start: number;
  /** Last byte wanted (inclusive). */
  end: number;
  /** The ETag the object must still have (a changed object is refused, not mixed in). */
  ifMatch: string | undefined;
  /** Ask with a Range header even from the first byte (a chunk of a big download). */
  ranged: boolean;
  signal: AbortSignal;
}

/** GETs bytes [start, end] into the file, retrying from where a broken body stopped. */
export async function fetchRange(ctx: TaskContext, handle: ClientHandle, request: RangeRequest): Promise<Partial<HeadInfo>> {
  const { bucket, key, file, start, ifMatch, ranged, signal } = request;
  let { end } = request;
  let at = start;
  let answer: Partial<HeadInfo> = {};
  const direct = directFor(handle.client, bucket);
  const onBytes = (n: number) => ctx.addBytes(n);
  const rangeRefused = (given: string | undefined, range: string) =>
    transferError(
      'IntegrityMismatch',
      `The server answered bytes ${given ?? '(all)'} of ${key} when asked for ${range}.`,
      'This server cannot resume downloads; retry the download.',
    );
  await ctx.request(async () => {
    const range = ranged || at > start ? `bytes=${at}-${end}` : undefined;
    const match = ifMatch ?? answer.etag;
    if (direct) {
      // On the fetch worker: the answer is checked there (the bytes asked for, or nothing written).
      try {
        const got = await direct.getInto(
          { bucket, key, ...(range && { range: { start: at, end } }), ...(match && { ifMatch: match }) },
          file.fd,
          at,
          onBytes,
          signal,
          ctx.pace,
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
        new GetObjectCommand({ Bucket: bucket, Key: key, ...(range && { Range: range }), ...(match && { IfMatch: match }) }),
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
        at += await writeBodyAt(out.Body as Readable, file, at, onBytes, ctx.pace);
      } catch (error) {
        at += (error as WrittenError).written ?? 0;
        throw error;
      }
    }
    if (at <= end && end >= start) throw Object.assign(new Error('the body ended early'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
  });
  return answer;
}
