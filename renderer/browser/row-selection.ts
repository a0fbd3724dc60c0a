/**
 * Which rows of a table are selected, as in a desktop file manager: the keys
 * of the selected rows, the anchor a Shift range starts from, and the row that
 * has focus. Pure functions of the visible row keys, so they are easy to test.
 */
export interface RowSelection {
  selected: ReadonlySet<string>;
  anchor?: string;
  focus?: string;
}

/** Nothing selected, nothing focused. */
export const emptySelection: RowSelection = Object.freeze({ selected: new Set<string>() });

/** A plain click (or arrow key): only this row. */
export function selectOnly(key: string): RowSelection {
  return { selected: new Set([key]), anchor: key, focus: key };
}

/** Ctrl/Cmd+click (or Ctrl+Space): the row flips in or out; it becomes the anchor. */
export function toggleRow(selection: RowSelection, key: string): RowSelection {
  const selected = new Set(selection.selected);
  if (selected.has(key)) selected.delete(key);
  else selected.add(key);
  return { selected, anchor: key, focus: key };
}

/**
 * Shift+click (or Shift+arrow): every row between the anchor and this one, in
 * the order shown. Without an anchor in view the range starts at this row.
 * With `keep` (Ctrl+Shift) the rows already selected stay selected.
 */
export function selectRange(selection: RowSelection, rowKeys: readonly string[], key: string, keep = false): RowSelection {
  const to = rowKeys.indexOf(key);
  if (to === -1) return selection;
  const anchor = selection.anchor !== undefined && rowKeys.includes(selection.anchor) ? selection.anchor : key;
  const from = rowKeys.indexOf(anchor);
  const selected = new Set(keep ? selection.selected : []);
  for (let i = Math.min(from, to); i <= Math.max(from, to); i += 1) selected.add(rowKeys[i]);
  return { selected, anchor, focus: key };
}

/** Ctrl+A: every row shown (a filter limits it to what matches). */
export function selectAll(selection: RowSelection, rowKeys: readonly string[]): RowSelection {
  return { selected: new Set(rowKeys), anchor: selection.anchor ?? rowKeys[0], focus: selection.focus ?? rowKeys[0] };
}

/** Ctrl+arrow: focus moves, the selection stays. */
export function moveFocus(selection: RowSelection, key: string): RowSelection {
  return { ...selection, focus: key };
}

/** Drops selected rows that are no longer listed (after a refresh), keeping the same object when nothing changed. */
export function pruneSelection(selection: RowSelection, isListed: (key: string) => boolean): RowSelection {
  let changed = false;
  const selected = new Set<string>();
  for (const key of selection.selected) {
    if (isListed(key)) selected.add(key);
    else changed = true;
  }
  const anchor = selection.anchor !== undefined && isListed(selection.anchor) ? selection.anchor : undefined;
  const focus = selection.focus !== undefined && isListed(selection.focus) ? selection.focus : undefined;
  if (!changed && anchor === selection.anchor && focus === selection.focus) return selection;
  return { selected, anchor, focus };
}

/** The selected keys in the order the rows are shown. */
export function selectedInOrder(selection: RowSelection, rowKeys: readonly string[]): string[] {
  if (selection.selected.size === 0) return [];
  return rowKeys.filter((key) => selection.selected.has(key));
}
