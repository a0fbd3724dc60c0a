import { api } from '../api';

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

/**
 * Shows a context menu natively (Electron); resolves with the path of the item
 * chosen (`[index]`, or `[index, subIndex]` in a submenu), undefined when dismissed or failed.
 */
export async function showNativeMenu(items: readonly NativeMenuItem[]): Promise<number[] | undefined> {
  const answer = await api.app.contextMenu({
    items: items.map((item, index) => ({
      ...itemOf(item, String(index)),
      ...(item.submenu && { submenu: item.submenu.map((inner, at) => itemOf(inner, `${index}.${at}`)) }),
    })),
  });
  return answer.ok && answer.data.chosen !== undefined ? answer.data.chosen.split('.').map(Number) : undefined;
}
