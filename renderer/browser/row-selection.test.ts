import { describe, expect, it } from 'vitest';
import { emptySelection, moveFocus, pruneSelection, rowKeysOfArray, selectAll, selectedInOrder, selectOnly, selectRange, toggleRow } from './row-selection';

const shown = ['a', 'b', 'c', 'd', 'e'];
const rows = rowKeysOfArray(shown);
const keys = (selection: { selected: ReadonlySet<string> }) => [...selection.selected].sort();

describe('row selection', () => {
  it('a click selects only that row and anchors there', () => {
    expect(selectOnly('c')).toEqual({ selected: new Set(['c']), anchor: 'c', focus: 'c' });
  });

  it('Shift extends from the anchor, both ways, replacing the last range', () => {
    const start = selectOnly('b');
    expect(keys(selectRange(start, rows, 'd'))).toEqual(['b', 'c', 'd']);
    const back = selectRange(selectRange(start, rows, 'd'), rows, 'a');
    expect(keys(back)).toEqual(['a', 'b']);
    expect(back.anchor).toBe('b');
    expect(back.focus).toBe('a');
  });

  it('Ctrl+Shift adds the range to what is selected', () => {
    const some = toggleRow(selectOnly('a'), 'd');
    expect(keys(selectRange(some, rows, 'e', true))).toEqual(['a', 'd', 'e']);
  });

  it('a range without an anchor in view starts at the row', () => {
    expect(keys(selectRange({ selected: new Set(), anchor: 'gone' }, rows, 'c'))).toEqual(['c']);
    expect(selectRange(emptySelection, rows, 'missing')).toBe(emptySelection);
  });

  it('Ctrl toggles a row in and out and moves the anchor', () => {
    const two = toggleRow(selectOnly('a'), 'c');
    expect(keys(two)).toEqual(['a', 'c']);
    expect(two.anchor).toBe('c');
    expect(keys(toggleRow(two, 'a'))).toEqual(['c']);
  });

  it('Ctrl+A selects every row shown; Ctrl+arrow moves focus only', () => {
    expect(keys(selectAll(emptySelection, rows))).toEqual(shown);
    const moved = moveFocus(selectOnly('a'), 'c');
    expect(keys(moved)).toEqual(['a']);
    expect(moved.focus).toBe('c');
  });

  it('drops rows that are gone after a refresh, and keeps the same object when none are', () => {
    const selection = toggleRow(selectOnly('a'), 'z');
    const pruned = pruneSelection(selection, (key) => key !== 'z');
    expect(keys(pruned)).toEqual(['a']);
    expect(pruned.focus).toBeUndefined();
    const kept = selectOnly('a');
    expect(pruneSelection(kept, () => true)).toBe(kept);
  });

  it('lists the selected keys in the order shown', () => {
    expect(selectedInOrder(toggleRow(selectOnly('e'), 'b'), rows)).toEqual(['b', 'e']);
  });
});
