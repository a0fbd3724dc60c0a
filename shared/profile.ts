import { z } from 'zod';
import { uploadEncryptionSchema } from './encryption';
import { DEFAULT_RESPONSE_TIMEOUT_SECONDS, RESPONSE_TIMEOUT_LIMITS } from './timeouts';
import type { ErrorInfo } from './errors';
import { pinnedCertificatesSchema, type PinnedCertificate } from './certificates';
import { cacheControlSchema, uploadOptionsSchema } from './upload-options';
import { proxyUrlProblem } from './proxy-url';
import {
  ACL_SUPPORT,
  ADDRESSING_STYLES,
  CHECKSUM_MODES,
  PROVIDER_IDS,
  R2_JURISDICTIONS,
  UPLOAD_ACLS,
  providerById,
  type AclSupport,
  type AddressingStyle,
  type ChecksumMode,
  type ProviderId,
  type R2Jurisdiction,
  type UploadAcl,
} from './providers';

export { ADDRESSING_STYLES, CHECKSUM_MODES } from './providers';
export { cacheControlSchema } from './upload-options';

/** Where a profile's secret is kept. */
export const SECRET_STORE_KINDS = ['keychain', 'file'] as const;
export type SecretStoreKind = (typeof SECRET_STORE_KINDS)[number];

const trimmed = (max: number) => z.string().trim().max(max);

/** A profile name: what the sidebar and the CLI (`pail ls NAME:`) call it. */
export const profileNameSchema = trimmed(64)
  .min(1, 'Enter a name for the profile.')
  .refine((v) => !v.includes(':'), 'A profile name cannot contain ":" (the CLI uses it to separate the bucket).');

/** An endpoint URL: http(s), a host, an optional port, no path, query or credentials. */
export const endpointSchema = trimmed(2048)
  .min(1, 'Enter the endpoint URL, e.g. https://us-east-1.linodeobjects.com.')
  .superRefine((value, ctx) => {
    const problem = endpointProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Why an endpoint URL is unusable, or undefined when it is fine. */
export function endpointProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'The endpoint must be a full URL starting with https:// or http://.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return 'The endpoint must start with https:// or http://.';
  }
  if (!url.hostname) return 'The endpoint URL has no host name.';
  if (url.username || url.password) return 'Do not put credentials in the endpoint URL; use the key fields.';
  if (url.search || url.hash) return 'The endpoint URL cannot contain a query (?) or fragment (#).';
  if (url.pathname !== '/' && url.pathname !== '') {
    return 'The endpoint is only the server address: remove the path (put the bucket name elsewhere, never in the endpoint).';
  }
  return undefined;
}

/** The normal form of an endpoint: origin only, no trailing slash. */
export function normalizeEndpoint(value: string): string {
  return new URL(value.trim()).origin;
}

/** A signing region, e.g. `us-east-1`, `eu-central-1`, `auto`, `default`. */
export const regionSchema = trimmed(64)
  .min(1, 'Enter a region (e.g. us-east-1; use us-east-1 if the provider does not say).')
  .regex(/^[A-Za-z0-9_.-]+$/, 'A region contains only letters, digits, "-", "_" and ".".');

/** An access key id as providers issue them. */
export const accessKeyIdSchema = trimmed(256).min(1, 'Enter the access key id.').regex(/^\S+$/, 'The access key id cannot contain spaces.');

/** A secret access key; never sent back to the renderer. */
export const secretAccessKeySchema = z
  .string()
  .max(1024)
  .refine((v) => v.trim().length > 0, 'Enter the secret access key.')
  .refine((v) => v.trim() === v, 'The secret access key has spaces at its start or end; paste it again without them.');

/** A bucket name as a profile setting names it (default bucket, public URL bases). */
export const settingBucketSchema = z
  .string()
  .trim()
  .min(3, 'A bucket name has at least 3 characters.')
  .max(255)
  .regex(/^[^/\\\s]+$/, 'A bucket name cannot contain "/", "\\" or spaces.');

/** A public URL base for a bucket: a custom domain or CDN, e.g. https://cdn.example.com or https://example.com/assets. */
export const publicUrlBaseSchema = z
  .string()
  .trim()
  .max(2048)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'A public URL base must be a full URL, e.g. https://cdn.example.com.' });
      return;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') ctx.addIssue({ code: 'custom', message: 'A public URL base starts with https:// or http://.' });
    if (url.search || url.hash || url.username) ctx.addIssue({ code: 'custom', message: 'A public URL base has no query, fragment or credentials.' });
  });

/** Seconds without an answer (or without further bytes) after which a request to the endpoint fails. */
export const responseTimeoutSchema = z
  .number()
  .int('Give the response timeout in whole seconds.')
  .min(RESPONSE_TIMEOUT_LIMITS.min, `The response timeout is at least ${RESPONSE_TIMEOUT_LIMITS.min} s.`)
  .max(RESPONSE_TIMEOUT_LIMITS.max, `The response timeout is at most ${RESPONSE_TIMEOUT_LIMITS.max} s.`);

/**
 * What uploads into one bucket get unless a batch says otherwise, and whether a
 * drop into it asks first (the upload sheet): its access, headers, storage
 * class, user metadata and Content-Types by file extension (see `uploadOptionsSchema`).
 */
export const bucketUploadSettingsSchema = z.object({
  acl: z.enum(UPLOAD_ACLS).optional(),
  cacheControl: cacheControlSchema.optional(),
  contentDisposition: uploadOptionsSchema.shape.contentDisposition,
  storageClass: uploadOptionsSchema.shape.storageClass,
  metadata: uploadOptionsSchema.shape.metadata,
  contentTypes: uploadOptionsSchema.shape.contentTypes,
  /** The encryption uploads into this bucket ask for (SSE-S3 or SSE-KMS). */
  encryption: uploadEncryptionSchema.optional(),
  /** False: a drop into this bucket uploads at once with these settings ("don't ask again"); absent or true: the upload sheet asks. */
  askOnDrop: z.boolean().optional(),
});
export type BucketUploadSettings = z.output<typeof bucketUploadSettingsSchema>;

/** A PEM block of a certificate (the main process parses each one; see ca-bundle.ts). */
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

/** Certificates (PEM text) a profile's server may be issued by, trusted besides the system's; "" removes them. */
export const caBundleSchema = z
  .string()
  .trim()
  .max(1_000_000, 'A CA bundle has at most 1,000,000 characters.')
  .refine(
    (text) => text === '' || PEM_CERTIFICATE.test(text),
    'The CA bundle holds no certificate: give a PEM file (text starting "-----BEGIN CERTIFICATE-----").',
  );

/**
 * How a profile's connections reach the server: through the proxies the
 * environment names (HTTPS_PROXY, HTTP_PROXY, NO_PROXY; the default), directly
 * (none), through the system's proxy settings (in the app; the environment's
 * elsewhere), or through one proxy URL.
 */
export const PROXY_MODES = ['environment', 'none', 'system', 'url'] as const;
export type ProxyMode = (typeof PROXY_MODES)[number];

/** A profile's proxy: http:// or https://, a host and port, no credentials (they have their own fields); "" removes it. */
export const proxyUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .superRefine((value, ctx) => {
    if (value === '') return;
    if (!/^https?:\/\//i.test(value))
      return void ctx.addIssue({ code: 'custom', message: 'The proxy URL starts with http:// or https://, e.g. http://proxy.example.com:3128.' });
    const problem = proxyUrlProblem(value);
    if (problem) return void ctx.addIssue({ code: 'custom', message: problem });
    if (/\/\/[^/]*@/.test(value))
      ctx.addIssue({ code: 'custom', message: "Do not put credentials in the proxy URL; use the proxy's user name and password fields." });
  });

/** The user name a proxy asks for ("" removes it). */
export const proxyUserSchema = z.string().trim().max(256, 'A proxy user name has at most 256 characters.');

/** A proxy's password: kept in the keychain with the profile's secret, never sent back ("" removes it). */
export const proxyPasswordSchema = z.string().max(1024, 'A proxy password has at most 1,024 characters.');

/** The settings of a profile other than its secret, with their defaults. */
const profileSettingsShape = {
  name: profileNameSchema,
  provider: z.enum(PROVIDER_IDS).default('other'),
  endpoint: endpointSchema,
  region: regionSchema,
  accessKeyId: accessKeyIdSchema,
  /** R2 endpoints are named by the account id. */
  accountId: z.string().trim().max(64).optional(),
  addressingStyle: z.enum(ADDRESSING_STYLES).optional(),
  checksumMode: z.enum(CHECKSUM_MODES).optional(),
  deleteObjectsMd5: z.boolean().optional(),
  aclSupport: z.enum(ACL_SUPPORT).optional(),
  defaultBucket: z.union([settingBucketSchema, z.literal('')]).optional(),
  publicUrlBases: z.record(settingBucketSchema, publicUrlBaseSchema).optional(),
  defaultUploadAcl: z.enum(UPLOAD_ACLS).optional(),
  /** Cache-Control new uploads get ("" or absent: none). */
  uploadCacheControl: cacheControlSchema.optional(),
  /** When temporary credentials (with a session token) stop working ("" clears it). */
  credentialsExpireAt: z
    .union([z.string().datetime({ offset: true, message: 'Give the expiry as a date and time, e.g. 2026-12-01T18:00:00Z.' }), z.literal('')])
    .optional(),
  /** Per bucket: the ACL and Cache-Control its uploads get, over the profile's. */
  bucketUploads: z.record(settingBucketSchema, bucketUploadSettingsSchema).optional(),
  /** Seconds of silence after which a request fails (default 30). */
  responseTimeoutSeconds: responseTimeoutSchema.optional(),
  /** Certificates (PEM) the profile's server may be issued by, besides the system's trusted authorities. */
  caBundle: caBundleSchema.optional(),
  /** R2: the jurisdiction the account's buckets are restricted to, which names the endpoint ("" or absent: none). */
  jurisdiction: z.union([z.enum(R2_JURISDICTIONS), z.literal('')]).optional(),
  /** How the profile's connections reach the server (absent: the environment's proxies). */
  proxyMode: z.enum(PROXY_MODES).optional(),
  /** The proxy of mode "url". */
  proxyUrl: proxyUrlSchema.optional(),
  /** The proxy's user name (its password is kept with the secret). */
  proxyUser: proxyUserSchema.optional(),
  /** Certificates of the profile's own endpoint trusted by their SHA-256 fingerprint, whatever signed them. */
  pinnedCertificates: pinnedCertificatesSchema.optional(),
  /** A lab endpoint: its certificates are not verified at all (never global; shown red, warned on every CLI run). */
  dontVerifyCertificates: z.boolean().optional(),
};

/** The session token of temporary credentials (STS, SSO): kept in the keychain with the secret. */
export const sessionTokenSchema = z.string().trim().max(8192, 'A session token has at most 8,192 characters.');

/** What a user enters to create a profile; unset compatibility settings take the preset's defaults. */
export const profileInputSchema = z.object({
  ...profileSettingsShape,
  secretAccessKey: secretAccessKeySchema,
  sessionToken: sessionTokenSchema.optional(),
  proxyPassword: proxyPasswordSchema.optional(),
});
export type ProfileInput = z.input<typeof profileInputSchema>;

/** A change to a profile; an absent secret keeps the stored one. */
export const profilePatchSchema = z
  .object(profileSettingsShape)
  .partial()
  .extend({
    provider: z.enum(PROVIDER_IDS).optional(),
    secretAccessKey: secretAccessKeySchema.optional(),
    /** A new session token; "" removes the stored one (the keys are no longer temporary). */
    sessionToken: sessionTokenSchema.optional(),
    /** A new proxy password; "" removes the stored one. */
    proxyPassword: proxyPasswordSchema.optional(),
  });
export type ProfilePatch = z.input<typeof profilePatchSchema>;

/**
 * A bucket's custom domain in a profile. Looked up as the bucket's own entry only: "constructor" is
 * a valid bucket name, and a plain lookup would find Object's own function there.
 */
export function publicUrlBaseOf(profile: { publicUrlBases?: Record<string, string> } | undefined, bucket: string): string | undefined {
  const bases = profile?.publicUrlBases;
  return bases && Object.hasOwn(bases, bucket) ? bases[bucket] : undefined;
}

/** A bucket's own upload settings in a profile (its own entry only, as with publicUrlBaseOf). */
export function bucketUploadsOf(
  profile: { bucketUploads?: Record<string, BucketUploadSettings> } | undefined,
  bucket: string,
): BucketUploadSettings | undefined {
  const own = profile?.bucketUploads;
  return own && Object.hasOwn(own, bucket) ? own[bucket] : undefined;
}

/** A profile as stored in profiles.json (no secret in it). */
export interface Profile {
  id: string;
  name: string;
  provider: ProviderId;
  endpoint: string;
  region: string;
  accessKeyId: string;
  accountId?: string;
  addressingStyle: AddressingStyle;
  checksumMode: ChecksumMode;
  deleteObjectsMd5: boolean;
  aclSupport: AclSupport;
  /** For keys that cannot list buckets: the bucket to open. */
  defaultBucket?: string;
  /** Per bucket: a custom domain or CDN base for public URLs. */
  publicUrlBases: Record<string, string>;
  /** The canned ACL new uploads get ("none": the bucket's default). */
  defaultUploadAcl: UploadAcl;
  /** The Cache-Control new uploads get, if any. */
  uploadCacheControl?: string;
  /** Per bucket: upload ACL and Cache-Control over the profile's. */
  bucketUploads: Record<string, BucketUploadSettings>;
  /** Temporary credentials: when they stop working (presigned links end no later). */
  credentialsExpireAt?: string;
  /** Seconds without an answer, or without further bytes, after which a request fails. */
  responseTimeoutSeconds: number;
  /** Certificates (PEM text, kept in profiles.json) trusted for this profile's requests besides the system's. */
  caBundle?: string;
  /** R2: the jurisdiction that names the endpoint (`<account>.eu.r2…`), when there is one. */
  jurisdiction?: R2Jurisdiction;
  /** How connections reach the server: absent means through the environment's proxies. */
  proxyMode?: ProxyMode;
  /** The proxy of mode "url" (no credentials in it). */
  proxyUrl?: string;
  /** The proxy's user name; its password is kept in the secret store with the secret access key. */
  proxyUser?: string;
  /** Certificates of the endpoint trusted by fingerprint (pinned with "Trust this certificate" or `pail profile trust`). */
  pinnedCertificates?: PinnedCertificate[];
  /** True: the endpoint's certificates are not verified (lab endpoints only). */
  dontVerifyCertificates?: boolean;
  /** Which store holds the secret, so a later run reads it from the same place. */
  secretStore: SecretStoreKind;
  createdAt: string;
  updatedAt: string;
}

/**
 * Fills the settings a stored profile lacks (an older file, a hand edit) from
 * its preset, so every reader sees a complete profile.
 */
export function completeProfile(
  given: Omit<Partial<Profile>, 'jurisdiction'> & Pick<Profile, 'id' | 'name' | 'endpoint' | 'region' | 'accessKeyId'> & { jurisdiction?: R2Jurisdiction | '' },
): Profile {
  // An empty jurisdiction (the form's "none") is no jurisdiction.
  const { jurisdiction, ...rest } = given;
  const stored = { ...rest, ...(jurisdiction && { jurisdiction }) };
  const preset = providerById(stored.provider);
  const checksumMode = stored.checksumMode ?? (isAwsEndpoint(stored.endpoint) ? 'WHEN_SUPPORTED' : preset.defaults.checksumMode);
  return {
    ...stored,
    provider: preset.id,
    addressingStyle: stored.addressingStyle ?? preset.defaults.addressingStyle,
    checksumMode,
    deleteObjectsMd5: stored.deleteObjectsMd5 ?? preset.defaults.deleteObjectsMd5,
    aclSupport: stored.aclSupport ?? preset.defaults.aclSupport,
    publicUrlBases: stored.publicUrlBases ?? {},
    defaultUploadAcl: stored.defaultUploadAcl ?? 'none',
    bucketUploads: stored.bucketUploads ?? {},
    responseTimeoutSeconds: stored.responseTimeoutSeconds ?? DEFAULT_RESPONSE_TIMEOUT_SECONDS,
    secretStore: stored.secretStore ?? 'file',
    createdAt: stored.createdAt ?? new Date(0).toISOString(),
    updatedAt: stored.updatedAt ?? new Date(0).toISOString(),
  };
}

/** A profile as the renderer sees it: the secret is only "set" or not. */
export interface ProfileSummary extends Omit<Profile, 'secretStore'> {
  secretSet: boolean;
  /** The keys are temporary: a session token is stored with the secret. */
  sessionTokenSet?: boolean;
  secretStore: SecretStoreKind;
  /** A proxy password is stored with the secret (the password itself never leaves the main process). */
  proxyPasswordSet?: boolean;
  /** Why the stored secret cannot be read (a damaged secrets file, a locked keychain); `secretSet` is then false. */
  secretError?: ErrorInfo;
}

/** The id of a profile, as requests carry it. */
export const profileIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not a valid profile id.');

/** True for endpoints that are AWS S3 itself (which supports the SDK's default checksums). */
export function isAwsEndpoint(endpoint: string): boolean {
  try {
    const host = new URL(endpoint).hostname.toLowerCase();
    return host === 'amazonaws.com' || host.endsWith('.amazonaws.com') || host.endsWith('.amazonaws.com.cn');
  } catch {
    return false;
  }
}

/** The checksum mode a profile gets when the user does not choose one. */
export function defaultChecksumMode(endpoint: string): ChecksumMode {
  return isAwsEndpoint(endpoint) ? 'WHEN_SUPPORTED' : 'WHEN_REQUIRED';
}

/**
 * One entry of profiles.json as it must be to be used: the settings' own rules,
 * an id, and the fields Pail adds. Unknown fields (from a newer Pail) are kept,
 * not counted as damage; absent settings are filled by `completeProfile`.
 */
export const storedProfileSchema = z.looseObject({
  ...profileSettingsShape,
  id: profileIdSchema,
  // A preset this version does not know falls back to "other" (see completeProfile).
  provider: z.string().optional(),
  secretStore: z.enum(SECRET_STORE_KINDS).optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
});

/** An entry of profiles.json that Pail cannot use: shown as damaged, kept in the file as it is. */
export interface DamagedProfile {
  /** Names the entry in `profiles:delete` and `pail profile rm`: its id, or `damaged-<hash of the entry>` without a usable one. */
  key: string;
  /** Its place in profiles.json, from 1. */
  entry: number;
  /** Its name, when it has one that reads as text. */
  name?: string;
  /** What is wrong, e.g. "name: expected a string, got a number". */
  problem: string;
  /** The file that holds it, to fix by hand. */
  path: string;
}

/** One row of `profiles:list`: a usable profile, or a damaged entry in its place. */
export type ProfileListEntry = ProfileSummary | { damaged: DamagedProfile };

/** True for the damaged rows of a `profiles:list` answer. */
export function isDamagedEntry(entry: ProfileListEntry): entry is { damaged: DamagedProfile } {
  return 'damaged' in entry;
}

/** What `profiles:delete` did: the profile is gone; whether its secret went too, and if not, where it stayed and why. */
export interface ProfileDeleted {
  id: string;
  /** True when no secret of it is left in the store it used. */
  secretRemoved: boolean;
  /** When the secret was not removed: where it stayed and why (message), and what to do (hint). */
  secretError?: ErrorInfo;
}

/** What restoring the data files from their backups did: each file put back, and where its damaged version was kept. */
export interface RestoredBackups {
  restored: { path: string; from: string; damagedCopy?: string }[];
}
