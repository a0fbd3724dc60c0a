import { ListBucketsCommand, ListObjectsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { Cancellable } from '../../shared/async';
import type { BucketSummary, FolderEntry, ObjectEntry, ObjectPage, ParsedRequestOf } from '../../shared/ipc/contract';
import { displayName } from '../../shared/s3-names';
import type { S3ClientProvider } from './s3-client-factory';
import { readListingAnswer } from './list-page-reader';
import { PageReadAhead, type PageFetch } from './page-read-ahead';
import { toPailError } from './s3-errors';

/** One page of a listing request. */
export type ListObjectsRequest = ParsedRequestOf<'s3:listObjects'>;

/**
 * Keys come back URL-encoded (`EncodingType=url`) so that characters XML
 * cannot carry survive; decode only when the server says it encoded them
 * (some servers ignore the parameter). S3's encoding writes a space as "+",
 * and a literal "+" as "%2B".
 */
export function decodeListedKey(value: string, encoded: boolean): string {
  if (!encoded) return value;
  return decodeURIComponent(value.replace(/\+/g, ' '));
}

/** The parameters of a listing of one folder level: what is under the prefix, folders cut at "/", keys URL-encoded (see `decodeListedKey`). */
export function folderLevel(bucket: string, prefix: string) {
  return { Bucket: bucket, Prefix: prefix || undefined, Delimiter: '/', EncodingType: 'url' as const };
}

/** A profile's client, as the provider gives it. */
type Connection = Awaited<ReturnType<S3ClientProvider['clientFor']>>;

/** Marks a V1 fallback token so the next page is asked for with ListObjects (V1). */
const V1_MARKER_PREFIX = 'v1:';

/** Lists buckets and folders of a profile's storage. */
export class S3BrowseService {
  private readonly readAhead = new PageReadAhead<ObjectPage>((page) => page.nextContinuationToken);

  constructor(private readonly clients: S3ClientProvider) {}

  /** Every bucket the profile's key can see. */
  async listBuckets({ profileId }: ParsedRequestOf<'s3:listBuckets'>, { signal }: Cancellable = {}): Promise<BucketSummary[]> {
    const { client, profile } = await this.clients.clientFor(profileId);
    try {
      const out = await client.send(new ListBucketsCommand({}), { abortSignal: signal });
      return (out.Buckets ?? [])
        .filter((b): b is typeof b & { Name: string } => typeof b.Name === 'string')
        .map((b) => ({ name: b.Name, ...(b.CreationDate && { createdAt: b.CreationDate.toISOString() }) }))
        .sort((a, b) => a.name.localeCompare(b.name));
    } catch (error) {
      throw toPailError(error, 'listing buckets', profile.endpoint);
    }
  }

  /**
   * One page (up to 1,000 entries) of one folder level: Delimiter "/", folders
   * first. Keys round-trip exactly, whatever characters they hold. The page
   * after it is read ahead (see `PageReadAhead`); main holds no more of a
   * listing than that: each page goes to the window as it comes.
   */
  async listObjects(request: ListObjectsRequest, { signal }: Cancellable = {}): Promise<ObjectPage> {
    // The client this request finds serves the pages read ahead after it too: looking it up checks the profiles
    // file (a stat, on the thread pool), which would hold a page asked for early until the page before it is parsed.
    let connection: Connection | undefined;
    const fetch: PageFetch<ObjectPage> = async (continuationToken, pageSignal, onNextToken) => {
      connection ??= await this.clients.clientFor(request.profileId, request.bucket);
      return this.fetchPage(connection, { ...request, continuationToken }, pageSignal, onNextToken);
    };
    return this.readAhead.page(readAheadFolder(request), request.continuationToken || undefined, fetch, signal);
  }

  /** One page, read by `readListingAnswer`; `onNextToken` hears the next page's token as soon as the answer is in. */
  private async fetchPage(
    { client, profile }: Connection,
    request: ListObjectsRequest,
    signal?: AbortSignal,
    onNextToken: (token: string) => void = () => undefined,
  ): Promise<ObjectPage> {
    const { bucket, prefix } = request;
    const token = request.continuationToken;
    try {
      if (token?.startsWith(V1_MARKER_PREFIX)) {
        return await this.listPageV1(client, request, token.slice(V1_MARKER_PREFIX.length), signal);
      }
      const command = new ListObjectsV2Command({
        ...folderLevel(bucket, prefix),
        MaxKeys: request.maxKeys ?? 1000,
        ContinuationToken: token,
      });
      const readAnswer = readListingAnswer(command, token, onNextToken);
      const sent = await client.send(command, { abortSignal: signal });
      const out = readAnswer() ?? sent;
      const encoded = out.EncodingType === 'url';
      const page = toPage(bucket, prefix, out.CommonPrefixes, out.Contents, encoded);
      if (out.IsTruncated) {
        if (out.NextContinuationToken && out.NextContinuationToken !== token) {
          page.nextContinuationToken = out.NextContinuationToken;
        } else {
          // Some servers say "truncated" without a new token and would loop
          // forever; continue with V1 paging from the last entry seen.
          const last = lastListedName(page);
          if (last) page.nextContinuationToken = V1_MARKER_PREFIX + last;
        }
      }
      return page;
    } catch (error) {
      throw toPailError(error, `listing ${bucket}/${prefix}`, profile.endpoint);
    }
  }

  private async listPageV1(client: Connection['client'], request: ListObjectsRequest, marker: string, signal?: AbortSignal): Promise<ObjectPage> {
    const out = await client.send(
      new ListObjectsCommand({
        ...folderLevel(request.bucket, request.prefix),
        MaxKeys: request.maxKeys ?? 1000,
        Marker: marker,
      }),
      { abortSignal: signal },
    );
    const encoded = out.EncodingType === 'url';
    const page = toPage(request.bucket, request.prefix, out.CommonPrefixes, out.Contents, encoded);
    if (out.IsTruncated) {
      // NextMarker is URL-encoded by AWS but not by Ceph: continue from the last entry instead.
      const next = lastListedName(page);
      if (next && next !== marker) page.nextContinuationToken = V1_MARKER_PREFIX + next;
    }
    return page;
  }
}

/** Names a listing for the read-ahead: the same folder of the same bucket and profile, in pages of the same size. */
const readAheadFolder = (request: ListObjectsRequest) => JSON.stringify([request.profileId, request.bucket, request.prefix, request.maxKeys ?? 1000]);

function lastListedName(page: ObjectPage): string | undefined {
  const lastObject = page.objects.at(-1)?.key;
  const lastFolder = page.folders.at(-1)?.prefix;
  if (lastObject === undefined) return lastFolder;
  if (lastFolder === undefined) return lastObject;
  return lastObject > lastFolder ? lastObject : lastFolder;
}

function toPage(
  bucket: string,
  prefix: string,
  commonPrefixes: { Prefix?: string }[] | undefined,
  contents: { Key?: string; Size?: number; LastModified?: Date; StorageClass?: string; ETag?: string }[] | undefined,
  encoded: boolean,
): ObjectPage {
  const folders: FolderEntry[] = [];
  for (const cp of commonPrefixes ?? []) {
    if (cp.Prefix === undefined) continue;
    const full = decodeListedKey(cp.Prefix, encoded);
    folders.push({ kind: 'folder', prefix: full, name: displayName(full, prefix) });
  }
  const objects: ObjectEntry[] = [];
  for (const item of contents ?? []) {
    if (item.Key === undefined) continue;
    const key = decodeListedKey(item.Key, encoded);
    // The folder's own 0-byte marker ("prefix/") is the folder, not an entry in it.
    if (key === prefix) continue;
    objects.push({
      kind: 'object',
      key,
      name: displayName(key, prefix),
      size: item.Size ?? 0,
      ...(item.LastModified && { lastModified: item.LastModified.toISOString() }),
      ...(item.StorageClass && { storageClass: item.StorageClass }),
      ...(item.ETag && { etag: item.ETag }),
    });
  }
  return { bucket, prefix, folders, objects };
}
