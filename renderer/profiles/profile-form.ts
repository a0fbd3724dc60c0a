import type { PinnedCertificate } from '../../shared/certificates';
import type { ConnectionTestRequest } from '../../shared/connection-test';
import { toLocalInput } from '../common/format';
import {
  bucketUploadsOf,
  cacheControlSchema,
  profileInputSchema,
  proxyUrlSchema,
  publicUrlBaseOf,
  publicUrlBaseSchema,
  secretAccessKeySchema,
  settingBucketSchema,
  type BucketUploadSettings,
  type ProfileInput,
  type ProfilePatch,
  type ProfileSummary,
  type ProxyMode,
} from '../../shared/profile';
import {
  presetEndpoint,
  providerById,
  type AclSupport,
  type AddressingStyle,
  type ChecksumMode,
  type ProviderId,
  type R2Jurisdiction,
  type UploadAcl,
} from '../../shared/providers';
import { bucketNameSchema } from '../../shared/s3-names';
import { DEFAULT_RESPONSE_TIMEOUT_SECONDS } from '../../shared/timeouts';

/** One row of the per-bucket settings: its public URL base and what its uploads get. */
export interface BucketSettingRow {
  /** Stable across edits, so React keeps each row's inputs. */
  id: number;
  bucket: string;
  /** The custom domain or CDN its objects are public under ("" for none). */
  url: string;
  /** The ACL uploads get ("" for the profile's). */
  acl: UploadAcl | '';
  /** The Cache-Control uploads get ("" for the profile's). */
  cacheControl: string;
  /** The bucket's other upload settings (set in its Bucket settings dialog), kept as they are on save. */
  others?: Omit<BucketUploadSettings, 'acl' | 'cacheControl'>;
}

/** What the profile editor holds while the user types. */
export interface ProfileFormValues {
  name: string;
  provider: ProviderId;
  region: string;
  /** The user chose "Custom…" in a preset's region list (or the region is not in it). */
  customRegion: boolean;
  endpoint: string;
  /** The endpoint was typed by hand: choosing a region no longer overwrites it. */
  endpointEdited: boolean;
  accountId: string;
  /** R2: the jurisdiction that names the endpoint ("" for none). */
  jurisdiction: R2Jurisdiction | '';
  accessKeyId: string;
  secretAccessKey: string;
  /** Editing: the user asked to replace the stored secret (empty still keeps it). */
  replaceSecret: boolean;
  /** Temporary credentials: a session token typed now (editing, empty keeps the stored one). */
  sessionToken: string;
  /** Editing: the user asked to remove the stored session token. */
  removeSessionToken: boolean;
  /** When temporary credentials expire, as a local date-time input holds it ("2026-12-01T18:00"), or "". */
  credentialsExpireAt: string;
  addressingStyle: AddressingStyle;
  checksumMode: ChecksumMode;
  deleteObjectsMd5: boolean;
  aclSupport: AclSupport;
  defaultBucket: string;
  defaultUploadAcl: UploadAcl;
  uploadCacheControl: string;
  bucketSettings: BucketSettingRow[];
  /** Seconds of silence before a request fails, as typed ("" for the default). */
  responseTimeoutSeconds: string;
  /** How connections reach the server: the environment's proxies (default), none, the system's, or `proxyUrl`. */
  proxyMode: ProxyMode;
  proxyUrl: string;
  proxyUser: string;
  /** A proxy password typed now (editing, empty keeps the stored one). */
  proxyPassword: string;
  /** Editing: the user asked to remove the stored proxy password. */
  removeProxyPassword: boolean;
  /** The CA bundle's PEM text ("" for none): chosen from a file or pasted. */
  caBundle: string;
  /** Certificates of the endpoint trusted by fingerprint ("Trust this certificate"). */
  pinnedCertificates: PinnedCertificate[];
  /** A lab endpoint: its certificates are not verified. */
  dontVerifyCertificates: boolean;
}

/** Whether the editor adds a profile or edits a saved one (whose secret stays in the main process). */
export type ProfileFormMode = { kind: 'add' } | { kind: 'edit'; profileId: string; secretSet: boolean };

/** A fresh form for a preset ("Other S3-compatible" unless told): its default region, endpoint and settings. */
export function emptyProfileForm(providerId: ProviderId = 'other'): ProfileFormValues {
  const preset = providerById(providerId);
  return {
    name: '',
    provider: preset.id,
    region: preset.defaultRegion,
    customRegion: false,
    endpoint: presetEndpoint(preset, preset.defaultRegion) ?? '',
    endpointEdited: false,
    accountId: '',
    jurisdiction: '',
    accessKeyId: '',
    secretAccessKey: '',
    replaceSecret: false,
    sessionToken: '',
    removeSessionToken: false,
    credentialsExpireAt: '',
    ...preset.defaults,
    defaultBucket: '',
    defaultUploadAcl: 'none',
    uploadCacheControl: '',
    bucketSettings: [],
    responseTimeoutSeconds: String(DEFAULT_RESPONSE_TIMEOUT_SECONDS),
    ...NO_PROXY_VALUES,
    ...NO_CERTIFICATE_SETTINGS,
  };
}

/** The proxy fields of a form that keeps the environment's proxies. */
const NO_PROXY_VALUES = { proxyMode: 'environment', proxyUrl: '', proxyUser: '', proxyPassword: '', removeProxyPassword: false } as const;

/** The certificate settings of a new profile: the system's trust only. */
const NO_CERTIFICATE_SETTINGS = { caBundle: '', pinnedCertificates: [], dontVerifyCertificates: false } satisfies Partial<ProfileFormValues>;

/** The form for editing a saved profile; the secret field starts empty (the stored one is kept). */
export function formFromProfile(profile: ProfileSummary): ProfileFormValues {
  const preset = providerById(profile.provider);
  const derived = presetEndpoint(preset, profile.region, profile.accountId, profile.jurisdiction);
  return {
    name: profile.name,
    provider: preset.id,
    region: profile.region,
    customRegion: preset.endpointTemplate !== undefined && !preset.regions.some((r) => r.id === profile.region),
    endpoint: profile.endpoint,
    endpointEdited: preset.endpointTemplate !== undefined && derived !== profile.endpoint,
    accountId: profile.accountId ?? '',
    jurisdiction: profile.jurisdiction ?? '',
    accessKeyId: profile.accessKeyId,
    secretAccessKey: '',
    replaceSecret: !profile.secretSet,
    sessionToken: '',
    removeSessionToken: false,
    credentialsExpireAt: profile.credentialsExpireAt ? toLocalInput(profile.credentialsExpireAt) : '',
    addressingStyle: profile.addressingStyle,
    checksumMode: profile.checksumMode,
    deleteObjectsMd5: profile.deleteObjectsMd5,
    aclSupport: profile.aclSupport,
    defaultBucket: profile.defaultBucket ?? '',
    defaultUploadAcl: profile.defaultUploadAcl,
    uploadCacheControl: profile.uploadCacheControl ?? '',
    bucketSettings: bucketRowsOf(profile),
    responseTimeoutSeconds: String(profile.responseTimeoutSeconds ?? DEFAULT_RESPONSE_TIMEOUT_SECONDS),
    ...NO_PROXY_VALUES,
    proxyMode: profile.proxyMode ?? 'environment',
    proxyUrl: profile.proxyUrl ?? '',
    proxyUser: profile.proxyUser ?? '',
    caBundle: profile.caBundle ?? '',
    pinnedCertificates: profile.pinnedCertificates ?? [],
    dontVerifyCertificates: profile.dontVerifyCertificates === true,
  };
}

/** One row per bucket that has a URL base or upload settings, in the order they were saved. */
function bucketRowsOf(profile: ProfileSummary): BucketSettingRow[] {
  const buckets = [...new Set([...Object.keys(profile.publicUrlBases), ...Object.keys(profile.bucketUploads ?? {})])];
  return buckets.map((bucket, index) => {
    const { acl, cacheControl, ...others } = bucketUploadsOf(profile, bucket) ?? {};
    const row: BucketSettingRow = { id: index + 1, bucket, url: publicUrlBaseOf(profile, bucket) ?? '', acl: acl ?? '', cacheControl: cacheControl ?? '' };
    return Object.keys(others).length > 0 ? { ...row, others } : row;
  });
}

/** Whether the form sends a secret: always when adding, when editing only a newly typed one. */
function sendsSecret(values: ProfileFormValues, mode: ProfileFormMode): boolean {
  return mode.kind === 'add' || (values.replaceSecret && values.secretAccessKey !== '');
}

/** Whether the secret field must be filled: adding, or editing a profile whose secret is missing. */
export function secretRequired(mode: ProfileFormMode): boolean {
  return mode.kind === 'add' || !mode.secretSet;
}

/** The rows as the profile stores them: URL bases, and upload settings, by bucket. */
function bucketRecords(rows: BucketSettingRow[]): { publicUrlBases: Record<string, string>; bucketUploads: Record<string, BucketUploadSettings> } {
  const publicUrlBases: Record<string, string> = {};
  const bucketUploads: Record<string, BucketUploadSettings> = {};
  for (const row of rows) {
    const bucket = row.bucket.trim();
    const url = row.url.trim();
    const cacheControl = row.cacheControl.trim();
    const others = row.others ?? {};
    if (!bucket && !url && !row.acl && !cacheControl) continue;
    if (url) publicUrlBases[bucket] = url;
    if (row.acl || cacheControl || Object.keys(others).length > 0)
      bucketUploads[bucket] = { ...others, ...(row.acl && { acl: row.acl }), ...(cacheControl && { cacheControl }) };
  }
  return { publicUrlBases, bucketUploads };
}

/** The settings every save sends; the account id only for presets that use one. */
function settingsOf(values: ProfileFormValues): Omit<ProfileInput, 'secretAccessKey'> {
  const preset = providerById(values.provider);
  return {
    name: values.name,
    provider: values.provider,
    endpoint: values.endpoint,
    region: values.region,
    accessKeyId: values.accessKeyId,
    ...(preset.needsAccountId && { accountId: values.accountId }),
    ...(preset.jurisdictions && { jurisdiction: values.jurisdiction }),
    addressingStyle: values.addressingStyle,
    checksumMode: values.checksumMode,
    deleteObjectsMd5: values.deleteObjectsMd5,
    aclSupport: values.aclSupport,
    defaultBucket: values.defaultBucket.trim(),
    ...bucketRecords(values.bucketSettings),
    defaultUploadAcl: values.defaultUploadAcl,
    uploadCacheControl: values.uploadCacheControl.trim(),
    credentialsExpireAt: values.credentialsExpireAt ? new Date(values.credentialsExpireAt).toISOString() : '',
    responseTimeoutSeconds: responseTimeoutOf(values.responseTimeoutSeconds),
    ...proxySettingsOf(values),
    ...certificateSettingsOf(values),
  };
}

/** The proxy setting as the profile stores it: a URL and user only for "url" ("" removes them otherwise). */
function proxySettingsOf(values: ProfileFormValues): Pick<ProfileInput, 'proxyMode' | 'proxyUrl' | 'proxyUser'> {
  const url = values.proxyMode === 'url';
  return { proxyMode: values.proxyMode, proxyUrl: url ? values.proxyUrl.trim() : '', proxyUser: url ? values.proxyUser.trim() : '' };
}

/**
 * The proxy password a save or test sends: a typed one, "" to remove the stored one (asked, or the proxy is
 * no longer a URL), or nothing (keep it).
 */
function proxyPasswordOf(values: ProfileFormValues): { proxyPassword?: string } {
  if (values.removeProxyPassword || values.proxyMode !== 'url') return { proxyPassword: '' };
  return values.proxyPassword ? { proxyPassword: values.proxyPassword } : {};
}

/** The certificate settings a save or a test sends ("" / [] / false clear them). */
function certificateSettingsOf(values: ProfileFormValues): Pick<ProfileInput, 'caBundle' | 'pinnedCertificates' | 'dontVerifyCertificates'> {
  return { caBundle: values.caBundle.trim(), pinnedCertificates: values.pinnedCertificates, dontVerifyCertificates: values.dontVerifyCertificates };
}

/** The typed response timeout as a number (the default when left empty; NaN when it is not a number, which validation names). */
function responseTimeoutOf(typed: string): number {
  const text = typed.trim();
  return text === '' ? DEFAULT_RESPONSE_TIMEOUT_SECONDS : /^\d+$/.test(text) ? Number(text) : Number.NaN;
}

/** What the form sends to `profiles:create`. */
export function toProfileInput(values: ProfileFormValues): ProfileInput {
  const sessionToken = values.sessionToken.trim();
  const proxyPassword = values.proxyMode === 'url' ? values.proxyPassword : '';
  return { ...settingsOf(values), secretAccessKey: values.secretAccessKey, ...(sessionToken && { sessionToken }), ...(proxyPassword && { proxyPassword }) };
}

/** The session token a save or test sends: a typed one, "" to remove the stored one, or nothing (keep it). */
function sessionTokenOf(values: ProfileFormValues): { sessionToken?: string } {
  if (values.removeSessionToken) return { sessionToken: '' };
  const typed = values.sessionToken.trim();
  return typed ? { sessionToken: typed } : {};
}

/**
 * What the form sends to `profiles:update`: every setting (so the saved
 * profile is what the form shows), the secret only when a new one was typed,
 * and an empty account id to clear one the profile no longer needs.
 */
export function toProfilePatch(values: ProfileFormValues, mode: ProfileFormMode, saved?: ProfileSummary): ProfilePatch {
  const settings = settingsOf(values);
  return {
    ...settings,
    ...(settings.accountId === undefined && saved?.accountId && { accountId: '' }),
    ...(settings.jurisdiction === undefined && saved?.jurisdiction && { jurisdiction: '' }),
    ...(sendsSecret(values, mode) && { secretAccessKey: values.secretAccessKey }),
    ...sessionTokenOf(values),
    ...(saved?.proxyPasswordSet || values.proxyPassword ? proxyPasswordOf(values) : {}),
  };
}

/** The `connection:test` request for the form's current values (and, editing, the saved secret). */
export function toConnectionTestRequest(values: ProfileFormValues, mode: ProfileFormMode, writeBucket: string): ConnectionTestRequest {
  const defaultBucket = values.defaultBucket.trim();
  return {
    ...(mode.kind === 'edit' && { profileId: mode.profileId }),
    settings: {
      provider: values.provider,
      endpoint: values.endpoint.trim(),
      region: values.region.trim(),
      accessKeyId: values.accessKeyId.trim(),
      addressingStyle: values.addressingStyle,
      checksumMode: values.checksumMode,
      deleteObjectsMd5: values.deleteObjectsMd5,
      ...(defaultBucket && { defaultBucket }),
      ...proxySettingsOf(values),
      ...(values.caBundle.trim() && { caBundle: values.caBundle.trim() }),
      ...(values.pinnedCertificates.length > 0 && { pinnedCertificates: values.pinnedCertificates }),
      ...(values.dontVerifyCertificates && { dontVerifyCertificates: true }),
    },
    ...(sendsSecret(values, mode) && { secretAccessKey: values.secretAccessKey }),
    ...sessionTokenOf(values),
    ...proxyPasswordOf(values),
    ...(writeBucket.trim() && { writeBucket: writeBucket.trim() }),
  };
}

/** A field of the editor that can be wrong: a named field, or one cell of a bucket settings row. */
export type FormField =
  | 'name'
  | 'region'
  | 'accountId'
  | 'endpoint'
  | 'accessKeyId'
  | 'secretAccessKey'
  | 'defaultBucket'
  | 'uploadCacheControl'
  | 'responseTimeoutSeconds'
  | 'proxyUrl'
  | 'caBundle'
  | `bucketRow-${number}-bucket`
  | `bucketRow-${number}-url`
  | `bucketRow-${number}-cacheControl`;

/** The first problem with each field, keyed by field. */
export type FormErrors = Partial<Record<FormField, string>>;

/** The editor's own fields in the order it shows them (bucket rows follow); `connection`: a connection test needs it. */
const FIELDS_SHOWN: readonly { field: FormField; connection: boolean }[] = [
  { field: 'name', connection: false },
  { field: 'region', connection: true },
  { field: 'accountId', connection: true },
  { field: 'endpoint', connection: true },
  { field: 'accessKeyId', connection: true },
  { field: 'secretAccessKey', connection: true },
  { field: 'defaultBucket', connection: true },
  { field: 'uploadCacheControl', connection: false },
  { field: 'responseTimeoutSeconds', connection: false },
  { field: 'proxyUrl', connection: true },
  { field: 'caBundle', connection: true },
];

/** The fields a connection test needs, in the order they show. */
export const CONNECTION_FIELDS: readonly FormField[] = FIELDS_SHOWN.filter((f) => f.connection).map((f) => f.field);

/** Every field in the order the editor shows it, for focusing the first wrong one. */
export function fieldOrder(values: ProfileFormValues): FormField[] {
  const rows = values.bucketSettings.flatMap((row): FormField[] => [
    `bucketRow-${row.id}-bucket`,
    `bucketRow-${row.id}-url`,
    `bucketRow-${row.id}-cacheControl`,
  ]);
  return [...FIELDS_SHOWN.map((f) => f.field), ...rows];
}

/** The id of a field's input element. */
export const fieldElementId = (field: FormField) => `profile-field-${field}`;

const settingsSchema = profileInputSchema.omit({
  secretAccessKey: true,
  sessionToken: true,
  defaultBucket: true,
  publicUrlBases: true,
  bucketUploads: true,
  uploadCacheControl: true,
  credentialsExpireAt: true,
  proxyPassword: true,
  proxyUrl: true,
});

function firstMessage(result: { success: boolean; error?: { issues: { message: string }[] } }): string | undefined {
  return result.success ? undefined : result.error?.issues[0]?.message;
}

/**
 * The first problem with each field, in the words of the shared schemas (the
 * same ones the main process checks), so the form and the border never disagree.
 */
export function profileFormErrors(values: ProfileFormValues, mode: ProfileFormMode): FormErrors {
  const errors: FormErrors = {};
  const settings = settingsOf(values);
  const parsed = settingsSchema.safeParse(settings);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === 'name' || field === 'region' || field === 'endpoint' || field === 'accessKeyId' || field === 'accountId' || field === 'caBundle') {
        errors[field] ??= issue.message;
      }
      if (field === 'responseTimeoutSeconds')
        errors.responseTimeoutSeconds ??= Number.isNaN(settings.responseTimeoutSeconds)
          ? 'Give the response timeout in whole seconds, e.g. 30.'
          : issue.message;
    }
  }
  const preset = providerById(values.provider);
  if (preset.needsAccountId && !values.endpointEdited && !presetEndpoint(preset, values.region, values.accountId, values.jurisdiction)) {
    errors.accountId ??= 'Enter your account ID: the 32 letters and digits in your Cloudflare dashboard’s URL.';
  }
  if (sendsSecret(values, mode) || (secretRequired(mode) && values.secretAccessKey === '')) {
    const secret = firstMessage(secretAccessKeySchema.safeParse(values.secretAccessKey));
    if (secret) errors.secretAccessKey = secret;
  }
  if (settings.defaultBucket) {
    const bucket = firstMessage(settingBucketSchema.safeParse(settings.defaultBucket));
    if (bucket) errors.defaultBucket = bucket;
  }
  if (values.proxyMode === 'url') {
    const proxyUrl = values.proxyUrl.trim();
    const proxyError = proxyUrl ? firstMessage(proxyUrlSchema.safeParse(proxyUrl)) : 'Enter the proxy URL, e.g. http://proxy.example.com:3128.';
    if (proxyError) errors.proxyUrl = proxyError;
  }
  const profileCacheControl = firstMessage(cacheControlSchema.safeParse(values.uploadCacheControl));
  if (profileCacheControl) errors.uploadCacheControl = profileCacheControl;
  const seen = new Set<string>();
  for (const row of values.bucketSettings) {
    const bucket = row.bucket.trim();
    const url = row.url.trim();
    const cacheControl = row.cacheControl.trim();
    if (!bucket && !url && !row.acl && !cacheControl) continue;
    const bucketError = bucket
      ? (firstMessage(settingBucketSchema.safeParse(bucket)) ?? (seen.has(bucket) ? 'This bucket has a row already.' : undefined))
      : 'Enter the bucket these settings are for.';
    const urlError = url ? firstMessage(publicUrlBaseSchema.safeParse(url)) : undefined;
    const cacheError = cacheControl ? firstMessage(cacheControlSchema.safeParse(cacheControl)) : undefined;
    if (bucketError) errors[`bucketRow-${row.id}-bucket`] = bucketError;
    if (urlError) errors[`bucketRow-${row.id}-url`] = urlError;
    if (cacheError) errors[`bucketRow-${row.id}-cacheControl`] = cacheError;
    seen.add(bucket);
  }
  return errors;
}

/** Only the problems that stop a connection test. */
export function connectionErrors(errors: FormErrors): FormErrors {
  return Object.fromEntries(CONNECTION_FIELDS.flatMap((f) => (errors[f] ? [[f, errors[f]]] : [])));
}

/** Why a bucket name typed to open or test cannot be a bucket, if so; empty is fine (optional). */
export function bucketNameError(bucket: string): string | undefined {
  return bucket.trim() ? firstMessage(bucketNameSchema.safeParse(bucket.trim())) : undefined;
}
