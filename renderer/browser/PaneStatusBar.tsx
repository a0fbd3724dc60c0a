import { useBrowserStore } from '../stores/browser';
import { selectListingStatusText, selectSearchStatusText, selectSelectionText } from '../stores/pane-selectors';
import { selectBucketsStatusText } from '../stores/selectors';
import { selectPaneNotice, useNoticesStore } from '../stores/notices';
import { usePane, usePaneId } from './pane-context';
import { sizeInWords } from '../../shared/folder-size';
import { selectFolderSize, useFolderSizesStore } from '../stores/folder-sizes';

/** The open folder's size, once "Calculate size" counted it in this window. */
function FolderSizeStatus() {
  // One string (the selector's answer is compared by value); a prefix may hold any character, so JSON.
  const place = usePane((state) =>
    state.profileId && state.bucket && !state.search ? JSON.stringify([state.profileId, state.bucket, state.prefix]) : undefined,
  );
  const size = useFolderSizesStore((state) => {
    if (!place) return undefined;
    const [profileId, bucket, prefix] = JSON.parse(place) as [string, string, string];
    return selectFolderSize(state, { profileId, bucket, prefix });
  });
  return (
    <span role="status" aria-label="Folder size" className="status-size">
      {size?.status === 'done' ? `In all: ${sizeInWords(size.objects ?? 0, size.bytes ?? 0)}` : ''}
    </span>
  );
}

/** The note after an action that shows nothing else ("Copied 3 signed links, valid 24 hours."), for a few seconds. */
function PaneNotice() {
  const paneId = usePaneId();
  const notice = useNoticesStore(selectPaneNotice(paneId));
  return (
    <span role="status" aria-label="Notice" className={notice ? `status-notice status-notice-${notice.tone}` : 'status-notice'}>
      {notice?.text}
    </span>
  );
}

/**
 * The pane's status line: the live count of the folder (or of the search:
 * "Searching… 12 found"), then how many rows are selected. The count comes
 * first: the listing benchmark reads the first status of the main area.
 */
export function PaneStatusBar() {
  const searching = usePane((state) => !!state.search);
  const listingText = usePane(selectListingStatusText);
  const searchText = usePane(selectSearchStatusText);
  const selectionText = usePane(selectSelectionText);
  const paneProfile = usePane((state) => (state.bucket ? undefined : state.profileId));
  const sidebarProfile = useBrowserStore((state) => state.profileId);
  const bucketsText = useBrowserStore(selectBucketsStatusText);
  const showsBuckets = !!paneProfile && paneProfile === sidebarProfile;
  return (
    <footer className="statusbar">
      <span role="status">{searching ? searchText : showsBuckets ? bucketsText : listingText}</span>
      <span role="status" className="status-selection">
        {selectionText}
      </span>
      <FolderSizeStatus />
      <PaneNotice />
    </footer>
  );
}
