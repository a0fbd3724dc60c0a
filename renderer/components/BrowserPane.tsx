import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useBrowserStore } from '../stores/browser';
import { useProfilesStore } from '../stores/profiles';
import {
  profileNameOf,
  selectBuckets,
  selectLocation,
  selectProfileId,
  selectHasProfiles,
  selectStatusText,
} from '../stores/selectors';
import { parentPrefix } from '../stores/listing';
import { Breadcrumbs } from './Breadcrumbs';
import { ErrorPanel } from './ErrorPanel';
import { FolderView } from './FolderView';

/** What the main pane says when no bucket is open. */
function NoBucketOpen() {
  const profileId = useBrowserStore(selectProfileId);
  const hasProfiles = useProfilesStore(selectHasProfiles);
  const { buckets, status, error } = useBrowserStore(useShallow(selectBuckets));

  if (!profileId) {
    return (
      <p className="empty-state">
        {hasProfiles ? 'Choose a profile in the sidebar.' : 'Add a profile to connect to your S3-compatible storage.'}
      </p>
    );
  }
  if (status === 'error' && error) return <ErrorPanel title="Could not list buckets" error={error} />;
  if (status !== 'ready') return null;
  return (
    <p className="empty-state">
      {buckets.length > 0
        ? 'Choose a bucket in the sidebar to browse it.'
        : 'This key sees zero buckets. Create one with your provider, then press Refresh.'}
    </p>
  );
}

/** The main pane: where you are, the open folder's rows, and a live count of them. */
export function BrowserPane() {
  const profileId = useBrowserStore(selectProfileId);
  const { bucket, prefix } = useBrowserStore(useShallow(selectLocation));
  const statusText = useBrowserStore(selectStatusText);
  const profileName = useProfilesStore((state) => profileNameOf(state, profileId));
  // The folder a keyboard user just opened: its first row takes focus once it
  // shows. Any other way of getting somewhere leaves focus where it is.
  const [focusTarget, setFocusTarget] = useState<string>();
  const locationKey = `${bucket}/${prefix}`;

  const openFolder = (next: string, viaKeyboard = false) => {
    setFocusTarget(viaKeyboard ? `${bucket}/${next}` : undefined);
    void useBrowserStore.getState().openFolder(next);
  };
  const goUp = () => {
    setFocusTarget(`${bucket}/${parentPrefix(prefix)}`);
    void useBrowserStore.getState().goUp();
  };

  return (
    <main className="pane">
      <header className="toolbar">
        {bucket ? (
          <Breadcrumbs bucket={bucket} prefix={prefix} onOpen={(next) => openFolder(next)} />
        ) : (
          <h1 className="toolbar-title truncate">{profileName ?? 'Pail'}</h1>
        )}
        <div className="toolbar-actions">
          {bucket && (
            <button
              type="button"
              className="button"
              disabled={!prefix}
              onClick={() => void useBrowserStore.getState().goUp()}
            >
              Up
            </button>
          )}
          <button
            type="button"
            className="button"
            disabled={!profileId}
            onClick={() => void useBrowserStore.getState().refresh()}
          >
            Refresh
          </button>
        </div>
      </header>

      <div className="pane-body">
        {bucket ? (
          <FolderView
            locationKey={locationKey}
            atRoot={prefix === ''}
            focusRows={focusTarget === locationKey}
            onRowsFocused={() => setFocusTarget(undefined)}
            onOpenFolder={openFolder}
            onGoUp={goUp}
          />
        ) : (
          <NoBucketOpen />
        )}
      </div>

      <footer className="statusbar">
        <span role="status">{statusText}</span>
      </footer>
    </main>
  );
}
