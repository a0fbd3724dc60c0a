/**
 * Sizes as Pail writes them, in the UI and in the main process's messages:
 * binary units, named as such (KiB, MiB…).
 */

const SIZE_UNITS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** How many decimals a size shows: one below `oneDecimalBelow` units, none from there; `keepZero` keeps "1.0". */
export interface SizeStyle {
  oneDecimalBelow: number;
  keepZero: boolean;
}

/** The UI's sizes: "15.5 MiB", "5 GiB". */
const READING: SizeStyle = { oneDecimalBelow: 100, keepZero: false };
/** The CLI's columns: narrow and steady, "1.0 KiB", "9.5 MiB", "16 MiB". */
export const COLUMN: SizeStyle = { oneDecimalBelow: 10, keepZero: true };

/**
 * A byte count in binary units: 512 → "512 B", 1536 → "1.5 KiB",
 * 5 * 1024 ** 3 → "5 GiB". One decimal below 100 units, none above (or as `style` says).
 */
export function formatSize(bytes: number, style: SizeStyle = READING): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  // A byte count can be a fraction (a rate, an average): bytes are shown whole, "456 B", never "455.788… B".
  if (Math.round(bytes) < 1024) return `${Math.round(bytes)} B`;
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
  const digits = value < style.oneDecimalBelow ? 1 : 0;
  const text = style.keepZero ? value.toFixed(digits) : value.toFixed(digits).replace(/\.0$/, '');
  return `${text} ${SIZE_UNITS[unit]}`;
}

/** Bytes per second: "456 B/s" (whole bytes below 1 KiB/s), "5.1 MiB/s"; a negative rate reads "0 B/s". */
export function formatRate(bytesPerSecond: number, style: SizeStyle = READING): string {
  return `${formatSize(Math.max(0, bytesPerSecond), style)}/s`;
}
