import { useShallow } from 'zustand/react/shallow';
import { useBrowserStore } from '../stores/browser';
import { selectBuckets, selectLocation } from '../stores/selectors';

/** The buckets of the shown profile, one button each; the open one is marked current. */
export function BucketList() {
  const { buckets, status } = useBrowserStore(useShallow(selectBuckets));
  const { bucket: openBucket } = useBrowserStore(useShallow(selectLocation));

  return (
    <section className="bucket-list" aria-label="Buckets">
      {status === 'loading' && buckets.length === 0 && <p className="sidebar-note">Loading buckets…</p>}
      {status === 'error' && <p className="sidebar-note sidebar-note-error">Buckets unavailable: see the error.</p>}
      {status === 'ready' && buckets.length === 0 && <p className="sidebar-note">No buckets</p>}
      {buckets.length > 0 && (
        <ul>
          {buckets.map((bucket) => (
            <li key={bucket.name}>
              <button
                type="button"
                className="bucket-button"
                aria-current={bucket.name === openBucket ? 'true' : undefined}
                onClick={() => void useBrowserStore.getState().openBucket(bucket.name)}
              >
                <span className="icon icon-bucket" aria-hidden="true" />
                <span className="truncate">{bucket.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
