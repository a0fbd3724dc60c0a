import { describe, expect, it } from 'vitest';
import type { ObjectEntry } from '../../shared/ipc/contract';
import { AllRows } from '../browser/row-selection';
import { createPaneStore } from './pane';
import { selectSelectionText } from './pane-selectors';

const object = (name: string): ObjectEntry => ({ kind: 'object', key: `f/${name}`, name, size: 1 });
const page = (...names: string[]) => ({ prefix: 'f/', folders: [], objects: names.map(object) });

describe('a refresh of a pane with every row selected', () => {
  const listed = (names: string[]) => {
    const pane = createPaneStore('left');
    const freshId = pane.getState().listingStarted(false);
    pane.getState().pagesArrived([page(...names)], { first: true, freshId, more: false, keepRows: false });
    return pane;
  };
  const refresh = (pane: ReturnType<typeof listed>, names: string[]) => {
    const freshId = pane.getState().listingStarted(true);
    pane.getState().pagesArrived([page(...names)], { first: true, freshId, more: false, keepRows: true });
  };

  it('keeps every row selected when the same rows come back', () => {
    const pane = listed(['a', 'b', 'c']);
    pane.getState().selectAllRows();
    refresh(pane, ['a', 'b', 'c']);
    expect(pane.getState().selection.selected).toBeInstanceOf(AllRows);
    expect(selectSelectionText(pane.getState())).toBe('3 selected');
  });

  it('drops the rows that went away, and does not select rows that came', () => {
    const pane = listed(['a', 'b', 'c']);
    pane.getState().selectAllRows();
    refresh(pane, ['a', 'c', 'd']);
    const { selected } = pane.getState().selection;
    expect([...selected].sort()).toEqual(['o:f/a', 'o:f/c']);
    expect(selectSelectionText(pane.getState())).toBe('2 selected');
  });
});
