import type { ErrorInfo, Result } from '../../shared/errors';
import type { FolderEntry, ObjectEntry, ObjectRows, ObjectRowsPage } from '../../shared/ipc/contract';
import { objectRowCount } from '../../shared/object-rows';
import type { VersionEntry, VersionPage } from '../../shared/versions';
import { RowColumns } from './listing-columns';

/** A row of a folder listing: a folder, an object, or (in versions mode) one version or delete marker. */
export type Entry = FolderEntry | ObjectEntry | VersionEntry;

/**
 * Everything listed so far in one folder: all folders first, then all objects
 * (or versions). The rows live in compact columns (`listing-columns.ts`) that
 * only grow; a listing counts how many of them it holds, so an older listing
 * stays true while later pages are appended after it.
 */
export interface Listing {
  folders?: RowColumns;
  objects?: RowColumns;
  folderCount: number;
  objectCount: number;
}

/** A page of rows as `mergePage` takes it: `prefix` is the folder listed (paths are stored below it); objects as records, or in columns as `s3:listObjects` sends them. */
export interface ListingPage {
  prefix?: string;
  folders: readonly FolderEntry[];
  objects: readonly (ObjectEntry | VersionEntry)[] | ObjectRows;
}

/** A folder with nothing listed yet. */
export const emptyListing: Listing = Object.freeze({ folderCount: 0, objectCount: 0 });

/** The group to append to: a listing merged into twice from one state gets a copy of its own rows first. */
function ownGroup(group: RowColumns | undefined, count: number, make: () => RowColumns): RowColumns {
  if (!group) return make();
  return group.length === count ? group : group.cloneFirst(count);
}

/**
 * Adds one page to a listing. Each page lists its folders first, but a later
 * page can still bring folders, so they go in after the folders already shown
 * and before every object. A folder some servers repeat on two pages is kept once.
 */
export function mergePage(listing: Listing, page: ListingPage): Listing {
  const base = page.prefix ?? '';
  const known = listing.folders;
  const seen = new Set<string>();
  const folders = page.folders.filter((folder) => {
    const key = `f:${folder.prefix}`;
    if (seen.has(key) || (known && known.indexOf(key, listing.folderCount) !== -1)) return false;
    seen.add(key);
    return true;
  });
  const { objects } = page;
  const records = Array.isArray(objects) ? (objects as readonly (ObjectEntry | VersionEntry)[]) : undefined;
  const objectCount = records ? records.length : objectRowCount(objects as ObjectRows);
  if (folders.length === 0 && objectCount === 0) return listing;
  let { folders: folderGroup, objects: objectGroup } = listing;
  if (folders.length > 0) {
    folderGroup = ownGroup(folderGroup, listing.folderCount, () => new RowColumns('folder', base));
    folderGroup.appendRows(folders);
  }
  if (objectCount > 0) {
    objectGroup = ownGroup(objectGroup, listing.objectCount, () => new RowColumns(records ? records[0].kind : 'object', base));
    if (records) objectGroup.appendRows(records);
    else objectGroup.appendObjectRows(objects as ObjectRows);
  }
  return {
    folders: folderGroup,
    objects: objectGroup,
    folderCount: listing.folderCount + folders.length,
    objectCount: listing.objectCount + objectCount,
  };
}

/**
 * The rows `listing` holds beyond `since` (an earlier state of it: fewer rows of the same groups), as a page of
 * records below `prefix`: what a listing that grew adds to a table whose rows changed meanwhile.
 */
export function rowsAfter(listing: Listing, since: Listing, prefix: string): ListingPage {
  const range = <T>(group: RowColumns | undefined, from: number, to: number) =>
    Array.from({ length: Math.max(0, to - from) }, (_, i) => group!.entryAt(from + i) as T);
  return {
    prefix,
    folders: range<FolderEntry>(listing.folders, since.folderCount, listing.folderCount),
    objects: range<ObjectEntry | VersionEntry>(listing.objects, since.objectCount, listing.objectCount),
  };
}

/** How many rows a listing holds. */
export const listingLength = (listing: Listing) => listing.folderCount + listing.objectCount;

/** The row at an index of the listing (folders first), built on demand. */
export function listingEntryAt(listing: Listing, index: number): Entry | undefined {
  if (index < 0 || index >= listingLength(listing)) return undefined;
  return index < listing.folderCount ? listing.folders!.entryAt(index) : listing.objects!.entryAt(index - listing.folderCount);
}

/** The row key (see `entryKey`) at an index of the listing, without building the row. */
export function listingKeyAt(listing: Listing, index: number): string {
  return index < listing.folderCount ? listing.folders!.keyAt(index) : listing.objects!.keyAt(index - listing.folderCount);
}

/** Where a row key is in the listing (folders first), or -1. */
export function listingIndexOf(listing: Listing, key: string): number {
  const folder = listing.folders?.indexOf(key, listing.folderCount) ?? -1;
  if (folder !== -1) return folder;
  const object = listing.objects?.indexOf(key, listing.objectCount) ?? -1;
  return object === -1 ? -1 : listing.folderCount + object;
}

export { entryKey } from './listing-columns';

/** The key or prefix a row stands for on the server. */
export const entryPath = (entry: Entry): string => (entry.kind === 'folder' ? entry.prefix : entry.key);

/** The folder above a prefix: "a/b/" → "a/", "a/" → "", "" → "". */
export function parentPrefix(prefix: string): string {
  const trimmed = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  const slash = trimmed.lastIndexOf('/');
  return slash === -1 ? '' : trimmed.slice(0, slash + 1);
}

/** What one run of the page loop needs from its caller. */
export interface PageLoop {
  /** Asks for the page after `continuationToken` (the first page when undefined). */
  fetchPage(continuationToken: string | undefined): Promise<Result<ObjectRowsPage>>;
  /** False once the user has gone elsewhere: the loop then stops and drops what it got. */
  isCurrent(): boolean;
  /** Called with each page in order; `more` says whether another page follows. */
  onPage(page: ObjectRowsPage, more: boolean): void;
  onError(error: ErrorInfo): void;
}

/**
 * Fetches every page of a folder one after another, handing each to `onPage`
 * as it arrives so rows show at once. Stops when the caller has moved on, on
 * the first error, or when a server hands back the token it was just given
 * (which would otherwise loop forever).
 */
export async function listAllPages(loop: PageLoop): Promise<void> {
  let token: string | undefined;
  for (;;) {
    const result = await loop.fetchPage(token);
    if (!loop.isCurrent()) return;
    if (!result.ok) {
      loop.onError(result.error);
      return;
    }
    const next = result.data.nextContinuationToken;
    const more = next !== undefined && next !== '' && next !== token;
    loop.onPage(result.data, more);
    if (!more) return;
    token = next;
  }
}

/** What one run of the versions page loop needs from its caller. */
export interface VersionPageLoop {
  fetchPage(marker: { keyMarker?: string; versionIdMarker?: string } | undefined): Promise<Result<VersionPage>>;
  isCurrent(): boolean;
  onPage(page: VersionPage, more: boolean): void;
  onError(error: ErrorInfo): void;
}

/**
 * Fetches every page of a folder's versions one after another (key and
 * version markers), like {@link listAllPages}; stops when a server repeats
 * the markers it was given.
 */
export async function listAllVersionPages(loop: VersionPageLoop): Promise<void> {
  let marker: { keyMarker?: string; versionIdMarker?: string } | undefined;
  for (;;) {
    const result = await loop.fetchPage(marker);
    if (!loop.isCurrent()) return;
    if (!result.ok) {
      loop.onError(result.error);
      return;
    }
    const { nextKeyMarker, nextVersionIdMarker } = result.data;
    const more = !!nextKeyMarker && (nextKeyMarker !== marker?.keyMarker || nextVersionIdMarker !== marker?.versionIdMarker);
    loop.onPage(result.data, more);
    if (!more) return;
    marker = { keyMarker: nextKeyMarker, ...(nextVersionIdMarker && { versionIdMarker: nextVersionIdMarker }) };
  }
}
