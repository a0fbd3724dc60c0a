import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { decodeListedKey } from '../../s3-browse-service';
import type { DownloadItem } from './download-task';
import { withRetry, type RetryPolicy } from '../engine/retry';
import { FILE_SUFFIX, FOLDER_DATA_NAME, safeRelativePath, suffixedName } from '../io/safe-paths';

/** One thing to download: an object, or a folder (prefix) with all below it. */
export type DownloadSpec = { key: string; as?: string } | { prefix: string; as?: string };

/** A planned download: the item, its name in the panel, and what was made safe. */
export interface PlannedDownload {
  item: DownloadItem;
  name: string;
  note?: string;
}

/** A key that could not be downloaded safely, and why. */
export interface RefusedDownload {
  key: string;
  reason: string;
}

/** The last segment of a key or prefix ("a/b/" → "b"). */
function lastSegment(keyOrPrefix: string): string {
  const trimmed = keyOrPrefix.endsWith('/') ? keyOrPrefix.slice(0, -1) : keyOrPrefix;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Every object under a prefix with size and date, page by page (each page retried) (PROVIDERS.md #9: stop when no new token comes). */
export async function* listObjectsRetried(
  client: S3Client,
  bucket: string,
  prefix: string,
  policy: RetryPolicy,
): AsyncGenerator<{ key: string; size: number; lastModified?: string }[]> {
  let token: string | undefined;
  for (;;) {
    const page = await withRetry(
      () => client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix || undefined, ContinuationToken: token, EncodingType: 'url' })),
      { policy },
    );
    const encoded = page.EncodingType === 'url';
    yield (page.Contents ?? [])
      .filter((c) => c.Key !== undefined)
      .map((c) => ({ key: decodeListedKey(c.Key!, encoded), size: c.Size ?? 0, ...(c.LastModified && { lastModified: c.LastModified.toISOString() }) }));
    if (!page.IsTruncated || !page.NextContinuationToken || page.NextContinuationToken === token) return;
    token = page.NextContinuationToken;
  }
}

/**
 * Turns objects and folders into downloads below `root`: an object lands as
 * its name (or `as`), a folder as its own name with its structure (or inside
 * `as`; "" puts its contents straight into `root`). Every key is made safe for
 * the local file system, and refused when it cannot be (see safe-paths.ts).
 */
export async function planDownloads(
  client: S3Client,
  bucket: string,
  specs: DownloadSpec[],
  root: string,
  policy: RetryPolicy,
  platform: NodeJS.Platform = process.platform,
): Promise<{ planned: PlannedDownload[]; refused: RefusedDownload[] }> {
  const planned: PlannedDownload[] = [];
  const refused: RefusedDownload[] = [];
  const add = (key: string, relative: string, size: number | undefined, lastModified: string | undefined) => {
    // A folder marker with bytes in it: a folder cannot hold them, a file inside it can.
    const folderData = key.endsWith('/') && (size ?? 0) > 0;
    const safe = safeRelativePath(folderData ? `${relative.replace(/\/+$/, '')}/${FOLDER_DATA_NAME}`.replace(/^\//, '') : relative, platform);
    if ('refused' in safe) {
      refused.push({ key, reason: safe.refused });
      return;
    }
    const marker = key.endsWith('/') && !folderData;
    const notes = [
      ...(safe.changed ? [`Key made safe for this computer: ${safe.changed}.`] : []),
      ...(folderData ? [`The folder marker holds ${size} bytes (data, not just a folder): saved as "${safe.segments.join('/')}".`] : []),
    ];
    planned.push({
      item: { key, root, segments: safe.segments, marker, ...(size !== undefined && { size }), ...(lastModified && { lastModified }) },
      name: safe.segments.join('/') + (marker ? '/' : ''),
      ...(notes.length && { note: notes.join(' ') }),
    });
  };
  for (const spec of specs) {
    if ('key' in spec && !spec.key.endsWith('/')) {
      add(spec.key, spec.as ?? lastSegment(spec.key), undefined, undefined);
      continue;
    }
    const prefix = 'key' in spec ? spec.key : spec.prefix;
    const base = spec.as ?? lastSegment(prefix);
    for await (const page of listObjectsRetried(client, bucket, prefix, policy)) {
      for (const object of page) {
        const rest = object.key.slice(prefix.length);
        // The folder's own empty marker: only worth a directory when the folder keeps its name.
        if (rest === '' && base === '' && object.size === 0) continue;
        add(object.key, base ? `${base}/${rest}` : rest, object.size, object.lastModified);
      }
    }
  }
  separateFilesFromFolders(planned, platform);
  return { planned, refused };
}

/**
 * Keys "a" and "a/b" in one download: "a" cannot be a file and a folder at
 * once, and which one lost used to depend on which transfer ran first. Decided
 * here, where every key of the batch is known: folders keep their names, and
 * a file whose path is also a folder's is saved as "a (file)", with a note.
 * Names are compared as the file system will (without case on Windows and macOS).
 */
export function separateFilesFromFolders(planned: PlannedDownload[], platform: NodeJS.Platform = process.platform): void {
  const fold = platform === 'win32' || platform === 'darwin' ? (path: string) => path.toLowerCase() : (path: string) => path;
  const folders = new Set<string>();
  for (const { item } of planned) {
    const depth = item.marker ? item.segments.length : item.segments.length - 1;
    for (let i = 1; i <= depth; i += 1) folders.add(fold(item.segments.slice(0, i).join('/')));
  }
  for (const entry of planned) {
    const { item } = entry;
    if (item.marker || !folders.has(fold(item.segments.join('/')))) continue;
    const last = item.segments.at(-1)!;
    const renamed = suffixedName(last, FILE_SUFFIX);
    item.segments = [...item.segments.slice(0, -1), renamed];
    entry.name = item.segments.join('/');
    const note = `Saved as "${renamed}": a folder "${last}" is in the same download.`;
    entry.note = entry.note ? `${entry.note} ${note}` : note;
  }
}
