import { z } from 'zod';

/** How requests address a bucket: `https://host/bucket/key` or `https://bucket.host/key`. */
export const ADDRESSING_STYLES = ['path', 'virtual'] as const;

/**
 * When the SDK adds checksums: `WHEN_REQUIRED` works with every S3-compatible
 * server; `WHEN_SUPPORTED` (the SDK's default) only with AWS itself.
 */
export const CHECKSUM_MODES = ['WHEN_REQUIRED', 'WHEN_SUPPORTED'] as const;

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
export const accessKeyIdSchema = trimmed(256)
  .min(1, 'Enter the access key id.')
  .regex(/^\S+$/, 'The access key id cannot contain spaces.');

/** A secret access key; never sent back to the renderer. */
export const secretAccessKeySchema = z
  .string()
  .max(1024)
  .refine((v) => v.trim().length > 0, 'Enter the secret access key.')
  .refine((v) => v.trim() === v, 'The secret access key has spaces at its start or end; paste it again without them.');

/** What a user enters to create a profile. */
export const profileInputSchema = z.object({
  name: profileNameSchema,
  endpoint: endpointSchema,
  region: regionSchema,
  accessKeyId: accessKeyIdSchema,
  secretAccessKey: secretAccessKeySchema,
  addressingStyle: z.enum(ADDRESSING_STYLES).default('path'),
  checksumMode: z.enum(CHECKSUM_MODES).optional(),
});
export type ProfileInput = z.input<typeof profileInputSchema>;

/** A change to a profile; an absent secret keeps the stored one. */
export const profilePatchSchema = profileInputSchema
  .omit({ secretAccessKey: true })
  .partial()
  .extend({ secretAccessKey: secretAccessKeySchema.optional() });
export type ProfilePatch = z.input<typeof profilePatchSchema>;

/** A profile as stored in profiles.json (no secret in it). */
export interface Profile {
  id: string;
  name: string;
  endpoint: string;
  region: string;
  accessKeyId: string;
  addressingStyle: (typeof ADDRESSING_STYLES)[number];
  checksumMode: (typeof CHECKSUM_MODES)[number];
  /** Which store holds the secret, so a later run reads it from the same place. */
  secretStore: SecretStoreKind;
  createdAt: string;
  updatedAt: string;
}

/** A profile as the renderer sees it: the secret is only "set" or not. */
export interface ProfileSummary extends Omit<Profile, 'secretStore'> {
  secretSet: boolean;
  secretStore: SecretStoreKind;
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
export function defaultChecksumMode(endpoint: string): (typeof CHECKSUM_MODES)[number] {
  return isAwsEndpoint(endpoint) ? 'WHEN_SUPPORTED' : 'WHEN_REQUIRED';
}
