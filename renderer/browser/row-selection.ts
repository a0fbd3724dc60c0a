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

/** The rows shown, as far as selecting needs them: their keys by index, and where a key is. */
export interface RowKeys {
  readonly length: number;
  keyAt(index: number): string;
  indexOfKey(key: string | undefined): number;
}

/** Rows given as an array of keys (tests, small lists). */
export function rowKeysOfArray(keys: readonly string[]): RowKeys {
  return { length: keys.length, keyAt: (index) => keys[index], indexOfKey: (key) => (key === undefined ? -1 : keys.indexOf(key)) };
}

/**
 * Shift+click (or Shift+arrow): every row between the anchor and this one, in
 * the order shown. Without an anchor in view the range starts at this row.
 * With `keep` (Ctrl+Shift) the rows already selected stay selected.
 */
export function selectRange(selection: RowSelection, rows: RowKeys, key: string, keep = false): RowSelection {
  const to = rows.indexOfKey(key);
  if (to === -1) return selection;
  const anchorIndex = rows.indexOfKey(selection.anchor);
  const from = anchorIndex === -1 ? to : anchorIndex;
  const anchor = anchorIndex === -1 ? key : selection.anchor;
  if (!keep && Math.min(from, to) === 0 && Math.max(from, to) === rows.length - 1) return { selected: new AllRows(rows), anchor, focus: key };
  const selected = new Set(keep ? selection.selected : []);
  for (let i = Math.min(from, to); i <= Math.max(from, to); i += 1) selected.add(rows.keyAt(i));
  return { selected, anchor, focus: key };
}

/**
 * Every row of a view, as a set of row keys that holds no keys of its own:
 * Select all in a folder of a million rows is then instant and costs no
 * memory (a Set of a million keys takes about 100 MB). The view it covers is
 * fixed (rows listed later are not in it), as with a plain set.
 */
export class AllRows implements ReadonlySet<string> {
  constructor(readonly rows: RowKeys) {}

  get size(): number {
    return this.rows.length;
  }

  has(key: string): boolean {
    return this.rows.indexOfKey(key) !== -1;
  }

  forEach(callback: (value: string, key: string, set: ReadonlySet<string>) => void): void {
    for (const key of this) callback(key, key, this);
  }

  *keys(): SetIterator<string> {
    for (let i = 0; i < this.rows.length; i += 1) yield this.rows.keyAt(i);
  }

  values(): SetIterator<string> {
    return this.keys();
  }

  *entries(): SetIterator<[string, string]> {
    for (const key of this) yield [key, key];
  }

  [Symbol.iterator](): SetIterator<string> {
    return this.keys();
  }
}

/** Ctrl+A: every row shown (a filter limits it to what matches). */
export function selectAll(selection: RowSelection, rows: RowKeys): RowSelection {
  const first = rows.length > 0 ? rows.keyAt(0) : undefined;
  return { selected: new AllRows(rows), anchor: selection.anchor ?? first, focus: selection.focus ?? first };
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

/** Whether a selection holds every row of a view (Select all, or a range from the first row to the last). */
export const selectsAllOf = (selection: RowSelection, rows: RowKeys) => selection.selected instanceof AllRows && selection.selected.rows === rows;

/** The selected keys in the order shown. */
export function selectedInOrder(selection: RowSelection, rows: RowKeys): string[] {
  if (selection.selected.size === 0) return [];
  const keys: string[] = [];
  const all = selectsAllOf(selection, rows);
  for (let i = 0; i < rows.length; i += 1) {
    const key = rows.keyAt(i);
    if (all || selection.selected.has(key)) keys.push(key);
  }
  return keys;
}
