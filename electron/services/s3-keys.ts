import { GetObjectAclCommand, ListMultipartUploadsCommand, ListObjectVersionsCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import { decodeListedKey } from './s3-browse-service';
import { toPailError } from './s3-errors';

/** An object found by a recursive listing. */
export interface ListedObject {
  key: string;
  size: number;
  lastModified?: string;
  storageClass?: string;
  /** As the listing gives it (with its quotes): a sync compares it with the file's MD5. */
  etag?: string;
}

/**
 * Every object under a prefix (no delimiter), page by page through the SDK's
 * paginator, with keys decoded exactly. Stops when the signal fires; a page
 * that fails says which server (`endpoint`, the profile's) did not answer.
 */
export async function* listAllObjects(
  client: S3Client,
  bucket: string,
  prefix: string,
  signal?: AbortSignal,
  endpoint?: string,
): AsyncGenerator<ListedObject[]> {
  const pages = paginateListObjectsV2({ client, pageSize: 1000 }, { Bucket: bucket, Prefix: prefix || undefined, EncodingType: 'url' });
  for await (const page of coded(pages, `listing ${bucket}/${prefix}`, endpoint)) {
    if (signal?.aborted) return;
    const encoded = page.EncodingType === 'url';
    yield (page.Contents ?? [])
      .filter((c) => c.Key !== undefined)
      .map((c) => ({
        key: decodeListedKey(c.Key!, encoded),
        size: c.Size ?? 0,
        ...(c.LastModified && { lastModified: c.LastModified.toISOString() }),
        ...(c.StorageClass && { storageClass: c.StorageClass }),
        ...(c.ETag && { etag: c.ETag }),
      }));
  }
}

/** Pages of a paginator; a page that fails (server unreachable, bucket gone) throws a coded error, not the SDK's raw one. */
async function* coded<T>(pages: AsyncIterable<T>, context: string, endpoint?: string): AsyncGenerator<T> {
  const iterator = pages[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<T>;
    try {
      next = await iterator.next();
    } catch (error) {
      throw toPailError(error, context, endpoint);
    }
    if (next.done) return;
    yield next.value;
  }
}

/**
 * The `CopySource` of a CopyObject / UploadPartCopy: bucket and key
 * URL-encoded, keeping the "/" separators, so keys with spaces, "+", "#", "?"
 * or unicode copy exactly.
 */
export function copySource(bucket: string, key: string, versionId?: string): string {
  const encoded = `${encodeURIComponent(bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
  return versionId ? `${encoded}?versionId=${encodeURIComponent(versionId)}` : encoded;
}

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';

/**
 * The canned ACL an object's grants amount to ("public-read" when everyone may
 * read it), so a copy can keep it; undefined where ACLs are not available.
 */
export async function cannedAclOf(client: S3Client, bucket: string, key: string): Promise<'private' | 'public-read' | undefined> {
  try {
    const acl = await client.send(new GetObjectAclCommand({ Bucket: bucket, Key: key }));
    const publicRead = (acl.Grants ?? []).some((g) => g.Grantee?.URI === ALL_USERS && (g.Permission === 'READ' || g.Permission === 'FULL_CONTROL'));
    return publicRead ? 'public-read' : 'private';
  } catch {
    return undefined;
  }
}

/** Runs `work` over items with at most `limit` in flight; stops taking new items when the signal fires. */
export async function forEachLimited<T>(items: Iterable<T>, limit: number, work: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  const iterator = items[Symbol.iterator]();
  const worker = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      if (signal?.aborted) return;
      await work(next.value);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

/** A version or delete marker found by a recursive version listing. */
export interface ListedVersion {
  key: string;
  versionId?: string;
  isLatest: boolean;
  isDeleteMarker: boolean;
}

/**
 * Every version and delete marker under a prefix, page by page (the SDK has
 * no paginator for ListObjectVersions). Stops when the server stops moving.
 */
export async function* listAllVersions(client: S3Client, bucket: string, prefix = '', signal?: AbortSignal): AsyncGenerator<ListedVersion[]> {
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  for (;;) {
    if (signal?.aborted) return;
    const page = await client.send(
      new ListObjectVersionsCommand({
        Bucket: bucket,
        Prefix: prefix || undefined,
        KeyMarker: keyMarker,
        VersionIdMarker: versionIdMarker,
        EncodingType: 'url',
        MaxKeys: 1000,
      }),
      { abortSignal: signal },
    );
    const encoded = page.EncodingType === 'url';
    const entries: ListedVersion[] = [
      ...(page.Versions ?? []).map((v) => ({ key: v.Key ?? '', versionId: v.VersionId, isLatest: !!v.IsLatest, isDeleteMarker: false })),
      ...(page.DeleteMarkers ?? []).map((m) => ({ key: m.Key ?? '', versionId: m.VersionId, isLatest: !!m.IsLatest, isDeleteMarker: true })),
    ].map((v) => ({ ...v, key: decodeListedKey(v.key, encoded) }));
    yield entries;
    const last = lastVersionListed(page.Versions, page.DeleteMarkers, encoded);
    if (!page.IsTruncated || !last || (last.key === keyMarker && last.versionId === versionIdMarker)) return;
    keyMarker = last.key;
    versionIdMarker = last.versionId;
  }
}

type VersionLike = { Key?: string; VersionId?: string; LastModified?: Date };

/**
 * The last entry of a ListObjectVersions page in S3's order (by key, then
 * newest first), to continue from. NextKeyMarker cannot be used as is: with
 * EncodingType=url AWS encodes it and Ceph does not, so decoding it would
 * corrupt keys holding "+" or "%" on one of them.
 */
export function lastVersionListed(
  versions: VersionLike[] | undefined,
  markers: VersionLike[] | undefined,
  encoded: boolean,
): { key: string; versionId?: string } | undefined {
  const candidates = [versions?.at(-1), markers?.at(-1)].filter((v): v is VersionLike => v?.Key !== undefined);
  if (!candidates.length) return undefined;
  const last = candidates.reduce((a, b) => {
    if (a.Key !== b.Key) return a.Key! > b.Key! ? a : b;
    return (a.LastModified?.getTime() ?? 0) <= (b.LastModified?.getTime() ?? 0) ? a : b;
  });
  return { key: decodeListedKey(last.Key!, encoded), versionId: last.VersionId };
}

/** Every unfinished multipart upload in a bucket (under a prefix). */
export async function* listAllUploads(client: S3Client, bucket: string, prefix = ''): AsyncGenerator<{ key: string; uploadId: string }[]> {
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  for (;;) {
    const page = await client.send(
      new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix || undefined, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }),
    );
    yield (page.Uploads ?? []).filter((u) => u.Key && u.UploadId).map((u) => ({ key: u.Key!, uploadId: u.UploadId! }));
    if (!page.IsTruncated || (page.NextKeyMarker === keyMarker && page.NextUploadIdMarker === uploadIdMarker)) return;
    keyMarker = page.NextKeyMarker;
    uploadIdMarker = page.NextUploadIdMarker;
  }
}
