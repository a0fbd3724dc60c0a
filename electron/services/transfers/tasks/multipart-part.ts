// Sending one part of a multipart upload: read (or streamed) from the file, sent with its Content-MD5,
// and its ETag compared with that MD5; a part that arrives damaged is sent again like a network error.
import { createReadStream } from 'node:fs';
import { READ_CHUNK } from './file-hash';
import { uploadPartCommand } from './multipart-requests';
import { checkFileUnchanged, etagProblem, type LocalFile, type UploadTarget } from './upload-common';
import { isRetryable } from '../engine/retry';
import type { TaskContext } from '../engine/task-types';
import { directFor } from '../engine/transfer-client';
import { isProblem, transferError } from '../engine/transfer-errors';
import { RANGE_MAX } from '../io/file-workers';
import { sendWithBody } from '../io/guarded-body';
import type { BodyPace } from '../io/body-pace';
import { pacedStream, sendBuffer } from '../io/paced-stream';
import type { UploadState } from '../state/state-store';

/** One part as the saved state keeps it: the server's ETag, and the MD5 of its bytes in hex. */
export type SentPart = UploadState['parts'][string];

/** Which part of which upload: bytes [start, start + size) of the file, as part number `n`. */
export interface PartRequest {
  uploadId: string;
  n: number;
  start: number;
  size: number;
  signal: AbortSignal;
}

/** Sends one part and answers its ETag and MD5 once the server has it and its ETag matches. */
export async function sendPart(ctx: TaskContext, target: UploadTarget, file: LocalFile, part: PartRequest): Promise<SentPart> {
  const { uploadId, n, start, size, signal } = part;
  // A part that fits a range slot (16 MiB; parts stay 8 MiB for every file up to 70 GiB) is read
  // once, on the file thread that also hashes it, and sent from memory: by the direct path where it
  // serves the profile, else by the SDK. From memory, the SDK's own resend after a region redirect
  // (AWS's 301 to a bucket in another region, which it follows per request) sends the whole part
  // again; a file stream it had begun to read would send only the rest and hang until the deadline.
  // A bigger part is hashed, then streamed.
  const inMemory = size <= RANGE_MAX;
  const direct = inMemory ? directFor(target.handle.client, target.bucket) : undefined;
  let read = inMemory ? await ctx.files.readRange(file.path, start, size) : undefined;
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
        if (inMemory) read ??= await ctx.files.readRange(file.path, start, size);
        const answer =
          direct && read
            ? await direct.put(
                {
                  bucket: target.bucket,
                  key: target.key,
                  body: read.body,
                  contentMd5: md5.toString('base64'),
                  part: { uploadId, partNumber: n },
                  onBytes,
                  onSent: release,
                  pace: ctx.pace,
                },
                signal,
              )
            : read
              ? await sdkPartFromMemory(target, part, read.body, md5, { onBytes, release, pace: ctx.pace })
              : await streamPart(target, file, part, md5, onBytes, ctx.pace);
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
    return { etag: out.ETag ?? '', md5: md5.toString('hex') };
  } finally {
    release();
  }
}

/**
 * Sends a part held in memory through the SDK. Its bytes count once the server has answered (the SDK
 * writes a buffer whole, with no progress of its own), and the memory goes back then. Under a speed
 * limit it goes as a paced stream of the buffer instead, counted as it goes.
 */
async function sdkPartFromMemory(
  target: UploadTarget,
  { uploadId, n, size, signal }: PartRequest,
  body: Buffer,
  md5: Buffer,
  { onBytes, release, pace }: { onBytes: (bytes: number) => void; release: () => void; pace: BodyPace },
): Promise<{ ETag?: string; ServerSideEncryption?: string; SSECustomerAlgorithm?: string }> {
  try {
    return await sendBuffer(body, { pace, signal, onBytes }, (sent, guarded) =>
      target.handle.client.send(uploadPartCommand(target, uploadId, n, sent, size, md5), { abortSignal: guarded }),
    );
  } finally {
    release();
  }
}

/** Sends a part through the SDK, streamed from the file. */
async function streamPart(
  target: UploadTarget,
  file: LocalFile,
  { uploadId, n, start, size, signal }: PartRequest,
  md5: Buffer,
  onBytes: (bytes: number) => void,
  pace: BodyPace,
): Promise<{ ETag?: string; ServerSideEncryption?: string; SSECustomerAlgorithm?: string }> {
  const body = pacedStream(createReadStream(file.path, { start, end: start + size - 1, highWaterMark: READ_CHUNK }), pace, onBytes);
  return sendWithBody(body, signal, (guarded) => target.handle.client.send(uploadPartCommand(target, uploadId, n, body, size, md5), { abortSignal: guarded }));
}
