// Figures for the listing benchmark's printout: medians, units, and a plain-text table.
import os from 'node:os';

/** The median of the numbers given (undefined ones skipped). */
export function median(values) {
  const sorted = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A sum of the numbers given. */
export const sum = (values) => values.reduce((a, b) => a + b, 0);

/** Milliseconds with thousands separators: 9812.4 → "9,812 ms"; "—" when unknown. */
export function ms(value) {
  return value === undefined ? '—' : `${Math.round(value).toLocaleString('en-US')} ms`;
}

/** Bytes in MB (10^6, as the target is written): 212e6 → "212 MB". */
export function mb(bytes) {
  return bytes === undefined ? '—' : `${(bytes / 1e6).toFixed(bytes < 10e6 ? 1 : 0)} MB`;
}

/** "a / b / c" of the runs' values, to show the spread beside a median. */
export function runs(values, format = (v) => Math.round(v).toLocaleString('en-US')) {
  return values.map((v) => (v === undefined ? '—' : format(v))).join(' / ');
}

/** Lays out rows of cells in columns; `align` holds 'l' or 'r' per column (default: first left, rest right). */
export function table(rows, { indent = '  ', gap = '   ', align = [] } = {}) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c] ?? '').length)));
  const left = (c) => (align[c] ?? (c === 0 ? 'l' : 'r')) === 'l';
  return rows
    .map(
      (r) =>
        indent +
        r
          .map((cell, c) => (left(c) ? String(cell ?? '').padEnd(widths[c]) : String(cell ?? '').padStart(widths[c])))
          .join(gap)
          .trimEnd(),
    )
    .join('\n');
}

/** The load averages (1, 5, 15 min), printed beside the figures: other work on the machine moves them. */
export function loadAverage() {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/** { sum, p50, p90 } of the numbers given (undefined quantiles for none). */
export function spread(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { sum: sum(sorted), p50: at(0.5), p90: at(0.9) };
}
