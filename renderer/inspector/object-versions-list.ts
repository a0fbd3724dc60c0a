import type { VersionEntry, VersionPage } from '../../shared/versions';

/**
 * Where to start listing one key's versions. The versions service leaves out
 * an entry whose key equals the prefix it lists (that is a folder's own marker
 * when it lists a folder), so listing with the full key as the prefix would
 * drop exactly the key wanted. Instead: the key without its last character as
 * the prefix, and a key marker just before the key, so the listing starts at
 * the key's first version even in a big folder (a one-letter name's prefix is
 * the whole folder).
 */
export function versionListStart(key: string): { prefix: string; keyMarker?: string } {
  const chars = Array.from(key);
  const last = chars.pop();
  const prefix = chars.join('');
  if (last === undefined) return { prefix };
  const code = last.codePointAt(0)!;
  // The code point just below the last one; S3 lists keys in UTF-8 byte order,
  // which is code point order. Control characters and surrogates are not sent.
  let before = code - 1;
  if (before >= 0xd800 && before <= 0xdfff) before = 0xd7ff;
  if (before <= 0x20) return { prefix };
  return { prefix, keyMarker: prefix + String.fromCodePoint(before) };
}

/** UTF-8 byte order, as S3 sorts keys (JavaScript compares UTF-16 units, which differs above U+FFFF). */
function compareKeys(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    const diff = left[i]!.codePointAt(0)! - right[i]!.codePointAt(0)!;
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}

/**
 * Whether a listing has gone past a key: it listed a later key or folder, so
 * the key has no more versions on later pages.
 */
export function listedPast(page: Pick<VersionPage, 'versions' | 'folders'>, key: string): boolean {
  return page.versions.some((v) => compareKeys(v.key, key) > 0) || page.folders.some((f) => compareKeys(f.prefix, key) > 0);
}

/**
 * The versions and delete markers of exactly one key, newest first. Entries
 * with the same time (two writes in one second) keep the server's order, except
 * that the latest comes first.
 */
export function versionsOfKey(entries: VersionEntry[], key: string): VersionEntry[] {
  const seen = new Set<string>();
  const mine = entries.filter((entry) => {
    if (entry.key !== key || seen.has(entry.versionId)) return false;
    seen.add(entry.versionId);
    return true;
  });
  const time = (entry: VersionEntry) => (entry.lastModified ? Date.parse(entry.lastModified) : 0) || 0;
  return mine
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => time(b.entry) - time(a.entry) || Number(b.entry.isLatest) - Number(a.entry.isLatest) || a.index - b.index)
    .map(({ entry }) => entry);
}

const labelFormat = new Map<string, Intl.DateTimeFormat>();

function secondsFormat(locale: string | undefined, timeZone: string | undefined): Intl.DateTimeFormat {
  const cacheKey = `${locale ?? ''}|${timeZone ?? ''}`;
  let format = labelFormat.get(cacheKey);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone });
    labelFormat.set(cacheKey, format);
  }
  return format;
}

/** How a version reads: its time to the second, and the label that names it in buttons. */
export interface VersionLabel {
  /** "Mar 4, 2025, 2:05:09 PM". */
  time: string;
  /** The time, plus the start of the version id when another version reads alike. */
  label: string;
}

/**
 * What names each version in its buttons ("Restore version from Mar 4, 2025,
 * 2:05:09 PM"): its time to the second. Two versions written in the same
 * second would read alike, so those add the start of their version id.
 * `locale` and `timeZone` are for tests.
 */
export function versionLabels(entries: VersionEntry[], locale?: string, timeZone?: string): Map<string, VersionLabel> {
  const times = entries.map((entry) => {
    const date = entry.lastModified ? new Date(entry.lastModified) : undefined;
    return date && !Number.isNaN(date.getTime()) ? secondsFormat(locale, timeZone).format(date) : 'an unknown time';
  });
  const counts = new Map<string, number>();
  for (const time of times) counts.set(time, (counts.get(time) ?? 0) + 1);
  return new Map(
    entries.map((entry, index) => {
      const time = times[index]!;
      return [entry.versionId, { time, label: counts.get(time)! > 1 ? `${time} (version ${entry.versionId.slice(0, 8)})` : time }];
    }),
  );
}
