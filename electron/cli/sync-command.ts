// `pail sync SRC DST`: one side a local folder, the other PROFILE:BUCKET/PREFIX; compares them (size
// and date, or --checksum), prints the differences with --dry-run, else sends what is new or changed
// through the transfer engine (resumable, with progress) and, with --delete, removes what is only on
// the target. The app's SyncService does the work; a second run with nothing changed sends nothing.
// Ctrl-C stops it as it stops pail cp (one line, exit 130): the same command goes on where it stopped.
import { resolve } from 'node:path';
import { PailError } from '../../shared/errors';
import { compareRequestSchema, planInWords, runInWords, type DiffEntry, type SyncPlan } from '../../shared/sync';
import { UsageError, type CliCommand, type CliIo, type CliRun } from './cli-kit';
import { shown } from './format';
import { bandwidthOf, BWLIMIT_USAGE, cliTransferEngine, concurrencyOf, noteLine, otherNotes, remoteOf } from './transfer-commands';
import { UPLOAD_FLAGS_USAGE, UPLOAD_OPTIONS, hasUploadFlags, uploadOptionsFromFlags } from './upload-flags';

const USAGE = `  pail sync DIR PROFILE:BUCKET/PREFIX/      upload what is new or changed in DIR
  pail sync PROFILE:BUCKET/PREFIX/ DIR      download what is new or changed in the bucket
      [--dry-run]  print the differences, change nothing   [--delete]  also delete what is only on the target
      [--checksum]  compare by MD5 (multipart ETags rebuilt from the file), not size and date
      [--exclude PATTERN]… [--include PATTERN]…  gitignore-style, below the roots   [--follow-symlinks]  (inside DIR only)
      [--concurrency N]
${BWLIMIT_USAGE}
${UPLOAD_FLAGS_USAGE}`;

const WORDS: Record<DiffEntry['kind'], string> = { new: 'new', changed: 'changed', extra: 'only-target', same: 'same' };

/** The differences, one per line ("new  a/b.txt"), what is the same left out; then what was passed over. */
function printPlan(plan: SyncPlan, io: CliIo): void {
  for (const entry of plan.entries) {
    if (entry.kind === 'same') continue;
    io.stdout.write(`${WORDS[entry.kind].padEnd(12)}${shown(entry.path)}${entry.reason ? `  (${shown(entry.reason)})` : ''}\n`);
  }
  for (const skipped of plan.skipped) io.stdout.write(`${'skipped'.padEnd(12)}${shown(skipped.path)}  (${shown(skipped.reason)})\n`);
}

const sync: CliRun = async (services, { flags, positional }, io) => {
  if (positional.length !== 2) throw new UsageError('Sync takes a source and a target: pail sync SOURCE TARGET.');
  const [from, to] = positional;
  const source = remoteOf(from, 'PROFILE:BUCKET/PREFIX/');
  const target = remoteOf(to, 'PROFILE:BUCKET/PREFIX/');
  if (!!source === !!target) throw new UsageError('One side of pail sync is a local folder and the other is PROFILE:BUCKET/PREFIX/.');
  const direction = target ? 'upload' : 'download';
  const metadataArgs = (flags.metadata as string[] | undefined) ?? [];
  if (direction === 'download' && hasUploadFlags(flags, metadataArgs)) throw new UsageError('Upload options (--acl, --sse, …) are for syncing up to a bucket.');
  const options = uploadOptionsFromFlags(flags, metadataArgs);
  const settings = { concurrency: concurrencyOf(flags), bandwidth: bandwidthOf(flags) };
  const remote = (source ?? target)!;
  const profile = await services.profiles.find(remote.profile);
  const parsed = compareRequestSchema.safeParse({
    profileId: profile.id,
    bucket: remote.bucket,
    prefix: remote.prefix && !remote.prefix.endsWith('/') ? `${remote.prefix}/` : remote.prefix,
    localDir: resolve(direction === 'upload' ? from : to),
    direction,
    checksum: flags.checksum === true,
    exclude: (flags.exclude as string[] | undefined) ?? [],
    include: (flags.include as string[] | undefined) ?? [],
    followSymlinks: flags['follow-symlinks'] === true,
  });
  if (!parsed.success) throw new UsageError(parsed.error.issues[0].message);
  const withDelete = flags.delete === true;
  if (flags['dry-run']) {
    const plan = await services.sync.compare(parsed.data);
    printPlan(plan, io);
    io.stdout.write(`${planInWords(plan)}\nWould: ${runInWords(plan, withDelete)}\nNothing was changed (--dry-run).\n`);
    return;
  }
  // Taken before comparing: Ctrl-C while the sides are read (a big tree, checksums) stops as it does while files move.
  const { engine, view, close } = cliTransferEngine(services, io, settings);
  try {
    const plan = await services.sync.compare(parsed.data);
    io.stderr.write(`${planInWords(plan)}\n`);
    const outcome = await services.sync.using(engine).startRun({ planId: plan.planId, delete: withDelete, ...(options && { options }) }).finished;
    view.end();
    for (const transfer of otherNotes(engine.list().transfers)) io.stderr.write(noteLine(transfer));
    for (const failure of outcome.failures.slice(0, 50))
      io.stderr.write(`  failed: ${shown(failure.key)}: ${failure.error.code}: ${shown(failure.error.message)}\n`);
    if (outcome.failures.length > 50) io.stderr.write(`  … and ${outcome.failures.length - 50} more\n`);
    if (outcome.status === 'failed')
      throw outcome.error ? new PailError(outcome.error) : new PailError({ code: 'Internal', message: outcome.summary, hint: 'Run the same command again.' });
    io.stdout.write(`${shown(outcome.summary)}\n`);
    if (outcome.failures.length)
      throw new PailError({
        code: outcome.failures[0].error.code,
        message: `${outcome.failures.length} of the sync's transfers failed (listed above).`,
        hint: 'Run the same command again: what arrived is the same now and is not sent twice; interrupted big files resume.',
      });
  } finally {
    await close();
  }
};

/** `pail sync`. */
export const SYNC_COMMANDS: Readonly<Record<string, CliCommand>> = {
  sync: {
    usage: USAGE,
    options: {
      'dry-run': { type: 'boolean' },
      delete: { type: 'boolean' },
      checksum: { type: 'boolean' },
      exclude: { type: 'string', multiple: true },
      include: { type: 'string', multiple: true },
      'follow-symlinks': { type: 'boolean' },
      concurrency: { type: 'string' },
      bwlimit: { type: 'string' },
      ...UPLOAD_OPTIONS,
    },
    run: sync,
  },
};
