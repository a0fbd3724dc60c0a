import { PailError } from '../../shared/errors';
import type { AppServices } from '../app-services';
import { formatBytes, formatDate, parseRemote } from './format';
import { parseFlags, readAll, UsageError, type CliCommand, type CliIo } from './cli-kit';

export const USAGE = `Usage:
  pail profile add --name NAME --endpoint URL --region REGION --access-key-id KEY --secret-access-key-stdin [--path-style | --virtual-host]
  pail profile list
  pail ls PROFILE:                 list the profile's buckets
  pail ls PROFILE:BUCKET/PREFIX/   list one folder level (folders end in "/")
`;

const profileAdd: CliCommand = async (services, args, io) => {
  const { flags } = parseFlags(args, ['secret-access-key-stdin', 'path-style', 'virtual-host']);
  const required = ['name', 'endpoint', 'region', 'access-key-id'];
  const missing = required.filter((f) => typeof flags[f] !== 'string');
  if (missing.length) throw new UsageError(`Missing ${missing.map((m) => `--${m}`).join(', ')}.`);
  if (!flags['secret-access-key-stdin']) {
    throw new UsageError('Pass the secret on standard input with --secret-access-key-stdin (never as an argument: it would be kept in your shell history).');
  }
  const secret = (await readAll(io.stdin)).replace(/\r?\n$/, '');
  const profile = await services.profiles.create({
    name: flags.name as string,
    endpoint: flags.endpoint as string,
    region: flags.region as string,
    accessKeyId: flags['access-key-id'] as string,
    secretAccessKey: secret,
    addressingStyle: flags['virtual-host'] ? 'virtual' : 'path',
  });
  io.stdout.write(`Added profile "${profile.name}" (${profile.endpoint}, ${profile.region}); secret kept in ${services.secrets.preferred.description}.\n`);
  if (services.secrets.preferred.warning) io.stderr.write(`Note: ${services.secrets.preferred.warning}\n`);
};

async function profileList(services: AppServices, io: CliIo): Promise<void> {
  const profiles = await services.profiles.list();
  if (!profiles.length) {
    io.stdout.write('No profiles yet. Add one with: pail profile add --name … (see pail --help)\n');
    return;
  }
  const width = Math.max(...profiles.map((p) => p.name.length), 4);
  for (const p of profiles) {
    const secret = p.secretSet ? `secret in ${p.secretStore}` : 'secret MISSING';
    io.stdout.write(`${p.name.padEnd(width)}  ${p.endpoint}  ${p.region}  ${p.addressingStyle}-style  ${p.accessKeyId}  ${secret}\n`);
  }
}

const ls: CliCommand = async (services, args, io) => {
  const target = args[0];
  const remote = target ? parseRemote(target) : undefined;
  if (!remote) throw new UsageError('Name what to list as PROFILE: or PROFILE:BUCKET/PREFIX/.');
  const profile = await services.profiles.find(remote.profile);
  if (!remote.bucket) {
    for (const bucket of await services.browse.listBuckets(profile.id)) {
      io.stdout.write(`${formatDate(bucket.createdAt).padEnd(16)}  ${bucket.name}/\n`);
    }
    return;
  }
  let token: string | undefined;
  do {
    const page = await services.browse.listObjects({
      profileId: profile.id,
      bucket: remote.bucket,
      prefix: remote.prefix,
      continuationToken: token,
    });
    for (const folder of page.folders) io.stdout.write(`${''.padEnd(16)}  ${'DIR'.padStart(10)}  ${folder.name}/\n`);
    for (const object of page.objects) {
      io.stdout.write(`${formatDate(object.lastModified).padEnd(16)}  ${formatBytes(object.size).padStart(10)}  ${object.name}\n`);
    }
    token = page.nextContinuationToken;
  } while (token);
};

/** Every command, by its words ("profile add", "ls"). */
const COMMANDS: Record<string, CliCommand> = {
  'profile add': profileAdd,
  'profile list': (services, _args, io) => profileList(services, io),
  ls,
};

/** Runs one CLI command; resolves to the process exit code. */
export async function runCli(argv: string[], services: () => Promise<AppServices>, io: CliIo): Promise<number> {
  const [first, second] = argv;
  try {
    if (!first || first === '--help' || first === '-h' || first === 'help') {
      io.stdout.write(USAGE);
      return first ? 0 : 2;
    }
    const twoWords = `${first} ${second ?? ''}`;
    const [command, args] =
      twoWords in COMMANDS ? [COMMANDS[twoWords], argv.slice(2)] : first in COMMANDS ? [COMMANDS[first], argv.slice(1)] : [];
    if (!command || !args) throw new UsageError(`Unknown command "${[first, second].filter(Boolean).join(' ')}".`);
    await command(await services(), args, io);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`pail: ${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof PailError) {
      io.stderr.write(`pail: ${error.code}: ${error.message} ${error.hint}\n`);
      return 1;
    }
    io.stderr.write(`pail: Internal: ${(error as Error).message ?? String(error)}\n`);
    return 1;
  }
}
