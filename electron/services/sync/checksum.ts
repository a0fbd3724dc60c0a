import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { RemoteSide } from '../../../shared/sync';
import { bareEtag, multipartEtag, partSizeFor } from '../transfers/tasks/file-hash';
import type { LocalFile } from './local-walk';

const MiB = 1024 * 1024;

/**
 * Part sizes multipart uploaders use, tried when an ETag says "N parts" but not how big: Pail's own
 * rule (max(8 MiB, size / 9,000)), the AWS CLI's 8 MiB, rclone's 5 MiB, s3cmd's 15 MiB, mc's 16 MiB,
 * and the larger ones some set by hand. Only those that make exactly N parts of the file are tried.
 */
const KNOWN_PART_SIZES = [5 * MiB, 8 * MiB, 15 * MiB, 16 * MiB, 32 * MiB, 50 * MiB, 64 * MiB, 100 * MiB, 128 * MiB, 256 * MiB, 512 * MiB];

/** What comparing a file with an object by checksum found; "unknown" when the object's ETag cannot be rebuilt. */
export type ChecksumVerdict = { kind: 'same' | 'changed' | 'unknown'; reason: string };

/** Whole-MiB part sizes tried besides the known ones, at most (each costs a hash of the file). */
const MAX_WHOLE_MIB_SIZES = 16;

/**
 * The part sizes that cut `size` bytes into exactly `parts` parts, most likely first: Pail's and the
 * known uploaders', then every whole number of MiB that fits (up to 16 of them; a file in 2 or 3 parts
 * may have been cut at many sizes, a big one in many parts at one or two).
 */
export function partSizesFor(size: number, parts: number): number[] {
  const fits = (partSize: number) => partSize > 0 && Math.ceil(size / partSize) === parts;
  const wholeMiB: number[] = [];
  for (let mib = Math.max(1, Math.ceil(size / parts / MiB)); wholeMiB.length < MAX_WHOLE_MIB_SIZES && (parts === 1 || mib * MiB * (parts - 1) < size); mib += 1)
    if (fits(mib * MiB)) wholeMiB.push(mib * MiB);
  return [...new Set([partSizeFor(size), ...KNOWN_PART_SIZES, ...wholeMiB])].filter(fits);
}

/**
 * Reads the file once and hashes it as a whole and cut at each part size: the whole MD5, and for each
 * part size the multipart ETag S3 would give it ("md5-of-md5s-N").
 */
async function hashesOf(path: string, partSizes: number[]): Promise<{ md5: string; multipart: Map<number, string> }> {
  const whole = createHash('md5');
  const cuts = partSizes.map((partSize) => ({ partSize, current: createHash('md5') as Hash, filled: 0, done: [] as Buffer[] }));
  for await (const chunk of createReadStream(path, { highWaterMark: MiB }) as AsyncIterable<Buffer>) {
    whole.update(chunk);
    for (const cut of cuts) {
      let at = 0;
      while (at < chunk.length) {
        const take = Math.min(cut.partSize - cut.filled, chunk.length - at);
        cut.current.update(chunk.subarray(at, at + take));
        cut.filled += take;
        at += take;
        if (cut.filled === cut.partSize) {
          cut.done.push(cut.current.digest());
          cut.current = createHash('md5');
          cut.filled = 0;
        }
      }
    }
  }
  const multipart = new Map<number, string>();
  for (const cut of cuts) multipart.set(cut.partSize, multipartEtag(cut.filled > 0 ? [...cut.done, cut.current.digest()] : cut.done));
  return { md5: whole.digest('hex'), multipart };
}

/**
 * Compares a file with an object by content: a plain ETag is the object's MD5; a multipart ETag
 * ("…-N") is rebuilt from the file at each part size that makes N parts. Other ETags (SSE-KMS and
 * SSE-C objects on AWS, some providers' own formats) say nothing about the content: "unknown".
 */
export async function compareByChecksum(file: LocalFile, remote: RemoteSide): Promise<ChecksumVerdict> {
  if (file.size !== remote.size) return { kind: 'changed', reason: `size ${file.size} B here, ${remote.size} B in the bucket` };
  const etag = bareEtag(remote.etag);
  const multipart = /^[0-9a-f]{32}-(\d+)$/.exec(etag);
  if (!/^[0-9a-f]{32}$/.test(etag) && !multipart) return { kind: 'unknown', reason: `the ETag "${etag}" is not an MD5 (encrypted, or the provider's own)` };
  const partSizes = multipart ? partSizesFor(file.size, Number(multipart[1])) : [];
  if (multipart && partSizes.length === 0)
    return { kind: 'unknown', reason: `uploaded in ${multipart[1]} parts of a size no known uploader uses, so its checksum cannot be rebuilt` };
  const hashes = await hashesOf(file.path, partSizes);
  if (!multipart) return hashes.md5 === etag ? { kind: 'same', reason: 'same MD5' } : { kind: 'changed', reason: 'the content differs (MD5)' };
  const matched = partSizes.find((partSize) => hashes.multipart.get(partSize) === etag);
  if (matched) return { kind: 'same', reason: `same multipart checksum (parts of ${matched / MiB} MiB)` };
  return {
    kind: 'changed',
    reason: `the content differs, or it was uploaded in parts of another size (tried ${partSizes.map((size) => `${Math.round((size / MiB) * 10) / 10} MiB`).join(', ')})`,
  };
}
