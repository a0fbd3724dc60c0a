import { useShallow } from 'zustand/react/shallow';
import { useBrowserStore } from '../stores/browser';
import { useProfilesStore } from '../stores/profiles';
import { profileById, selectBuckets, selectLocation, selectProfileId, selectUnlistedOpenBucket } from '../stores/selectors';
import { OpenBucketByName } from './OpenBucketByName';

function BucketButton({ name, current }: { name: string; current: boolean }) {
  return (
    <li>
      <button
        type="button"
        className="bucket-button"
        aria-current={current ? 'true' : undefined}
        onClick={() => void useBrowserStore.getState().openBucket(name)}
      >
        <span className="icon icon-bucket" aria-hidden="true" />
        <span className="truncate">{name}</span>
      </button>
    </li>
  );
}

/**
 * The buckets of the shown profile, one button each; the open one is marked
 * current, even when it was opened by name because the key may not list buckets.
 */
export function BucketList() {
  const { buckets, status, error } = useBrowserStore(useShallow(selectBuckets));
  const { bucket: openBucket } = useBrowserStore(useShallow(selectLocation));
  const unlisted = useBrowserStore(selectUnlistedOpenBucket);
  const profileId = useBrowserStore(selectProfileId);
  const defaultBucket = useProfilesStore((state) => profileById(state, profileId)?.defaultBucket);
  const denied = status === 'error' && error?.code === 'AccessDenied';

  return (
    <section className="bucket-list" aria-label="Buckets">
      {status === 'loading' && buckets.length === 0 && <p className="sidebar-note">Loading buckets…</p>}
      {status === 'error' && (
        <p className="sidebar-note sidebar-note-error">
          {denied ? 'This key may not list buckets.' : 'Buckets unavailable: see the error.'}
        </p>
      )}
      {status === 'ready' && buckets.length === 0 && !unlisted && <p className="sidebar-note">No buckets</p>}
      {(buckets.length > 0 || unlisted) && (
        <ul>
          {buckets.map((bucket) => (
            <BucketButton key={bucket.name} name={bucket.name} current={bucket.name === openBucket} />
          ))}
          {unlisted && <BucketButton name={unlisted} current />}
        </ul>
      )}
      {profileId && status !== 'loading' && status !== 'idle' && (
        <OpenBucketByName key={profileId} expandedByDefault={denied && !openBucket} suggestion={defaultBucket} />
      )}
    </section>
  );
}
