import { countOf } from '../../shared/counts';
import { EXPIRY_PRESETS, presignExpiryProblem } from '../../shared/sharing';

/**
 * The expiry of a presigned link: a preset or a number and a unit, and how the
 * moment it stops working reads.
 */

/** The units of a custom expiry. */
export const EXPIRY_UNITS = [
  { value: 'minutes', label: 'minutes', seconds: 60 },
  { value: 'hours', label: 'hours', seconds: 3600 },
  { value: 'days', label: 'days', seconds: 24 * 3600 },
] as const;
export type ExpiryUnit = (typeof EXPIRY_UNITS)[number]['value'];

/** The expiry as the form holds it: a preset's seconds, or "custom" with its number and unit. */
export interface ExpiryChoice {
  preset: number | 'custom';
  amount: string;
  unit: ExpiryUnit;
}

/** The expiry a new link form starts with: 1 hour. */
export const DEFAULT_EXPIRY: ExpiryChoice = { preset: EXPIRY_PRESETS[1].seconds, amount: '2', unit: 'hours' };

/**
 * The seconds a choice asks for, or what is wrong with a custom one, in words
 * that name the limit in the unit typed: the shared rule of every signed link
 * (`presignExpiryProblem`), so the field says so as it is typed and no request goes out.
 */
export function expirySeconds(choice: ExpiryChoice): { ok: true; seconds: number } | { ok: false; problem: string } {
  if (choice.preset !== 'custom') return { ok: true, seconds: choice.preset };
  const text = choice.amount.trim();
  if (!/^\d+$/.test(text)) return { ok: false, problem: 'Enter a whole number, like 2.' };
  const unit = EXPIRY_UNITS.find((u) => u.value === choice.unit) ?? EXPIRY_UNITS[0];
  const seconds = Number(text) * unit.seconds;
  const problem = presignExpiryProblem(seconds, unit);
  return problem ? { ok: false, problem } : { ok: true, seconds };
}

/** "in 1 hour", "in 7 days", "in 15 minutes", "in 2 days and 3 hours"; "already" when past. */
export function timeUntil(ms: number): string {
  if (ms <= 0) return 'already passed';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'in less than a minute';
  const plural = (n: number, word: string) => countOf(n, word);
  if (minutes < 60) return `in ${plural(minutes, 'minute')}`;
  const hours = Math.floor(minutes / 60);
  const restMinutes = minutes % 60;
  if (hours < 24) return `in ${plural(hours, 'hour')}${restMinutes ? ` and ${plural(restMinutes, 'minute')}` : ''}`;
  const days = Math.floor(hours / 24);
  const restHours = hours % 24;
  return `in ${plural(days, 'day')}${restHours ? ` and ${plural(restHours, 'hour')}` : ''}`;
}

/**
 * The exact moment a link stops working, in the user's locale and time zone
 * (with the zone's name, to the second). `locale` and `timeZone` are for tests.
 */
export function formatExpiry(iso: string, locale?: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'long', timeZone }).format(date);
}
