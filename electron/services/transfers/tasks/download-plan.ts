import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { decodeListedKey } from '../../s3-browse-service';
import type { DownloadItem } from './download-task';
import type { PathOrigin } from '../engine/destination-claims';
import { withRetry, type RetryPolicy } from '../engine/retry';
import type { Position, ResumeFilter } from '../state/journal-position';
import { FILE_SUFFIX, FOLDER_DATA_NAME, safeRelativePath, suffixedName } from '../io/safe-paths';

/** One thing to download: an object, or a folder (prefix) with all below it. */
export type DownloadSpec = { key: string; as?: string } | { prefix: string; as?: string };

/** A planned download: the item, its name in the panel, and what was made safe. */
export interface PlannedDownload {
  item: DownloadItem;
  /** Its place in the plan's order: the spec's index and the key (see journal-position.ts). */
  at: Position;
  name: string;
  note?: string;
}

/** A key that could not be downloaded safely, and why. */
export interface RefusedDownload {
  key: string;
  at: Position;
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
  startAfter?: string,
): AsyncGenerator<{ key: string; size: number; lastModified?: string }[]> {
  let token: string | undefined;
  for (;;) {
    const page = await withRetry(
      () =>
        client.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: prefix || undefined,
            ContinuationToken: token,
            // Only the first request says it: with a token, the server goes on from the token.
            StartAfter: token ? undefined : startAfter,
            EncodingType: 'url',
          }),
        ),
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

/** What the plan gives next: a download, or a key refused. */
export type PlanEntry = PlannedDownload | RefusedDownload;

/**
 * Files held back before they are given out, so that a folder of the same
 * name listed a little later still renames them (see FileFolderSeparator).
 */
const CLASH_LOOKAHEAD = 1_000;

/**
 * Turns objects and folders into downloads below `root`, lazily: a folder's
 * listing is read a page at a time as the entries are asked for. An object
 * lands as its name (or `as`), a folder as its own name with its structure
 * (or inside `as`; "" puts its contents straight into `root`). Every key is
 * made safe for the local file system, and refused when it cannot be (see
 * safe-paths.ts). Entries come in the order of `at` (spec by spec, keys as
 * listed).
 *
 * A resumed batch's plan (`resume`) gives first the keys its journal says to
 * try again, then lists each folder after the last key it says is done
 * (StartAfter), passing over the few done out of order.
 */
export async function* planDownloads(
  client: S3Client,
  bucket: string,
  specs: readonly DownloadSpec[],
  root: string,
  policy: RetryPolicy,
  platform: NodeJS.Platform = process.platform,
  resume?: ResumeFilter,
): AsyncGenerator<PlanEntry> {
  const separator = new FileFolderSeparator(platform);
  const shared = sharedSpecs(specs, platform);
  const plan = (at: Position, key: string, relative: string, size: number | undefined, lastModified: string | undefined, spec: DownloadSpec): PlanEntry => {
    // A folder marker with bytes in it: a folder cannot hold them, a file inside it can.
    const folderData = key.endsWith('/') && (size ?? 0) > 0;
    const safe = safeRelativePath(folderData ? `${relative.replace(/\/+$/, '')}/${FOLDER_DATA_NAME}`.replace(/^\//, '') : relative, platform);
    if ('refused' in safe) return { key, at, reason: safe.refused };
    const marker = key.endsWith('/') && !folderData;
    const notes = [
      ...(safe.changed ? [`Key made safe for this computer: ${safe.changed}.`] : []),
      ...(folderData ? [`The folder marker holds ${size} bytes (data, not just a folder): saved as "${safe.segments.join('/')}".`] : []),
    ];
    const origin: PathOrigin = notes.length ? 'made' : shared.has(spec) ? 'shared' : 'key';
    return {
      at,
      item: { key, root, segments: safe.segments, marker, origin, ...(size !== undefined && { size }), ...(lastModified && { lastModified }) },
      name: safe.segments.join('/') + (marker ? '/' : ''),
      ...(notes.length && { note: notes.join(' ') }),
    };
  };
  for (const [index, spec] of specs.entries()) {
    if ('key' in spec && !spec.key.endsWith('/')) {
      const at: Position = [index, spec.key];
      if (!resume?.isDone(at)) yield* separator.push(plan(at, spec.key, spec.as ?? lastSegment(spec.key), undefined, undefined, spec));
      continue;
    }
    const prefix = 'key' in spec ? spec.key : spec.prefix;
    const base = spec.as ?? lastSegment(prefix);
    const relativeOf = (key: string) => {
      const rest = key.slice(prefix.length);
      return base ? `${base}/${rest}` : rest;
    };
    // Keys to try again (at or before the watermark): their size is asked of the server when each starts.
    for (const at of resume?.retriesOf(index) ?? []) {
      const key = at[1];
      if (key !== undefined && key.startsWith(prefix)) yield* separator.push(plan(at, key, relativeOf(key), undefined, undefined, spec));
    }
    const watermark = resume?.point.watermark;
    if (watermark && watermark[0] > index) continue;
    const startAfter = watermark && watermark[0] === index ? watermark[1] : undefined;
    for await (const page of listObjectsRetried(client, bucket, prefix, policy, startAfter)) {
      for (const object of page) {
        const rest = object.key.slice(prefix.length);
        // The folder's own empty marker: only worth a directory when the folder keeps its name.
        if (rest === '' && base === '' && object.size === 0) continue;
        const at: Position = [index, object.key];
        if (resume?.isDone(at)) continue;
        yield* separator.push(plan(at, object.key, relativeOf(object.key), object.size, object.lastModified, spec));
      }
    }
  }
  yield* separator.end();
}

/**
 * The specs whose downloads land below a folder (or name) another spec of the
 * batch also writes into: "2023/photos/" and "2024/photos/" both go into
 * "photos", and a folder downloaded straight into the chosen one (`as: ''`)
 * shares it with every other spec. Their keys' own paths may meet (see PathOrigin).
 */
export function sharedSpecs(specs: readonly DownloadSpec[], platform: NodeJS.Platform = process.platform): Set<DownloadSpec> {
  const fold = platform === 'win32' || platform === 'darwin' ? (name: string) => name.toLowerCase() : (name: string) => name;
  const topOf = (spec: DownloadSpec) => {
    const keyOrPrefix = 'key' in spec ? spec.key : spec.prefix;
    return fold((spec.as ?? lastSegment(keyOrPrefix)).split('/').find((segment) => segment !== '') ?? '');
  };
  const tops = new Map<string, number>();
  for (const spec of specs) tops.set(topOf(spec), (tops.get(topOf(spec)) ?? 0) + 1);
  const intoRoot = tops.has('');
  return new Set(specs.filter((spec) => specs.length > 1 && (intoRoot || tops.get(topOf(spec))! > 1)));
}

/**
 * Keys "a" and "a/b" in one download: "a" cannot be a file and a folder at
 * once, and which one lost used to depend on which transfer ran first. Folders
 * keep their names, and a file whose path is also a folder's is saved as
 * "a (file)", with a note. Names are compared as the file system will
 * (without case on Windows and macOS).
 *
 * The plan is lazy, so not every key is known when a file is given out: each
 * folder's path is remembered (a set as big as the number of folders, not of
 * files), and each file is held until CLASH_LOOKAHEAD more entries have been
 * seen. A listing is in key order, where "a/b" comes soon after "a" (only keys
 * "a" + a character below "/" lie between), so that catches the clashes a
 * listing makes; one further apart (names made safe into a clash, case folding)
 * is refused at write time in words ("a file, where the download needs a folder").
 */
export class FileFolderSeparator {
  private readonly folders = new Set<string>();
  private readonly held: PlanEntry[] = [];
  private readonly fold: (path: string) => string;

  constructor(platform: NodeJS.Platform = process.platform) {
    this.fold = platform === 'win32' || platform === 'darwin' ? (path) => path.toLowerCase() : (path) => path;
  }

  /**
   * Takes the next entry; gives out those held long enough. Refusals and
   * markers wait in line with the files, so entries come out in the order
   * they came in (a resumable batch's journal counts on it).
   */
  *push(entry: PlanEntry): Generator<PlanEntry> {
    if (!('reason' in entry)) {
      const { item } = entry;
      const depth = item.marker ? item.segments.length : item.segments.length - 1;
      for (let i = 1; i <= depth; i += 1) this.folders.add(this.fold(item.segments.slice(0, i).join('/')));
    }
    this.held.push(entry);
    while (this.held.length > CLASH_LOOKAHEAD) yield this.decide(this.held.shift()!);
  }

  /** Gives out every file still held. */
  *end(): Generator<PlanEntry> {
    while (this.held.length > 0) yield this.decide(this.held.shift()!);
  }

  private decide(entry: PlanEntry): PlanEntry {
    if ('reason' in entry || entry.item.marker) return entry;
    const { item } = entry;
    if (!this.folders.has(this.fold(item.segments.join('/')))) return entry;
    const last = item.segments.at(-1)!;
    const renamed = suffixedName(last, FILE_SUFFIX);
    item.segments = [...item.segments.slice(0, -1), renamed];
    item.origin = 'made';
    entry.name = item.segments.join('/');
    const note = `Saved as "${renamed}": a folder "${last}" is in the same download.`;
    entry.note = entry.note ? `${entry.note} ${note}` : note;
    return entry;
  }
}
