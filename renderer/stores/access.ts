import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors';
import { idle, type Loadable } from '../../shared/loadable';
import type { AccessState, AclUnavailable, BucketAccessAnswer } from '../../shared/sharing';

/** What is known of one bucket's ACLs. */
export interface BucketAccess {
  /** By key; null: asked, but the server gave no state for it (shown as unknown, not asked again). */
  states: Record<string, AccessState | null>;
  /** Set when the server said object ACLs cannot be read or changed here. */
  unavailable?: AclUnavailable;
  /** The last failure of a batch (the keys it held show as unknown). */
  error?: ErrorInfo;
  /** Reading the bucket's own ACL (`s3:bucketAccess`), once asked. */
  bucketAcl: Loadable<BucketAccessAnswer>;
  /** The bucket's own ACL as last answered: it stays shown while it is read again, and after that fails. */
  bucket?: BucketAccessAnswer;
}

/** ACLs by bucket, cached while the app runs; a toggle makes what it changed stale. */
export interface AccessStoreState {
  buckets: Record<string, BucketAccess>;
}

/** The access store's own setters; reading and changing ACLs is in actions/access.ts. */
export interface AccessSetters {
  /** Changes what is known of one bucket. */
  patch(profileId: string, bucket: string, change: (current: BucketAccess) => Partial<BucketAccess>): void;
}

/** The cache key of a bucket. */
export const bucketId = (profileId: string, bucket: string) => `${profileId}\n${bucket}`;

const emptyBucket: BucketAccess = { states: {}, bucketAcl: idle };

/** The access store. */
export const useAccessStore = create<AccessStoreState & AccessSetters>()((set) => ({
  buckets: {},

  patch(profileId, bucket, change) {
    const id = bucketId(profileId, bucket);
    set((state) => {
      const current = state.buckets[id] ?? emptyBucket;
      return { buckets: { ...state.buckets, [id]: { ...current, ...change(current) } } };
    });
  },
}));

/** One key's ACL: a state, null when unknown, undefined while not loaded. */
export const selectObjectAccess = (state: AccessStoreState, profileId: string | undefined, bucket: string | undefined, key: string) =>
  profileId && bucket ? state.buckets[bucketId(profileId, bucket)]?.states[key] : undefined;

/** What the server said about a bucket's ACLs, if anything yet. */
export const selectBucketAccess = (state: AccessStoreState, profileId: string | undefined, bucket: string | undefined): BucketAccess | undefined =>
  profileId && bucket ? state.buckets[bucketId(profileId, bucket)] : undefined;

/** Forgets every cached ACL (tests). */
export function resetAccessStore(): void {
  useAccessStore.setState({ buckets: {} });
}
