import { GetObjectAclCommand, ListMultipartUploadsCommand, ListObjectsV2Command, ListObjectVersionsCommand, type S3Client } from '@aws-sdk/client-s3';
import { readListingAnswer, type ListedPage } from './list-page-reader';
import { PageReadAhead, type PageFetch } from './page-read-ahead';
import { PailError } from '../../shared/errors';
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

/** Marks a token that is the last key listed (`StartAfter`), not the server's continuation token. */
const AFTER_KEY = 'after:';

/** A server that keeps answering the same page: the listing stops in words instead of going round. */
function stuckListing(bucket: string, prefix: string, endpoint?: string): PailError {
  return new PailError({
    code: 'S3Error',
    message: `${endpoint ? `The server at ${endpoint}` : 'The server'} kept answering the same page while listing ${bucket}/${prefix}: the listing stopped there.`,
    hint: 'This server does not page its listings; list a smaller folder, or ask its operator.',
  });
}

/** True when `key` comes after `than` in S3's listing order (UTF-8 bytes). */
const isAfter = (key: string, than: string) => Buffer.compare(Buffer.from(key), Buffer.from(than)) > 0;

/** How long a recursive listing's page read ahead waits for its caller (a sync compares each page with the disk). */
const RECURSIVE_AHEAD_MS = 60_000;

/**
 * Every object under a prefix (no delimiter), page by page, with keys decoded
 * exactly: each page read by `readListingAnswer`, and the page after it asked
 * for as soon as the answer names it, so the server lists while the caller
 * works on the page it has (see `PageReadAhead`). Stops when the signal fires,
 * the request in flight with it; a page that fails says which server
 * (`endpoint`, the profile's) did not answer.
 */
export async function* listAllObjects(
  client: S3Client,
  bucket: string,
  prefix: string,
  signal?: AbortSignal,
  endpoint?: string,
): AsyncGenerator<ListedObject[]> {
  const readAhead = new PageReadAhead<ListedPage>((page) => (page.IsTruncated ? page.NextContinuationToken : undefined), 1, RECURSIVE_AHEAD_MS);
  const fetch: PageFetch<ListedPage> = async (token, pageSignal, onNextToken) => {
    const after = token?.startsWith(AFTER_KEY) ? token.slice(AFTER_KEY.length) : undefined;
    const command = new ListObjectsV2Command({
      Bucket: bucket,
      Prefix: prefix || undefined,
      EncodingType: 'url',
      MaxKeys: 1000,
      ...(after === undefined ? { ContinuationToken: token } : { StartAfter: after }),
    });
    const readAnswer = readListingAnswer(command, token, onNextToken);
    const sent = await client.send(command, { abortSignal: pageSignal });
    return readAnswer() ?? sent;
  };
  try {
    let token: string | undefined;
    let lastKey: string | undefined;
    /** Tokens sent since the listing last moved on: one sent again would answer a page already seen. */
    const tried = new Set<string>();
    for (;;) {
      if (signal?.aborted) return;
      let page: ListedPage;
      try {
        page = await readAhead.page('all', token, fetch, signal);
      } catch (error) {
        if (signal?.aborted) return;
        throw toPailError(error, `listing ${bucket}/${prefix}`, endpoint);
      }
      const encoded = page.EncodingType === 'url';
      const objects: ListedObject[] = (page.Contents ?? [])
        .filter((c) => c.Key !== undefined)
        .map((c) => ({
          key: decodeListedKey(c.Key!, encoded),
          size: c.Size ?? 0,
          ...(c.LastModified && { lastModified: c.LastModified.toISOString() }),
          ...(c.StorageClass && { storageClass: c.StorageClass }),
          ...(c.ETag && { etag: c.ETag }),
        }));
      // Keys come in ascending (UTF-8 byte) order: only those past the last one listed are new (a server that
      // answers a page again brings none).
      const fresh =
        lastKey === undefined || objects.length === 0 || isAfter(objects[0].key, lastKey) ? objects : objects.filter((o) => isAfter(o.key, lastKey!));
      if (fresh.length > 0 || lastKey === undefined) yield fresh;
      if (!page.IsTruncated) return;
      if (fresh.length > 0) {
        lastKey = fresh[fresh.length - 1].key;
        tried.clear();
      }
      let next = page.NextContinuationToken;
      // A server that says "truncated" without a new token would end the listing early, or list the same page
      // forever: it goes on after the last key listed instead.
      if (!next || next === token) next = lastKey === undefined ? undefined : AFTER_KEY + lastKey;
      if (next === undefined || tried.has(next)) throw stuckListing(bucket, prefix, endpoint);
      tried.add(next);
      token = next;
    }
  } finally {
    // A caller that stops early (or an error) leaves no request behind.
    readAhead.forget('all');
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
