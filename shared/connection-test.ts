import { z } from 'zod';
import type { ErrorInfo } from './errors';
import {
  accessKeyIdSchema,
  caBundleSchema,
  endpointSchema,
  profileIdSchema,
  PROXY_MODES,
  proxyPasswordSchema,
  proxyUrlSchema,
  proxyUserSchema,
  regionSchema,
  secretAccessKeySchema,
  sessionTokenSchema,
} from './profile';
import { pinnedCertificatesSchema } from './certificates';
import { ADDRESSING_STYLES, CHECKSUM_MODES, PROVIDER_IDS } from './providers';
import { bucketNameSchema } from './s3-names';

/** The steps of a connection test, in the order they run. */
export const CONNECTION_STEP_IDS = ['dns', 'tcp', 'tls', 'auth', 'clock', 'write', 'read', 'delete'] as const;
export type ConnectionStepId = (typeof CONNECTION_STEP_IDS)[number];

/** pass: fine; warn: works, but something should change; fail: broken; skip: not run (and why). */
export type Verdict = 'pass' | 'warn' | 'fail' | 'skip';

/** One step's verdict, in plain words. */
export interface ConnectionStep {
  id: ConnectionStepId;
  /** e.g. "Endpoint name resolves (DNS)". */
  title: string;
  verdict: Verdict;
  /** What was found: "127.0.0.1", "TLS 1.3, certificate valid for s3.example.com", "3 buckets", "clock off by 2 s". */
  detail: string;
  /** For a failure: the error, whose message and hint say the likely cause and the fix. */
  error?: ErrorInfo;
  durationMs: number;
}

/** A change to the profile that the test found would make it work (e.g. another checksum mode). */
export interface SettingSuggestion {
  setting: 'checksumMode' | 'deleteObjectsMd5' | 'addressingStyle' | 'region' | 'defaultBucket';
  value: string | boolean;
  /** Why, in one sentence. */
  reason: string;
}

/** The whole answer of a connection test. */
export interface ConnectionReport {
  /** True when no step failed. */
  ok: boolean;
  steps: ConnectionStep[];
  /** One sentence for the top of the report. */
  summary: string;
  suggestions: SettingSuggestion[];
  /** Server clock minus local clock, from the Date header. */
  clockSkewSeconds?: number;
  /** Buckets seen by ListBuckets, when it was allowed. */
  buckets?: string[];
}

/** The settings a test uses: a saved profile's, or the editor's unsaved values. */
export const connectionSettingsSchema = z.object({
  provider: z.enum(PROVIDER_IDS).default('other'),
  endpoint: endpointSchema,
  region: regionSchema,
  accessKeyId: accessKeyIdSchema,
  addressingStyle: z.enum(ADDRESSING_STYLES).default('path'),
  checksumMode: z.enum(CHECKSUM_MODES).default('WHEN_REQUIRED'),
  deleteObjectsMd5: z.boolean().default(false),
  defaultBucket: z.union([bucketNameSchema, z.literal('')]).optional(),
  /** The profile's CA bundle (PEM), trusted besides the default authorities. */
  caBundle: caBundleSchema.optional(),
  /** The profile's proxy setting (absent: the environment's proxies). */
  proxyMode: z.enum(PROXY_MODES).optional(),
  proxyUrl: proxyUrlSchema.optional(),
  proxyUser: proxyUserSchema.optional(),
  /** Certificates of the endpoint trusted by fingerprint (the editor's unsaved pins). */
  pinnedCertificates: pinnedCertificatesSchema.optional(),
  /** The endpoint's certificates are not verified (lab endpoints only). */
  dontVerifyCertificates: z.boolean().optional(),
});
export type ConnectionSettings = z.output<typeof connectionSettingsSchema>;

/**
 * A connection test request: a saved profile (`profileId` alone), or the
 * editor's values (`settings`, with the secret typed, or the saved profile's
 * secret when `profileId` is given too). `writeBucket`, when the user allows
 * it, gets a small put / get / delete.
 */
export const connectionTestRequestSchema = z
  .object({
    profileId: profileIdSchema.optional(),
    settings: connectionSettingsSchema.optional(),
    secretAccessKey: secretAccessKeySchema.optional(),
    /** Temporary credentials: the typed session token ("" for none), else the saved profile's. */
    sessionToken: sessionTokenSchema.optional(),
    writeBucket: bucketNameSchema.optional(),
    /** The typed proxy password, else the saved profile's. */
    proxyPassword: proxyPasswordSchema.optional(),
  })
  .refine((r) => r.profileId !== undefined || (r.settings !== undefined && r.secretAccessKey !== undefined), {
    message: 'Name a saved profile, or give the settings and the secret access key to test.',
  });
export type ConnectionTestRequest = z.output<typeof connectionTestRequestSchema>;
