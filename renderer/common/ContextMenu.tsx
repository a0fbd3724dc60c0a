import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { showNativeMenu } from '../actions/native-menu';
import { itemAt } from './native-menu-items';
import { useProfilesStore } from '../stores/profiles';

/** One item of a {@link ContextMenu}. */
export interface ContextMenuItem {
  label: string;
  disabled?: boolean;
  danger?: boolean;
  /** Shown at the right, e.g. "F2". */
  shortcut?: string;
  /** Draws a line above the item. */
  separatorBefore?: boolean;
  /** Why a disabled item is off, or what to know before choosing one (its accessible description and tooltip). */
  description?: string;
  /** Runs the item; an item with a submenu has none (it opens the submenu). */
  run?(): void;
  /** A submenu (one level): arrow right, Enter or hovering opens it, arrow left or Escape goes back. */
  submenu?: ContextMenuItem[];
}

/** Props of {@link ContextMenu}. */
export interface ContextMenuProps {
  /** The menu's accessible name, e.g. "Actions for photos". */
  label: string;
  /** Where it opens (viewport pixels): the pointer, or the focused row. */
  x: number;
  y: number;
  items: ContextMenuItem[];
  /** Asks the owner to close the menu; focus has already gone back to where it was. */
  onClose(): void;
}

/**
 * A context menu (role menu) at a point: it takes focus, arrows move, Home/End
 * jump, Enter or Space runs an item, Escape or Tab or a click outside closes;
 * an item may open a submenu (arrow right, Enter, hover; arrow left or Escape back).
 * Focus goes back to what had it (the row) before an item runs, so a dialog the
 * item opens returns focus there too.
 */
export function ContextMenu(props: ContextMenuProps) {
  const native = useProfilesStore((state) => state.appInfo?.shell.nativeMenus === true);
  return native ? <NativeContextMenu {...props} /> : <PageContextMenu {...props} />;
}

/** In Electron: the same items in the OS's own menu, at the pointer; the page runs the one chosen. */
function NativeContextMenu({ items, onClose }: ContextMenuProps) {
  useEffect(() => {
    void showNativeMenu(items).then((chosen) => {
      onClose();
      if (chosen) itemAt(items, chosen)?.run?.();
    });
    // Shown once per mount, like the page's menu.
  }, []);
  return null;
}

/** The menu's own rows: the items, a submenu's parent marked as opening one. */
function MenuItems({
  items,
  active,
  open,
  onRun,
  onHover,
}: {
  items: ContextMenuItem[];
  active: number;
  open?: number;
  onRun(index: number): void;
  onHover(index: number): void;
}) {
  return items.map((item, index) => (
    <li
      key={item.label}
      role="menuitem"
      tabIndex={-1}
      aria-disabled={item.disabled || undefined}
      aria-haspopup={item.submenu ? 'menu' : undefined}
      aria-expanded={item.submenu ? open === index : undefined}
      aria-keyshortcuts={item.shortcut}
      aria-description={item.description}
      title={item.description}
      className={['menu-item', item.danger && 'menu-item-danger', item.separatorBefore && 'menu-item-separated'].filter(Boolean).join(' ')}
      onClick={() => onRun(index)}
      onPointerMove={() => index !== active && onHover(index)}
    >
      <span>{item.label}</span>
      {item.shortcut && (
        <kbd className="menu-shortcut" aria-hidden="true">
          {item.shortcut}
        </kbd>
      )}
      {item.submenu && (
        <span className="menu-submenu-arrow" aria-hidden="true">
          ›
        </span>
      )}
    </li>
  ));
}

const firstEnabled = (items: ContextMenuItem[]) =>
  Math.max(
    0,
    items.findIndex((item) => !item.disabled),
  );

/** Arrow, Home and End moves in a list of `count` items, from index `at`. */
function moveFor(key: string, at: number, count: number): number | undefined {
  const last = count - 1;
  const moves: Record<string, number> = { ArrowDown: at >= last ? 0 : at + 1, ArrowUp: at <= 0 ? last : at - 1, Home: 0, End: last };
  return moves[key];
}

function PageContextMenu({ label, x, y, items, onClose }: ContextMenuProps) {
  const menuRef = useRef<HTMLUListElement>(null);
  const subRef = useRef<HTMLUListElement>(null);
  const openerRef = useRef<HTMLElement | null>(null);
  const [position, setPosition] = useState({ left: x, top: y });
  const [active, setActive] = useState(() => firstEnabled(items));
  // The open submenu: its parent's index, the item active in it, and where it shows.
  const [sub, setSub] = useState<{ index: number; active: number; left: number; top: number; focus: boolean }>();

  useLayoutEffect(() => {
    openerRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const menu = menuRef.current;
    if (!menu) return undefined;
    // Keep the whole menu on screen: open up or left when there is no room.
    const { width, height } = menu.getBoundingClientRect();
    setPosition({
      left: Math.max(4, Math.min(x, window.innerWidth - width - 4)),
      top: y + height > window.innerHeight - 4 ? Math.max(4, y - height) : y,
    });
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.contains(target) && !subRef.current?.contains(target)) onClose();
    };
    const onBlur = () => onClose();
    document.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('blur', onBlur);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('blur', onBlur);
    };
    // Opened once per mount.
  }, []);

  useLayoutEffect(() => {
    if (sub?.focus) subRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[sub.active]?.focus();
    else menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[active]?.focus();
  }, [active, sub]);

  // Keep the submenu on screen: to the left of its parent when there is no room on the right.
  useLayoutEffect(() => {
    const menu = subRef.current;
    if (!menu || !sub) return;
    const { width, height } = menu.getBoundingClientRect();
    const parent = menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[sub.index]?.getBoundingClientRect();
    if (!parent) return;
    const left = parent.right + width > window.innerWidth - 4 ? Math.max(4, parent.left - width) : parent.right;
    const top = Math.max(4, Math.min(parent.top - 4, window.innerHeight - height - 4));
    if (left !== sub.left || top !== sub.top) setSub({ ...sub, left, top });
  }, [sub]);

  const close = () => {
    if (openerRef.current?.isConnected) openerRef.current.focus();
    onClose();
  };

  const openSub = (index: number, focus: boolean) => {
    const submenu = items[index]?.submenu;
    if (!submenu || items[index].disabled) return;
    setActive(index);
    setSub({ index, active: firstEnabled(submenu), left: position.left, top: position.top, focus });
  };

  const run = (item: ContextMenuItem | undefined) => {
    if (!item || item.disabled || !item.run) return;
    close();
    item.run();
  };

  const runTop = (index: number) => {
    if (items[index]?.submenu) openSub(index, true);
    else run(items[index]);
  };

  const hoverTop = (index: number) => {
    setActive(index);
    if (items[index]?.submenu) openSub(index, false);
    else setSub(undefined);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    // Keys stop here so the table and the window do not act on them too.
    event.stopPropagation();
    if (event.key === 'Tab') {
      event.preventDefault();
      close();
      return;
    }
    const keys: Record<string, () => void> = {
      Escape: close,
      Enter: () => runTop(active),
      ' ': () => runTop(active),
      ArrowRight: () => openSub(active, true),
    };
    const move = moveFor(event.key, active, items.length);
    const act = move !== undefined ? () => (setSub(undefined), setActive(move)) : keys[event.key];
    if (!act) return;
    event.preventDefault();
    act();
  };

  const submenu = sub ? items[sub.index]?.submenu : undefined;
  const onSubKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    event.stopPropagation();
    if (!sub || !submenu) return;
    if (event.key === 'Tab') {
      event.preventDefault();
      close();
      return;
    }
    const back = () => setSub(undefined);
    const keys: Record<string, () => void> = {
      Escape: back,
      ArrowLeft: back,
      Enter: () => run(submenu[sub.active]),
      ' ': () => run(submenu[sub.active]),
    };
    const move = moveFor(event.key, sub.active, submenu.length);
    const act = move !== undefined ? () => setSub({ ...sub, active: move, focus: true }) : keys[event.key];
    if (!act) return;
    event.preventDefault();
    act();
  };

  return createPortal(
    <>
      <ul
        ref={menuRef}
        className="menu context-menu"
        role="menu"
        aria-label={label}
        style={position}
        onKeyDown={onKeyDown}
        onContextMenu={(event) => event.preventDefault()}
      >
        <MenuItems items={items} active={active} open={sub?.index} onRun={runTop} onHover={hoverTop} />
      </ul>
      {sub && submenu && (
        <ul
          ref={subRef}
          className="menu context-menu context-submenu"
          role="menu"
          aria-label={items[sub.index].label}
          style={{ left: sub.left, top: sub.top }}
          onKeyDown={onSubKeyDown}
          onContextMenu={(event) => event.preventDefault()}
        >
          <MenuItems
            items={submenu}
            active={sub.active}
            onRun={(index) => run(submenu[index])}
            onHover={(index) => index !== sub.active && setSub({ ...sub, active: index, focus: true })}
          />
        </ul>
      )}
    </>,
    document.body,
  );
}
