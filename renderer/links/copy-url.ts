import { countOf, formatCount } from '../../shared/counts';
import { MAX_PRESIGN_SECONDS } from '../../shared/sharing';
import { notPublicNotice } from './link-words';

/**
 * The Copy URL menu (row menu, toolbar, Ctrl+Shift+C): which links it offers,
 * how a lifetime capped by temporary credentials reads, what the notice after
 * a copy says, and the CSV and JSON forms of a selection's links.
 */

/** What one entry of the menu copies: the public URLs, or signed links for some seconds. */
export type CopyUrlChoice = { kind: 'public' } | { kind: 'signed'; seconds: number; valid: string };

/** One entry of the Copy URL menu. "More…" has no choice: it opens the link dialog. */
export interface CopyUrlEntry {
  id: string;
  label: string;
  choice?: CopyUrlChoice;
  disabled?: boolean;
  /** Why it is off, or what to know (its tooltip and accessible description). */
  description?: string;
}

/** The signed lifetimes the menu offers, shortest first. */
export const SIGNED_LIFETIMES = [
  { words: '1 hour', seconds: 3600 },
  { words: '24 hours', seconds: 24 * 3600 },
  { words: '7 days', seconds: MAX_PRESIGN_SECONDS },
] as const;

/** The id of the entry Ctrl+Shift+C copies when the objects are not known to be public. */
export const DEFAULT_SIGNED_ID = 'signed-3600';

/** The menu's entry ids. */
export const PUBLIC_ID = 'public';
export const MORE_ID = 'more';

/** How the moment credentials expire reads in a label: "14:05" today, "Tue 14:05" another day. `locale`/`timeZone` are for tests. */
export function clockTime(at: Date, now: Date, locale?: string, timeZone?: string): string {
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone }).format(at);
  if (day(at) === day(now)) return time;
  return `${new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone }).format(at)} ${time}`;
}

/** What the menu needs to know: when the profile's temporary credentials expire (ISO), if they do. */
export interface CopyUrlContext {
  credentialsExpireAt?: string;
  now: number;
  /** How a moment reads in a label (tests pin the locale and zone). */
  formatTime?: (at: Date, now: Date) => string;
}

/**
 * The entries: Public URL, Signed 1 hour / 24 hours / 7 days, More…. A lifetime
 * the credentials do not outlive reads "Signed, until 14:05 (credentials
 * expire)" (once: the longer ones would be the same link); with expired
 * credentials the signed entries are off, saying why.
 */
export function copyUrlEntries({ credentialsExpireAt, now, formatTime = clockTime }: CopyUrlContext): CopyUrlEntry[] {
  const entries: CopyUrlEntry[] = [{ id: PUBLIC_ID, label: 'Public URL', choice: { kind: 'public' } }];
  const ends = credentialsExpireAt ? Date.parse(credentialsExpireAt) : Number.NaN;
  const left = Number.isNaN(ends) ? Infinity : Math.floor((ends - now) / 1000);
  for (const { words, seconds } of SIGNED_LIFETIMES) {
    const id = `signed-${seconds}`;
    if (left < 1) {
      const at = formatTime(new Date(ends), new Date(now));
      entries.push({
        id,
        label: `Signed, ${words}`,
        disabled: true,
        description: `The profile’s temporary credentials expired at ${at}: paste new ones into the profile to sign links.`,
      });
      continue;
    }
    if (left >= seconds) {
      entries.push({ id, label: `Signed, ${words}`, choice: { kind: 'signed', seconds, valid: words } });
      continue;
    }
    const until = `until ${formatTime(new Date(ends), new Date(now))} (credentials expire)`;
    entries.push({
      id,
      label: `Signed, ${until}`,
      choice: { kind: 'signed', seconds, valid: until },
      description: `A link signed with temporary credentials stops working when they expire.`,
    });
    break;
  }
  entries.push({ id: MORE_ID, label: 'More…' });
  return entries;
}

/** The entry Ctrl+Shift+C copies: the public URL when every object is known public, else a signed link for 1 hour. */
export function defaultCopyUrlId(allKnownPublic: boolean): string {
  return allKnownPublic ? PUBLIC_ID : DEFAULT_SIGNED_ID;
}

/** What was copied, for the notice after a copy. */
export interface CopiedFacts {
  choice: CopyUrlChoice;
  count: number;
  /** Of the objects, how many are known not to be public (public URLs only). */
  notPublic: number;
  /** Folders in the selection, skipped: a link names one object. */
  skippedFolders: number;
}

/** "Copied 3 signed links, valid 24 hours." / "Copied the public URL. This object is not public: …" */
export function copiedNotice({ choice, count, notPublic, skippedFolders }: CopiedFacts): string {
  const skipped = skippedFolders > 0 ? ` ${countOf(skippedFolders, 'folder')} skipped: links are for objects.` : '';
  if (choice.kind === 'signed') {
    const what = count === 1 ? 'the signed link' : `${formatCount(count)} signed links`;
    return `Copied ${what}, valid ${choice.valid}.${skipped}`;
  }
  const what = count === 1 ? 'the public URL' : `${formatCount(count)} public URLs`;
  const warning = notPublic > 0 ? ` ${notPublicNotice(notPublic, count)}` : '';
  return `Copied ${what}.${warning}${skipped}`;
}

/** One object's link, as the CSV and JSON forms list it. */
export interface LinkRow {
  key: string;
  url: string;
  /** When a signed link stops working (ISO); absent for public URLs. */
  expires?: string;
}

// RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled.
const csvField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The links as CSV: a `key,url[,expires]` header, then one line per object (CRLF, as RFC 4180 has it). */
export function linksAsCsv(rows: readonly LinkRow[]): string {
  const withExpiry = rows.some((row) => row.expires !== undefined);
  const header = withExpiry ? ['key', 'url', 'expires'] : ['key', 'url'];
  const lines = rows.map((row) => [row.key, row.url, ...(withExpiry ? [row.expires ?? ''] : [])].map(csvField).join(','));
  return [header.join(','), ...lines].join('\r\n');
}

/** The links as a JSON array of `{ key, url, expires? }`, indented for reading. */
export function linksAsJson(rows: readonly LinkRow[]): string {
  return JSON.stringify(
    rows.map(({ key, url, expires }) => ({ key, url, ...(expires !== undefined && { expires }) })),
    null,
    2,
  );
}
