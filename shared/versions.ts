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
