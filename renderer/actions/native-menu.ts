import { api } from '../api';

/** An item as the native menu shows it. */
export interface NativeMenuItem {
  label: string;
  disabled?: boolean;
  separatorBefore?: boolean;
}

/** Shows a context menu natively (Electron); resolves with the index of the item chosen, undefined when dismissed or failed. */
export async function showNativeMenu(items: readonly NativeMenuItem[]): Promise<number | undefined> {
  const answer = await api.app.contextMenu({
    items: items.map((item, index) => ({ id: String(index), label: item.label, enabled: !item.disabled, separatorBefore: !!item.separatorBefore })),
  });
  return answer.ok && answer.data.chosen !== undefined ? Number(answer.data.chosen) : undefined;
}
