import type { ContextMenuRequest } from '../../shared/ipc/contract';

/**
 * A page menu's items as the native menu request carries them: each item's id
 * is its place (`"3"`, or `"3.1"` in item 3's submenu), so the answer leads
 * back to the item to run.
 */

/** An item as the native menu shows it. */
export interface NativeMenuItem {
  label: string;
  disabled?: boolean;
  separatorBefore?: boolean;
  /** One level of submenu. */
  submenu?: readonly Omit<NativeMenuItem, 'submenu'>[];
}

const itemOf = (item: Omit<NativeMenuItem, 'submenu'>, id: string) => ({
  id,
  label: item.label,
  enabled: !item.disabled,
  separatorBefore: !!item.separatorBefore,
});

/** The `app:contextMenu` items for a menu, ids by place. */
export function nativeMenuItems(items: readonly NativeMenuItem[]): ContextMenuRequest['items'] {
  return items.map((item, index) => ({
    ...itemOf(item, String(index)),
    ...(item.submenu && { submenu: item.submenu.map((inner, at) => itemOf(inner, `${index}.${at}`)) }),
  }));
}

/** The place of the item chosen (`[index]` or `[index, subIndex]`), from its id. */
export const chosenPlace = (id: string): number[] => id.split('.').map(Number);

/** The item at a place in a menu with one level of submenus. */
export function itemAt<T extends { submenu?: readonly T[] }>(items: readonly T[], [top, inner]: readonly number[]): T | undefined {
  return inner === undefined ? items[top] : items[top]?.submenu?.[inner];
}
