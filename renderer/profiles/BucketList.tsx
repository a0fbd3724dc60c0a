import { useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { openBucket as openInActivePane } from '../actions/buckets';
import { usePaneStore, useBrowserStore } from '../stores/browser';
import { showDialog } from '../stores/dialogs';
import { useProfilesStore } from '../stores/profiles';
import { profileById, selectActivePane, selectBuckets, selectProfileId } from '../stores/selectors';
import { ContextMenu } from '../common/ContextMenu';
import { OpenBucketByName } from './OpenBucketByName';

function BucketButton({ name, current, onMenu }: { name: string; current: boolean; onMenu(name: string, x: number, y: number): void }) {
  const openMenu = (event: MouseEvent<HTMLButtonElement>) => {
    event.preventDefault();
    onMenu(name, event.clientX, event.clientY);
  };
  // Shift+F10 and the Menu key open the bucket's menu from the keyboard.
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (!((event.key === 'F10' && event.shiftKey) || event.key === 'ContextMenu')) return;
    event.preventDefault();
    const box = event.currentTarget.getBoundingClientRect();
    onMenu(name, box.left + 24, box.bottom);
  };
  return (
    <li>
      <button
        type="button"
        className="bucket-button"
        aria-current={current ? 'true' : undefined}
        aria-keyshortcuts="Shift+F10"
        onClick={() => openInActivePane(name)}
        onContextMenu={openMenu}
        onKeyDown={onKeyDown}
      >
        <span className="icon icon-bucket" aria-hidden="true" />
        <span className="truncate">{name}</span>
      </button>
    </li>
  );
}

/**
 * The buckets of the shown profile, one button each; the bucket open in the
 * active pane is marked current, even when it was opened by name because the
 * key may not list buckets. Right-click (or Shift+F10) opens a bucket's menu:
 * Open bucket, Bucket access…, Bucket settings…, Create bucket, Delete bucket.
 */
export function BucketList() {
  const { buckets, status, error } = useBrowserStore(useShallow(selectBuckets));
  const profileId = useBrowserStore(selectProfileId);
  const activePane = useBrowserStore(selectActivePane);
  const openBucket = usePaneStore(activePane, (state) => (state.profileId === profileId ? state.bucket : undefined));
  const unlisted = openBucket && !buckets.some((b) => b.name === openBucket) ? openBucket : undefined;
  const defaultBucket = useProfilesStore((state) => profileById(state, profileId)?.defaultBucket);
  const denied = status === 'error' && error?.code === 'AccessDenied';
  const [menu, setMenu] = useState<{ name: string; x: number; y: number }>();

  return (
    <section className="bucket-list" aria-label="Buckets">
      {status === 'loading' && buckets.length === 0 && <p className="sidebar-note">Loading buckets…</p>}
      {status === 'error' && (
        <p className="sidebar-note sidebar-note-error">{denied ? 'This key may not list buckets.' : 'Buckets unavailable: see the error.'}</p>
      )}
      {status === 'ready' && buckets.length === 0 && !unlisted && <p className="sidebar-note">No buckets</p>}
      {(buckets.length > 0 || unlisted) && (
        <ul>
          {buckets.map((bucket) => (
            <BucketButton key={bucket.name} name={bucket.name} current={bucket.name === openBucket} onMenu={(name, x, y) => setMenu({ name, x, y })} />
          ))}
          {unlisted && <BucketButton name={unlisted} current onMenu={(name, x, y) => setMenu({ name, x, y })} />}
        </ul>
      )}
      {profileId && status !== 'loading' && status !== 'idle' && (
        <OpenBucketByName key={profileId} expandedByDefault={denied && !openBucket} suggestion={defaultBucket} />
      )}
      {menu && profileId && (
        <ContextMenu
          label={`Actions for bucket ${menu.name}`}
          x={menu.x}
          y={menu.y}
          onClose={() => setMenu(undefined)}
          items={[
            { label: 'Open bucket', run: () => openInActivePane(menu.name) },
            { label: 'Bucket access…', run: () => showDialog({ kind: 'bucketAccess', profileId, bucket: menu.name }) },
            { label: 'Bucket settings…', run: () => showDialog({ kind: 'bucketSettings', profileId, bucket: menu.name }) },
            { label: 'Create bucket', run: () => showDialog({ kind: 'createBucket' }) },
            { label: 'Delete bucket', danger: true, separatorBefore: true, run: () => showDialog({ kind: 'deleteBucket', profileId, bucket: menu.name }) },
          ]}
        />
      )}
    </section>
  );
}
