import { create } from 'zustand';
import type { BucketCors } from '../../shared/cors';
import type { BucketLifecycle } from '../../shared/lifecycle';
import type { BucketPolicy } from '../../shared/bucket-policy';
import { idle, type Loadable } from '../../shared/loadable';
import type { PublicAccessBlock } from '../../shared/public-access-block';
import type { BucketEncryption } from '../../shared/encryption';
import { bucketKeyOf } from './bucket-key';

/** Each kind of bucket configuration the inspector shows, and its shape. */
export interface BucketConfigKinds {
  cors: BucketCors;
  lifecycle: BucketLifecycle;
  policy: BucketPolicy;
  publicAccess: PublicAccessBlock;
  encryption: BucketEncryption;
}
export type BucketConfigKind = keyof BucketConfigKinds;

/** Each bucket's configuration on the server, by kind (loading and saving are in actions/bucket-config.ts). */
export interface BucketConfigState {
  loaded: { [K in BucketConfigKind]: Record<string, Loadable<BucketConfigKinds[K]>> };
  set<K extends BucketConfigKind>(kind: K, profileId: string, bucket: string, value: Loadable<BucketConfigKinds[K]>): void;
}

export const useBucketConfigStore = create<BucketConfigState>()((set) => ({
  loaded: { cors: {}, lifecycle: {}, policy: {}, publicAccess: {}, encryption: {} },
  set: (kind, profileId, bucket, value) =>
    set((state) => ({ loaded: { ...state.loaded, [kind]: { ...state.loaded[kind], [bucketKeyOf(profileId, bucket)]: value } } })),
}));

/** One bucket's configuration of one kind (idle until first loaded). */
export function selectBucketConfig<K extends BucketConfigKind>(
  state: BucketConfigState,
  kind: K,
  profileId: string,
  bucket: string,
): Loadable<BucketConfigKinds[K]> {
  return (state.loaded[kind][bucketKeyOf(profileId, bucket)] as Loadable<BucketConfigKinds[K]> | undefined) ?? idle;
}
