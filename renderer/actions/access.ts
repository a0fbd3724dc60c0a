import type { Grant, Grants } from '../../shared/grants';
import { LatestOnly, RunOnceScheduler } from '../../shared/async';
import type { Result } from '../../shared/errors';
import { failed, loading, ready } from '../../shared/loadable';
import type { AccessChoice, AclUnavailable, BucketAccessAnswer } from '../../shared/sharing';
import { batches, keysToFetch, touchedKeys, withoutTouched } from '../access/access-batch';
import { bucketToggleOff, objectTogglesOff } from '../access/access-words';
import { api } from '../api';
import { bucketId, selectBucketAccess, useAccessStore } from '../stores/access';
import { useProfilesStore } from '../stores/profiles';
import { profileById } from '../stores/selectors';

/**
 * Reading and setting ACLs: the objects' in batches for the rows in view (and
 * the inspected object), after scrolling settles; the bucket's own on demand.
 */

// Scrolling moves the rows in view many times a second; ask once it settles.
const SETTLE_MS = 150;

/** What one bucket's table wants asked, and what is on its way. */
interface Pending {
  visible: string[];
  extra: Set<string>;
  inFlight: Set<string>;
  /** Known, but to be asked again (kept on screen meanwhile). */
  stale: Set<string>;
  /** Re-armed on every change, so a batch goes out once the rows in view stop moving. */
  settle: RunOnceScheduler;
  /** `invalidateAccess` makes the answers asked for before it stale. */
  latest: LatestOnly;
}
const pending = new Map<string, Pending>();

/** A profile's ACL support setting. */
const aclSupportOf = (profileId: string) => profileById(useProfilesStore.getState(), profileId)?.aclSupport;

/** Why the object toggles are off in a bucket (the profile's setting, then the server's answers), or undefined. */
export function objectAclBlock(profileId: string | undefined, bucket: string | undefined): AclUnavailable | undefined {
  if (!profileId || !bucket) return undefined;
  return objectTogglesOff(aclSupportOf(profileId), selectBucketAccess(useAccessStore.getState(), profileId, bucket)?.unavailable);
}

function pendingOf(profileId: string, bucket: string): Pending {
  const id = bucketId(profileId, bucket);
  let entry = pending.get(id);
  if (!entry) {
    const settle = new RunOnceScheduler(() => void flush(profileId, bucket), SETTLE_MS);
    entry = { visible: [], extra: new Set(), inFlight: new Set(), stale: new Set(), settle, latest: new LatestOnly() };
    pending.set(id, entry);
  }
  return entry;
}

function schedule(entry: Pending): void {
  entry.settle.cancel();
  entry.settle.schedule();
}

async function flush(profileId: string, bucket: string): Promise<void> {
  const entry = pendingOf(profileId, bucket);
  // Where object ACLs are off, there is nothing to ask.
  if (objectAclBlock(profileId, bucket)) return;
  const access = useAccessStore.getState();
  const known = access.buckets[bucketId(profileId, bucket)];
  const keys = keysToFetch([...entry.visible, ...entry.extra], known?.states ?? {}, entry.inFlight, entry.stale);
  entry.extra.clear();
  const isCurrent = entry.latest.current();
  await Promise.all(
    batches(keys).map(async (batch) => {
      for (const key of batch) entry.inFlight.add(key);
      const result = await api.s3.objectAccess({ profileId, bucket, keys: batch });
      if (!isCurrent()) return;
      for (const key of batch) {
        entry.inFlight.delete(key);
        entry.stale.delete(key);
      }
      access.patch(profileId, bucket, (current) => {
        const states = { ...current.states };
        for (const key of batch) states[key] = result.ok ? (result.data.states[key] ?? null) : null;
        if (!result.ok) return { states, error: result.error };
        return { states, error: undefined, ...(result.data.unavailable && { unavailable: result.data.unavailable }) };
      });
    }),
  );
}

/** The rows in view of a table: their ACLs load after scrolling settles (replaces the table's earlier rows). */
export function showAccessRows(profileId: string, bucket: string, keys: string[]): void {
  const entry = pendingOf(profileId, bucket);
  entry.visible = keys;
  schedule(entry);
}

/** Keys wanted besides the rows in view (the inspected object): they load with the next batch. */
export function wantAccess(profileId: string, bucket: string, keys: string[]): void {
  const entry = pendingOf(profileId, bucket);
  for (const key of keys) entry.extra.add(key);
  schedule(entry);
}

/**
 * Forgets the ACLs of keys and of everything below prefixes, then asks again
 * for those in view. `keep`: they stay shown until the new answers arrive (a refresh).
 */
export function invalidateAccess(profileId: string, bucket: string, keys: string[], prefixes: string[], keep?: boolean): void {
  const entry = pendingOf(profileId, bucket);
  entry.latest.invalidate();
  entry.inFlight.clear();
  const access = useAccessStore.getState();
  const states = access.buckets[bucketId(profileId, bucket)]?.states ?? {};
  if (keep) for (const key of touchedKeys(states, keys, prefixes)) entry.stale.add(key);
  // A bucket-wide "unavailable" may have been about these keys only (denied): ask again.
  access.patch(profileId, bucket, (current) => ({
    states: keep ? current.states : withoutTouched(current.states, keys, prefixes),
    unavailable: undefined,
    error: undefined,
  }));
  schedule(entry);
}

/** Reads the bucket's own ACL (once; `force` asks again). */
export async function loadBucketAccess(profileId: string, bucket: string, force?: boolean): Promise<void> {
  const access = useAccessStore.getState();
  const status = access.buckets[bucketId(profileId, bucket)]?.bucketAcl.status;
  if (!force && (status === 'loading' || status === 'ready')) return;
  const aclSupport = aclSupportOf(profileId);
  if (objectTogglesOff(aclSupport, undefined) && bucketToggleOff(aclSupport, undefined)) return;
  access.patch(profileId, bucket, () => ({ bucketAcl: loading }));
  const result = await api.s3.bucketAccess({ profileId, bucket });
  if (result.ok)
    access.patch(profileId, bucket, () => ({
      bucketAcl: ready(result.data),
      bucket: result.data,
      // Read again on purpose (Block Public Access changed), a reason that no longer holds goes.
      ...(force ? { unavailable: result.data.unavailable } : result.data.unavailable && { unavailable: result.data.unavailable }),
    }));
  else access.patch(profileId, bucket, () => ({ bucketAcl: failed(result.error) }));
}

/** Sets the bucket's own ACL; the answer (state and note) is kept. */
export async function setBucketAccess(profileId: string, bucket: string, choice: AccessChoice): Promise<Result<BucketAccessAnswer>> {
  const result = await api.s3.setBucketAccess({ profileId, bucket, access: choice });
  if (result.ok) useAccessStore.getState().patch(profileId, bucket, () => ({ bucketAcl: ready(result.data), bucket: result.data }));
  return result;
}

/** Every grant of an object's ACL (with a key) or a bucket's, for the grants editor. */
export function loadGrants(place: { profileId: string; bucket: string; key?: string }): Promise<Result<Grants>> {
  return api.s3.grants(place);
}

/** Replaces every grant; what shows the object's or the bucket's access is read again. */
export async function saveGrants(place: { profileId: string; bucket: string; key?: string }, grants: Grant[]): Promise<Result<Grants>> {
  const result = await api.s3.setGrants({ ...place, grants });
  if (result.ok) {
    if (place.key === undefined) await loadBucketAccess(place.profileId, place.bucket, true);
    else invalidateAccess(place.profileId, place.bucket, [place.key], []);
  }
  return result;
}
