import { describe, expect, it } from 'vitest';
import { shortcutFor, SHORTCUT_GROUPS, type KeyPress } from './shortcuts';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('shortcutFor', () => {
  it('maps window keys, with Ctrl or Cmd alike', () => {
    expect(shortcutFor(press('ArrowLeft', { altKey: true }), 'window', false)).toBe('back');
    expect(shortcutFor(press('F5'), 'window', false)).toBe('refresh');
    expect(shortcutFor(press('r', { ctrlKey: true }), 'window', false)).toBe('refresh');
    expect(shortcutFor(press('R', { metaKey: true }), 'window', false)).toBe('refresh');
    expect(shortcutFor(press('F', { ctrlKey: true, shiftKey: true }), 'window', false)).toBe('focusSearch');
    expect(shortcutFor(press('f', { ctrlKey: true }), 'window', false)).toBe('focusFilter');
  });

  it('leaves typing alone, except for refresh and focusing the boxes', () => {
    expect(shortcutFor(press('?', { shiftKey: true }), 'window', false)).toBe('help');
    expect(shortcutFor(press('?', { shiftKey: true }), 'window', true)).toBeUndefined();
    expect(shortcutFor(press('F5'), 'window', true)).toBe('refresh');
    expect(shortcutFor(press('Backspace'), 'pane', true)).toBeUndefined();
  });

  it('maps pane keys only in the pane scope, and needs the exact modifiers', () => {
    expect(shortcutFor(press('Delete'), 'pane', false)).toBe('delete');
    expect(shortcutFor(press('Delete'), 'window', false)).toBeUndefined();
    expect(shortcutFor(press('c', { ctrlKey: true }), 'pane', false)).toBe('copy');
    // Ctrl+Shift+C is Copy URL (Shift gives "C"), and Ctrl+Alt+C is nothing.
    expect(shortcutFor(press('C', { ctrlKey: true, shiftKey: true }), 'pane', false)).toBe('copyUrl');
    expect(shortcutFor(press('C', { ctrlKey: true, shiftKey: true }), 'pane', true)).toBeUndefined();
    expect(shortcutFor(press('c', { ctrlKey: true, altKey: true }), 'pane', false)).toBeUndefined();
    expect(shortcutFor(press('F10', { shiftKey: true }), 'pane', false)).toBe('contextMenu');
    expect(shortcutFor(press('Backspace'), 'pane', false)).toBe('up');
  });

  it('lists every group with its shortcuts for the dialog', () => {
    expect(SHORTCUT_GROUPS.map((g) => g.title)).toEqual(['Moving around', 'Finding', 'Selecting', 'Acting']);
    expect(SHORTCUT_GROUPS.flatMap((g) => g.shortcuts).every((s) => s.keys.length > 0 && s.does)).toBe(true);
  });
});
