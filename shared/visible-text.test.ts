import { describe, expect, it } from 'vitest';
import { controlCharactersIn, controlsVisible, hasHiddenCharacters, visibleText } from './visible-text';

describe('visible text', () => {
  it('shows C0 controls and DEL as Unicode control pictures, as rclone does', () => {
    expect(visibleText('a\x1b[31mred')).toBe('a␛[31mred');
    expect(visibleText('line\nforged\r\tx\x7f\x01\x00')).toBe('line␊forged␍␉x␡␁␀');
    // No raw control byte is left, whatever the input.
    const all = Array.from({ length: 0xa0 }, (_, i) => String.fromCharCode(i)).join('');
    // eslint-disable-next-line no-control-regex -- checking that none is left.
    expect(visibleText(all)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it('keeps ordinary names, unicode and punctuation as they are', () => {
    for (const name of ['photos/2024/a b.jpg', 'ünï 文.txt', '+%#?.txt', '../x', '😀']) {
      expect(visibleText(name)).toBe(name);
      expect(hasHiddenCharacters(name)).toBe(false);
    }
  });

  it('keeps a real control picture apart from an escaped control character', () => {
    expect(visibleText('a␛')).toBe('a‛␛');
    expect(visibleText('a\x1b')).toBe('a␛');
    expect(visibleText('a␛')).not.toBe(visibleText('a\x1b'));
  });

  it('shows C1 controls, line separators and bidi overrides by code point', () => {
    expect(visibleText('x\u009b31m')).toBe('x⟨U+009B⟩31m');
    expect(visibleText('evil\u202Etxt.exe')).toBe('evil⟨U+202E⟩txt.exe');
    expect(visibleText('a\u2028b')).toBe('a⟨U+2028⟩b');
    expect(hasHiddenCharacters('a\u2028b')).toBe(true);
    expect(hasHiddenCharacters('a\x1b')).toBe(true);
  });

  it('names the control characters a key holds', () => {
    expect(controlCharactersIn('a\x1bb\nc\x1b\x01')).toEqual(['ESC (U+001B)', 'LF (U+000A)', 'U+0001']);
    expect(controlCharactersIn('plain')).toEqual([]);
  });
});

describe('controls made visible after the fact', () => {
  it('escapes raw controls only, so text already made visible is not quoted twice', () => {
    expect(controlsVisible(visibleText('a\x1b␛'))).toBe('a␛‛␛');
    expect(controlsVisible('x\x1b[2Jy\x9b')).toBe('x␛[2Jy⟨U+009B⟩');
  });
});
