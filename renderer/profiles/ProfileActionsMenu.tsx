import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

/** One entry of the actions menu. */
export interface MenuAction {
  label: string;
  /** Shown but not usable (e.g. "Move up" on the first profile). */
  disabled?: boolean;
  /** Marks an action that destroys something. */
  danger?: boolean;
  run(): void;
}

/** Props of {@link ProfileActionsMenu}. */
export interface ProfileActionsMenuProps {
  profileName: string;
  /** The menu button's id, so focus can come back to it after the list changes. */
  buttonId: string;
  actions: MenuAction[];
}

/**
 * The "…" button beside a profile and the menu it opens (the WAI-ARIA menu
 * button pattern): arrows move, Home/End jump, Enter runs, Escape or Tab closes,
 * a click outside closes.
 */
export function ProfileActionsMenu({ profileName, buttonId, actions }: ProfileActionsMenuProps) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    const items = menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]');
    items?.[active]?.focus();
    return undefined;
  }, [open, active]);

  useEffect(() => {
    if (!open) return undefined;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  const runAction = (action: MenuAction) => {
    if (action.disabled) return;
    close(true);
    action.run();
  };

  const openAt = (index: number) => {
    setActive(index);
    setOpen(true);
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const last = actions.length - 1;
    const moves: Record<string, () => void> = {
      ArrowDown: () => setActive((i) => (i >= last ? 0 : i + 1)),
      ArrowUp: () => setActive((i) => (i <= 0 ? last : i - 1)),
      Home: () => setActive(0),
      End: () => setActive(last),
      Escape: () => close(true),
      Enter: () => runAction(actions[active]),
      ' ': () => runAction(actions[active]),
    };
    if (event.key === 'Tab') {
      close(false);
      return;
    }
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    event.stopPropagation();
    move();
  };

  return (
    <div className="menu-anchor">
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        className="icon-button"
        aria-label={`Actions for ${profileName}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            openAt(event.key === 'ArrowDown' ? 0 : actions.length - 1);
          }
        }}
      >
        <span className="dots" aria-hidden="true" />
      </button>
      {open && (
        <ul ref={menuRef} id={menuId} className="menu" role="menu" aria-label={`Actions for ${profileName}`} onKeyDown={onMenuKeyDown}>
          {actions.map((action, index) => (
            <li
              key={action.label}
              role="menuitem"
              tabIndex={-1}
              aria-disabled={action.disabled || undefined}
              className={action.danger ? 'menu-item menu-item-danger' : 'menu-item'}
              onClick={() => runAction(action)}
              onPointerMove={() => !action.disabled && index !== active && setActive(index)}
            >
              {action.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
