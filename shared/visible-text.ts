/**
 * Keys, names and server texts as Pail shows them, in the CLI and in the UI.
 * S3 keys may hold any character, and a terminal acts on some of them: ESC
 * starts a sequence that recolours or rewrites the screen, LF and CR forge
 * whole lines. So every key a person reads goes through `visibleText`, which
 * follows rclone's display encoding (lib/encoder, "Display" = "Standard"):
 * each C0 control character becomes its Unicode control picture (U+0000 →
 * "␀" … U+001F → "␟", so ESC is "␛" and LF "␊") and DEL becomes "␡"; a name
 * that already holds such a picture gets rclone's quote mark "‛" before it,
 * so "a␛" (shown "a‛␛") and "a<ESC>" (shown "a␛") stay apart. rclone stops
 * there; Pail also shows the characters that are invisible or act on the
 * display beyond C0 as "⟨U+XXXX⟩": C1 controls (U+0080–U+009F, where U+009B
 * is a one-character ESC "["), the line and paragraph separators, and the
 * bidirectional overrides and isolates that make a name read backwards.
 */

// eslint-disable-next-line no-control-regex -- control characters are exactly what is matched.
const CONTROL = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- as above, with what else is invisible or acts on the display.
const SPECIAL = /[\u0000-\u001f\u007f\u0080-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u2400-\u2421]/g;
/** rclone's quote mark, put before a control picture that was in the name already. */
const QUOTE = '\u201b';

/** True when `text` holds a character `visibleText` would change. */
export function hasHiddenCharacters(text: string): boolean {
  SPECIAL.lastIndex = 0;
  return SPECIAL.test(text);
}

/** `text` with every control or display-changing character made visible (see the file comment). */
export function visibleText(text: string): string {
  return text.replace(SPECIAL, (char) => {
    const code = char.charCodeAt(0);
    if (code <= 0x1f) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    if (code >= 0x2400 && code <= 0x2421) return QUOTE + char;
    return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
  });
}

// eslint-disable-next-line no-control-regex -- as above: the raw control characters alone.
const RAW_CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Only the raw control characters of `text` made visible, as `visibleText`
 * shows them, without quoting pictures already there: for a filter that runs
 * after `visibleText` (the CLI's streams), so nothing is escaped twice.
 */
export function controlsVisible(text: string): string {
  return text.replace(RAW_CONTROLS, (char) => visibleText(char));
}

/**
 * The control characters in `text`, each once, as "ESC (U+001B)": for a
 * place that must say exactly what a key holds (the inspector).
 */
export function controlCharactersIn(text: string): string[] {
  const names: Record<number, string> = { 0: 'NUL', 7: 'BEL', 8: 'BS', 9: 'TAB', 10: 'LF', 11: 'VT', 12: 'FF', 13: 'CR', 27: 'ESC', 127: 'DEL' };
  const found = new Set<string>();
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (!CONTROL.test(char) && !(code >= 0x80 && code <= 0x9f)) continue;
    const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    found.add(names[code] ? `${names[code]} (${hex})` : hex);
  }
  return [...found];
}
