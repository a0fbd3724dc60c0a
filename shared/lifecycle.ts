import { z } from 'zod';
import { profileIdSchema } from './profile';
import { bucketNameSchema, prefixSchema } from './s3-names';

/** S3 holds at most this many lifecycle rules per bucket. */
export const LIFECYCLE_RULES_MAX = 1000;

const days = z.number().int().min(1, 'Give a number of days from 1.').max(36_500, 'Give at most 36,500 days (100 years).');

/**
 * One lifecycle rule as Pail edits it: which objects (a prefix, and tags they all carry), and
 * what happens to them after a number of days. A rule using settings Pail does not edit (a fixed
 * date, size filters, transitions of older versions…) comes with `locked` naming them and
 * `original`, the server's rule as JSON: it is shown, kept as it is, and can only be removed.
 */
export const lifecycleRuleSchema = z.object({
  id: z.string().trim().min(1, 'Name the rule.').max(255, 'A rule name has at most 255 characters.'),
  enabled: z.boolean(),
  prefix: prefixSchema.default(''),
  tags: z
    .array(z.object({ key: z.string().min(1, 'A tag needs a name.').max(128), value: z.string().max(256) }))
    .max(10, 'A rule matches at most 10 tags.')
    .default([]),
  /** Objects (their current versions) expire this many days after they were written. */
  expireDays: days.optional(),
  /** Older (noncurrent) versions are deleted this many days after they were replaced. */
  expireNoncurrentDays: days.optional(),
  /** Unfinished multipart uploads are aborted this many days after they started. */
  abortIncompleteDays: days.optional(),
  /** Objects move to another storage class after a number of days. */
  transitions: z
    .array(z.object({ days: z.number().int().min(0).max(36_500), storageClass: z.string().trim().min(1, 'Name the storage class.').max(64) }))
    .max(10)
    .default([]),
  locked: z.array(z.string().max(200)).max(20).optional(),
  original: z
    .string()
    .max(65_536)
    .refine((text) => {
      try {
        const rule = JSON.parse(text) as unknown;
        return typeof rule === 'object' && rule !== null && !Array.isArray(rule);
      } catch {
        return false;
      }
    }, 'A kept rule is the server’s rule as a JSON object.')
    .optional(),
});
export type LifecycleRule = z.output<typeof lifecycleRuleSchema>;

/** A rule that does something: one action at least (or one Pail keeps as it is). */
export const lifecycleRulesSchema = z
  .array(
    lifecycleRuleSchema.refine(
      (rule) =>
        rule.original !== undefined ||
        rule.expireDays !== undefined ||
        rule.expireNoncurrentDays !== undefined ||
        rule.abortIncompleteDays !== undefined ||
        rule.transitions.length > 0,
      { message: 'Say what the rule does: expire objects, delete older versions, abort unfinished uploads or change the storage class.', path: ['expireDays'] },
    ),
  )
  .max(LIFECYCLE_RULES_MAX, `A bucket holds at most ${LIFECYCLE_RULES_MAX} lifecycle rules.`)
  .refine((rules) => new Set(rules.map((rule) => rule.id)).size === rules.length, { message: 'Two rules have the same name; each needs its own.' });

export const bucketLifecycleRequestSchema = z.object({ profileId: profileIdSchema, bucket: bucketNameSchema });
/** Replaces the bucket's lifecycle rules; an empty list removes its lifecycle configuration. */
export const setBucketLifecycleRequestSchema = bucketLifecycleRequestSchema.extend({ rules: lifecycleRulesSchema });

/** A bucket's lifecycle rules. */
export interface BucketLifecycle {
  rules: LifecycleRule[];
}

/** The rule "abort unfinished uploads after 7 days" the unfinished uploads section offers. */
export function abortIncompleteRule(daysAfter = 7): LifecycleRule {
  return { id: 'abort-unfinished-uploads', enabled: true, prefix: '', tags: [], abortIncompleteDays: daysAfter, transitions: [] };
}

const dayWords = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/** Which objects a rule is for, in words: "everything in the bucket", "objects under logs/ tagged team=web". */
export function lifecycleScopeInWords(rule: Pick<LifecycleRule, 'prefix' | 'tags'>): string {
  const where = rule.prefix ? `objects under ${rule.prefix}` : rule.tags.length ? 'objects' : 'everything in the bucket';
  const tags = rule.tags.length ? ` tagged ${rule.tags.map((tag) => `${tag.key}=${tag.value}`).join(' and ')}` : '';
  return `${where}${tags}`;
}

/**
 * A rule as sentences: "For objects under logs/: they expire 30 days after they are written.
 * Older versions are deleted 7 days after they are replaced. Unfinished uploads are aborted 3 days
 * after they start." A rule that is off says so first.
 */
export function lifecycleRuleInWords(rule: LifecycleRule): string {
  const parts: string[] = [];
  for (const move of [...rule.transitions].sort((a, b) => a.days - b.days))
    parts.push(move.days === 0 ? `They move to ${move.storageClass} at once.` : `They move to ${move.storageClass} after ${dayWords(move.days)}.`);
  if (rule.expireDays !== undefined) parts.push(`They expire ${dayWords(rule.expireDays)} after they are written.`);
  if (rule.expireNoncurrentDays !== undefined) parts.push(`Older versions are deleted ${dayWords(rule.expireNoncurrentDays)} after they are replaced.`);
  if (rule.abortIncompleteDays !== undefined) parts.push(`Unfinished uploads are aborted ${dayWords(rule.abortIncompleteDays)} after they start.`);
  if (rule.locked?.length) parts.push(`It also sets ${rule.locked.join(', ')}, which Pail keeps as they are.`);
  const body = parts.join(' ');
  const said = body ? `${body.charAt(0).toLowerCase()}${body.slice(1)}` : 'nothing.';
  return `${rule.enabled ? '' : 'Off. '}For ${lifecycleScopeInWords(rule)}: ${said}`;
}
