// The multipart calls that start an upload, send a part, list the parts and abort the upload, shared by the file, stream and page uploads.
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AbortMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { sdkHeaders } from './object-headers';
import { keepServerDate } from '../../server-clock';
import { creatingWith } from '../../s3-errors';
import type { UploadTarget } from './upload-common';
import { isRetryable } from '../engine/retry';
import type { TaskContext } from '../engine/task-types';

/**
 * Starts a multipart upload with the target's headers; answers its UploadId.
 *
 * Only the create's answer names the upload, and an upload nobody can name is
 * never aborted: it holds storage on the provider until a lifecycle rule
 * removes it. So an attempt whose answer was lost (a deadline, a cut
 * connection, a 5xx the server may have acted on) is not forgotten: once an
 * upload is named, or the run ends, the uploads of this key that the server
 * started since the first attempt went out and that no answer named are
 * aborted (`abortUnnamedUploads`). A cancel does not cut the attempt in flight
 * either: its answer is awaited briefly, and what it names is aborted.
 */
export async function createMultipartUpload(ctx: Pick<TaskContext, 'request' | 'signal'>, target: UploadTarget): Promise<string> {
  const since = Date.now();
  let unsure = false;
  let inFlight: Promise<string | undefined> | undefined;
  const attempt = () => {
    const sent = target.handle.client
      .send(new CreateMultipartUploadCommand({ Bucket: target.bucket, Key: target.key, ...sdkHeaders(target) }))
      .catch((error: unknown) => {
        if (!answeredWithoutActing(error)) unsure = true;
        throw error;
      });
    inFlight = sent.then(
      (out) => out.UploadId,
      () => undefined,
    );
    return untilAborted(sent, ctx.signal);
  };
  try {
    const out = await creatingWith(target, () => ctx.request(attempt));
    if (unsure) await abortUnnamedUploads(target, since, out.UploadId).catch(() => undefined);
    return out.UploadId!;
  } catch (error) {
    if (ctx.signal.aborted || unsure) await cleanUpAfterCreate(target, since, inFlight, () => unsure);
    throw error;
  }
}

/** How long a cancelled run waits for the answer of a create in flight before looking for the upload itself. */
const LATE_ANSWER_WAIT_MS = 2000;
/** The deadline of the listing that looks for unnamed uploads after a failure or a cancel (it must not hold a cancel up long). */
const SWEEP_DEADLINE_MS = 5000;

/**
 * After a create that failed or was cancelled: aborts the upload its answer
 * names if one comes within a moment, else the unnamed uploads of the key
 * (and, should the answer come later still, the one it names). Never throws.
 */
async function cleanUpAfterCreate(
  target: UploadTarget,
  since: number,
  inFlight: Promise<string | undefined> | undefined,
  unsure: () => boolean,
): Promise<void> {
  const late = inFlight ? await Promise.race([inFlight, sleep(LATE_ANSWER_WAIT_MS).then(() => 'no answer' as const)]) : undefined;
  if (late === 'no answer') void inFlight!.then((id) => (id ? abortUpload(target, id) : undefined)).catch(() => undefined);
  else if (late) await abortUpload(target, late).catch(() => undefined);
  if (late === 'no answer' || unsure()) {
    await abortUnnamedUploads(target, since, late === 'no answer' ? undefined : late, AbortSignal.timeout(SWEEP_DEADLINE_MS)).catch(() => undefined);
  }
}

/** True when the server answered a failed request and did not act on it: a 4xx, or 503 (SlowDown). Any other failure may have made the upload. */
function answeredWithoutActing(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return status !== undefined && status !== 0 && (status < 500 || status === 503);
}

/** `promise`, or a rejection with the signal's reason as soon as it aborts (the promise goes on). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Aborts the unfinished uploads of exactly `target.key` that the server
 * started since `since` (this computer's clock), except `keep`. The server's
 * start times are on its own clock, so the window is measured back from the
 * Date of the listing's answer by the time elapsed here, plus 2 s for the
 * header's whole seconds and the trip: a skewed clock moves nothing. An upload
 * of the same key that another client started within those seconds would be
 * aborted too; that is the price of never leaking one, and it fails loudly on
 * that client (NoSuchUpload) rather than silently costing storage.
 */
export async function abortUnnamedUploads(
  target: Pick<UploadTarget, 'handle' | 'bucket' | 'key'>,
  since: number,
  keep?: string,
  signal?: AbortSignal,
): Promise<number> {
  const unnamed: string[] = [];
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  for (let page = 0; page < 10; page += 1) {
    const { command, date } = keepServerDate(
      new ListMultipartUploadsCommand({ Bucket: target.bucket, Prefix: target.key, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }),
    );
    const listed = await target.handle.client.send(command, { abortSignal: signal });
    const serverNow = date();
    if (serverNow === undefined) return 0;
    const from = serverNow - (Date.now() - since) - 2000;
    for (const upload of listed.Uploads ?? []) {
      if (upload.Key !== target.key || !upload.UploadId || upload.UploadId === keep) continue;
      if ((upload.Initiated?.getTime() ?? 0) >= from) unnamed.push(upload.UploadId);
    }
    if (!listed.IsTruncated || (!listed.NextKeyMarker && !listed.NextUploadIdMarker)) break;
    keyMarker = listed.NextKeyMarker;
    uploadIdMarker = listed.NextUploadIdMarker;
  }
  for (const uploadId of unnamed) await abortUpload(target, uploadId, signal);
  return unnamed.length;
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
