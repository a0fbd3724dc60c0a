import { api } from '../api';
import { chosenPlace, nativeMenuItems, type NativeMenuItem } from '../common/native-menu-items';

/**
 * Shows a context menu natively (Electron); resolves with the place of the item
 * chosen (`[index]`, or `[index, subIndex]` in a submenu), undefined when dismissed or failed.
 */
export async function showNativeMenu(items: readonly NativeMenuItem[]): Promise<number[] | undefined> {
  const answer = await api.app.contextMenu({ items: nativeMenuItems(items) });
  return answer.ok && answer.data.chosen !== undefined ? chosenPlace(answer.data.chosen) : undefined;
}
