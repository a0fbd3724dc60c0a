import { z } from 'zod';
import { profileIdSchema } from './profile';
import { bucketNameSchema, prefixSchema } from './s3-names';

/**
 * S3 Object Lock: a bucket created with it keeps versions from being deleted or overwritten, for a time
 * (retention, in governance or compliance mode) or until released (legal hold). Locks apply to versions:
 * deleting a locked object's name only adds a delete marker.
 */
export const LOCK_MODES = ['GOVERNANCE', 'COMPLIANCE'] as const;
export type LockMode = (typeof LOCK_MODES)[number];

/** S3's limits on a bucket's default retention (AWS: up to 100 years). */
export const DEFAULT_RETENTION_MAX_DAYS = 36_500;
export const DEFAULT_RETENTION_MAX_YEARS = 100;

/** The retention a bucket gives each new object version: a mode and a period in days or in years. */
export const defaultRetentionSchema = z
  .object({
    mode: z.enum(LOCK_MODES),
    days: z.number().int().min(1, 'Keep objects for at least 1 day.').max(DEFAULT_RETENTION_MAX_DAYS, 'S3 keeps objects for at most 36,500 days.').optional(),
    years: z.number().int().min(1, 'Keep objects for at least 1 year.').max(DEFAULT_RETENTION_MAX_YEARS, 'S3 keeps objects for at most 100 years.').optional(),
  })
  .refine((retention) => (retention.days === undefined) !== (retention.years === undefined), 'Give the period in days or in years, not both.');
export type DefaultRetention = z.infer<typeof defaultRetentionSchema>;

/** A bucket's Object Lock: whether the bucket has it (set when it was created), and its default retention. */
export interface ObjectLockSettings {
  enabled: boolean;
  defaultRetention?: DefaultRetention;
}

/** One object version's retention: a mode and the moment it ends (ISO time). */
export const retentionSchema = z.object({
  mode: z.enum(LOCK_MODES),
  retainUntil: z.string().datetime({ offset: true, message: 'Give the end of the retention as a date and time, e.g. 2027-01-31T12:00:00Z.' }),
});
export type Retention = z.infer<typeof retentionSchema>;

/** One object version's lock as the server reports it. */
export interface ObjectLockState {
  retention?: Retention;
  legalHold: boolean;
}

const inBucket = { profileId: profileIdSchema, bucket: bucketNameSchema };
const objectRef = { ...inBucket, key: prefixSchema.min(1, 'Name the object.'), versionId: z.string().min(1).max(1024).optional() };

export const objectLockConfigRequestSchema = z.object(inBucket);
/** A new default retention, or `null` for none (objects are then locked only one by one). */
export const setObjectLockConfigRequestSchema = z.object({ ...inBucket, defaultRetention: defaultRetentionSchema.nullable() });
export const objectLockStateRequestSchema = z.object(objectRef);
/**
 * A version's new retention, or `null` to remove it. Shortening or removing a governance retention needs
 * `bypassGovernance` (and the permission to bypass); a compliance retention can only be lengthened.
 */
export const setObjectRetentionRequestSchema = z.object({ ...objectRef, retention: retentionSchema.nullable(), bypassGovernance: z.boolean().default(false) });
export const setLegalHoldRequestSchema = z.object({ ...objectRef, on: z.boolean() });

/** "30 days", "1 year". */
export function periodInWords(retention: Pick<DefaultRetention, 'days' | 'years'>): string {
  if (retention.years !== undefined) return `${retention.years.toLocaleString('en-US')} ${retention.years === 1 ? 'year' : 'years'}`;
  const days = retention.days ?? 0;
  return `${days.toLocaleString('en-US')} ${days === 1 ? 'day' : 'days'}`;
}

/** What a mode lets people do, said after "until …". */
const MODE_WORDS: Record<LockMode, string> = {
  GOVERNANCE: 'in governance mode: only users allowed to bypass governance retention may delete or overwrite it, or shorten its retention',
  COMPLIANCE: 'in compliance mode: no one, not even the account’s root user, may delete or overwrite it or shorten its retention',
};

/** A bucket's Object Lock in words. */
export function objectLockInWords(settings: ObjectLockSettings): string {
  if (!settings.enabled) return 'Object Lock is off. A bucket gets it only when it is created (Create bucket, "Object Lock").';
  const retention = settings.defaultRetention;
  if (!retention) return 'Object Lock is on, without a default retention: a version is locked only when it is given a retention or a legal hold.';
  return `Object Lock is on. Each new version is kept for ${periodInWords(retention)} after it is written, ${MODE_WORDS[retention.mode]}.`;
}

/** One version's lock in words; `when` formats a moment for people, `now` says whether a retention has ended. */
export function objectLockStateInWords(state: ObjectLockState, when: (iso: string) => string, now = new Date()): string[] {
  const lines: string[] = [];
  const retention = state.retention;
  if (!retention) lines.push('No retention: this version is not locked for a time.');
  else if (Date.parse(retention.retainUntil) <= now.getTime()) lines.push(`Its retention ended ${when(retention.retainUntil)}: it may be deleted.`);
  else lines.push(`Locked until ${when(retention.retainUntil)}, ${MODE_WORDS[retention.mode]}.`);
  lines.push(
    state.legalHold ? 'Legal hold is on: this version may not be deleted or overwritten, whatever its retention, until the hold is removed.' : 'No legal hold.',
  );
  return lines;
}

/** What saving `next` over `before` does to a version's retention, in words ("" when nothing changes). */
export function retentionChangeInWords(before: Retention | undefined, next: Retention | null, when: (iso: string) => string): string {
  if (!next) return before ? `Removes the ${before.mode.toLowerCase()} retention that ends ${when(before.retainUntil)}.` : '';
  if (!before) return `Locks this version until ${when(next.retainUntil)}, ${MODE_WORDS[next.mode]}.`;
  if (before.mode === next.mode && Date.parse(before.retainUntil) === Date.parse(next.retainUntil)) return '';
  if (Date.parse(before.retainUntil) === Date.parse(next.retainUntil))
    return `Changes its mode from ${before.mode.toLowerCase()} to ${next.mode.toLowerCase()}, until ${when(next.retainUntil)}.`;
  const longer = Date.parse(next.retainUntil) > Date.parse(before.retainUntil);
  const modeChange = before.mode === next.mode ? '' : ` and changes its mode from ${before.mode.toLowerCase()} to ${next.mode.toLowerCase()}`;
  return `${longer ? 'Lengthens' : 'Shortens'} its retention from ${when(before.retainUntil)} to ${when(next.retainUntil)}${modeChange}.`;
}

/**
 * Whether a retention change needs governance to be bypassed: shortening or removing a governance retention,
 * or turning it into compliance (S3 asks for the bypass to change a governance mode at all).
 */
export function needsGovernanceBypass(before: Retention | undefined, next: Retention | null): boolean {
  if (!before || before.mode !== 'GOVERNANCE') return false;
  if (!next) return true;
  return next.mode !== 'GOVERNANCE' || Date.parse(next.retainUntil) < Date.parse(before.retainUntil);
}

/**
 * Why a retention change cannot be made, in words, or undefined: a compliance retention may only be
 * lengthened, and kept in compliance mode.
 */
export function retentionChangeProblem(before: Retention | undefined, next: Retention | null, now = new Date()): string | undefined {
  if (next && Date.parse(next.retainUntil) <= now.getTime()) return 'Choose a moment in the future: a retention that has already ended locks nothing.';
  if (!before || before.mode !== 'COMPLIANCE' || Date.parse(before.retainUntil) <= now.getTime()) return undefined;
  if (!next) return 'A compliance retention cannot be removed before it ends, by anyone.';
  if (next.mode !== 'COMPLIANCE') return 'A compliance retention cannot be turned into governance before it ends.';
  if (Date.parse(next.retainUntil) < Date.parse(before.retainUntil)) return 'A compliance retention can only be lengthened, never shortened.';
  return undefined;
}
