import { readFileSync } from 'node:fs';
import { PailError } from '../../shared/errors';
import { keyShapeWarning, type KeyShapeWarning } from '../../shared/key-shapes';
import type { ProfileInput, ProfilePatch, ProfileSummary, ProxyMode } from '../../shared/profile';
import {
  ACL_SUPPORT,
  ADDRESSING_STYLES,
  CHECKSUM_MODES,
  PROVIDER_IDS,
  PROVIDERS,
  legacyEndpointWarning,
  providerById,
  unlistedRegionWarning,
  UPLOAD_ACLS,
} from '../../shared/providers';
import type { AppServices } from '../app-services';
import { CERTIFICATE_COMMANDS } from './certificate-commands';
import { readAll, UsageError, type CliCommand, type CliIo, type CliOptions, type CliRun, type Flags } from './cli-kit';
import { ENDPOINTS_COMMANDS } from './endpoints-command';
import { completePresetSettings, jurisdictionFlag } from './preset-flags';

/** The settings both add and edit take: their usage lines and options. */
const SETTINGS_USAGE = `    settings: --path-style | --virtual-host | --addressing path|virtual|auto, --checksum-mode WHEN_REQUIRED|WHEN_SUPPORTED,
              --delete-md5 | --no-delete-md5, --acl-support auto|yes|bucket-only|no, --default-bucket B, --default-acl none|private|public-read,
              --ca-bundle PEM-FILE (authorities the server's certificate may come from; Pail keeps a copy; "" removes it),
              --dont-verify-certificates | --verify-certificates (a lab endpoint only: its certificates are not checked at all)
    proxy:    --proxy env|none|system|URL (env, the default: HTTPS_PROXY, HTTP_PROXY, NO_PROXY; none: directly;
              system: the system's settings in the app, the environment's here; URL: http://host:port or https://host:port),
              --proxy-user USER ("" removes it), the proxy's password from PAIL_PROXY_PASSWORD or --proxy-password-stdin
`;
const SETTINGS_OPTIONS: CliOptions = {
  provider: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  'account-id': { type: 'string' },
  jurisdiction: { type: 'string' },
  'access-key-id': { type: 'string' },
  'secret-access-key-stdin': { type: 'boolean' },
  'path-style': { type: 'boolean' },
  'virtual-host': { type: 'boolean' },
  addressing: { type: 'string' },
  'checksum-mode': { type: 'string' },
  'delete-md5': { type: 'boolean' },
  'no-delete-md5': { type: 'boolean' },
  'acl-support': { type: 'string' },
  'default-bucket': { type: 'string' },
  'default-acl': { type: 'string' },
  'ca-bundle': { type: 'string' },
  proxy: { type: 'string' },
  'proxy-user': { type: 'string' },
  'proxy-password-stdin': { type: 'boolean' },
  'dont-verify-certificates': { type: 'boolean' },
  'verify-certificates': { type: 'boolean' },
};

/** `pail profile add`: usage and options. */
const ADD_USAGE = `  pail profile add --name NAME [--provider ID] [--region REGION] [--endpoint URL] [--account-id ID]
                   [--jurisdiction eu|fedramp|us|none] --access-key-id KEY --secret-access-key-stdin [settings]
                   (an endpoint names its provider and region: a Linode host's first label is its region;
                   --provider linode --region de-fra-2 finds that region's host, see pail profile endpoints)
${SETTINGS_USAGE}`;
const ADD_OPTIONS: CliOptions = { name: { type: 'string' }, ...SETTINGS_OPTIONS };

/** `pail profile edit`: usage and options. */
const EDIT_USAGE = `  pail profile edit NAME [--rename NEW] [--provider ID] [--region R] [--endpoint URL] [--account-id ID]
                   [--jurisdiction eu|fedramp|us|none] [--access-key-id KEY] [--secret-access-key-stdin] [settings]
${SETTINGS_USAGE}`;
const EDIT_OPTIONS: CliOptions = { rename: { type: 'string' }, ...SETTINGS_OPTIONS };

/** The usage lines of the commands that take no options. */
const RM_USAGE = `  pail profile rm NAME             (or the key a damaged entry shows in the list)
`;
const LIST_USAGE = `  pail profile list
`;
const RESTORE_USAGE = `  pail profile restore-backup      put back the last good profiles.json / secrets.json when damaged
`;
const PROVIDERS_USAGE = `  pail profile providers           presets, their endpoints and regions
`;

function oneOf<T extends string>(flag: string, value: Flags[string], allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw new UsageError(`--${flag} must be one of: ${allowed.join(', ')}.`);
  }
  return value as T;
}

function text(flags: Flags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

/** The settings flags shared by add and edit, as a patch. */
function settingsFromFlags(flags: Flags): ProfilePatch {
  const addressing = flags['path-style'] ? 'path' : flags['virtual-host'] ? 'virtual' : oneOf('addressing', flags.addressing, ADDRESSING_STYLES);
  const patch: ProfilePatch = {
    provider: oneOf('provider', flags.provider, PROVIDER_IDS),
    region: text(flags, 'region'),
    endpoint: text(flags, 'endpoint'),
    accountId: text(flags, 'account-id'),
    jurisdiction: jurisdictionFlag(flags),
    accessKeyId: text(flags, 'access-key-id'),
    addressingStyle: addressing,
    checksumMode: oneOf('checksum-mode', flags['checksum-mode'], CHECKSUM_MODES),
    deleteObjectsMd5: flags['delete-md5'] ? true : flags['no-delete-md5'] ? false : undefined,
    aclSupport: oneOf('acl-support', flags['acl-support'], ACL_SUPPORT),
    defaultBucket: text(flags, 'default-bucket'),
    defaultUploadAcl: oneOf('default-acl', flags['default-acl'], UPLOAD_ACLS),
    caBundle: caBundleFromFlags(flags),
    ...proxyFromFlags(flags),
    dontVerifyCertificates: flags['dont-verify-certificates'] ? true : flags['verify-certificates'] ? false : undefined,
  };
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as ProfilePatch;
}

/** The PEM text of --ca-bundle's file ("" when given empty, to remove the bundle), read now so the profile keeps its own copy. */
function caBundleFromFlags(flags: Flags): string | undefined {
  const file = text(flags, 'ca-bundle');
  if (file === undefined || file === '') return file;
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the CA bundle ${file}: ${(error as Error).message}`);
  }
}

/** --proxy: a mode word, or a URL (mode "url"). */
function proxyFromFlags(flags: Flags): Pick<ProfilePatch, 'proxyMode' | 'proxyUrl' | 'proxyUser'> {
  const value = text(flags, 'proxy');
  const user = text(flags, 'proxy-user');
  const words: Record<string, ProxyMode> = { env: 'environment', environment: 'environment', none: 'none', system: 'system' };
  const mode = value === undefined ? undefined : (words[value.toLowerCase()] ?? 'url');
  if (value !== undefined && mode === 'url' && !/^https?:\/\//i.test(value))
    throw new UsageError(`--proxy takes env, none, system or a proxy URL (http://host:port or https://host:port), not "${value}".`);
  return {
    ...(mode && { proxyMode: mode }),
    ...(mode === 'url' ? { proxyUrl: value } : mode && { proxyUrl: '' }),
    ...(user !== undefined && { proxyUser: user }),
  };
}

/**
 * The proxy's password: from --proxy-password-stdin, or PAIL_PROXY_PASSWORD when the proxy or its user is
 * given (never as an argument: it would stay in the shell's history).
 */
async function proxyPasswordFrom(flags: Flags, io: CliIo): Promise<string | undefined> {
  if (flags['proxy-password-stdin']) {
    if (flags['secret-access-key-stdin']) throw new UsageError('Only one secret can come on standard input: give the proxy password in PAIL_PROXY_PASSWORD.');
    return secretFromStdin(io);
  }
  const fromEnv = process.env.PAIL_PROXY_PASSWORD;
  return fromEnv !== undefined && (flags.proxy !== undefined || flags['proxy-user'] !== undefined) ? fromEnv : undefined;
}

/** What the proxy setting means here, said once when it is set. */
function noteProxy(io: CliIo, patch: ProfilePatch): void {
  if (patch.proxyMode === 'system')
    io.stderr.write(
      'Note: outside the app, "system" uses the proxies of the environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY); in the app, the system\'s proxy settings.\n',
    );
}

async function secretFromStdin(io: CliIo): Promise<string> {
  return (await readAll(io.stdin)).replace(/\r?\n$/, '');
}

const profileAdd: CliRun = async (services, { flags }, io) => {
  const settings = completePresetSettings(settingsFromFlags(flags));
  const preset = providerById(settings.provider);
  const { region, endpoint } = settings;
  const missing = [
    !text(flags, 'name') && '--name',
    !endpoint && (preset.needsAccountId ? '--account-id (or --endpoint)' : '--endpoint'),
    !region && '--region',
    !settings.accessKeyId && '--access-key-id',
  ].filter(Boolean);
  if (missing.length) throw new UsageError(`Missing ${missing.join(', ')}.`);
  if (!flags['secret-access-key-stdin']) {
    throw new UsageError('Pass the secret on standard input with --secret-access-key-stdin (never as an argument: it would be kept in your shell history).');
  }
  const input: ProfileInput = {
    ...settings,
    name: text(flags, 'name')!,
    endpoint: endpoint!,
    region: region!,
    accessKeyId: settings.accessKeyId!,
    secretAccessKey: await secretFromStdin(io),
  };
  const proxyPassword = await proxyPasswordFrom(flags, io);
  if (proxyPassword) input.proxyPassword = proxyPassword;
  noteProxy(io, settings);
  const profile = await services.profiles.create(input);
  io.stdout.write(
    `Added profile "${profile.name}" (${providerById(profile.provider).label}, ${profile.endpoint}, ${profile.region}); secret kept in ${services.secrets.preferred.description}.\n`,
  );
  if (services.secrets.preferred.warning) io.stderr.write(`Note: ${services.secrets.preferred.warning}\n`);
  warnAboutKeyShape(io, keyShapeWarning(profile.provider, profile.accessKeyId));
  const regionWarning = unlistedRegionWarning(preset, profile.region);
  if (regionWarning) io.stderr.write(`Warning: ${regionWarning}\n`);
  const legacy = legacyEndpointWarning(preset, profile.endpoint);
  if (legacy) io.stderr.write(`Warning: ${legacy}\n`);
};

/** Says on stderr when the access key id looks like another provider's (the profile is saved all the same). */
function warnAboutKeyShape(io: CliIo, warning: KeyShapeWarning | undefined): void {
  if (warning) io.stderr.write(`Warning: ${warning.message}\n`);
}

const profileEdit: CliRun = async (services, { flags, positional }, io) => {
  if (positional.length !== 1) throw new UsageError('Name the profile to edit: pail profile edit NAME [flags].');
  const current = await services.profiles.find(positional[0]);
  const patch: ProfilePatch = { ...settingsFromFlags(flags) };
  if (text(flags, 'rename')) patch.name = text(flags, 'rename');
  // A new provider, region, account or jurisdiction moves the endpoint with it, unless one is given; a given endpoint names its region.
  if (patch.endpoint && !patch.region)
    Object.assign(patch, { region: completePresetSettings({ ...patch, provider: patch.provider ?? current.provider }).region });
  else if ((patch.provider || patch.region || patch.accountId || patch.jurisdiction !== undefined) && !patch.endpoint) {
    const moved = completePresetSettings({
      provider: patch.provider ?? current.provider,
      region: patch.region ?? current.region,
      accountId: patch.accountId ?? current.accountId,
      jurisdiction: patch.jurisdiction ?? current.jurisdiction,
    });
    if (moved.endpoint) Object.assign(patch, { endpoint: moved.endpoint, region: moved.region });
  }
  if (flags['secret-access-key-stdin']) patch.secretAccessKey = await secretFromStdin(io);
  const proxyPassword = await proxyPasswordFrom(flags, io);
  if (proxyPassword !== undefined) patch.proxyPassword = proxyPassword;
  noteProxy(io, patch);
  if (!Object.keys(patch).length) throw new UsageError('Nothing to change: give at least one flag.');
  const updated = await services.profiles.update({ id: current.id, patch });
  io.stdout.write(`Updated profile "${updated.name}" (${updated.endpoint}, ${updated.region}).\n`);
  warnAboutKeyShape(io, keyShapeWarning(updated.provider, updated.accessKeyId));
};

/** Deletes a profile, or a damaged entry by the key `profile list` shows; says whether the secret went too. */
const profileRemove: CliRun = async (services, { positional }, io) => {
  if (positional.length !== 1) throw new UsageError('Name the profile to delete: pail profile rm NAME.');
  const target = await removalTarget(services, positional[0]);
  const result = await services.profiles.delete({ id: target.id });
  if (result.secretRemoved) {
    io.stdout.write(`${target.what} and its secret.\n`);
    return;
  }
  // The profile is gone but its secret is not: both are said, and the exit code is not 0.
  io.stdout.write(`${target.what}.\n`);
  throw new PailError(result.secretError ?? { code: 'SecretStoreUnavailable', message: 'Its secret was NOT removed.', hint: '' });
};

/** A profile by name or id, or a damaged entry by its key or name. */
async function removalTarget(services: AppServices, word: string): Promise<{ id: string; what: string }> {
  try {
    const profile = await services.profiles.find(word);
    return { id: profile.id, what: `Deleted profile "${profile.name}"` };
  } catch (error) {
    if (!(error instanceof PailError) || error.code !== 'DataFileDamaged') throw error;
    const lower = word.toLowerCase();
    const damaged = (await services.profiles.listing()).damaged.find((d) => d.key === word || d.name?.toLowerCase() === lower);
    if (!damaged) throw error;
    return { id: damaged.key, what: `Removed damaged entry ${damaged.entry}${damaged.name ? ` ("${damaged.name}")` : ''} from ${damaged.path}` };
  }
}

async function profileList(services: AppServices, io: CliIo): Promise<void> {
  const { profiles, damaged } = await services.profiles.listing();
  if (!profiles.length && !damaged.length) {
    io.stdout.write('No profiles yet. Add one with: pail profile add --name … (see pail profile add --help)\n');
    return;
  }
  const width = Math.max(...profiles.map((p) => p.name.length), 4);
  for (const p of profiles) {
    const secret = p.secretSet ? `secret in ${p.secretStore}` : p.secretError ? 'secret UNREADABLE (pail ls shows why)' : 'secret MISSING';
    io.stdout.write(
      `${p.name.padEnd(width)}  ${p.provider}  ${p.endpoint}  ${p.region}  ${p.addressingStyle}-style  ${p.accessKeyId}  ${secret}${proxyWords(p)}\n`,
    );
  }
  for (const d of damaged) {
    io.stdout.write(
      `! entry ${d.entry}${d.name ? ` ("${d.name}")` : ''} is damaged: ${d.problem}. Fix it in ${d.path}, or remove it: pail profile rm ${d.key}\n`,
    );
  }
}

/** The profile's proxy in `profile list` (nothing for the default, the environment's). */
function proxyWords(p: ProfileSummary): string {
  if (p.proxyMode === 'none') return '  proxy none';
  if (p.proxyMode === 'system') return '  proxy system';
  if (p.proxyMode === 'url') return `  proxy ${p.proxyUser ? `${p.proxyUser}@` : ''}${p.proxyUrl ?? ''}${p.proxyPasswordSet ? ' (password saved)' : ''}`;
  return '';
}

/** Puts back the last good data files from their .bak, and says what it did. */
const profileRestoreBackup: CliRun = async (services, { positional }, io) => {
  if (positional.length) throw new UsageError('pail profile restore-backup takes no arguments.');
  const { restored } = await services.profiles.restoreBackups();
  for (const file of restored) {
    io.stdout.write(`Restored ${file.path} from ${file.from}${file.damagedCopy ? `; the damaged file is kept as ${file.damagedCopy}` : ''}.\n`);
  }
};

const profileProviders: CliRun = async (_services, _args, io) => {
  for (const preset of PROVIDERS) {
    const jurisdictions = preset.jurisdictions ? ` (jurisdictions: ${preset.jurisdictions.map((j) => `{account}.${j.id}.…`).join(', ')})` : '';
    const endpoint = `${preset.endpointTemplate ?? '(your server URL)'}${jurisdictions}`;
    io.stdout.write(
      `${preset.id.padEnd(14)} ${preset.label}\n${''.padEnd(14)} endpoint ${endpoint}\n${''.padEnd(14)} regions  ${preset.regions.map((r) => r.id).join(', ')}\n`,
    );
  }
};

/** The profile commands, by their words. */
export const PROFILE_COMMANDS: Record<string, CliCommand> = {
  'profile add': { usage: ADD_USAGE, options: ADD_OPTIONS, run: profileAdd },
  'profile edit': { usage: EDIT_USAGE, options: EDIT_OPTIONS, run: profileEdit },
  'profile rm': { usage: RM_USAGE, options: {}, run: profileRemove },
  'profile list': { usage: LIST_USAGE, options: {}, run: (services, _args, io) => profileList(services, io) },
  'profile restore-backup': { usage: RESTORE_USAGE, options: {}, run: profileRestoreBackup },
  'profile providers': { usage: PROVIDERS_USAGE, options: {}, run: profileProviders },
  ...ENDPOINTS_COMMANDS,
  ...CERTIFICATE_COMMANDS,
};
