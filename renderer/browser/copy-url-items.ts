import { copyUrlMenu, copyUrls } from '../actions/copy-url';
import type { ContextMenuItem } from '../common/ContextMenu';
import { MORE_ID } from '../links/copy-url';
import type { PaneId } from '../stores/pane-state';

/** The key that copies the default link (the entry it stands for shows it). */
export const COPY_URL_SHORTCUT = 'Ctrl+Shift+C';

/** The Copy URL entries as menu items (the row menu's submenu, the toolbar's menu): each copies at once, "More…" opens the link dialog. */
export function copyUrlItems(paneId: PaneId): ContextMenuItem[] {
  const { entries, defaultId } = copyUrlMenu(paneId);
  return entries.map((entry) => ({
    label: entry.label,
    disabled: entry.disabled,
    description: entry.description,
    shortcut: entry.id === defaultId ? COPY_URL_SHORTCUT : undefined,
    separatorBefore: entry.id === MORE_ID,
    run: () => void copyUrls(paneId, entry.id),
  }));
}
