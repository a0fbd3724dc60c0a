// `pail find`: the app's search below a folder, by name, by tag or both, printing each match as it is
// found (one key per line, or JSON lines with --json) and the summary on stderr, so a pipe gets keys only.
import { searchRequestSchema, type SearchTag } from '../../shared/search';
import { formatBytes, formatDate, shown } from './format';
import { UsageError, type CliCommand, type CliRun } from './cli-kit';
import { remoteOf, report } from './manage-commands';

const USAGE = `  pail find PROFILE:BUCKET[/PREFIX] [TEXT] [--tag NAME[=VALUE]] [--long] [--json]
                                   every object (and folder) below the prefix whose name contains TEXT (any case);
                                   --tag: objects carrying that tag (any value without =VALUE); keys on stdout
`;

/** NAME=VALUE, or NAME for any value. */
function tagOf(flag: unknown): SearchTag | undefined {
  if (typeof flag !== 'string') return undefined;
  const eq = flag.indexOf('=');
  return eq === -1 ? { key: flag } : { key: flag.slice(0, eq), value: flag.slice(eq + 1) };
}

const find: CliRun = async (services, { flags, positional }, io) => {
  const remote = remoteOf(positional[0], 'bucket');
  if (positional.length > 2) throw new UsageError('Give one TEXT to search for (quote it if it has spaces).');
  const profile = await services.profiles.find(remote.profile);
  const parsed = searchRequestSchema.safeParse({
    profileId: profile.id,
    bucket: remote.bucket,
    prefix: remote.prefix,
    query: positional[1] ?? '',
    tag: tagOf(flags.tag),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(issue.path[0] === 'query' && !flags.tag ? 'Say what to find: TEXT in names, or --tag NAME[=VALUE].' : issue.message);
  }
  const outcome = await services.search.startSearch(parsed.data, (entries) => {
    for (const entry of entries) {
      const key = entry.kind === 'folder' ? entry.prefix : entry.key;
      if (flags.json) io.stdout.write(`${JSON.stringify(entry.kind === 'folder' ? { key } : { key, size: entry.size, lastModified: entry.lastModified })}\n`);
      else if (flags.long && entry.kind === 'object')
        io.stdout.write(`${formatDate(entry.lastModified).padEnd(16)}  ${formatBytes(entry.size).padStart(10)}  ${shown(key)}\n`);
      else io.stdout.write(`${flags.long ? `${''.padEnd(16)}  ${'DIR'.padStart(10)}  ` : ''}${shown(key)}\n`);
    }
  }).finished;
  // The summary goes to stderr: stdout holds matches only, one per line, for a pipe.
  report(outcome, { ...io, stdout: io.stderr });
};

/** `pail find`. */
export const FIND_COMMANDS: Readonly<Record<string, CliCommand>> = {
  find: { usage: USAGE, options: { tag: { type: 'string' }, long: { type: 'boolean' }, json: { type: 'boolean' } }, run: find },
};
