import type { ErrorInfo, Result } from '../../shared/errors';
import type { FolderEntry, ObjectEntry, ObjectPage } from '../../shared/ipc/contract';
import type { VersionEntry, VersionPage } from '../../shared/versions';

/** A row of a folder listing: a folder, an object, or (in versions mode) one version or delete marker. */
export type Entry = FolderEntry | ObjectEntry | VersionEntry;

/** Everything listed so far in one folder: all folders first, then all objects. */
export interface Listing {
  entries: Entry[];
  folderCount: number;
  objectCount: number;
}

/** A folder with nothing listed yet. */
export const emptyListing: Listing = Object.freeze({ entries: [], folderCount: 0, objectCount: 0 }) as Listing;

/**
 * Adds one page to a listing. Each page lists its folders first, but a later
 * page can still bring folders, so they go in after the folders already shown
 * and before every object. A folder some servers repeat on two pages is kept once.
 */
export function mergePage(listing: Listing, page: { folders: FolderEntry[]; objects: (ObjectEntry | VersionEntry)[] }): Listing {
  let folders = page.folders;
  if (folders.length > 0 && listing.folderCount > 0) {
    const seen = new Set<string>();
    for (let i = 0; i < listing.folderCount; i += 1) seen.add((listing.entries[i] as FolderEntry).prefix);
    folders = folders.filter((folder) => !seen.has(folder.prefix));
  }
  if (folders.length === 0 && page.objects.length === 0) return listing;
  const entries =
    folders.length === 0
      ? listing.entries.concat(page.objects)
      : [...listing.entries.slice(0, listing.folderCount), ...folders, ...listing.entries.slice(listing.folderCount), ...page.objects];
  return {
    entries,
    folderCount: listing.folderCount + folders.length,
    objectCount: listing.objectCount + page.objects.length,
  };
}

/** A stable key for a row (React key, selection): folders by prefix, objects by key, versions by key and id; never colliding. */
export function entryKey(entry: Entry): string {
  if (entry.kind === 'folder') return `f:${entry.prefix}`;
  return entry.kind === 'version' ? `v:${entry.versionId}\n${entry.key}` : `o:${entry.key}`;
}

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
  fetchPage(continuationToken: string | undefined): Promise<Result<ObjectPage>>;
  /** False once the user has gone elsewhere: the loop then stops and drops what it got. */
  isCurrent(): boolean;
  /** Called with each page in order; `more` says whether another page follows. */
  onPage(page: ObjectPage, more: boolean): void;
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
