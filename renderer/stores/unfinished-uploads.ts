import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors';
import { idle, type Loadable } from '../../shared/loadable';
import type { UnfinishedUploadList } from '../../shared/unfinished-uploads';
import { bucketKeyOf } from './bucket-key';

/** One bucket's unfinished uploads as the inspector shows them. */
export interface BucketUploads {
  list: Loadable<UnfinishedUploadList>;
  /** Upload ids ticked for "Abort selected". */
  chosen: string[];
  /** An abort job is running. */
  aborting: boolean;
  /** How the last abort went, in one sentence, or its error. */
  outcome?: { summary: string; error?: ErrorInfo; failed: boolean };
}

const none: BucketUploads = { list: idle, chosen: [], aborting: false };

/** Unfinished uploads by bucket (loading and aborting are in actions/unfinished-uploads.ts). */
export interface UnfinishedUploadsState {
  buckets: Record<string, BucketUploads>;
  /** Changes one bucket's entry. */
  patch(bucketKey: string, change: Partial<BucketUploads>): void;
  /** Ticks or unticks one upload. */
  toggle(bucketKey: string, uploadId: string, chosen: boolean): void;
  /** Ticks all listed uploads, or none. */
  chooseAll(bucketKey: string, all: boolean): void;
}

export const useUnfinishedUploadsStore = create<UnfinishedUploadsState>()((set) => ({
  buckets: {},
  patch: (bucketKey, change) => set((state) => ({ buckets: { ...state.buckets, [bucketKey]: { ...(state.buckets[bucketKey] ?? none), ...change } } })),
  toggle: (bucketKey, uploadId, chosen) =>
    set((state) => {
      const entry = state.buckets[bucketKey] ?? none;
      const rest = entry.chosen.filter((id) => id !== uploadId);
      return { buckets: { ...state.buckets, [bucketKey]: { ...entry, chosen: chosen ? [...rest, uploadId] : rest } } };
    }),
  chooseAll: (bucketKey, all) =>
    set((state) => {
      const entry = state.buckets[bucketKey] ?? none;
      const ids = all && entry.list.status === 'ready' ? entry.list.value.uploads.map((upload) => upload.uploadId) : [];
      return { buckets: { ...state.buckets, [bucketKey]: { ...entry, chosen: ids } } };
    }),
}));

/** One bucket's entry (an empty one until it is first loaded). */
export function selectBucketUploads(state: UnfinishedUploadsState, profileId: string, bucket: string): BucketUploads {
  return state.buckets[bucketKeyOf(profileId, bucket)] ?? none;
}
