import type { ErrorInfo, Result } from '../../shared/errors';
import type { FolderEntry, ObjectEntry, ObjectPage } from '../../shared/ipc/contract';

/** A row of a folder listing. */
export type Entry = FolderEntry | ObjectEntry;

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
export function mergePage(listing: Listing, page: Pick<ObjectPage, 'folders' | 'objects'>): Listing {
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
      : [
          ...listing.entries.slice(0, listing.folderCount),
          ...folders,
          ...listing.entries.slice(listing.folderCount),
          ...page.objects,
        ];
  return {
    entries,
    folderCount: listing.folderCount + folders.length,
    objectCount: listing.objectCount + page.objects.length,
  };
}

/** A stable React key for a row: folders by prefix, objects by key, never colliding. */
export function entryKey(entry: Entry): string {
  return entry.kind === 'folder' ? `f:${entry.prefix}` : `o:${entry.key}`;
}

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
