import { z } from 'zod';
import { formatCount } from './counts';
import { profileIdSchema } from './profile';
import { bucketNameSchema, prefixSchema } from './s3-names';

/**
 * Access and links: who may read an object or a bucket (ACLs), and the links
 * that share them — public URLs (path-style, virtual-host or a custom domain),
 * presigned GET and PUT links, and a check that a link really works.
 */

/** What an ACL amounts to. `custom`: grants other than the canned ones (see the summary). */
export const ACCESS_LEVELS = ['private', 'public-read', 'public-read-write', 'custom'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** What a toggle sets. */
export const ACCESS_CHOICES = ['private', 'public-read'] as const;
export type AccessChoice = (typeof ACCESS_CHOICES)[number];

/** One object's or bucket's access, as the table and the info panel show it. */
export interface AccessState {
  access: AccessLevel;
  /** One line: "Public: anyone can read", "Private: only the owner", "Custom: 2 grants (alice: WRITE; …)". */
  summary: string;
  /** Every grant in words, for the info panel ("Everyone: READ", "owner (you): FULL_CONTROL"). */
  grants: string[];
}

/** Why ACL toggles are off for a bucket, and what to do instead. */
export interface AclUnavailable {
  /**
   * - `ownership-enforced`: AWS Object Ownership "bucket owner enforced" (AccessControlListNotSupported);
   * - `public-access-blocked`: Block Public Access refuses public ACLs;
   * - `provider-without-acls`: R2, MinIO, Garage… answer NotImplemented or ignore ACLs;
   * - `bucket-level-only`: B2 has bucket-level access only;
   * - `denied`: these keys may not read or change ACLs.
   */
  reason: 'ownership-enforced' | 'public-access-blocked' | 'provider-without-acls' | 'bucket-level-only' | 'denied';
  /** What happened, in words. */
  message: string;
  /** What to do instead (a bucket policy, the provider's dashboard…). */
  hint: string;
}

/** `s3:objectAccess`: the access of some objects (the rows in view), or why there is none to show. */
export interface ObjectAccessAnswer {
  /** By key; a key whose ACL could not be read is absent. */
  states: Record<string, AccessState>;
  unavailable?: AclUnavailable;
}

/** `s3:bucketAccess`: a bucket's own ACL, and whether object ACLs can be toggled in it. */
export interface BucketAccessAnswer {
  /** Undefined when the bucket ACL cannot be read (see `unavailable`). */
  state?: AccessState;
  /** Set when object (and bucket) ACL toggles are off, with the reason. */
  unavailable?: AclUnavailable;
  /** A public-read bucket ACL lets anyone list the bucket; it does not make objects readable. Always said when public. */
  note?: string;
}

const inBucket = { profileId: profileIdSchema, bucket: bucketNameSchema };
const keyListSchema = z.array(prefixSchema.min(1)).max(100_000);

export const objectAccessRequestSchema = z.object({ ...inBucket, keys: z.array(prefixSchema.min(1)).min(1).max(500) });
export type ObjectAccessRequest = z.output<typeof objectAccessRequestSchema>;

/** `s3:setAccess`: objects and whole folders (recursively) made public or private; a job with progress. */
export const setAccessRequestSchema = z
  .object({ ...inBucket, keys: keyListSchema.default([]), prefixes: keyListSchema.default([]), access: z.enum(ACCESS_CHOICES) })
  .refine((r) => r.keys.length + r.prefixes.length > 0, { message: 'Select at least one object or folder.' });
export type SetAccessRequest = z.output<typeof setAccessRequestSchema>;

export const bucketAccessRequestSchema = z.object(inBucket);
export const setBucketAccessRequestSchema = z.object({ ...inBucket, access: z.enum(ACCESS_CHOICES) });

/** How a public URL is written. */
export const URL_STYLES = ['path', 'virtual', 'custom'] as const;
export type UrlStyle = (typeof URL_STYLES)[number];

/** `s3:publicUrls`: the public URL of each key; the style defaults to what the profile says (the custom domain when the bucket has one). */
export const publicUrlsRequestSchema = z.object({ ...inBucket, keys: z.array(prefixSchema.min(1)).min(1).max(10_000), style: z.enum(URL_STYLES).optional() });
export type PublicUrlsRequest = z.output<typeof publicUrlsRequestSchema>;

export interface PublicUrlsAnswer {
  urls: string[];
  style: UrlStyle;
  /** Styles this bucket can have (custom only with a URL base; virtual only for DNS-safe names). */
  styles: UrlStyle[];
}

/** SigV4 links live at most 7 days. */
export const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;
/** A signed link lives at least 1 second. */
export const MIN_PRESIGN_SECONDS = 1;
const TOO_SHORT = 'A signed link must live at least 1 second.';
const TOO_LONG = 'A signed link lives at most 7 days (604,800 seconds): SigV4 refuses longer ones.';

/** A unit a lifetime is typed in ("hours", 3600): a problem names the bound in it. */
export interface ExpiryUnitName {
  label: string;
  seconds: number;
}

/**
 * What is wrong with a signed link's lifetime in seconds, naming the bound it
 * crosses (in `unit`, when the lifetime was typed in one); undefined when it can
 * be signed. The one rule for the contract, the link dialog and `pail presign --expires`.
 */
export function presignExpiryProblem(seconds: number, unit?: ExpiryUnitName): string | undefined {
  if (!(seconds >= MIN_PRESIGN_SECONDS)) return unit ? `${TOO_SHORT.slice(0, -1)}: enter 1 or more.` : TOO_SHORT;
  if (seconds <= MAX_PRESIGN_SECONDS) return undefined;
  if (!unit) return TOO_LONG;
  const inUnit = unit.seconds >= 24 * 3600 ? '' : ` (${formatCount(MAX_PRESIGN_SECONDS / unit.seconds)} ${unit.label})`;
  return `A signed link lives at most 7 days${inUnit}: SigV4 refuses longer ones.`;
}
/** The expiry presets of the link dialog. */
export const EXPIRY_PRESETS = [
  { label: '15 minutes', seconds: 15 * 60 },
  { label: '1 hour', seconds: 3600 },
  { label: '1 day', seconds: 24 * 3600 },
  { label: '7 days', seconds: MAX_PRESIGN_SECONDS },
] as const;

/** `s3:presign`: signed GET or PUT links. */
export const presignRequestSchema = z.object({
  ...inBucket,
  keys: z.array(prefixSchema.min(1)).min(1).max(1000),
  method: z.enum(['GET', 'PUT']).default('GET'),
  expiresInSeconds: z.number().int().min(MIN_PRESIGN_SECONDS, TOO_SHORT).max(MAX_PRESIGN_SECONDS, TOO_LONG),
  /** GET: answer with Content-Disposition (attachment; filename=…): the browser downloads under this name. */
  downloadName: z.string().trim().max(1024).optional(),
  /** GET: answer with this Content-Type. PUT: the Content-Type the upload must send (signed). */
  contentType: z.string().trim().max(255).optional(),
  /** Sign for the bucket's custom domain (its public URL base) instead of the endpoint. */
  viaCustomDomain: z.boolean().default(false),
  /** PUT: the canned ACL the upload must send as x-amz-acl (signed), so the object lands with it. */
  acl: z.enum(ACCESS_CHOICES).optional(),
});
export type PresignRequest = z.output<typeof presignRequestSchema>;

export interface PresignAnswer {
  urls: string[];
  /** When the links stop working (ISO). Earlier than asked when the credentials expire first. */
  expiresAt: string;
  /** PUT: the command that uploads a file with the link (one per URL). */
  curl?: string[];
  /** Things to know: a shortened expiry, a custom-domain signature that only works where the server maps the host. */
  notes: string[];
}

/** `s3:checkLink`: request a link (HEAD, or a 1-byte ranged GET) and say what it does. */
export const checkLinkRequestSchema = z.object({
  url: z
    .string()
    .trim()
    .max(16_384)
    .refine((v) => /^https?:\/\/[^/]/i.test(v) && URL.canParse(v), 'Enter an http:// or https:// link.'),
  /** The profile the link was made with: a link to its endpoint trusts the profile's CA bundle. */
  profileId: profileIdSchema.optional(),
});

/** What checking a link found. */
export const LINK_VERDICTS = ['works', 'expired', 'signature-mismatch', 'denied', 'not-found', 'unreachable', 'other'] as const;
export type LinkVerdict = (typeof LINK_VERDICTS)[number];

export interface LinkCheck {
  verdict: LinkVerdict;
  status?: number;
  contentType?: string;
  size?: number;
  /** A presigned link that works: when it stops (ISO), for the caller to show in local time. */
  expiresAt?: string;
  /** One sentence: "Works: 200, image/png, 12.3 KB." / "Expired at …". */
  message: string;
  /** What to do about it (empty when it works). */
  hint: string;
}
