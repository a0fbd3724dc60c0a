import { paneStores } from '../stores/browser';
import { useInspectorStore, type InspectTarget } from '../stores/inspector';
import type { Entry } from '../stores/listing';
import type { FocusMode } from '../stores/pane-selection';
import { selectSingleEntry } from '../stores/pane-selectors';
import type { PaneId } from '../stores/pane-state';

/**
 * Selecting rows in a pane, and keeping the inspector on the one object
 * selected: the pane store changes the selection, these follow it into the inspector.
 */

const paneOf = (paneId: PaneId) => paneStores[paneId].getState();

/** What the inspector shows for a row of the pane: an object or one version of it (not a folder or a delete marker). */
function targetOf(paneId: PaneId, entry: Entry | undefined): InspectTarget | undefined {
  const { profileId, bucket } = paneOf(paneId);
  if (!entry || entry.kind === 'folder' || !profileId || !bucket) return undefined;
  if (entry.kind === 'version') return entry.isDeleteMarker ? undefined : { profileId, bucket, key: entry.key, versionId: entry.versionId };
  return { profileId, bucket, key: entry.key };
}

// One object selected (by click, arrow or range) is what the inspector shows.
function inspectSelection(paneId: PaneId): void {
  const target = targetOf(paneId, selectSingleEntry(paneOf(paneId)));
  if (!target) return;
  const shown = useInspectorStore.getState().target;
  const same =
    shown && shown.profileId === target.profileId && shown.bucket === target.bucket && shown.key === target.key && shown.versionId === target.versionId;
  if (!same) useInspectorStore.getState().inspect(target);
}

/** A click: plain selects only this row, Shift extends from the anchor, Ctrl/Cmd toggles. */
export function clickRow(paneId: PaneId, key: string, modifiers: { shift: boolean; toggle: boolean }): void {
  paneOf(paneId).clickRow(key, modifiers);
  inspectSelection(paneId);
}

/** An arrow key (or Home, End, Page Up/Down) arrived on this row. */
export function focusRow(paneId: PaneId, key: string, mode: FocusMode): void {
  paneOf(paneId).focusRow(key, mode);
  if (mode !== 'move') inspectSelection(paneId);
}

/** Ctrl+Space: flips the row in or out of the selection. */
export function toggleRow(paneId: PaneId, key: string): void {
  paneOf(paneId).toggleRow(key);
  inspectSelection(paneId);
}

/** Ctrl+A: every row shown. */
export function selectAllRows(paneId: PaneId): void {
  paneOf(paneId).selectAllRows();
  inspectSelection(paneId);
}

/** Right-click or drag on a row: keep the selection if it holds the row, else select only it. */
export function ensureSelected(paneId: PaneId, key: string): void {
  const had = paneOf(paneId).selection.selected.has(key);
  paneOf(paneId).ensureSelected(key);
  if (!had) inspectSelection(paneId);
}

/** Shows an object (or one version of it) in the inspector panel, opening the panel. */
export function inspectEntry(paneId: PaneId, entry: Entry): void {
  const target = targetOf(paneId, entry);
  if (!target) return;
  const inspector = useInspectorStore.getState();
  inspector.setOpen(true);
  inspector.inspect(target);
}

/**
 * Escape, or a click on the table's empty space: nothing selected, and the inspector shows the bucket again
 * where it showed one of this pane's objects (the bucket's own settings are what is left to look at).
 */
export function clearSelection(paneId: PaneId): void {
  paneOf(paneId).clearSelection();
  const { profileId, bucket } = paneOf(paneId);
  const shown = useInspectorStore.getState().target;
  if (shown && shown.profileId === profileId && shown.bucket === bucket) useInspectorStore.getState().inspect(undefined);
}
