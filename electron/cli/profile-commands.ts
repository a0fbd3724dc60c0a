import { readFileSync } from 'node:fs';
import { PailError } from '../../shared/errors';
import { keyShapeWarning, type KeyShapeWarning } from '../../shared/key-shapes';
import type { ProfileInput, ProfilePatch } from '../../shared/profile';
import {
  ACL_SUPPORT,
  ADDRESSING_STYLES,
  CHECKSUM_MODES,
  PROVIDER_IDS,
  PROVIDERS,
  presetEndpoint,
  providerById,
  unlistedRegionWarning,
  UPLOAD_ACLS,
} from '../../shared/providers';
import type { AppServices } from '../app-services';
import { CERTIFICATE_COMMANDS } from './certificate-commands';
import { readAll, UsageError, type CliCommand, type CliIo, type CliOptions, type CliRun, type Flags } from './cli-kit';

/** The settings both add and edit take: their usage lines and options. */
const SETTINGS_USAGE = `    settings: --path-style | --virtual-host | --addressing path|virtual|auto, --checksum-mode WHEN_REQUIRED|WHEN_SUPPORTED,
              --delete-md5 | --no-delete-md5, --acl-support auto|yes|bucket-only|no, --default-bucket B, --default-acl none|private|public-read,
              --ca-bundle PEM-FILE (authorities the server's certificate may come from; Pail keeps a copy; "" removes it),
              --dont-verify-certificates | --verify-certificates (a lab endpoint only: its certificates are not checked at all)
`;
const SETTINGS_OPTIONS: CliOptions = {
  provider: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  'account-id': { type: 'string' },
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
  'dont-verify-certificates': { type: 'boolean' },
  'verify-certificates': { type: 'boolean' },
};

/** `pail profile add`: usage and options. */
const ADD_USAGE = `  pail profile add --name NAME [--provider ID] [--region REGION] [--endpoint URL] [--account-id ID]
                   --access-key-id KEY --secret-access-key-stdin [settings]
${SETTINGS_USAGE}`;
const ADD_OPTIONS: CliOptions = { name: { type: 'string' }, ...SETTINGS_OPTIONS };

/** `pail profile edit`: usage and options. */
const EDIT_USAGE = `  pail profile edit NAME [--rename NEW] [--provider ID] [--region R] [--endpoint URL] [--access-key-id KEY]
                   [--secret-access-key-stdin] [settings]
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
    accessKeyId: text(flags, 'access-key-id'),
    addressingStyle: addressing,
    checksumMode: oneOf('checksum-mode', flags['checksum-mode'], CHECKSUM_MODES),
    deleteObjectsMd5: flags['delete-md5'] ? true : flags['no-delete-md5'] ? false : undefined,
    aclSupport: oneOf('acl-support', flags['acl-support'], ACL_SUPPORT),
    defaultBucket: text(flags, 'default-bucket'),
    defaultUploadAcl: oneOf('default-acl', flags['default-acl'], UPLOAD_ACLS),
    caBundle: caBundleFromFlags(flags),
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

async function secretFromStdin(io: CliIo): Promise<string> {
  return (await readAll(io.stdin)).replace(/\r?\n$/, '');
}

const profileAdd: CliRun = async (services, { flags }, io) => {
  const settings = settingsFromFlags(flags);
  const preset = providerById(settings.provider);
  const region = settings.region ?? preset.defaultRegion;
  const endpoint = settings.endpoint ?? (region ? presetEndpoint(preset, region, settings.accountId) : undefined);
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
  const profile = await services.profiles.create(input);
  io.stdout.write(
    `Added profile "${profile.name}" (${providerById(profile.provider).label}, ${profile.endpoint}, ${profile.region}); secret kept in ${services.secrets.preferred.description}.\n`,
  );
  if (services.secrets.preferred.warning) io.stderr.write(`Note: ${services.secrets.preferred.warning}\n`);
  warnAboutKeyShape(io, keyShapeWarning(profile.provider, profile.accessKeyId));
  const regionWarning = unlistedRegionWarning(preset, profile.region);
  if (regionWarning) io.stderr.write(`Warning: ${regionWarning}\n`);
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
  // A new provider or region moves the endpoint with it, unless one is given.
  if ((patch.provider || patch.region) && !patch.endpoint) {
    const preset = providerById(patch.provider ?? current.provider);
    const moved = presetEndpoint(preset, patch.region ?? current.region, patch.accountId ?? current.accountId);
    if (moved) patch.endpoint = moved;
  }
  if (flags['secret-access-key-stdin']) patch.secretAccessKey = await secretFromStdin(io);
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
    io.stdout.write(`${p.name.padEnd(width)}  ${p.provider}  ${p.endpoint}  ${p.region}  ${p.addressingStyle}-style  ${p.accessKeyId}  ${secret}\n`);
  }
  for (const d of damaged) {
    io.stdout.write(
      `! entry ${d.entry}${d.name ? ` ("${d.name}")` : ''} is damaged: ${d.problem}. Fix it in ${d.path}, or remove it: pail profile rm ${d.key}\n`,
    );
  }
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
    const endpoint = preset.endpointTemplate ?? '(your server URL)';
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
  ...CERTIFICATE_COMMANDS,
};
