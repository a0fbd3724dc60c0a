// `pail cp`'s upload options (--acl, --content-type, --cache-control, --content-disposition, --storage-class,
// --metadata k=v repeatable, --sse and --sse-kms-key-id as the AWS CLI names them), read into the same
// UploadOptions the app's upload requests carry.
import { uploadOptionsSchema, type UploadOptions } from '../../shared/upload-options';
import { UsageError, type CliOptions, type Flags } from './cli-kit';

/** Usage lines of the upload options. */
export const UPLOAD_FLAGS_USAGE = `      upload options: [--acl private|public-read]  (default: the bucket's, else the profile's)
        [--content-type T]  (default: from the file name)   [--cache-control V]   [--content-disposition inline|attachment...]
        [--storage-class C]  (e.g. STANDARD)   [--metadata NAME=VALUE]  (repeatable; sent as x-amz-meta-NAME)
        [--sse AES256|aws:kms]  (encryption at rest: SSE-S3 or SSE-KMS)   [--sse-kms-key-id ID]  (with aws:kms)
`;

const VALUE_FLAGS = ['acl', 'content-type', 'cache-control', 'content-disposition', 'storage-class', 'sse', 'sse-kms-key-id'] as const;

/** The upload options in the parser's shape, for `pail cp`'s option table. */
export const UPLOAD_OPTIONS: CliOptions = {
  ...Object.fromEntries(VALUE_FLAGS.map((flag) => [flag, { type: 'string' as const }])),
  metadata: { type: 'string', multiple: true },
};

/** The upload options the flags give (undefined when none is given); a UsageError naming the flag when one is wrong. */
export function uploadOptionsFromFlags(flags: Flags, metadataArgs: string[]): UploadOptions | undefined {
  const acl = flags.acl;
  if (acl !== undefined && acl !== 'private' && acl !== 'public-read') throw new UsageError(`--acl is private or public-read (not "${String(acl)}").`);
  const metadata: Record<string, string> = {};
  for (const pair of metadataArgs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--metadata takes NAME=VALUE, e.g. --metadata author=Ann (not "${pair}").`);
    metadata[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const given = {
    ...(acl !== undefined && { acl }),
    ...(typeof flags['content-type'] === 'string' && { contentType: flags['content-type'] }),
    ...(typeof flags['cache-control'] === 'string' && { cacheControl: flags['cache-control'] }),
    ...(typeof flags['content-disposition'] === 'string' && { contentDisposition: flags['content-disposition'] }),
    ...(typeof flags['storage-class'] === 'string' && { storageClass: flags['storage-class'] }),
    ...(metadataArgs.length > 0 && { metadata }),
    ...encryptionFromFlags(flags),
  };
  if (Object.keys(given).length === 0) return undefined;
  const parsed = uploadOptionsSchema.safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue.path[0] ?? '');
    const flag =
      field === 'metadata'
        ? 'metadata'
        : field === 'encryption'
          ? issue.path[1] === 'kmsKeyId'
            ? 'sse-kms-key-id'
            : 'sse'
          : VALUE_FLAGS.find((f) => f.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()) === field);
    throw new UsageError(`--${flag ?? field}: ${issue.message}`);
  }
  return parsed.data;
}

/** --sse and --sse-kms-key-id as the upload options' `encryption` (a key id alone means aws:kms, as in the AWS CLI's use). */
function encryptionFromFlags(flags: Flags): { encryption?: unknown } {
  const sse = flags.sse;
  const keyId = flags['sse-kms-key-id'];
  if (sse === undefined && keyId === undefined) return {};
  if (sse !== undefined && sse !== 'AES256' && sse !== 'aws:kms') throw new UsageError(`--sse is AES256 (SSE-S3) or aws:kms (SSE-KMS), not "${String(sse)}".`);
  if (sse === 'AES256' && keyId !== undefined) throw new UsageError('--sse-kms-key-id goes with --sse aws:kms, not AES256.');
  return { encryption: { algorithm: sse ?? 'aws:kms', ...(keyId !== undefined && { kmsKeyId: keyId }) } };
}

/** True when any upload option is among the flags (they make no sense on a download). */
export function hasUploadFlags(flags: Flags, metadataArgs: string[]): boolean {
  return metadataArgs.length > 0 || VALUE_FLAGS.some((f) => flags[f] !== undefined);
}
