/**
 * Counts as Pail writes them everywhere, in the UI and in the main process's
 * messages: one fixed style, so "2,500 objects" reads the same on every
 * machine. Grouped by hand rather than with Intl: the first Intl number
 * format in a process loads ICU's locale data, which cost every CLI command
 * ~25 ms of start-up.
 */

/** A whole number with thousands separators: 2500 → "2,500". */
export function formatCount(value: number): string {
  const [whole, fraction] = String(value).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ? `.${fraction}` : ''}`;
}

/** A count with its noun: (1, "folder") → "1 folder", (2500, "object") → "2,500 objects". */
export function countOf(value: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(value)} ${value === 1 ? singular : pluralForm}`;
}
