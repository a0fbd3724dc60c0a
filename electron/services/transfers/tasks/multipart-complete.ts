// Completing a multipart upload and checking the object that results: its ETag against the parts' MD5s,
// or its size where the server's ETags are not MD5-based; a wrong object is deleted.
import { CompleteMultipartUploadCommand } from '@aws-sdk/client-s3';
import { bareEtag, multipartEtag } from './file-hash';
import { deleteQuietly, headObject, type LocalFile, type UploadTarget } from './upload-common';
import type { TaskContext } from '../engine/task-types';
import { transferError } from '../engine/transfer-errors';
import type { UploadState } from '../state/state-store';

/**
 * Completes the upload and checks the ETag against the parts' MD5s (or the
 * size, where ETags are not MD5s). `giveUp` aborts the upload and throws: it is
 * called when completing fails or the object does not match what was sent.
 */
export async function completeUpload(
  ctx: TaskContext,
  target: UploadTarget,
  file: LocalFile,
  state: Pick<UploadState, 'uploadId' | 'parts'>,
  count: number,
  giveUp: (error: unknown) => Promise<never>,
): Promise<void> {
  const numbers = Array.from({ length: count }, (_, i) => i + 1);
  const expected = multipartEtag(numbers.map((n) => Buffer.from(state.parts[n].md5, 'hex')));
  const parts = numbers.map((n) => ({ PartNumber: n, ETag: state.parts[n].etag }));
  let etag: string | undefined;
  let encrypted: string | undefined;
  try {
    const out = await ctx.request(async (tryNumber): Promise<{ ETag?: string; ServerSideEncryption?: string }> => {
      try {
        return await target.handle.client.send(
          new CompleteMultipartUploadCommand({ Bucket: target.bucket, Key: target.key, UploadId: state.uploadId, MultipartUpload: { Parts: parts } }),
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
    await giveUp(error);
  }
  const plainMultipart = /^[0-9a-f]{32}-\d+$/.test(bareEtag(etag));
  if (plainMultipart && encrypted !== 'aws:kms' && bareEtag(etag) !== expected) {
    await deleteQuietly(target);
    await giveUp(
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
    if (head?.size !== file.size) {
      await deleteQuietly(target);
      await giveUp(
        transferError(
          'IntegrityMismatch',
          `${target.key} has ${head?.size ?? 'no'} bytes on the server, not ${file.size}; the object was deleted.`,
          'Retry the upload.',
        ),
      );
    }
  }
}
