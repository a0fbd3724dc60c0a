/**
 * How numbers, sizes and dates read in the UI. Counts use one fixed style so
 * the status line reads the same on every machine ("2,500 objects", shared
 * with the main process's messages); dates use the user's own locale because
 * that is how people read their clock.
 */

export { countOf, formatCount } from '../../shared/counts';
export { formatSize } from '../../shared/sizes';

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string | undefined, timeZone: string | undefined): Intl.DateTimeFormat {
  const cacheKey = `${locale ?? ''}|${timeZone ?? ''}`;
  let format = dateFormats.get(cacheKey);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
    dateFormats.set(cacheKey, format);
  }
  return format;
}

/**
 * Makes the user's date format while the page is idle. Its first use costs
 * 17–85 ms here (ICU loads the locale's patterns): paid on the first folder of
 * objects shown, it delayed that folder's first rows by as much.
 */
export function prepareDateFormat(): void {
  const make = () => void dateFormat(undefined, undefined);
  if (typeof requestIdleCallback === 'function') requestIdleCallback(make, { timeout: 2_000 });
  else setTimeout(make, 0);
}

/**
 * An ISO timestamp in the user's locale and time zone ("Mar 4, 2025, 2:05 PM"),
 * or "—" when there is none. `locale` and `timeZone` are for tests.
 */
export function formatDate(iso: string | undefined, locale?: string, timeZone?: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return dateFormat(locale, timeZone).format(date);
}

/** The host (and port) of an endpoint URL, for a compact label; the input itself if it is not a URL. */
export function endpointHost(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

/**
 * How long ago an ISO timestamp was, in the user's words ("5 minutes ago", "yesterday", "3 days
 * ago", "2 months ago"); "—" when there is none. `now` and `locale` are for tests.
 */
export function formatAge(iso: string | undefined, now = Date.now(), locale?: string): string {
  const at = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(at)) return '—';
  let format = relativeFormats.get(locale ?? '');
  if (!format) relativeFormats.set(locale ?? '', (format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })));
  const seconds = Math.round((at - now) / 1000);
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['second', 60],
    ['minute', 60],
    ['hour', 24],
    ['day', 30],
    ['month', 12],
  ];
  let value = seconds;
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size) return format.format(value, unit);
    value = Math.round(value / size);
  }
  return format.format(value, 'year');
}

/** An ISO time as a `datetime-local` input shows it, in local time ("2026-12-01T19:00"). */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
