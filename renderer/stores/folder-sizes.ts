import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors';

/** Which folder: a bucket and a prefix ("" for the whole bucket) in a profile. */
export interface SizePlace {
  profileId: string;
  bucket: string;
  prefix: string;
}

/** A folder's size: being counted (its job), counted (when), or what went wrong. */
export interface FolderSize {
  jobId: string;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  objects?: number;
  bytes?: number;
  /** When the count finished (ISO). */
  at?: string;
  error?: ErrorInfo;
}

export const sizePlaceKey = (place: SizePlace) => JSON.stringify([place.profileId, place.bucket, place.prefix]);

/** Folder sizes counted in this window (counting is in actions/folder-size.ts). */
export interface FolderSizesState {
  sizes: Record<string, FolderSize>;
  set(place: SizePlace, size: FolderSize): void;
}

export const useFolderSizesStore = create<FolderSizesState>()((set) => ({
  sizes: {},
  set: (place, size) => set((state) => ({ sizes: { ...state.sizes, [sizePlaceKey(place)]: size } })),
}));

export function selectFolderSize(state: FolderSizesState, place: SizePlace): FolderSize | undefined {
  return state.sizes[sizePlaceKey(place)];
}
