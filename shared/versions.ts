import type { FolderEntry } from './ipc/contract';

/** A bucket's versioning state ("Off" when it was never enabled). */
export type VersioningStatus = 'Enabled' | 'Suspended' | 'Off';

/** One version of an object, or a delete marker. */
export interface VersionEntry {
  kind: 'version';
  key: string;
  name: string;
  versionId: string;
  isLatest: boolean;
  isDeleteMarker: boolean;
  size: number;
  lastModified?: string;
  etag?: string;
  storageClass?: string;
}

/** One page of a folder's versions: folders first, then every version of each object, newest first. */
export interface VersionPage {
  bucket: string;
  prefix: string;
  folders: FolderEntry[];
  versions: VersionEntry[];
  /** Pass both back for the next page; absent on the last page. */
  nextKeyMarker?: string;
  nextVersionIdMarker?: string;
}

/** The id S3 gives the version an object had before its bucket's versioning was turned on. */
export const NULL_VERSION_ID = 'null';

/** What a version id reads as: the id itself, or words for the version from before versioning (whose id is "null"); `short` for a narrow column. */
export function versionIdText(versionId: string, length: 'long' | 'short' = 'long'): string {
  if (versionId !== NULL_VERSION_ID) return versionId;
  return length === 'short' ? 'From before versioning' : 'Version from before versioning was turned on';
}
