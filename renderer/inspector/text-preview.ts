import { formatSize } from '../common/format';

/** How many CSV rows the preview shows (the header row included). */
export const CSV_PREVIEW_ROWS = 100;

/** The first rows of a CSV text, and whether there were more. */
export interface CsvRows {
  rows: string[][];
  /** True when the text held more rows than were taken (or ended mid-row because it was cut). */
  more: boolean;
}

/**
 * Parses the first rows of CSV (RFC 4180: quoted fields may hold the delimiter,
 * quotes doubled, and line breaks; CRLF or LF between rows). When the text was
 * cut (`truncated`), its last row may be half a row, so it is dropped.
 */
export function parseCsvRows(text: string, options: { delimiter?: string; maxRows?: number; truncated?: boolean } = {}): CsvRows {
  const delimiter = options.delimiter ?? ',';
  const maxRows = options.maxRows ?? CSV_PREVIEW_ROWS;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark is not part of the first name

  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };

  while (i < text.length && rows.length <= maxRows) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
      i += 1;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === delimiter) {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      endRow();
      if (char === '\r' && text[i + 1] === '\n') i += 1;
    } else field += char;
    i += 1;
  }
  const unfinished = field !== '' || row.length > 0;
  if (unfinished && rows.length <= maxRows) {
    if (options.truncated) return { rows: rows.slice(0, maxRows), more: true };
    endRow();
  }
  return { rows: rows.slice(0, maxRows), more: rows.length > maxRows || !!options.truncated };
}

/** JSON for the preview: pretty-printed with two spaces when it parses, otherwise as it came. */
export function prettyJson(text: string): { text: string; pretty: boolean } {
  try {
    return { text: JSON.stringify(JSON.parse(text), null, 2), pretty: true };
  } catch {
    return { text, pretty: false };
  }
}

/** "Showing the first 1 MiB of 12 MiB" for a preview that read only the start of an object. */
export function truncationNote(shownBytes: number, totalBytes: number): string {
  return `Showing the first ${formatSize(shownBytes)} of ${formatSize(totalBytes)}`;
}
