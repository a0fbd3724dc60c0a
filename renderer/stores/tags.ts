import { create } from 'zustand';
import { idle, type Loadable } from '../../shared/loadable';
import type { TagSet } from '../../shared/tags';

/** Whose tags: a bucket's (no key), or an object's (one version of it with `versionId`). */
export interface TagPlace {
  profileId: string;
  bucket: string;
  key?: string;
  versionId?: string;
}

export const tagPlaceKey = (place: TagPlace) => JSON.stringify([place.profileId, place.bucket, place.key ?? null, place.versionId ?? null]);

/** Tags by place, as the inspector shows them (loading and saving are in actions/tags.ts). */
export interface TagsState {
  loaded: Record<string, Loadable<TagSet>>;
  set(place: TagPlace, value: Loadable<TagSet>): void;
}

export const useTagsStore = create<TagsState>()((set) => ({
  loaded: {},
  set: (place, value) => set((state) => ({ loaded: { ...state.loaded, [tagPlaceKey(place)]: value } })),
}));

export function selectTags(state: TagsState, place: TagPlace): Loadable<TagSet> {
  return state.loaded[tagPlaceKey(place)] ?? idle;
}
