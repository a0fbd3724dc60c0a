import { create } from 'zustand';
import type { ErrorInfo, Result } from '../../shared/errors';
import type { AccessChoice, AccessState, AclUnavailable, BucketAccessAnswer } from '../../shared/sharing';
import { batches, keysToFetch, touchedKeys, withoutTouched } from '../access-batch';
import { objectTogglesOff, bucketToggleOff } from '../access-words';
import { api } from '../api';
import { useProfilesStore } from './profiles';
import { profileById } from './selectors';

/** What is known of one bucket's ACLs. */
export interface BucketAccess {
  /** By key; null: asked, but the server gave no state for it (shown as unknown, not asked again). */
  states: Record<string, AccessState | null>;
  /** Set when the server said object ACLs cannot be read or changed here. */
  unavailable?: AclUnavailable;
  /** The last failure of a batch (the keys it held show as unknown). */
  error?: ErrorInfo;
  /** The bucket's own ACL (`s3:bucketAccess`), once asked. */
  bucket?: BucketAccessAnswer;
  bucketStatus: 'idle' | 'loading' | 'ready' | 'error';
  bucketError?: ErrorInfo;
}

/** ACLs by bucket, cached while the app runs; a toggle makes what it changed stale. */
export interface AccessStoreState {
  buckets: Record<string, BucketAccess>;
}

/** What the access store can do; every action works outside React. */
export interface AccessActions {
  /** The rows in view of a table: their ACLs load after scrolling settles (replaces the table's earlier rows). */
  showRows(profileId: string, bucket: string, keys: string[]): void;
  /** Keys wanted besides the rows in view (the inspected object): they load with the next batch. */
  want(profileId: string, bucket: string, keys: string[]): void;
  /**
   * Forgets the ACLs of keys and of everything below prefixes, then asks again
   * for those in view. `keep`: they stay shown until the new answers arrive (a refresh).
   */
  invalidate(profileId: string, bucket: string, keys: string[], prefixes: string[], keep?: boolean): void;
  /** Reads the bucket's own ACL (once; `force` asks again). */
  loadBucket(profileId: string, bucket: string, force?: boolean): Promise<void>;
  /** Sets the bucket's own ACL; the answer (state and note) is kept. */
  setBucketAccess(profileId: string, bucket: string, access: AccessChoice): Promise<Result<BucketAccessAnswer>>;
}

/** The cache key of a bucket. */
export const bucketId = (profileId: string, bucket: string) => `${profileId}\n${bucket}`;

const emptyBucket: BucketAccess = { states: {}, bucketStatus: 'idle' };

// Scrolling moves the rows in view many times a second; ask once it settles.
const SETTLE_MS = 150;

interface Pending {
  visible: string[];
  extra: Set<string>;
  inFlight: Set<string>;
  /** Known, but to be asked again (kept on screen meanwhile). */
  stale: Set<string>;
  timer?: ReturnType<typeof setTimeout>;
  /** Bumped by `invalidate`: answers asked for before it are stale. */
  epoch: number;
}
const pending = new Map<string, Pending>();

function pendingOf(id: string): Pending {
  let entry = pending.get(id);
  if (!entry) {
    entry = { visible: [], extra: new Set(), inFlight: new Set(), stale: new Set(), epoch: 0 };
    pending.set(id, entry);
  }
  return entry;
}

const aclSupportOf = (profileId: string) => profileById(useProfilesStore.getState(), profileId)?.aclSupport;

/** The access store. */
export const useAccessStore = create<AccessStoreState & AccessActions>()((set, get) => {
  const patch = (id: string, change: (current: BucketAccess) => Partial<BucketAccess>) =>
    set((state) => {
      const current = state.buckets[id] ?? emptyBucket;
      return { buckets: { ...state.buckets, [id]: { ...current, ...change(current) } } };
    });

  const schedule = (profileId: string, bucket: string) => {
    const id = bucketId(profileId, bucket);
    const entry = pendingOf(id);
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => void flush(profileId, bucket), SETTLE_MS);
  };

  const flush = async (profileId: string, bucket: string) => {
    const id = bucketId(profileId, bucket);
    const entry = pendingOf(id);
    const known = get().buckets[id];
    // Where object ACLs are off, there is nothing to ask.
    if (objectTogglesOff(aclSupportOf(profileId), known?.unavailable)) return;
    const keys = keysToFetch([...entry.visible, ...entry.extra], known?.states ?? {}, entry.inFlight, entry.stale);
    entry.extra.clear();
    const epoch = entry.epoch;
    await Promise.all(
      batches(keys).map(async (batch) => {
        for (const key of batch) entry.inFlight.add(key);
        const result = await api.s3.objectAccess({ profileId, bucket, keys: batch });
        if (entry.epoch !== epoch) return;
        for (const key of batch) {
          entry.inFlight.delete(key);
          entry.stale.delete(key);
        }
        patch(id, (current) => {
          const states = { ...current.states };
          for (const key of batch) states[key] = result.ok ? (result.data.states[key] ?? null) : null;
          if (!result.ok) return { states, error: result.error };
          return { states, error: undefined, ...(result.data.unavailable && { unavailable: result.data.unavailable }) };
        });
      }),
    );
  };

  return {
    buckets: {},

    showRows(profileId, bucket, keys) {
      pendingOf(bucketId(profileId, bucket)).visible = keys;
      schedule(profileId, bucket);
    },

    want(profileId, bucket, keys) {
      const entry = pendingOf(bucketId(profileId, bucket));
      for (const key of keys) entry.extra.add(key);
      schedule(profileId, bucket);
    },

    invalidate(profileId, bucket, keys, prefixes, keep) {
      const id = bucketId(profileId, bucket);
      const entry = pendingOf(id);
      entry.epoch += 1;
      entry.inFlight.clear();
      const states = get().buckets[id]?.states ?? {};
      if (keep) for (const key of touchedKeys(states, keys, prefixes)) entry.stale.add(key);
      // A bucket-wide "unavailable" may have been about these keys only (denied): ask again.
      patch(id, (current) => ({ states: keep ? current.states : withoutTouched(current.states, keys, prefixes), unavailable: undefined, error: undefined }));
      schedule(profileId, bucket);
    },

    async loadBucket(profileId, bucket, force) {
      const id = bucketId(profileId, bucket);
      const current = get().buckets[id];
      if (!force && (current?.bucketStatus === 'loading' || current?.bucketStatus === 'ready')) return;
      if (objectTogglesOff(aclSupportOf(profileId), undefined) && bucketToggleOff(aclSupportOf(profileId), undefined)) return;
      patch(id, () => ({ bucketStatus: 'loading', bucketError: undefined }));
      const result = await api.s3.bucketAccess({ profileId, bucket });
      if (result.ok)
        patch(id, () => ({ bucketStatus: 'ready', bucket: result.data, ...(result.data.unavailable && { unavailable: result.data.unavailable }) }));
      else patch(id, () => ({ bucketStatus: 'error', bucketError: result.error }));
    },

    async setBucketAccess(profileId, bucket, access) {
      const id = bucketId(profileId, bucket);
      const result = await api.s3.setBucketAccess({ profileId, bucket, access });
      if (result.ok) patch(id, () => ({ bucketStatus: 'ready', bucket: result.data, bucketError: undefined }));
      return result;
    },
  };
});

/** One key's ACL: a state, null when unknown, undefined while not loaded. */
export const selectObjectAccess = (state: AccessStoreState, profileId: string | undefined, bucket: string | undefined, key: string) =>
  profileId && bucket ? state.buckets[bucketId(profileId, bucket)]?.states[key] : undefined;

/** What the server said about a bucket's ACLs, if anything yet. */
export const selectBucketAccess = (state: AccessStoreState, profileId: string | undefined, bucket: string | undefined): BucketAccess | undefined =>
  profileId && bucket ? state.buckets[bucketId(profileId, bucket)] : undefined;

/** Why the object toggles are off in a bucket (the profile's setting, then the server's answers), or undefined. */
export function objectAclBlock(profileId: string | undefined, bucket: string | undefined): AclUnavailable | undefined {
  if (!profileId || !bucket) return undefined;
  return objectTogglesOff(aclSupportOf(profileId), selectBucketAccess(useAccessStore.getState(), profileId, bucket)?.unavailable);
}

/** Forgets every cached ACL and drops requests in flight (tests). */
export function resetAccessStore(): void {
  for (const entry of pending.values()) {
    clearTimeout(entry.timer);
    entry.epoch += 1;
  }
  pending.clear();
  useAccessStore.setState({ buckets: {} });
}
