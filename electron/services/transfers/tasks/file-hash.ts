import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

/** Reads in 1 MiB steps: few system calls, little memory. */
const READ_STEP = 1 << 20;

/** Read size of the streams that carry bodies: 512 KiB, so ten parts in flight hold ~10 MB, not 80. */
export const READ_CHUNK = 512 * 1024;

/** The MD5 of `length` bytes of an open file from `start`, read in steps (never the whole range in memory). */
export async function md5OfRange(file: FileHandle, start: number, length: number, signal?: AbortSignal): Promise<Buffer> {
  const hash = createHash('md5');
  const buffer = Buffer.allocUnsafe(Math.min(READ_STEP, Math.max(1, length)));
  let done = 0;
  while (done < length) {
    signal?.throwIfAborted();
    const { bytesRead } = await file.read(buffer, 0, Math.min(buffer.length, length - done), start + done);
    if (bytesRead === 0) throw Object.assign(new Error(`the file ended early (at ${start + done} of ${start + length})`), { code: 'FILE_SHRANK' });
    hash.update(buffer.subarray(0, bytesRead));
    done += bytesRead;
  }
  return hash.digest();
}

/** An ETag without its quotes, lower-case. */
export function bareEtag(etag: string | undefined): string {
  return (etag ?? '').replace(/^W\//, '').replace(/"/g, '').toLowerCase();
}

/** True when an ETag is a plain MD5 (a single PUT on most servers), so it can be compared with the bytes. */
export function isPlainMd5Etag(etag: string | undefined): boolean {
  return /^[0-9a-f]{32}$/.test(bareEtag(etag));
}

/** The ETag S3 gives a completed multipart upload: MD5 of the parts' MD5s, then "-N". */
export function multipartEtag(partMd5s: Buffer[]): string {
  const hash = createHash('md5');
  for (const md5 of partMd5s) hash.update(md5);
  return `${hash.digest('hex')}-${partMd5s.length}`;
}

/** The part size for a file: max(8 MiB, ceil(size / 9,000)), so a 5 TiB file still fits in 10,000 parts. */
export function partSizeFor(size: number, minimum = 8 * 1024 * 1024): number {
  return Math.max(minimum, Math.ceil(size / 9000));
}
