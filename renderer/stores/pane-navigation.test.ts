import { describe, expect, it } from 'vitest';
import type { ObjectEntry } from '../../shared/ipc/contract';
import { AllRows } from '../browser/row-selection';
import { emptyListing, listingLength, mergePage } from './listing';
import { createPaneStore } from './pane';
import { selectSelectionText } from './pane-selectors';

const object = (name: string): ObjectEntry => ({ kind: 'object', key: `f/${name}`, name, size: 1 });
const page = (...names: string[]) => ({ prefix: 'f/', folders: [], objects: names.map(object) });

describe('a refresh of a pane with every row selected', () => {
  const listed = (names: string[]) => {
    const pane = createPaneStore('left');
    const freshId = pane.getState().listingStarted(false);
    pane.getState().rowsArrived(mergePage(emptyListing, page(...names)), { first: true, freshId, more: false, keepRows: false });
    return pane;
  };
  const refresh = (pane: ReturnType<typeof listed>, names: string[]) => {
    const freshId = pane.getState().listingStarted(true);
    pane.getState().rowsArrived(mergePage(emptyListing, page(...names)), { first: true, freshId, more: false, keepRows: true });
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

describe('rows arriving while the table changes', () => {
  it('keeps a folder added between two bursts of rows, and shows every row that came', () => {
    const pane = createPaneStore('left');
    pane.setState({ prefix: 'f/' });
    const freshId = pane.getState().listingStarted(false);
    let rows = mergePage(emptyListing, page('a', 'b'));
    pane.getState().rowsArrived(rows, { first: true, freshId, more: true, keepRows: false });
    const shown = rows;
    // The user makes a folder while the listing goes on; the next pages join the listing's own rows.
    pane.getState().addFolder({ kind: 'folder', prefix: 'f/new/', name: 'new' });
    rows = mergePage(rows, page('c'));
    rows = mergePage(rows, { prefix: 'f/', folders: [{ kind: 'folder', prefix: 'f/sub/', name: 'sub' }], objects: [object('d')] });
    pane.getState().rowsArrived(rows, { first: false, freshId, more: false, keepRows: false, since: shown });
    const { listing } = pane.getState();
    expect(listingLength(listing)).toBe(6);
    expect(Array.from({ length: listing.folderCount }, (_, i) => listing.folders!.entryAt(i).name).sort()).toEqual(['new', 'sub']);
    expect(Array.from({ length: listing.objectCount }, (_, i) => listing.objects!.entryAt(i).name)).toEqual(['a', 'b', 'c', 'd']);
  });
});
