import { parseRate, type RateLimit } from '../../shared/bandwidth';

/** What a speed limit dialog sets: the limits of all transfers, or a batch's or one transfer's own. */
export type SpeedLimitTarget = { scope: 'all' } | { scope: 'batch'; batchId: string } | { scope: 'transfer'; transferId: string };

/** The units a limit is typed in. */
export const RATE_UNITS = ['KiB/s', 'MiB/s'] as const;
export type RateUnit = (typeof RATE_UNITS)[number];

/** One limit as the dialog edits it: on or off, an amount and its unit. */
export interface LimitDraft {
  on: boolean;
  amount: string;
  unit: RateUnit;
}

/** The draft for a limit in force (none: off, with 1 MiB/s ready to switch on). */
export function draftOf(limit: RateLimit | undefined): LimitDraft {
  if (!limit) return { on: false, amount: '1', unit: 'MiB/s' };
  const tenths = (limit / (1024 * 1024)) * 10;
  // 1.1 MiB/s is 1,153,434 bytes (rounded when read): within a byte of a tenth of a MiB counts as one.
  if (limit >= 1024 * 1024 && Math.abs(tenths - Math.round(tenths)) * 104_857.6 < 1)
    return { on: true, amount: String(Math.round(tenths) / 10), unit: 'MiB/s' };
  return { on: true, amount: String(Math.round(limit / 1024)), unit: 'KiB/s' };
}

/** The limit a draft says (null: off), or what is wrong with it, in words (the CLI's own). */
export function limitOfDraft(draft: LimitDraft): { limit: RateLimit } | { problem: string } {
  if (!draft.on) return { limit: null };
  const amount = draft.amount.trim();
  if (!/^\d+(\.\d+)?$/.test(amount) || Number(amount) === 0) return { problem: 'Write the limit as a number above 0, like 512 or 1.5.' };
  try {
    return { limit: parseRate(`${amount}${draft.unit === 'MiB/s' ? 'M' : 'K'}`) };
  } catch (error) {
    return { problem: (error as Error).message.replace(/^\S+ /, `${amount} ${draft.unit} `) };
  }
}
