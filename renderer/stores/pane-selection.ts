import { nextSort, type SortColumn } from '../entry-order';
import { emptySelection, moveFocus, selectAll, selectOnly, selectRange, toggleRow, type RowSelection } from '../row-selection';
import { useInspectorStore, type InspectTarget } from './inspector';
import type { Entry } from './listing';
import type { PaneSliceContext } from './pane';
import { rowKeysOf, selectRows, selectSingleEntry } from './pane-selectors';

/** How a keyboard move treats the selection: select the row, extend the range, or move focus only. */
export type FocusMode = 'select' | 'extend' | 'move';

/** Selection, order and filter of a pane's rows; every action works outside React. */
export interface SelectionActions {
  /** A click: plain selects only this row, Shift extends from the anchor, Ctrl/Cmd toggles. */
  clickRow(key: string, modifiers: { shift: boolean; toggle: boolean }): void;
  /** An arrow key (or Home, End, Page Up/Down) arrived on this row. */
  focusRow(key: string, mode: FocusMode): void;
  /** Ctrl+Space: flips the row in or out of the selection. */
  toggleRow(key: string): void;
  /** Ctrl+A: every row shown. */
  selectAllRows(): void;
  clearSelection(): void;
  /** Right-click or drag on a row: keep the selection if it holds the row, else select only it. */
  ensureSelected(key: string): void;
  setSort(column: SortColumn): void;
  setFilter(text: string): void;
  /** Asks the table to focus a row (or FIRST_ROW) once it shows. */
  requestFocus(key: string | undefined): void;
  /** Shows an object (or one version of it) in the inspector panel, opening the panel. */
  inspectEntry(entry: Entry): void;
}

/** The selection slice of a pane store. */
export function selectionSlice({ set, get }: PaneSliceContext): SelectionActions {
  const targetOf = (entry: Entry | undefined): InspectTarget | undefined => {
    const { profileId, bucket } = get();
    if (!entry || entry.kind === 'folder' || !profileId || !bucket) return undefined;
    if (entry.kind === 'version') return entry.isDeleteMarker ? undefined : { profileId, bucket, key: entry.key, versionId: entry.versionId };
    return { profileId, bucket, key: entry.key };
  };

  // One object selected (by click, arrow or range) is what the inspector shows.
  const inspectSelection = () => {
    const target = targetOf(selectSingleEntry(get()));
    if (!target) return;
    const shown = useInspectorStore.getState().target;
    const same =
      shown && shown.profileId === target.profileId && shown.bucket === target.bucket && shown.key === target.key && shown.versionId === target.versionId;
    if (!same) useInspectorStore.getState().inspect(target);
  };

  const update = (selection: RowSelection) => {
    set({ selection });
    inspectSelection();
  };

  const rowKeys = () => rowKeysOf(selectRows(get()));

  return {
    clickRow(key, { shift, toggle }) {
      const { selection } = get();
      if (shift) update(selectRange(selection, rowKeys(), key, toggle));
      else if (toggle) update(toggleRow(selection, key));
      else update(selectOnly(key));
    },

    focusRow(key, mode) {
      const { selection } = get();
      if (mode === 'move') set({ selection: moveFocus(selection, key) });
      else if (mode === 'extend') update(selectRange(selection, rowKeys(), key));
      else update(selectOnly(key));
    },

    toggleRow(key) {
      update(toggleRow(get().selection, key));
    },

    selectAllRows() {
      update(selectAll(get().selection, rowKeys()));
    },

    clearSelection() {
      const { selection } = get();
      if (selection.selected.size > 0) set({ selection: { ...emptySelection, focus: selection.focus } });
    },

    ensureSelected(key) {
      if (!get().selection.selected.has(key)) update(selectOnly(key));
      else set({ selection: moveFocus(get().selection, key) });
    },

    setSort(column) {
      set({ sort: nextSort(get().sort, column) });
    },

    setFilter(filter) {
      set({ filter });
    },

    requestFocus(pendingFocus) {
      set({ pendingFocus });
    },

    inspectEntry(entry) {
      const target = targetOf(entry);
      if (!target) return;
      const inspector = useInspectorStore.getState();
      inspector.setOpen(true);
      inspector.inspect(target);
    },
  };
}
