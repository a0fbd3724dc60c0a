/**
 * How numbers, sizes and dates read in the UI. Counts use one fixed style so
 * the status line reads the same on every machine ("2,500 objects", shared
 * with the main process's messages); dates use the user's own locale because
 * that is how people read their clock.
 */

export { countOf, formatCount } from '../shared/counts';

const SIZE_UNITS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/**
 * A byte count in binary units: 512 → "512 B", 1536 → "1.5 KiB",
 * 5 * 1024 ** 3 → "5 GiB". One decimal below 100 units, none above.
 */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // Rounding 1023.96 KiB up would print "1024 KiB"; move to the next unit instead.
  if (Math.round(value) >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = value < 100 ? 1 : 0;
  const text = value.toFixed(digits).replace(/\.0$/, '');
  return `${text} ${SIZE_UNITS[unit]}`;
}

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
