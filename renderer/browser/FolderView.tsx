import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { errorOf } from '../../shared/loadable';
import { refreshFolder } from '../actions/navigation';
import { dragSession, setDragSession } from './drag-session';
import { captureDrop } from './drop-walk';
import { entryKey } from '../stores/listing';
import type { RowsView } from './entry-order';
import { dropEntries } from '../actions/operations';
import { selectListingStatus, selectRows } from '../stores/pane-selectors';
import type { PaneId } from '../stores/pane-state';
import { uploadDrop } from '../actions/transfer-start';
import { useBrowserStore } from '../stores/browser';
import { ErrorPanel } from '../common/ErrorPanel';
import { ObjectTable } from './ObjectTable';
import type { TableMode } from './ObjectTableHeader';
import { paneOf, usePane, usePaneId } from './pane-context';
import { RowMenu } from './RowMenu';

// The drop-target marker while a drag is refused (no row key looks like it).
const REFUSED = '\0refused';

/** Where a drag over this view would drop: a folder row, or the open folder itself. */
function dropTargetOf(event: DragEvent, rows: RowsView, paneId: PaneId) {
  const session = dragSession();
  if (!session) return undefined;
  const pane = paneOf(paneId);
  if (!pane.profileId || !pane.bucket || pane.versionsMode) return undefined;
  const row = (event.target as HTMLElement).closest?.<HTMLElement>('[data-index]');
  const entry = row ? rows.at(Number(row.dataset.index)) : undefined;
  if (entry?.kind === 'folder' && !session.rowKeys.has(entryKey(entry))) {
    return { key: entryKey(entry), target: { profileId: pane.profileId, bucket: pane.bucket, prefix: entry.prefix } };
  }
  // Onto the other pane (not a folder row): into the folder it shows.
  if (session.paneId !== paneId && !pane.search) return { key: 'pane', target: { profileId: pane.profileId, bucket: pane.bucket, prefix: pane.prefix } };
  return undefined;
}

/** Where files dragged in from the desktop would be uploaded: into a folder row, or into the folder the pane shows. */
function fileDropTargetOf(event: DragEvent, rows: RowsView, paneId: PaneId): { key: string; prefix: string } | undefined {
  if (dragSession() || !event.dataTransfer.types.includes('Files')) return undefined;
  const pane = paneOf(paneId);
  if (!pane.profileId || !pane.bucket || pane.versionsMode) return undefined;
  const row = (event.target as HTMLElement).closest?.<HTMLElement>('[data-index]');
  const entry = row ? rows.at(Number(row.dataset.index)) : undefined;
  if (entry?.kind === 'folder') return { key: entryKey(entry), prefix: entry.prefix };
  // Search results come from many folders: only a folder row says where to go.
  if (pane.search) return undefined;
  return { key: 'pane', prefix: pane.prefix };
}

/** Whether a drag over the pane brings files or rows that the versions view cannot take (it lists history, not a place to put things). */
function refusedInVersions(event: DragEvent, paneId: PaneId): boolean {
  const pane = paneOf(paneId);
  if (!pane.bucket || !pane.versionsMode) return false;
  const session = dragSession();
  return session ? session.paneId !== paneId : event.dataTransfer.types.includes('Files');
}

/** What a refused drop into the versions view says. */
const VERSIONS_DROP_REFUSED = {
  title: 'Nothing was uploaded: this pane shows versions',
  message: 'Switch back to the current objects (turn off "Show versions") to upload or drop here.',
};

/**
 * The pane's rows (folder, search results or versions) as they arrive, or why
 * there are none; also the drop target for dragged rows (copy or move) and for
 * files and folders from the desktop (upload).
 */
export function FolderView() {
  const paneId = usePaneId();
  const rows = usePane(selectRows);
  const { status, error, searching, versionsMode, filter } = usePane(
    useShallow((state) => ({
      status: selectListingStatus(state),
      error: errorOf(state.listingLoad),
      searching: !!state.search,
      versionsMode: state.versionsMode,
      filter: state.filter,
    })),
  );
  const search = usePane((state) => state.search);
  const pendingFocus = usePane((state) => state.pendingFocus);
  // A new table (scrolled to the top) for each folder, mode and search.
  const tableKey = usePane((state) => `${state.profileId}|${state.bucket}|${state.prefix}|${state.versionsMode}|${state.search?.resultsId ?? ''}`);
  const [menu, setMenu] = useState<{ x: number; y: number }>();
  const [dropKey, setDropKey] = useState<string>();
  const emptyRef = useRef<HTMLParagraphElement>(null);
  const viewRef = useRef<HTMLDivElement>(null);
  const isEmpty = rows.length === 0;
  const mode: TableMode = searching ? 'search' : versionsMode ? 'versions' : 'objects';
  const settled = searching ? search?.status !== 'running' && search?.status !== 'starting' : status === 'done';

  // Opening a folder with the mouse replaces the table, and the row that had focus goes with it: the view
  // takes focus so the pane's keys (Ctrl+V into this folder) keep working. Clicking empty space focuses it too.
  useEffect(() => {
    if (document.activeElement === document.body && useBrowserStore.getState().activePane === paneId) viewRef.current?.focus({ preventScroll: true });
  }, [tableKey, paneId]);

  // An empty folder has no row to hold focus; its message takes it so Backspace still leads back up.
  useEffect(() => {
    if (pendingFocus && isEmpty && settled) {
      emptyRef.current?.focus();
      paneOf(paneId).requestFocus(undefined);
    }
  }, [pendingFocus, isEmpty, settled, paneId]);

  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (refusedInVersions(event, paneId)) {
      // Taken, so the drop arrives and can say why nothing happens.
      event.preventDefault();
      if (dropKey !== REFUSED) setDropKey(REFUSED);
      return;
    }
    const files = fileDropTargetOf(event, rows, paneId);
    if (files) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      if (files.key !== dropKey) setDropKey(files.key);
      return;
    }
    const drop = dropTargetOf(event, rows, paneId);
    if (!drop) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = event.ctrlKey || event.metaKey ? 'copy' : 'move';
    if (drop.key !== dropKey) setDropKey(drop.key);
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    if (refusedInVersions(event, paneId)) {
      event.preventDefault();
      setDropKey(undefined);
      setDragSession(undefined);
      paneOf(paneId).showProblem(VERSIONS_DROP_REFUSED);
      return;
    }
    const files = fileDropTargetOf(event, rows, paneId);
    if (files) {
      event.preventDefault();
      setDropKey(undefined);
      // Read now: the browser empties the DataTransfer once this handler returns.
      void uploadDrop(paneId, captureDrop(event.dataTransfer), files.prefix);
      return;
    }
    const drop = dropTargetOf(event, rows, paneId);
    const session = dragSession();
    setDropKey(undefined);
    if (!drop || !session) return;
    event.preventDefault();
    setDragSession(undefined);
    void dropEntries(session.entries, drop.target, event.ctrlKey || event.metaKey ? 'copy' : 'move', paneId);
  };

  const emptyText = searching
    ? settled
      ? 'Nothing found'
      : 'Searching…'
    : filter.trim()
      ? 'Nothing here matches the filter'
      : versionsMode
        ? 'No versions in this folder'
        : 'This folder is empty';

  return (
    <div
      ref={viewRef}
      tabIndex={-1}
      className={dropKey === 'pane' ? 'folder-view is-drop-target' : dropKey === REFUSED ? 'folder-view is-drop-refused' : 'folder-view'}
      onDragOver={onDragOver}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropKey(undefined);
      }}
      onDrop={onDrop}
      onContextMenu={(event) => {
        if (!isEmpty) return;
        event.preventDefault();
        setMenu({ x: event.clientX, y: event.clientY });
      }}
    >
      {dropKey === REFUSED && (
        <p className="drop-refused" role="status">
          {VERSIONS_DROP_REFUSED.message}
        </p>
      )}
      {error && !searching && (
        <ErrorPanel
          title={error.code === 'Cancelled' ? 'Listing cancelled' : isEmpty ? 'Could not list this folder' : 'The listing stopped before the end'}
          error={error}
          action={{ label: 'List again', run: () => refreshFolder(paneId) }}
        />
      )}
      {search?.error && <ErrorPanel title="The search failed" error={search.error} />}
      {isEmpty && !searching && status === 'loading' && <p className="empty-state">Loading folder…</p>}
      {isEmpty && (settled || searching) && !(searching && search?.error) && (
        <p ref={emptyRef} className="empty-state" tabIndex={-1}>
          {emptyText}
        </p>
      )}
      {!isEmpty && <ObjectTable key={tableKey} rows={rows} mode={mode} dropKey={dropKey} onContextMenu={(x, y) => setMenu({ x, y })} />}
      {menu && <RowMenu x={menu.x} y={menu.y} onClose={() => setMenu(undefined)} />}
    </div>
  );
}
