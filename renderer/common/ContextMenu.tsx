import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { showNativeMenu } from '../actions/native-menu';
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
  run(): void;
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
 * jump, Enter or Space runs an item, Escape or Tab or a click outside closes.
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
      if (chosen !== undefined) items[chosen]?.run();
    });
    // Shown once per mount, like the page's menu.
  }, []);
  return null;
}

function PageContextMenu({ label, x, y, items, onClose }: ContextMenuProps) {
  const menuRef = useRef<HTMLUListElement>(null);
  const openerRef = useRef<HTMLElement | null>(null);
  const [position, setPosition] = useState({ left: x, top: y });
  const [active, setActive] = useState(() =>
    Math.max(
      0,
      items.findIndex((item) => !item.disabled),
    ),
  );

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
      if (!menu.contains(event.target as Node)) onClose();
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
    menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[active]?.focus();
  }, [active]);

  const close = () => {
    if (openerRef.current?.isConnected) openerRef.current.focus();
    onClose();
  };

  const run = (item: ContextMenuItem | undefined) => {
    if (!item || item.disabled) return;
    close();
    item.run();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const last = items.length - 1;
    const moves: Record<string, () => void> = {
      ArrowDown: () => setActive((i) => (i >= last ? 0 : i + 1)),
      ArrowUp: () => setActive((i) => (i <= 0 ? last : i - 1)),
      Home: () => setActive(0),
      End: () => setActive(last),
      Escape: close,
      Enter: () => run(items[active]),
      ' ': () => run(items[active]),
    };
    if (event.key === 'Tab') {
      event.preventDefault();
      close();
      return;
    }
    const move = moves[event.key];
    // Keys stop here so the table and the window do not act on them too.
    event.stopPropagation();
    if (!move) return;
    event.preventDefault();
    move();
  };

  return createPortal(
    <ul
      ref={menuRef}
      className="menu context-menu"
      role="menu"
      aria-label={label}
      style={position}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => event.preventDefault()}
    >
      {items.map((item, index) => (
        <li
          key={item.label}
          role="menuitem"
          tabIndex={-1}
          aria-disabled={item.disabled || undefined}
          aria-keyshortcuts={item.shortcut}
          aria-description={item.description}
          title={item.description}
          className={['menu-item', item.danger && 'menu-item-danger', item.separatorBefore && 'menu-item-separated'].filter(Boolean).join(' ')}
          onClick={() => run(item)}
          onPointerMove={() => index !== active && setActive(index)}
        >
          <span>{item.label}</span>
          {item.shortcut && (
            <kbd className="menu-shortcut" aria-hidden="true">
              {item.shortcut}
            </kbd>
          )}
        </li>
      ))}
    </ul>,
    document.body,
  );
}
