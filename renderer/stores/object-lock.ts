import { create } from 'zustand';
import { idle, type Loadable } from '../../shared/loadable';
import type { ObjectLockSettings, ObjectLockState } from '../../shared/object-lock';

/** One version of an object (the current one without `versionId`). */
export interface VersionPlace {
  profileId: string;
  bucket: string;
  key: string;
  versionId?: string;
}

export const bucketLockKey = (profileId: string, bucket: string) => JSON.stringify([profileId, bucket]);
export const versionLockKey = (place: VersionPlace) => JSON.stringify([place.profileId, place.bucket, place.key, place.versionId ?? null]);

/** Object Lock as the inspector shows it: each bucket's settings, each version's lock (loading is in actions/object-lock.ts). */
export interface ObjectLockStoreState {
  settings: Record<string, Loadable<ObjectLockSettings>>;
  versions: Record<string, Loadable<ObjectLockState>>;
  setSettings(profileId: string, bucket: string, value: Loadable<ObjectLockSettings>): void;
  setVersion(place: VersionPlace, value: Loadable<ObjectLockState>): void;
}

export const useObjectLockStore = create<ObjectLockStoreState>()((set) => ({
  settings: {},
  versions: {},
  setSettings: (profileId, bucket, value) => set((state) => ({ settings: { ...state.settings, [bucketLockKey(profileId, bucket)]: value } })),
  setVersion: (place, value) => set((state) => ({ versions: { ...state.versions, [versionLockKey(place)]: value } })),
}));

export const selectLockSettings = (state: ObjectLockStoreState, profileId: string, bucket: string): Loadable<ObjectLockSettings> =>
  state.settings[bucketLockKey(profileId, bucket)] ?? idle;

export const selectVersionLock = (state: ObjectLockStoreState, place: VersionPlace): Loadable<ObjectLockState> => state.versions[versionLockKey(place)] ?? idle;
