/**
 * Pail's keyboard shortcuts: one table that the key handlers read and the
 * "Keyboard shortcuts" dialog lists, so the two cannot disagree. "Ctrl" means
 * Cmd on macOS.
 */

/** The commands the window runs, from a key or a menu item (the rest act on a pane's selection). */
export const WINDOW_COMMANDS = [
  'back',
  'forward',
  'up',
  'refresh',
  'focusAddress',
  'focusFilter',
  'focusSearch',
  'newFolder',
  'toggleVersions',
  'createBucket',
  'twoPanes',
  'help',
] as const;

export type WindowCommand = (typeof WINDOW_COMMANDS)[number];

/** What a window-level or pane-level shortcut does. */
export type ShortcutCommand = WindowCommand | 'selectAll' | 'copy' | 'cut' | 'paste' | 'delete' | 'rename' | 'download' | 'contextMenu' | 'copyUrl';

/**
 * Where a shortcut works: `window` anywhere but in a dialog (and, unless
 * `inText`, not while typing); `pane` only when focus is in a pane outside a text field.
 */
export type ShortcutScope = 'window' | 'pane';

/** One shortcut as the dialog lists it. */
export interface ShortcutInfo {
  keys: string[];
  does: string;
}

/** A key press, as much of it as matching needs. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

interface Binding {
  command: ShortcutCommand;
  scope: ShortcutScope;
  /** Also while typing in a text field. */
  inText?: boolean;
  key: string;
  mod?: boolean;
  alt?: boolean;
  shift?: boolean;
}

const BINDINGS: Binding[] = [
  { command: 'back', scope: 'window', key: 'ArrowLeft', alt: true },
  { command: 'forward', scope: 'window', key: 'ArrowRight', alt: true },
  { command: 'up', scope: 'window', key: 'ArrowUp', alt: true },
  { command: 'up', scope: 'pane', key: 'Backspace' },
  { command: 'refresh', scope: 'window', inText: true, key: 'F5' },
  { command: 'refresh', scope: 'window', inText: true, key: 'r', mod: true },
  { command: 'focusAddress', scope: 'window', inText: true, key: 'l', mod: true },
  { command: 'focusFilter', scope: 'window', inText: true, key: 'f', mod: true },
  { command: 'focusSearch', scope: 'window', inText: true, key: 'f', mod: true, shift: true },
  { command: 'newFolder', scope: 'window', key: 'n', mod: true, shift: true },
  { command: 'createBucket', scope: 'window', key: 'b', mod: true, shift: true },
  { command: 'twoPanes', scope: 'window', key: '\\', mod: true },
  { command: 'toggleVersions', scope: 'window', key: 'h', mod: true, shift: true },
  { command: 'help', scope: 'window', key: '?' },
  { command: 'selectAll', scope: 'pane', key: 'a', mod: true },
  { command: 'copy', scope: 'pane', key: 'c', mod: true },
  { command: 'cut', scope: 'pane', key: 'x', mod: true },
  { command: 'paste', scope: 'pane', key: 'v', mod: true },
  { command: 'delete', scope: 'pane', key: 'Delete' },
  { command: 'rename', scope: 'pane', key: 'F2' },
  { command: 'download', scope: 'pane', key: 's', mod: true, shift: true },
  { command: 'copyUrl', scope: 'pane', key: 'c', mod: true, shift: true },
  { command: 'contextMenu', scope: 'pane', key: 'F10', shift: true },
  { command: 'contextMenu', scope: 'pane', key: 'ContextMenu' },
];

/** The command a key press means in a scope, if any. `typing`: focus is in a text field. */
export function shortcutFor(press: KeyPress, scope: ShortcutScope, typing: boolean): ShortcutCommand | undefined {
  const mod = press.ctrlKey || press.metaKey;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  for (const binding of BINDINGS) {
    if (binding.scope !== scope || (typing && !binding.inText)) continue;
    if (binding.key !== key) continue;
    // "?" is Shift+/ on most layouts: its Shift does not count.
    const shiftMatters = binding.key !== '?';
    if (!!binding.mod !== mod || !!binding.alt !== press.altKey || (shiftMatters && !!binding.shift !== press.shiftKey)) continue;
    return binding.command;
  }
  return undefined;
}

/** Every shortcut in groups, as the "Keyboard shortcuts" dialog lists them. */
export const SHORTCUT_GROUPS: { title: string; shortcuts: ShortcutInfo[] }[] = [
  {
    title: 'Moving around',
    shortcuts: [
      { keys: ['Alt+←'], does: 'Back' },
      { keys: ['Alt+→'], does: 'Forward' },
      { keys: ['Alt+↑', 'Backspace'], does: 'Up one folder' },
      { keys: ['F5', 'Ctrl+R'], does: 'Refresh' },
      { keys: ['Ctrl+L'], does: 'Type an address (bucket/folder/)' },
      { keys: ['Enter'], does: 'Open the folder, or show the object’s details' },
      { keys: ['Ctrl+\\'], does: 'One pane or two panes' },
    ],
  },
  {
    title: 'Finding',
    shortcuts: [
      { keys: ['Ctrl+F'], does: 'Filter this folder' },
      { keys: ['Ctrl+Shift+F'], does: 'Search below this folder' },
      { keys: ['Escape'], does: 'Clear the search, then the selection' },
      { keys: ['Click a column header'], does: 'Sort by it (again: reverse)' },
    ],
  },
  {
    title: 'Selecting',
    shortcuts: [
      { keys: ['↑', '↓', 'Home', 'End', 'Page Up', 'Page Down'], does: 'Move and select' },
      { keys: ['Shift+↑', 'Shift+↓', 'Shift+click'], does: 'Select a range' },
      { keys: ['Ctrl+↑', 'Ctrl+↓'], does: 'Move without selecting' },
      { keys: ['Ctrl+Space', 'Ctrl+click'], does: 'Add or remove one row' },
      { keys: ['Ctrl+A'], does: 'Select all' },
    ],
  },
  {
    title: 'Acting',
    shortcuts: [
      { keys: ['Ctrl+Shift+N'], does: 'New folder' },
      { keys: ['F2'], does: 'Rename' },
      { keys: ['Ctrl+C', 'Ctrl+X', 'Ctrl+V'], does: 'Copy, cut, paste (into the open folder)' },
      { keys: ['Delete'], does: 'Delete' },
      { keys: ['Ctrl+Shift+S'], does: 'Download' },
      { keys: ['Ctrl+Shift+C'], does: 'Copy URL: a signed link for 1 hour (the public URL when the objects are public); the others in the row’s menu' },
      { keys: ['Shift+F10', 'Menu'], does: 'Open the row’s menu' },
      { keys: ['Ctrl+Shift+H'], does: 'Show versions' },
      { keys: ['Ctrl+Shift+B'], does: 'Create bucket' },
      { keys: ['?'], does: 'These shortcuts' },
    ],
  },
];

/** True when a key press is typing into a text field (where Delete, Ctrl+C, "?"… belong to the field). */
export function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element || !element.tagName) return false;
  if (element.isContentEditable || element.tagName === 'TEXTAREA' || element.tagName === 'SELECT') return true;
  return element.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit'].includes((element as HTMLInputElement).type);
}
