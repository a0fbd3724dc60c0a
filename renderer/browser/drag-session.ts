import type { EntrySet } from './clipboard-plan';
import type { PaneId } from '../stores/pane-state';

/** The rows being dragged: from which pane, as a set of keys and folders, and their row keys. */
export interface DragSession {
  paneId: PaneId;
  entries: EntrySet;
  rowKeys: ReadonlySet<string>;
}

// The browser lets a drop target read the dragged data only on drop; the
// targets need it while hovering (to refuse a folder onto itself), so it is kept here.
let current: DragSession | undefined;

/** Starts (or with undefined, ends) a drag of rows. */
export function setDragSession(session: DragSession | undefined): void {
  current = session;
}

/** The drag of rows under way, if any. */
export const dragSession = (): DragSession | undefined => current;

/** The data type rows are dragged as (other drags, like files, are not ours). */
export const ROWS_DRAG_TYPE = 'application/x-pail-rows';
