import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useBrowserStore } from '../stores/browser';
import { selectEntries, selectListingState } from '../stores/selectors';
import { ErrorPanel } from './ErrorPanel';
import { ObjectTable } from './ObjectTable';

/** Props of {@link FolderView}. */
export interface FolderViewProps {
  /** Changes with the open folder, so each folder gets a fresh table scrolled to the top. */
  locationKey: string;
  atRoot: boolean;
  /** The folder was opened from the keyboard: focus its first row when it shows. */
  focusRows: boolean;
  /** Called once the first row took focus. */
  onRowsFocused(): void;
  onOpenFolder(prefix: string, viaKeyboard: boolean): void;
  onGoUp(): void;
}

/** The open folder: its rows as they arrive, or why there are none. */
export function FolderView(props: FolderViewProps) {
  const { locationKey, atRoot, focusRows, onRowsFocused, onOpenFolder, onGoUp } = props;
  const entries = useBrowserStore(selectEntries);
  const { status, error, isEmpty } = useBrowserStore(useShallow(selectListingState));
  const emptyRef = useRef<HTMLParagraphElement>(null);

  // An empty folder has no row to hold focus; its message takes it so
  // Backspace still leads back up.
  useEffect(() => {
    if (focusRows && isEmpty && status === 'done') {
      emptyRef.current?.focus();
      onRowsFocused();
    }
  }, [focusRows, isEmpty, status, onRowsFocused]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Backspace' || atRoot || event.target instanceof HTMLInputElement) return;
    event.preventDefault();
    onGoUp();
  };

  return (
    // Keys bubble here from the rows and the empty message; Backspace goes up.
    <div className="folder-view" onKeyDown={onKeyDown}>
      {error && (
        <ErrorPanel
          title={isEmpty ? 'Could not list this folder' : 'The listing stopped before the end'}
          error={error}
        />
      )}
      {isEmpty && status === 'loading' && <p className="empty-state">Loading folder…</p>}
      {isEmpty && status === 'done' && (
        <p ref={emptyRef} className="empty-state" tabIndex={-1}>
          This folder is empty
        </p>
      )}
      {!isEmpty && (
        <ObjectTable
          key={locationKey}
          entries={entries}
          onOpenFolder={onOpenFolder}
          autoFocus={focusRows}
          onAutoFocus={onRowsFocused}
        />
      )}
    </div>
  );
}
