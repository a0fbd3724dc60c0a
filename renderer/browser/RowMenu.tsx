import { shownName } from './ObjectRow';
import { useClipboardStore } from '../stores/clipboard';
import { objectAclBlock } from '../actions/access';
import { ACCESS_COMMANDS, commandAvailability, COMMAND_LABELS, runCommand, type PaneCommand } from '../actions/commands';
import { selectSingleEntry } from '../stores/pane-selectors';
import { formatCount } from '../common/format';
import { ContextMenu, type ContextMenuItem } from '../common/ContextMenu';
import { copyUrlItems } from './copy-url-items';
import { paneOf, usePaneId } from './pane-context';

const SHORTCUTS: Partial<Record<PaneCommand, string>> = {
  open: 'Enter',
  info: 'Enter',
  download: 'Ctrl+Shift+S',
  rename: 'F2',
  copy: 'Ctrl+C',
  cut: 'Ctrl+X',
  paste: 'Ctrl+V',
  delete: 'Delete',
  newFolder: 'Ctrl+Shift+N',
};

/** Props of {@link RowMenu}. */
export interface RowMenuProps {
  x: number;
  y: number;
  onClose(): void;
}

/**
 * The menu of the selected rows (right-click, Shift+F10 or the Menu key):
 * the same commands as the toolbar, the versions ones in versions mode, and
 * New folder and Paste on the empty space of a folder.
 */
export function RowMenu({ x, y, onClose }: RowMenuProps) {
  const paneId = usePaneId();
  const pane = paneOf(paneId);
  const available = commandAvailability(pane, !!useClipboardStore.getState().clip);
  const count = pane.selection.selected.size;
  const single = selectSingleEntry(pane);

  let commands: (PaneCommand | '-')[];
  if (pane.versionsMode) commands = single?.kind === 'folder' ? ['open'] : ['downloadVersion', 'restoreVersion', 'deleteVersion', '-', 'info'];
  else if (count === 0) commands = ['newFolder', 'importUrl', 'paste', '-', 'compareFolder', 'synchronize'];
  else
    commands = [
      single?.kind === 'folder' ? 'open' : 'info',
      'download',
      'copyUrl',
      'share',
      '-',
      'makePublic',
      'makePrivate',
      'storageClass',
      ...(single?.kind === 'folder' ? (['-', 'compareFolder', 'synchronize'] as const) : []),
      '-',
      'rename',
      'copy',
      'cut',
      'paste',
      '-',
      'delete',
    ];
  if (!pane.versionsMode && count > 0 && !pane.search) commands.push('-', 'newFolder');

  const aclOff = objectAclBlock(pane.profileId, pane.bucket);
  const items: ContextMenuItem[] = [];
  let separate = false;
  for (const command of commands) {
    if (command === '-') {
      separate = items.length > 0;
      continue;
    }
    const blocked = !!aclOff && ACCESS_COMMANDS.includes(command);
    items.push({
      label: COMMAND_LABELS[command],
      disabled: !available[command] || blocked,
      description: blocked ? `${aclOff.message} ${aclOff.hint}` : undefined,
      danger: command === 'delete' || command === 'deleteVersion',
      shortcut: SHORTCUTS[command],
      separatorBefore: separate,
      ...(command === 'copyUrl' && available.copyUrl ? { submenu: copyUrlItems(paneId) } : { run: () => runCommand(paneId, command) }),
    });
    separate = false;
  }

  const label = count === 0 ? 'Folder actions' : single ? `Actions for ${shownName(single)}` : `Actions for ${formatCount(count)} items`;
  return <ContextMenu label={label} x={x} y={y} items={items} onClose={onClose} />;
}
