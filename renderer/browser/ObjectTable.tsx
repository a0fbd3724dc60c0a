import { useEffect, useRef, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { sortByColumn } from '../actions/sort';
import { openFolder } from '../actions/navigation';
import { clearSearch } from '../actions/search';
import { clearSelection, clickRow, ensureSelected, focusRow as focusRowKey, inspectEntry, toggleRow } from '../actions/selection';
import { ROWS_DRAG_TYPE, setDragSession } from './drag-session';
import { useAclBlock } from '../hooks/use-acl-block';
import { showAccessRows } from '../actions/access';
import { useClipboardStore } from '../stores/clipboard';
import { entryKey, entryPath, type Entry } from '../stores/listing';
import { entrySetOf } from '../actions/operations';
import type { FocusMode } from '../stores/pane-selection';
import { selectListingStatus, selectSelectedEntries } from '../stores/pane-selectors';
import { FIRST_ROW } from '../stores/pane-state';
import { ObjectRow } from './ObjectRow';
import { ObjectTableHeader, type TableMode } from './ObjectTableHeader';
import type { RowsView } from './entry-order';
import { paneOf, usePane, usePaneId } from './pane-context';

const ROW_HEIGHT = 32;

/** Props of {@link ObjectTable}. */
export interface ObjectTableProps {
  rows: RowsView;
  mode: TableMode;
  /** The row (key) a drag hovers over, to highlight it. */
  dropKey?: string;
  /** Opens the row menu at a point (viewport pixels), for the focused rows. */
  onContextMenu(x: number, y: number): void;
}

/**
 * Focuses a row by index. A row scrolled into view renders a frame or two
 * later (the list is virtual), so this retries for a few frames.
 */
function focusRow(container: HTMLElement | null, index: number, attempts = 6): void {
  const row = container?.querySelector<HTMLElement>(`[data-index="${index}"]`);
  if (row) row.focus();
  else if (attempts > 0) requestAnimationFrame(() => focusRow(container, index, attempts - 1));
}

const rowIndexOf = (target: EventTarget) => {
  const row = (target as HTMLElement).closest?.<HTMLElement>('[data-index]');
  return row ? Number(row.dataset.index) : -1;
};

/**
 * The rows of one folder (or of a search, or of its versions): folders first.
 * Only the rows in view are in the page, so 100,000 entries scroll as smoothly
 * as ten. Click, Shift+click and Ctrl+click select; arrows, Home/End and Page
 * Up/Down move (Shift extends, Ctrl only moves focus); Enter or a double-click
 * opens a folder or shows an object's details; rows drag onto folders.
 */
export function ObjectTable({ rows, mode, dropKey, onContextMenu }: ObjectTableProps) {
  const paneId = usePaneId();
  const pane = () => paneOf(paneId);
  const selection = usePane((state) => state.selection);
  const sort = usePane((state) => state.sort);
  const sortPending = usePane((state) => state.sortPending);
  const pendingFocus = usePane((state) => state.pendingFocus);
  const basePrefix = usePane((state) => state.prefix);
  const listingDone = usePane((state) =>
    state.search ? state.search.status !== 'running' : selectListingStatus(state) === 'done' || selectListingStatus(state) === 'error',
  );
  const cutKeys = useClipboardStore((state) => {
    const clip = state.clip;
    const here = pane();
    return clip?.mode === 'cut' && clip.profileId === here.profileId && clip.bucket === here.bucket ? clip : undefined;
  });
  const profileId = usePane((state) => state.profileId);
  const bucket = usePane((state) => state.bucket);
  const bodyRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => bodyRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const aclOff = useAclBlock(profileId, bucket);
  const showsAccess = mode !== 'versions' && !aclOff;

  // The ACLs of the objects in view load once scrolling settles (the store waits and batches).
  const visibleKeys = showsAccess
    ? items
        .flatMap((item) => {
          const entry = rows.at(item.index);
          return entry?.kind === 'object' ? [entry.key] : [];
        })
        .join('\n')
    : '';
  useEffect(() => {
    if (profileId && bucket && visibleKeys) showAccessRows(profileId, bucket, visibleKeys.split('\n'));
  }, [profileId, bucket, visibleKeys]);

  const focusedIndex = rows.indexOfKey(selection.focus);
  const activeIndex = focusedIndex === -1 ? 0 : focusedIndex;
  // The row Tab lands on: the focused one if it is rendered, else the first in view.
  const tabbable = items.some((item) => item.index === activeIndex) ? activeIndex : items[0]?.index;

  const goTo = (index: number, mode: FocusMode) => {
    const target = Math.max(0, Math.min(rows.length - 1, index));
    const entry = rows.at(target);
    if (!entry) return;
    focusRowKey(paneId, entryKey(entry), mode);
    virtualizer.scrollToIndex(target, { align: 'auto' });
    focusRow(bodyRef.current, target);
  };

  // A row asked for (a folder just created, the first row after opening a
  // folder from the keyboard, the folder just left) takes focus once it shows.
  useEffect(() => {
    if (!pendingFocus || rows.length === 0) return;
    let index = pendingFocus === FIRST_ROW ? 0 : rows.indexOfKey(pendingFocus);
    if (index === -1 && !listingDone) return;
    if (index === -1) index = 0;
    pane().requestFocus(undefined);
    if (pendingFocus === FIRST_ROW || rows.indexOfKey(pendingFocus) === -1) focusRowKey(paneId, rows.keyAt(index), 'move');
    virtualizer.scrollToIndex(index, { align: 'auto' });
    focusRow(bodyRef.current, index);
    // Runs when a focus request or new rows arrive.
  }, [pendingFocus, rows, listingDone]);

  const activate = (entry: Entry | undefined, viaKeyboard: boolean) => {
    if (!entry) return;
    if (entry.kind === 'folder') openFolder(paneId, entry.prefix, { focus: viaKeyboard ? FIRST_ROW : undefined });
    else inspectEntry(paneId, entry);
  };

  const openMenuAtRow = (index: number) => {
    const row = bodyRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`);
    const box = row?.getBoundingClientRect() ?? bodyRef.current?.getBoundingClientRect();
    if (box) onContextMenu(box.left + 32, box.top + Math.min(box.height, ROW_HEIGHT));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = rowIndexOf(event.target);
    if (index === -1) return;
    const entry = rows.at(index);
    const mod = event.ctrlKey || event.metaKey;
    const mode: FocusMode = event.shiftKey ? 'extend' : mod ? 'move' : 'select';
    const pageRows = Math.max(1, Math.floor((bodyRef.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1);
    const moves: Record<string, () => void> = {
      ArrowDown: () => goTo(index + 1, mode),
      ArrowUp: () => goTo(index - 1, mode),
      PageDown: () => goTo(index + pageRows, mode),
      PageUp: () => goTo(index - pageRows, mode),
      Home: () => goTo(0, mode),
      End: () => goTo(rows.length - 1, mode),
    };
    const move = event.altKey ? undefined : moves[event.key];
    if (move) move();
    else if (event.key === ' ' && entry) {
      if (mod) toggleRow(paneId, entryKey(entry));
      else ensureSelected(paneId, entryKey(entry));
    } else if (event.key === 'Enter' && !mod && !event.altKey) activate(entry, true);
    else if (event.key === 'Escape' && (pane().search || pane().selection.selected.size > 0)) {
      if (pane().search) clearSearch(paneId);
      else clearSelection(paneId);
    } else if ((event.key === 'F10' && event.shiftKey) || event.key === 'ContextMenu') {
      if (entry && !pane().selection.selected.has(entryKey(entry))) ensureSelected(paneId, entryKey(entry));
      openMenuAtRow(index);
    } else return;
    event.preventDefault();
    event.stopPropagation();
  };

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const entry = rows.at(rowIndexOf(event.target));
    if (!entry) {
      clearSelection(paneId);
      return;
    }
    clickRow(paneId, entryKey(entry), { shift: event.shiftKey, toggle: event.ctrlKey || event.metaKey });
  };

  const onRightClick = (event: MouseEvent<HTMLDivElement>) => {
    event.preventDefault();
    const entry = rows.at(rowIndexOf(event.target));
    if (entry) ensureSelected(paneId, entryKey(entry));
    else pane().clearSelection();
    onContextMenu(event.clientX, event.clientY);
  };

  const onDragStart = (event: DragEvent<HTMLDivElement>) => {
    const entry = rows.at(rowIndexOf(event.target));
    if (!entry || mode === 'versions') return;
    ensureSelected(paneId, entryKey(entry));
    const entries = selectSelectedEntries(pane());
    const set = entrySetOf(paneId, entries);
    if (!set) return;
    setDragSession({ paneId, entries: set, rowKeys: new Set(entries.map(entryKey)) });
    event.dataTransfer.setData(ROWS_DRAG_TYPE, paneId);
    event.dataTransfer.setData('text/plain', entries.map(entryPath).join('\n'));
    event.dataTransfer.effectAllowed = 'copyMove';
  };

  return (
    <div className="object-table" role="table" aria-label="Objects" aria-multiselectable="true" aria-rowcount={rows.length + 1} data-mode={mode}>
      <ObjectTableHeader mode={mode} sort={sort} sortPending={sortPending} onSort={(column) => void sortByColumn(paneId, column)} />
      <div
        ref={bodyRef}
        className="object-table-body"
        role="rowgroup"
        onKeyDown={onKeyDown}
        onClick={onClick}
        onDoubleClick={(event) => activate(rows.at(rowIndexOf(event.target)), false)}
        onContextMenu={onRightClick}
        onFocus={(event) => {
          const entry = rows.at(rowIndexOf(event.target));
          if (entry && pane().selection.focus !== entryKey(entry)) focusRowKey(paneId, entryKey(entry), 'move');
        }}
        onDragStart={onDragStart}
        onDragEnd={() => setDragSession(undefined)}
      >
        <div className="object-table-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const entry = rows.at(item.index);
            if (!entry) return null;
            const key = entryKey(entry);
            return (
              <ObjectRow
                key={key}
                entry={entry}
                index={item.index}
                start={item.start}
                mode={mode}
                selected={selection.selected.has(key)}
                tabbable={item.index === tabbable}
                cut={!!cutKeys && (entry.kind === 'folder' ? cutKeys.prefixes.includes(entry.prefix) : cutKeys.keys.includes(entryPath(entry)))}
                dropTarget={dropKey === key}
                basePrefix={basePrefix}
                aclOff={aclOff}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
