import { z } from 'zod';
import { profileIdSchema } from './profile';
import { bucketNameSchema } from './s3-names';

/** The methods a CORS rule may allow (S3's list). */
export const CORS_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'] as const;
export type CorsMethod = (typeof CORS_METHODS)[number];

/** S3 holds at most this many CORS rules per bucket. */
export const CORS_RULES_MAX = 100;

/**
 * An origin as S3 matches it: "*", or a scheme and host (and port) with no path, where one "*"
 * may stand for part of it ("https://*.example.com").
 */
export function isCorsOrigin(value: string): boolean {
  if (value === '*') return true;
  if ((value.match(/\*/g) ?? []).length > 1) return false;
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]+$/i.test(value);
}

const originSchema = z
  .string()
  .trim()
  .min(1, 'An origin cannot be empty.')
  .max(1024)
  .refine(isCorsOrigin, {
    error: (issue) =>
      `"${String(issue.input)}" is not an origin: write "*" or a scheme and host with no path, like https://example.com (one "*" may stand for part of it: https://*.example.com).`,
  });

/** A header name, or "*" (CORS rules match request headers by name, one "*" allowed as a wildcard). */
const headerSchema = z
  .string()
  .trim()
  .min(1, 'A header name cannot be empty.')
  .max(1024)
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'A header name has letters, digits and - only (or "*").');

/** One CORS rule: which web pages (origins) may send which requests to the bucket, and what they may read back. */
export const corsRuleSchema = z.object({
  id: z.string().trim().max(255).optional(),
  allowedOrigins: z.array(originSchema).min(1, 'Name at least one origin (or "*" for any site).').max(100),
  allowedMethods: z.array(z.enum(CORS_METHODS)).min(1, 'Allow at least one method.').max(CORS_METHODS.length),
  allowedHeaders: z.array(headerSchema).max(100).default([]),
  exposeHeaders: z.array(headerSchema).max(100).default([]),
  maxAgeSeconds: z.number().int().min(0).max(2_147_483_647).optional(),
});
export type CorsRule = z.output<typeof corsRuleSchema>;

export const corsRulesSchema = z.array(corsRuleSchema).max(CORS_RULES_MAX, `A bucket holds at most ${CORS_RULES_MAX} CORS rules.`);

export const bucketCorsRequestSchema = z.object({ profileId: profileIdSchema, bucket: bucketNameSchema });
/** Replaces the bucket's CORS rules; an empty list removes its CORS configuration. */
export const setBucketCorsRequestSchema = bucketCorsRequestSchema.extend({ rules: corsRulesSchema });

/** A bucket's CORS rules (none: browsers on other sites may not call it). */
export interface BucketCors {
  rules: CorsRule[];
}

/** The ready-made rules the editor and `pail cors set --preset` offer. */
export const CORS_PRESETS = {
  /** A web app on `origin` uploads with presigned PUT (or POST) and reads back what it stored. */
  'browser-uploads': (origin: string): CorsRule => ({
    allowedOrigins: [origin],
    allowedMethods: ['GET', 'PUT', 'POST', 'HEAD'],
    allowedHeaders: ['*'],
    exposeHeaders: ['ETag'],
    maxAgeSeconds: 3000,
  }),
  /** Any site may read objects (fonts, images, data a page fetches). */
  'read-anywhere': (): CorsRule => ({
    allowedOrigins: ['*'],
    allowedMethods: ['GET', 'HEAD'],
    allowedHeaders: [],
    exposeHeaders: ['ETag', 'Content-Length', 'Content-Type', 'Last-Modified'],
    maxAgeSeconds: 3000,
  }),
} as const;
export type CorsPresetName = keyof typeof CORS_PRESETS;

/** "A, B and C". */
function listInWords(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** "50 minutes", "1 hour", "45 seconds". */
function durationInWords(seconds: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (seconds % 86_400 === 0 && seconds >= 86_400) return unit(seconds / 86_400, 'day');
  if (seconds % 3600 === 0 && seconds >= 3600) return unit(seconds / 3600, 'hour');
  if (seconds % 60 === 0 && seconds >= 60) return unit(seconds / 60, 'minute');
  return unit(seconds, 'second');
}

/**
 * A rule as a sentence: "Web pages on https://example.com may send GET, PUT, POST and HEAD
 * requests with any headers, and read the ETag header. Browsers may remember this for 50 minutes."
 */
export function corsRuleInWords(rule: CorsRule): string {
  const anySite = rule.allowedOrigins.includes('*');
  const who = anySite ? 'Web pages on any site' : `Web pages on ${listInWords(rule.allowedOrigins)}`;
  const headers = rule.allowedHeaders.includes('*')
    ? ' with any headers'
    : rule.allowedHeaders.length
      ? ` with the header${rule.allowedHeaders.length === 1 ? '' : 's'} ${listInWords(rule.allowedHeaders)}`
      : '';
  const read = rule.exposeHeaders.length ? `, and read the ${listInWords(rule.exposeHeaders)} header${rule.exposeHeaders.length === 1 ? '' : 's'}` : '';
  const cache = rule.maxAgeSeconds !== undefined ? ` Browsers may remember this for ${durationInWords(rule.maxAgeSeconds)}.` : '';
  return `${who} may send ${listInWords(rule.allowedMethods)} requests${headers}${read}.${cache}`;
}
