// `pail bucket settings`: a bucket's own settings (its custom domain and what uploads into it get),
// shown, or changed field by field through the same `profiles:setBucketSettings` the app's dialog uses.
import { requestContract } from '../../shared/ipc/contract';
import { bucketUploadsOf, publicUrlBaseOf, type BucketUploadSettings, type Profile } from '../../shared/profile';
import { uploadEncryptionInWords } from '../../shared/encryption';
import { UsageError, type CliCommand, type CliOptions, type CliRun, type Flags } from './cli-kit';
import { shown } from './format';
import { remoteOf } from './manage-commands';

const USAGE = `  pail bucket settings PROFILE:BUCKET        a bucket's custom domain and upload defaults; with options, changes them:
        [--public-url URL | --no-public-url]  (public links use this domain; signed requests always go to the endpoint)
        [--acl none|private|public-read]  (none: the bucket's own default)   [--cache-control V]
        [--content-disposition inline|attachment|V]   [--storage-class C]
        [--metadata NAME=VALUE]… | [--no-metadata]   [--ask-on-drop | --no-ask-on-drop]   ("" clears a value)
        [--sse AES256|aws:kms|none [--sse-kms-key-id ID]]   (the encryption uploads ask for; none: none asked)
`;

const VALUE_FLAGS = { acl: 'acl', 'cache-control': 'cacheControl', 'content-disposition': 'contentDisposition', 'storage-class': 'storageClass' } as const;

const OPTIONS: CliOptions = {
  'public-url': { type: 'string' },
  'no-public-url': { type: 'boolean' },
  ...Object.fromEntries(Object.keys(VALUE_FLAGS).map((flag) => [flag, { type: 'string' as const }])),
  metadata: { type: 'string', multiple: true },
  'no-metadata': { type: 'boolean' },
  'ask-on-drop': { type: 'boolean' },
  'no-ask-on-drop': { type: 'boolean' },
  sse: { type: 'string' },
  'sse-kms-key-id': { type: 'string' },
};

/** The upload settings after the flags' changes: a given value replaces, "" removes, an absent flag keeps. */
function changedUploads(current: BucketUploadSettings, flags: Flags): BucketUploadSettings {
  const next: Record<string, unknown> = { ...current };
  for (const [flag, field] of Object.entries(VALUE_FLAGS)) {
    const value = flags[flag];
    if (typeof value !== 'string') continue;
    if (value.trim() === '') delete next[field];
    else next[field] = value;
  }
  const pairs = Array.isArray(flags.metadata) ? flags.metadata : [];
  if (flags['no-metadata'] && pairs.length) throw new UsageError('Give --metadata or --no-metadata, not both.');
  if (flags['no-metadata']) delete next.metadata;
  if (pairs.length) {
    next.metadata = Object.fromEntries(
      pairs.map((pair) => {
        const eq = pair.indexOf('=');
        if (eq <= 0) throw new UsageError(`--metadata takes NAME=VALUE, e.g. --metadata author=Ann (not "${pair}").`);
        return [pair.slice(0, eq), pair.slice(eq + 1)];
      }),
    );
  }
  if (flags['ask-on-drop'] && flags['no-ask-on-drop']) throw new UsageError('Give --ask-on-drop or --no-ask-on-drop, not both.');
  if (flags['ask-on-drop']) delete next.askOnDrop;
  if (flags['no-ask-on-drop']) next.askOnDrop = false;
  if (flags.sse === 'none' || flags.sse === '') {
    if (flags['sse-kms-key-id'] !== undefined) throw new UsageError('--sse-kms-key-id goes with --sse aws:kms.');
    delete next.encryption;
  } else if (flags.sse !== undefined || flags['sse-kms-key-id'] !== undefined) {
    // Checked with the rest by the channel's schema (an unknown algorithm, a key with SSE-S3).
    next.encryption = { algorithm: flags.sse ?? 'aws:kms', ...(typeof flags['sse-kms-key-id'] === 'string' && { kmsKeyId: flags['sse-kms-key-id'] }) };
  }
  return next as BucketUploadSettings;
}

/** The request the flags make, checked with the channel's own schema; undefined when no flag changes anything. */
function requestOf(profile: Profile, bucket: string, flags: Flags) {
  const changes = Object.keys(OPTIONS).some((name) => flags[name] !== undefined);
  if (!changes) return undefined;
  if (typeof flags['public-url'] === 'string' && flags['no-public-url']) throw new UsageError('Give --public-url or --no-public-url, not both.');
  const publicUrlBase = flags['no-public-url'] ? null : typeof flags['public-url'] === 'string' ? flags['public-url'].trim() || null : undefined;
  const uploads = changedUploads(bucketUploadsOf(profile, bucket) ?? {}, flags);
  const parsed = requestContract['profiles:setBucketSettings'].request.safeParse({
    id: profile.id,
    bucket,
    uploads: Object.keys(uploads).length ? uploads : null,
    ...(publicUrlBase !== undefined && { publicUrlBase }),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue.path[1] ?? issue.path[0] ?? '');
    const flag =
      field === 'publicUrlBase'
        ? 'public-url'
        : field === 'encryption'
          ? issue.path[2] === 'kmsKeyId'
            ? 'sse-kms-key-id'
            : 'sse'
          : (Object.entries(VALUE_FLAGS).find(([, f]) => f === field)?.[0] ?? field);
    throw new UsageError(`--${flag}: ${issue.message}`);
  }
  return parsed.data;
}

/** The settings as lines, what is not set said in words. */
function settingsText(profile: Profile, bucket: string): string {
  const own = bucketUploadsOf(profile, bucket) ?? {};
  const list = (record?: Record<string, string>) =>
    record && Object.keys(record).length
      ? Object.entries(record)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')
      : undefined;
  const rows: [string, string][] = [
    ['Public URL base', publicUrlBaseOf(profile, bucket) ?? `none (public links use the endpoint, ${profile.endpoint})`],
    [
      'Upload access',
      own.acl && own.acl !== 'none'
        ? own.acl
        : own.acl === 'none'
          ? "the bucket's default"
          : `as the profile says (${profile.defaultUploadAcl === 'none' ? "the bucket's default" : profile.defaultUploadAcl})`,
    ],
    ['Cache-Control', own.cacheControl || (profile.uploadCacheControl ? `as the profile says (${profile.uploadCacheControl})` : 'none')],
    ['Content-Disposition', own.contentDisposition ?? 'none'],
    ['Storage class', own.storageClass ?? "the server's default"],
    ['Metadata', list(own.metadata) ?? 'none'],
    ['Content-Types', list(own.contentTypes) ?? 'detected from the file name'],
    ['Upload encryption', own.encryption ? uploadEncryptionInWords(own.encryption) : "none asked (the server's bucket default applies)"],
    ['Ask before uploading a drop', own.askOnDrop === false ? 'no' : 'yes'],
  ];
  return `Bucket ${bucket} in profile ${profile.name}:\n${rows.map(([label, value]) => `  ${`${label}:`.padEnd(29)}${shown(value)}\n`).join('')}`;
}

const bucketSettings: CliRun = async (services, { flags, positional }, io) => {
  const remote = remoteOf(positional[0], 'bucket');
  if (remote.prefix) throw new UsageError('Name the bucket as PROFILE:BUCKET, without a key.');
  let profile = await services.profiles.find(remote.profile);
  const request = requestOf(profile, remote.bucket, flags);
  if (request) profile = await services.profiles.setBucketSettings(request);
  io.stdout.write(settingsText(profile, remote.bucket));
};

/** `pail bucket settings`. */
export const BUCKET_COMMANDS: Readonly<Record<string, CliCommand>> = {
  'bucket settings': { usage: USAGE, options: OPTIONS, run: bucketSettings },
};
