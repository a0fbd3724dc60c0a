/** A place a pane can show: a profile's bucket list (no bucket), or one folder of one bucket. */
export interface PaneLocation {
  profileId: string;
  bucket?: string;
  /** "" for the bucket root, otherwise ending in "/". */
  prefix: string;
}

/** Where Back and Forward lead: the places before the current one, and those left by going back. */
export interface NavHistory {
  back: readonly PaneLocation[];
  forward: readonly PaneLocation[];
}

/** No history yet. */
export const emptyHistory: NavHistory = Object.freeze({ back: [], forward: [] });

/** Back keeps at most this many places. */
export const HISTORY_LIMIT = 100;

/** True when two locations are the same place. */
export function sameLocation(a: PaneLocation | undefined, b: PaneLocation | undefined): boolean {
  return !!a && !!b && a.profileId === b.profileId && a.bucket === b.bucket && a.prefix === b.prefix;
}

/** Going somewhere new: the current place joins Back, Forward is forgotten (as in a browser). */
export function pushLocation(history: NavHistory, current: PaneLocation | undefined, next: PaneLocation): NavHistory {
  if (!current || sameLocation(current, next)) return history;
  return { back: [...history.back, current].slice(-HISTORY_LIMIT), forward: [] };
}

/** Back: the place to go and the history after it, or undefined when there is none. */
export function goBack(history: NavHistory, current: PaneLocation): { location: PaneLocation; history: NavHistory } | undefined {
  const location = history.back.at(-1);
  if (!location) return undefined;
  return { location, history: { back: history.back.slice(0, -1), forward: [current, ...history.forward] } };
}

/** Forward: the place to go and the history after it, or undefined when there is none. */
export function goForward(history: NavHistory, current: PaneLocation): { location: PaneLocation; history: NavHistory } | undefined {
  const [location, ...rest] = history.forward;
  if (!location) return undefined;
  return { location, history: { back: [...history.back, current].slice(-HISTORY_LIMIT), forward: rest } };
}

/** Drops every place in a bucket (it was deleted) or of a profile (when bucket is undefined). */
export function forgetPlaces(history: NavHistory, profileId: string, bucket?: string): NavHistory {
  const keep = (l: PaneLocation) => l.profileId !== profileId || (bucket !== undefined && l.bucket !== bucket);
  return { back: history.back.filter(keep), forward: history.forward.filter(keep) };
}
