import { nextSort, type SortColumn, type SortOrder } from '../browser/entry-order';
import { emptySelection, moveFocus, selectAll, selectOnly, selectRange, toggleRow } from '../browser/row-selection';
import type { PaneSliceContext } from './pane';
import { selectRows } from './pane-selectors';

/** How a keyboard move treats the selection: select the row, extend the range, or move focus only. */
export type FocusMode = 'select' | 'extend' | 'move';

/**
 * Selection, order and filter of a pane's rows. Showing the one selected
 * object in the inspector is the selection actions' part (`actions/selection.ts`).
 */
export interface SelectionSetters {
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
  /** Shows rows in this order (a sort chosen earlier, once its order was ready). */
  applySort(sort: SortOrder): void;
  setSortPending(sort: SortOrder | undefined): void;
  setFilter(text: string): void;
  /** Asks the table to focus a row (or FIRST_ROW) once it shows. */
  requestFocus(key: string | undefined): void;
}

/** The selection slice of a pane store. */
export function selectionSlice({ set, get }: PaneSliceContext): SelectionSetters {
  const rowKeys = () => selectRows(get());

  return {
    clickRow(key, { shift, toggle }) {
      const { selection } = get();
      if (shift) set({ selection: selectRange(selection, rowKeys(), key, toggle) });
      else if (toggle) set({ selection: toggleRow(selection, key) });
      else set({ selection: selectOnly(key) });
    },

    focusRow(key, mode) {
      const { selection } = get();
      if (mode === 'move') set({ selection: moveFocus(selection, key) });
      else if (mode === 'extend') set({ selection: selectRange(selection, rowKeys(), key) });
      else set({ selection: selectOnly(key) });
    },

    toggleRow(key) {
      set({ selection: toggleRow(get().selection, key) });
    },

    selectAllRows() {
      set({ selection: selectAll(get().selection, rowKeys()) });
    },

    clearSelection() {
      const { selection } = get();
      if (selection.selected.size > 0) set({ selection: { ...emptySelection, focus: selection.focus } });
    },

    ensureSelected(key) {
      if (!get().selection.selected.has(key)) set({ selection: selectOnly(key) });
      else set({ selection: moveFocus(get().selection, key) });
    },

    setSort(column) {
      set({ sort: nextSort(get().sort, column), sortPending: undefined });
    },

    applySort(sort) {
      set({ sort, sortPending: undefined });
    },

    setSortPending(sortPending) {
      set({ sortPending });
    },

    setFilter(filter) {
      set({ filter });
    },

    requestFocus(pendingFocus) {
      set({ pendingFocus });
    },
  };
}
