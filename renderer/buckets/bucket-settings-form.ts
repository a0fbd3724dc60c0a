import {
  bucketUploadSettingsSchema,
  bucketUploadsOf,
  publicUrlBaseOf,
  publicUrlBaseSchema,
  type BucketUploadSettings,
  type ProfileSummary,
} from '../../shared/profile';
import type { UploadAcl } from '../../shared/providers';

/** One user metadata row; `id` keeps React keys stable while the name changes. */
export interface MetadataSettingRow {
  id: number;
  name: string;
  value: string;
}

/** What the Bucket settings dialog holds: the custom domain, and what uploads into the bucket get. */
export interface BucketSettingsValues {
  publicUrlBase: string;
  /** "": as the profile says. */
  acl: UploadAcl | '';
  cacheControl: string;
  /** "", "inline", "attachment", or a value set elsewhere (e.g. with a file name) kept as it is. */
  contentDisposition: string;
  storageClass: string;
  metadata: MetadataSettingRow[];
  askOnDrop: boolean;
  /** Kept as they are: the upload sheet edits Content-Types by extension. */
  contentTypes?: Record<string, string>;
}

/** A field of the form that can have a problem. */
export type BucketSettingsField = 'publicUrlBase' | 'cacheControl' | 'contentDisposition' | 'storageClass' | 'metadata' | `metadata-${number}`;

/** What `profiles:setBucketSettings` gets from the form (null clears). */
export interface BucketSettingsChange {
  uploads: BucketUploadSettings | null;
  publicUrlBase: string | null;
}

/** The result of checking the form: the change to send, or each field's problem. */
export type BucketSettingsCheck = { ok: true; change: BucketSettingsChange } | { ok: false; problems: Partial<Record<BucketSettingsField, string>> };

/** The form filled from the profile's settings for `bucket`. */
export function bucketSettingsValues(profile: Pick<ProfileSummary, 'publicUrlBases' | 'bucketUploads'>, bucket: string): BucketSettingsValues {
  const own = bucketUploadsOf(profile, bucket) ?? {};
  return {
    publicUrlBase: publicUrlBaseOf(profile, bucket) ?? '',
    acl: own.acl ?? '',
    cacheControl: own.cacheControl ?? '',
    contentDisposition: own.contentDisposition ?? '',
    storageClass: own.storageClass ?? '',
    metadata: Object.entries(own.metadata ?? {}).map(([name, value], index) => ({ id: index + 1, name, value })),
    askOnDrop: own.askOnDrop !== false,
    ...(own.contentTypes && { contentTypes: own.contentTypes }),
  };
}

/** The id for a new metadata row: one above the highest in use. */
export function nextMetadataRowId(rows: MetadataSettingRow[]): number {
  return rows.reduce((max, row) => Math.max(max, row.id), 0) + 1;
}

/** The problem zod found at `path` (under `uploads`), as a form field. */
function fieldOf(path: PropertyKey[], rows: MetadataSettingRow[]): BucketSettingsField {
  const [field, name] = path;
  if (field === 'metadata') {
    const row = rows.find((r) => r.name.trim() === name);
    return row ? `metadata-${row.id}` : 'metadata';
  }
  return field as BucketSettingsField;
}

/**
 * The change the form describes, checked with the schemas the main process applies: empty fields
 * are left out (the profile's setting, or none, applies), blank metadata rows are dropped, and an
 * upload setting that is all defaults clears the bucket's entry.
 */
export function checkBucketSettings(values: BucketSettingsValues): BucketSettingsCheck {
  const problems: Partial<Record<BucketSettingsField, string>> = {};
  const url = values.publicUrlBase.trim();
  const urlCheck = url ? publicUrlBaseSchema.safeParse(url) : undefined;
  if (urlCheck && !urlCheck.success) problems.publicUrlBase = urlCheck.error.issues[0].message;

  const rows = values.metadata.filter((row) => row.name.trim() !== '' || row.value !== '');
  for (const row of rows) if (!row.name.trim()) problems[`metadata-${row.id}`] = `Give a name to the metadata value "${row.value}".`;
  const metadata = Object.fromEntries(rows.map((row) => [row.name.trim(), row.value]));
  const text = (value: string) => value.trim() || undefined;
  const candidate = {
    ...(values.acl && { acl: values.acl }),
    ...(text(values.cacheControl) && { cacheControl: text(values.cacheControl) }),
    ...(text(values.contentDisposition) && { contentDisposition: text(values.contentDisposition) }),
    ...(text(values.storageClass) && { storageClass: text(values.storageClass) }),
    ...(rows.length > 0 && { metadata }),
    ...(values.contentTypes && Object.keys(values.contentTypes).length > 0 && { contentTypes: values.contentTypes }),
    ...(!values.askOnDrop && { askOnDrop: false }),
  };
  const uploads = bucketUploadSettingsSchema.safeParse(candidate);
  if (!uploads.success) for (const issue of uploads.error.issues) problems[fieldOf(issue.path, rows)] ??= issue.message;
  if (Object.keys(problems).length > 0 || !uploads.success) return { ok: false, problems };
  return { ok: true, change: { uploads: Object.keys(uploads.data).length ? uploads.data : null, publicUrlBase: url ? (urlCheck?.data ?? url) : null } };
}
