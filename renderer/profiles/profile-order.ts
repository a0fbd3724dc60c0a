/**
 * The order after moving one profile a step up (-1) or down (+1), or
 * undefined when it is already at that end (or not in the list).
 */
export function moveId(ids: readonly string[], id: string, delta: -1 | 1): string[] | undefined {
  const from = ids.indexOf(id);
  const to = from + delta;
  if (from === -1 || to < 0 || to >= ids.length) return undefined;
  const next = [...ids];
  [next[from], next[to]] = [next[to], next[from]];
  return next;
}
