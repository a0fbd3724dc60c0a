import { PailError } from '../../shared/errors';
import { responseTimeoutSchema } from '../../shared/profile';
import type { ClientOverrides } from '../services/s3-client-factory';
import type { AppServices } from '../app-services';
import { formatBytes, formatDate, parseRemote, shown, visibleIo } from './format';
import { UsageError, type CliCommand, type CliIo } from './cli-kit';
import { IMPORT_COMMANDS, IMPORT_USAGE } from './import-commands';
import { MANAGE_COMMANDS, MANAGE_USAGE } from './manage-commands';
import { PROFILE_COMMANDS, PROFILE_USAGE } from './profile-commands';
import { ReportedFailure, TEST_COMMANDS, TEST_USAGE } from './test-command';
import { TRANSFER_COMMANDS, TRANSFER_USAGE } from './transfer-commands';
import { SHARE_COMMANDS, SHARE_USAGE } from './share-commands';

export const USAGE = `Usage:
  pail --timeout SECONDS COMMAND …  any command: a request fails when the server sends nothing for that long (default: the profile's, 30 s)
${PROFILE_USAGE}${TEST_USAGE}${IMPORT_USAGE}  pail ls PROFILE:                 list the profile's buckets
  pail ls PROFILE:BUCKET/PREFIX/   list one folder level (folders end in "/")
${TRANSFER_USAGE}${MANAGE_USAGE}${SHARE_USAGE}`;

const ls: CliCommand = async (services, args, io) => {
  const target = args[0];
  const remote = target ? parseRemote(target) : undefined;
  if (!remote) throw new UsageError('Name what to list as PROFILE: or PROFILE:BUCKET/PREFIX/.');
  const profile = await services.profiles.find(remote.profile);
  if (!remote.bucket) {
    for (const bucket of await services.browse.listBuckets({ profileId: profile.id })) {
      io.stdout.write(`${formatDate(bucket.createdAt).padEnd(16)}  ${shown(bucket.name)}/\n`);
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
    for (const folder of page.folders) io.stdout.write(`${''.padEnd(16)}  ${'DIR'.padStart(10)}  ${shown(folder.name)}/\n`);
    for (const object of page.objects) {
      io.stdout.write(`${formatDate(object.lastModified).padEnd(16)}  ${formatBytes(object.size).padStart(10)}  ${shown(object.name)}\n`);
    }
    token = page.nextContinuationToken;
  } while (token);
};

/** Every command, by its words ("profile add", "ls"). */
const COMMANDS: Record<string, CliCommand> = {
  ...PROFILE_COMMANDS,
  ...IMPORT_COMMANDS,
  ...MANAGE_COMMANDS,
  ...TEST_COMMANDS,
  ...TRANSFER_COMMANDS,
  ...SHARE_COMMANDS,
  ls,
};

/**
 * Takes the options every command accepts out of the arguments: `--timeout
 * SECONDS` (the response timeout for this run, over the profiles').
 */
export function globalOptions(argv: string[]): { args: string[]; overrides: ClientOverrides } {
  const args: string[] = [];
  const overrides: ClientOverrides = {};
  for (let i = 0; i < argv.length; i += 1) {
    const match = /^--timeout(?:=(.*))?$/s.exec(argv[i]);
    if (!match) {
      args.push(argv[i]);
      continue;
    }
    const text = match[1] ?? argv[++i];
    if (text === undefined) throw new UsageError('--timeout needs a number of seconds.');
    const parsed = responseTimeoutSchema.safeParse(/^\d+$/.test(text) ? Number(text) : Number.NaN);
    if (!parsed.success)
      throw new UsageError(`--timeout ${text}: ${/^\d+$/.test(text) ? parsed.error.issues[0].message : 'give whole seconds, e.g. --timeout 60.'}`);
    overrides.responseTimeoutSeconds = parsed.data;
  }
  return { args, overrides };
}

/** Runs one CLI command; resolves to the process exit code. */
export async function runCli(argv: string[], services: (overrides: ClientOverrides) => Promise<AppServices>, rawIo: CliIo): Promise<number> {
  // Keys and server texts may hold control characters: nothing reaches the terminal raw.
  const io = visibleIo(rawIo);
  try {
    const { args: words, overrides } = globalOptions(argv);
    return await runCommand(words, () => services(overrides), io);
  } catch (error) {
    return reportFailure(error, io);
  }
}

async function runCommand(argv: string[], services: () => Promise<AppServices>, io: CliIo): Promise<number> {
  const [first, second] = argv;
  if (!first || first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(USAGE);
    return first ? 0 : 2;
  }
  const twoWords = `${first} ${second ?? ''}`;
  const [command, args] = twoWords in COMMANDS ? [COMMANDS[twoWords], argv.slice(2)] : first in COMMANDS ? [COMMANDS[first], argv.slice(1)] : [];
  if (!command || !args) throw new UsageError(`Unknown command "${[first, second].filter(Boolean).join(' ')}".`);
  await command(await services(), args, io);
  return 0;
}

/** Prints a failure in one line (a usage error with the usage) and gives the exit code. */
function reportFailure(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    io.stderr.write(`pail: ${shown(error.message)}\n${USAGE}`);
    return 2;
  }
  // The command printed its own report (e.g. a failed connection test).
  if (error instanceof ReportedFailure) return 1;
  if (error instanceof PailError) {
    io.stderr.write(`pail: ${error.code}: ${shown(error.message)} ${shown(error.hint)}\n`);
    return 1;
  }
  io.stderr.write(`pail: Internal: ${shown((error as Error).message ?? String(error))}\n`);
  return 1;
}
