// Issue 19's targets for the scale benchmark, and the small pieces its report is written with:
// verdicts, growth factors between sizes, and medians of the runs that succeeded.
import { median } from '../bench/report.mjs';

/** What Pail must reach at every size measured (the issue states them for the largest). */
export const TARGETS = {
  /** `pail cp --recursive` of a folder of 4 KiB files, up or down: the CLI's peak resident memory. */
  transferPeakBytes: 150e6,
  /** The biggest folder's upload: Pail's time ÷ rclone's (rclone tuned as bench:sync tunes it) below this. */
  uploadRcloneRatio: 1,
  /** Listing in the app: from the double-click to the first rows painted. */
  firstRowsMs: 150,
  /** Listing in the app: the whole listing painted, against raw SDK paging of the same prefix. */
  wholeRatio: 1.05,
  /** The page's renderer process: its peak resident memory (VmHWM) through the listing, sort and filter. */
  rendererPeakBytes: 400e6,
  /** The renderer's memory the listing adds, per row beyond the first page. */
  bytesPerRow: 300,
  /** A click on a column header or a key typed in the filter box, to the first row changed, painted. */
  sortMs: 200,
  filterMs: 200,
};

/** The rows of S3's first page (MaxKeys 1000, what Pail asks): the fixed share of a listing. */
export const FIRST_PAGE_ROWS = 1000;

/** "PASS" or "FAIL"; "" when there is no figure to judge. */
export function verdict(value, ok) {
  if (value === undefined || Number.isNaN(value)) return '';
  return ok(value) ? 'PASS' : 'FAIL';
}

/** A figure and its verdict in one cell: "62 ms PASS". */
export function judged(value, format, ok) {
  return value === undefined ? '—' : `${format(value)} ${verdict(value, ok)}`;
}

/** How many times `now` is `before`: "×9.8"; "—" when either is unknown. */
export function growth(before, now) {
  if (before === undefined || now === undefined || before <= 0) return '—';
  return `×${(now / before).toFixed(now / before < 10 ? 2 : 1)}`;
}

/** The median of `pick(run)` over the runs that succeeded (all of them when runs carry no `ok`). */
export function medianOf(runs, pick) {
  return median(runs.filter((run) => run.ok !== false).map(pick));
}

/** 1234567 → "1,234,567". */
export const count = (n) => n.toLocaleString('en-US');

/** Seconds with two decimals: 4213 ms → "4.21 s". */
export const seconds = (ms) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`);
