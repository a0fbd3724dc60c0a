/**
 * The bookkeeping of loading ACLs lazily: which of the keys in view still need
 * asking, in batches the server takes, and what a toggle makes stale.
 */

/** The most keys one `s3:objectAccess` request takes. */
export const ACCESS_BATCH = 500;

/**
 * The keys wanted that are not known (or known but stale) and not being asked
 * for, in order, without repeats (folders, ending in "/", never).
 */
export function keysToFetch(
  wanted: Iterable<string>,
  known: Readonly<Record<string, unknown>>,
  inFlight: ReadonlySet<string>,
  stale: ReadonlySet<string> = new Set(),
): string[] {
  const out = new Set<string>();
  for (const key of wanted) {
    if (!key || key.endsWith('/') || (key in known && !stale.has(key)) || inFlight.has(key)) continue;
    out.add(key);
  }
  return [...out];
}

/** Splits a list into runs of at most `size`. */
export function batches<T>(items: readonly T[], size = ACCESS_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Whether a key is one of `keys` or lies below one of `prefixes`. */
export function isTouched(key: string, keys: ReadonlySet<string>, prefixes: readonly string[]): boolean {
  return keys.has(key) || prefixes.some((prefix) => key.startsWith(prefix));
}

/** The known keys a change to `keys` and everything below `prefixes` made stale. */
export function touchedKeys(states: Readonly<Record<string, unknown>>, keys: readonly string[], prefixes: readonly string[]): string[] {
  const keySet = new Set(keys);
  return Object.keys(states).filter((key) => isTouched(key, keySet, prefixes));
}

/** The states without those a change to `keys` and everything below `prefixes` made stale (the same object when none are). */
export function withoutTouched<T>(states: Readonly<Record<string, T>>, keys: readonly string[], prefixes: readonly string[]): Record<string, T> {
  const stale = touchedKeys(states, keys, prefixes);
  if (stale.length === 0) return states as Record<string, T>;
  const next = { ...states };
  for (const key of stale) delete next[key];
  return next;
}
