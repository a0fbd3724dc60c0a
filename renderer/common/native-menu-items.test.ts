import { describe, expect, it } from 'vitest';
import { requestContract } from '../../shared/ipc/contract';
import { chosenPlace, itemAt, nativeMenuItems } from './native-menu-items';

describe('native menu items', () => {
  const menu = [
    { label: 'Info' },
    { label: 'Copy URL', submenu: [{ label: 'Public URL' }, { label: 'Signed, 1 hour', disabled: true }, { label: 'More…', separatorBefore: true }] },
    { label: 'Delete', separatorBefore: true },
  ];

  it('carries a submenu with ids by place, valid for the contract', () => {
    const items = nativeMenuItems(menu);
    expect(items[1]).toEqual({
      id: '1',
      label: 'Copy URL',
      enabled: true,
      separatorBefore: false,
      submenu: [
        { id: '1.0', label: 'Public URL', enabled: true, separatorBefore: false },
        { id: '1.1', label: 'Signed, 1 hour', enabled: false, separatorBefore: false },
        { id: '1.2', label: 'More…', enabled: true, separatorBefore: true },
      ],
    });
    expect(items[2]).toEqual({ id: '2', label: 'Delete', enabled: true, separatorBefore: true });
    expect(requestContract['app:contextMenu'].request.safeParse({ items }).success).toBe(true);
  });

  it('leads the chosen id back to its item', () => {
    expect(itemAt(menu, chosenPlace('1.2'))?.label).toBe('More…');
    expect(itemAt(menu, chosenPlace('2'))?.label).toBe('Delete');
    expect(itemAt(menu, chosenPlace('0.4'))).toBeUndefined();
  });
});
