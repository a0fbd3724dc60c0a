import { create } from 'zustand';
import type { BucketCors } from '../../shared/cors';
import { idle, type Loadable } from '../../shared/loadable';
import { bucketKeyOf } from './bucket-key';

/** Each bucket's CORS rules as the inspector shows them (loading and saving are in actions/bucket-cors.ts). */
export interface BucketCorsState {
  buckets: Record<string, Loadable<BucketCors>>;
  set(profileId: string, bucket: string, cors: Loadable<BucketCors>): void;
}

export const useBucketCorsStore = create<BucketCorsState>()((set) => ({
  buckets: {},
  set: (profileId, bucket, cors) => set((state) => ({ buckets: { ...state.buckets, [bucketKeyOf(profileId, bucket)]: cors } })),
}));

/** One bucket's rules (idle until first loaded). */
export function selectBucketCors(state: BucketCorsState, profileId: string, bucket: string): Loadable<BucketCors> {
  return state.buckets[bucketKeyOf(profileId, bucket)] ?? idle;
}
