/**
 * Small UI choices kept in the page's localStorage (the theme, notes already
 * read). The app's page has a fixed origin, so they last across restarts;
 * where storage is unavailable a choice simply lasts until the window closes.
 */

const PREFIX = 'pail.';

/** The stored value of a preference, when there is one and `accept` takes it. */
export function readPref<T>(name: string, accept: (value: unknown) => value is T): T | undefined {
  try {
    const text = globalThis.localStorage?.getItem(PREFIX + name);
    if (text === null || text === undefined) return undefined;
    const value: unknown = JSON.parse(text);
    return accept(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Stores a preference (quietly kept in memory only when storage refuses). */
export function writePref(name: string, value: unknown): void {
  try {
    globalThis.localStorage?.setItem(PREFIX + name, JSON.stringify(value));
  } catch {
    // Private mode or a full quota: the choice still holds for this window.
  }
}
