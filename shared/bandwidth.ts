import { z } from 'zod';
import { formatRate } from './sizes';
import { transferSelectionSchema } from './transfers';

/**
 * Bandwidth limits: bytes per second for all uploads and for all downloads
 * (null: no limit), and a limit of a batch or of single transfers, all
 * changeable while transfers run. The limits are shared by every part in
 * flight; see electron/services/transfers/engine/bandwidth.ts.
 */

/** The lowest limit taken: below it, a paused request would outwait a server's patience (a 64 KiB step every 4 s). */
export const MIN_RATE = 16 * 1024;
/** The highest limit taken (10 GiB/s): anything above is no limit. */
export const MAX_RATE = 10 * 1024 ** 3;

/** A limit in bytes per second, or null for none. */
export const rateLimitSchema = z.number().int().min(MIN_RATE).max(MAX_RATE).nullable();
export type RateLimit = z.output<typeof rateLimitSchema>;

/** The global limits: all uploads (imports included) together, all downloads together. */
export const bandwidthLimitsSchema = z.object({ upload: rateLimitSchema, download: rateLimitSchema }).strict();
export type BandwidthLimits = z.output<typeof bandwidthLimitsSchema>;

export const NO_LIMITS: BandwidthLimits = { upload: null, download: null };

/** `transfers:setBandwidth`: the global limits, either or both. */
export const setBandwidthRequestSchema = z.object({ upload: rateLimitSchema.optional(), download: rateLimitSchema.optional() }).strict();
export type SetBandwidthRequest = z.output<typeof setBandwidthRequestSchema>;

/** `transfers:setLimit`: a limit of its own for a batch (`batchId`) or for each of some transfers (`ids`). */
export const transferLimitRequestSchema = z
  .object({ selection: transferSelectionSchema, limit: rateLimitSchema })
  .strict()
  .refine((request) => request.selection.batchId !== undefined || request.selection.ids !== undefined, {
    message: 'Name a batch or transfers: the limit of all transfers together is set with transfers:setBandwidth.',
  });
export type TransferLimitRequest = z.output<typeof transferLimitRequestSchema>;

const UNIT_POWERS: Record<string, number> = { b: 0, k: 1, m: 2, g: 3, t: 4 };

/**
 * Reads a rate as rclone's `--bwlimit` writes it, which is what users paste:
 * a number with an optional binary suffix ("512K", "1.5M", "10MiB", "2 MB/s";
 * a bare number is KiB/s, as in rclone), or "off"/"0" for no limit. Written
 * here rather than with the `bytes` package, which reads "10MB" but not
 * rclone's bare "10M" nor its KiB default. Throws a sentence for anything else.
 */
export function parseRate(text: string): RateLimit {
  const trimmed = text.trim();
  if (/^(off|none|0)$/i.test(trimmed)) return null;
  const match = /^(\d+(?:\.\d+)?)\s*(?:([bkmgt])(?:i?b)?)?(?:\/s)?$/i.exec(trimmed);
  if (!match) throw new Error(`"${text}" is not a rate: write it like 512K, 1.5M or 10MiB (per second), or "off".`);
  const value = Number(match[1]) * 1024 ** UNIT_POWERS[(match[2] ?? 'k').toLowerCase()];
  const rate = Math.round(value);
  if (rate < MIN_RATE) throw new Error(`${text} is below the lowest limit, ${formatRate(MIN_RATE)}: a request paused longer may be given up by the server.`);
  if (rate > MAX_RATE) throw new Error(`${text} is above the highest limit, ${formatRate(MAX_RATE)}; write "off" for no limit.`);
  return rate;
}

/**
 * Reads `--bwlimit`: one rate for both ways ("1M"), or upload and download as
 * rclone writes them ("1M:10M"; an empty or "off" side is no limit).
 */
export function parseBandwidthLimits(text: string): BandwidthLimits {
  const sides = text.split(':');
  if (sides.length > 2) throw new Error(`"${text}" has more than two sides: write RATE, or UPLOAD:DOWNLOAD like 1M:10M.`);
  const side = (part: string) => (part.trim() === '' ? null : parseRate(part));
  if (sides.length === 1) {
    const rate = parseRate(sides[0]);
    return { upload: rate, download: rate };
  }
  return { upload: side(sides[0]), download: side(sides[1]) };
}

/** A limit as the UI and the CLI write it: "1 MiB/s", or "No limit". */
export function limitText(limit: RateLimit | undefined): string {
  return limit ? formatRate(limit) : 'No limit';
}

/** The global limits in a few words: "Up 1 MiB/s, down no limit"; "No speed limit" when neither is set. */
export function limitsText(limits: BandwidthLimits): string {
  if (!limits.upload && !limits.download) return 'No speed limit';
  const side = (limit: RateLimit) => (limit ? formatRate(limit) : 'no limit');
  return `Up ${side(limits.upload)}, down ${side(limits.download)}`;
}
