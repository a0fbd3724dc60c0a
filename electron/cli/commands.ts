import { PailError } from '../../shared/errors';
import { responseTimeoutSchema } from '../../shared/profile';
import type { ClientOverrides } from '../services/s3-client-factory';
import type { AppServices } from '../app-services';
import { formatBytes, formatDate, parseRemote, shown, visibleIo } from './format';
import { commandHelp, parseCommandLine, UsageError, type CliCommand, type CliIo, type CliRun } from './cli-kit';
import { BUCKET_COMMANDS } from './bucket-settings-command';
import { IMPORT_COMMANDS } from './import-commands';
import { MANAGE_COMMANDS } from './manage-commands';
import { PROFILE_COMMANDS } from './profile-commands';
import { ReportedFailure, TEST_COMMANDS } from './test-command';
import { TRANSFER_COMMANDS } from './transfer-commands';
import { printCertificate } from './certificate-commands';
import { withUnverifiedWarnings } from './unverified-warning';
import { SHARE_COMMANDS } from './share-commands';
import { UPLOADS_COMMANDS } from './uploads-commands';
import { CORS_COMMANDS } from './cors-commands';
import { LIFECYCLE_COMMANDS } from './lifecycle-commands';
import { POLICY_COMMANDS } from './policy-commands';
import { TAG_COMMANDS } from './tag-commands';
import { LOCK_COMMANDS } from './lock-commands';
import { PUBLIC_ACCESS_COMMANDS } from './public-access-commands';
import { STORAGE_CLASS_COMMANDS } from './storage-class-command';
import { FIND_COMMANDS } from './find-command';
import { SYNC_COMMANDS } from './sync-command';
import { ENCRYPTION_COMMANDS } from './encryption-commands';

const LS_USAGE = `  pail ls PROFILE:                 list the profile's buckets
  pail ls PROFILE:BUCKET/PREFIX/   list one folder level (folders end in "/")
`;

const ls: CliRun = async (services, { positional }, io) => {
  const target = positional[0];
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

/** Every command, by its words ("profile add", "ls"), in the order `pail --help` lists them. */
export const COMMANDS: Readonly<Record<string, CliCommand>> = {
  ...PROFILE_COMMANDS,
  ...TEST_COMMANDS,
  ...IMPORT_COMMANDS,
  ls: { usage: LS_USAGE, options: {}, run: ls },
  ...FIND_COMMANDS,
  ...TRANSFER_COMMANDS,
  ...SYNC_COMMANDS,
  ...MANAGE_COMMANDS,
  ...BUCKET_COMMANDS,
  ...TAG_COMMANDS,
  ...LOCK_COMMANDS,
  ...PUBLIC_ACCESS_COMMANDS,
  ...ENCRYPTION_COMMANDS,
  ...STORAGE_CLASS_COMMANDS,
  ...POLICY_COMMANDS,
  ...CORS_COMMANDS,
  ...LIFECYCLE_COMMANDS,
  ...UPLOADS_COMMANDS,
  ...SHARE_COMMANDS,
};

/** Usage lines of several commands, a line two of them share (profile settings) once, after the last. */
function usageOf(commands: CliCommand[]): string {
  const lines = commands.flatMap((c) => c.usage.trimEnd().split('\n'));
  return lines.filter((line, i) => lines.lastIndexOf(line) === i).join('\n') + '\n';
}

/** What `pail --help` prints: every command's usage lines. */
export const USAGE = `Usage:
  pail --timeout SECONDS COMMAND …  any command: a request fails when the server sends nothing for that long (default: the profile's, 30 s)
  pail COMMAND --help               one command's usage (or: pail help COMMAND)
${usageOf(Object.values(COMMANDS))}`;

/** The commands whose words start with `group` ("profile"), for `pail profile --help`. */
function groupOf(group: string): CliCommand[] {
  return Object.entries(COMMANDS)
    .filter(([words]) => words.startsWith(`${group} `))
    .map(([, command]) => command);
}

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
  if (!first || first === '--help' || first === '-h' || (first === 'help' && !second)) {
    io.stdout.write(USAGE);
    return first ? 0 : 2;
  }
  // `pail help profile add` is `pail profile add --help`.
  if (first === 'help') return runCommand([...argv.slice(1), '--help'], services, io);
  const twoWords = `${first} ${second ?? ''}`;
  const words = twoWords in COMMANDS ? twoWords : first in COMMANDS ? first : undefined;
  if (!words) return groupHelp(first, second, io);
  const command = COMMANDS[words];
  try {
    const parsed = parseCommandLine(words, command.options, argv.slice(words.split(' ').length));
    if (parsed.help) io.stdout.write(commandHelp(command));
    else await command.run(withUnverifiedWarnings(await services(), io), parsed, io);
  } catch (error) {
    // A wrong command line is followed by this command's usage, not every command's.
    if (error instanceof UsageError) error.usage ??= commandHelp(command);
    throw error;
  }
  return 0;
}

/** `pail profile --help` lists the profile commands; `pail profile` alone or an unknown word is a usage error. */
function groupHelp(first: string, second: string | undefined, io: CliIo): number {
  const group = groupOf(first);
  const asked = second === '--help' || second === '-h';
  if (!group.length || (second && !asked)) throw new UsageError(`Unknown command "${[first, second].filter(Boolean).join(' ')}".`);
  const usage = `Usage:\n${usageOf(group)}`;
  if (asked) {
    io.stdout.write(usage);
    return 0;
  }
  throw Object.assign(new UsageError(`Name a ${first} command: pail ${first} COMMAND.`), { usage });
}

/** Prints a failure in one line (a usage error with the usage) and gives the exit code. */
function reportFailure(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    io.stderr.write(`pail: ${shown(error.message)}\n${error.usage ?? USAGE}`);
    return 2;
  }
  // The command printed its own report (e.g. a failed connection test).
  if (error instanceof ReportedFailure) return 1;
  if (error instanceof PailError) {
    io.stderr.write(`pail: ${error.code}: ${shown(error.message)} ${shown(error.hint)}\n`);
    if (error.certificate?.sha256) printCertificate(io, error.certificate, 'stderr');
    return 1;
  }
  io.stderr.write(`pail: Internal: ${shown((error as Error).message ?? String(error))}\n`);
  return 1;
}
