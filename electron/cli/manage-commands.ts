import type { AppServices } from '../app-services';
import type { JobFinished } from '../../shared/jobs';
import { PailError } from '../../shared/errors';
import { UsageError, type CliCommand, type CliIo, type CliRun } from './cli-kit';
import { parseRemote, shown } from './format';

/** Usage lines of the bucket and object commands, one each. */
const MB_USAGE = `  pail mb PROFILE:BUCKET [--region R] [--object-lock]
                                   create a bucket (the name is checked against S3's rules); --object-lock: with
                                   Object Lock, which turns versioning on and cannot be turned off
`;
const RB_USAGE = `  pail rb PROFILE:BUCKET [--force]           delete a bucket; --force deletes everything in it first
`;
const RM_USAGE = `  pail rm PROFILE:BUCKET/KEY [--recursive]   delete an object; --recursive deletes a folder and all below it
`;

export function remoteOf(target: string | undefined, what: string) {
  const remote = target ? parseRemote(target) : undefined;
  if (!remote?.bucket) throw new UsageError(`Name the ${what} as PROFILE:BUCKET${what === 'object' ? '/KEY' : ''}.`);
  return remote as { profile: string; bucket: string; prefix: string };
}

/** A bucket named as PROFILE:BUCKET (no key), with its profile's id: the target of the bucket settings commands. */
export async function bucketOf(services: AppServices, target: string | undefined): Promise<{ profileId: string; bucket: string }> {
  const remote = remoteOf(target, 'bucket');
  if (remote.prefix) throw new UsageError('Name the bucket as PROFILE:BUCKET, without a key.');
  const profile = await services.profiles.find(remote.profile);
  return { profileId: profile.id, bucket: remote.bucket };
}

/** Prints a job's outcome; a failed or partial job becomes a non-zero exit. */
export function report(outcome: JobFinished, io: CliIo): void {
  for (const failure of outcome.failures.slice(0, 20))
    io.stderr.write(`  failed: ${shown(failure.key)}: ${failure.error.code}: ${shown(failure.error.message)}\n`);
  if (outcome.failures.length > 20) io.stderr.write(`  … and ${outcome.failures.length - 20} more\n`);
  if (outcome.status === 'succeeded') {
    io.stdout.write(`${shown(outcome.summary)}\n`);
    return;
  }
  throw outcome.error
    ? new PailError(outcome.error)
    : new PailError({ code: 'S3Error', message: outcome.summary, hint: 'The items listed above were left as they were; check their errors and try again.' });
}

const makeBucket: CliRun = async (services, { flags, positional }, io) => {
  const remote = remoteOf(positional[0], 'bucket');
  const profile = await services.profiles.find(remote.profile);
  const region = typeof flags.region === 'string' ? flags.region : undefined;
  const objectLock = Boolean(flags['object-lock']);
  await services.buckets.create({ profileId: profile.id, name: remote.bucket, region, objectLock });
  io.stdout.write(`Created bucket ${shown(remote.bucket)}${objectLock ? ', with Object Lock (and versioning)' : ''}.\n`);
};

const removeBucket: CliRun = async (services, { flags, positional }, io) => {
  const remote = remoteOf(positional[0], 'bucket');
  const profile = await services.profiles.find(remote.profile);
  const started = await services.buckets
    .startDelete({ profileId: profile.id, bucket: remote.bucket, confirmName: flags.force ? remote.bucket : undefined })
    .catch((error: unknown) => {
      if (error instanceof PailError && error.code === 'BucketNotEmpty') {
        throw new PailError({ code: error.code, message: error.message, hint: 'Add --force to delete everything in it, then the bucket.' });
      }
      throw error;
    });
  report(await started.finished, io);
};

/**
 * Deleting what is not there fails (exit 1), as rm(1) does without -f: a
 * script that deletes a key it believes exists learns that it did not, and
 * the user learns of a typo in the key instead of reading "Deleted".
 */
function nothingThere(what: string, remote: { profile: string; bucket: string; prefix: string }): PailError {
  const parent = remote.prefix.replace(/\/$/, '').replace(/[^/]*$/, '');
  return new PailError({
    code: 'NoSuchKey',
    message: `${what}; nothing was deleted.`,
    hint: `Check the name with: pail ls ${remote.profile}:${remote.bucket}/${parent}`,
  });
}

const remove: CliRun = async (services, { flags, positional }, io) => {
  const remote = remoteOf(positional[0], 'object');
  if (!remote.prefix) throw new UsageError('Name the object (or, with --recursive, the folder) to delete: PROFILE:BUCKET/KEY.');
  const profile = await services.profiles.find(remote.profile);
  const recursive = !!flags.recursive;
  if (!recursive && remote.prefix.endsWith('/')) throw new UsageError(`"${remote.prefix}" is a folder: add --recursive to delete it and everything in it.`);
  const prefix = recursive && !remote.prefix.endsWith('/') ? `${remote.prefix}/` : remote.prefix;
  // S3 answers a delete of a missing key as a success: ask first, so "Deleted 1 object." is never a guess.
  if (!recursive && !(await services.objects.objectExists(profile.id, remote.bucket, remote.prefix)))
    throw nothingThere(`${remote.bucket}/${remote.prefix} does not exist`, remote);
  const started = services.objects.startDeleteEntries({
    profileId: profile.id,
    bucket: remote.bucket,
    keys: recursive ? [] : [remote.prefix],
    prefixes: recursive ? [prefix] : [],
  });
  const outcome = await started.finished;
  if (recursive && outcome.status === 'succeeded' && outcome.done === 0) throw nothingThere(`No object is under ${remote.bucket}/${prefix}`, remote);
  report(outcome, io);
};

/** The bucket and object commands, by their words. */
const DU_USAGE = `  pail du PROFILE:BUCKET[/PREFIX]            how many objects a folder (or bucket) holds, every level down, and their size
`;

/** `pail du`: the folder's size, the same job as the app's "Calculate size" (Ctrl-C stops it). */
const diskUsage: CliRun = async (services, { positional }, io) => {
  const remote = remoteOf(positional[0], 'bucket');
  const profile = await services.profiles.find(remote.profile);
  const prefix = remote.prefix && !remote.prefix.endsWith('/') ? `${remote.prefix}/` : remote.prefix;
  const started = await services.folderSizes.startMeasure({ profileId: profile.id, bucket: remote.bucket, prefix });
  report(await started.finished, io);
};

export const MANAGE_COMMANDS: Record<string, CliCommand> = {
  mb: { usage: MB_USAGE, options: { region: { type: 'string' }, 'object-lock': { type: 'boolean' } }, run: makeBucket },
  rb: { usage: RB_USAGE, options: { force: { type: 'boolean' } }, run: removeBucket },
  rm: { usage: RM_USAGE, options: { recursive: { type: 'boolean' } }, run: remove },
  du: { usage: DU_USAGE, options: {}, run: diskUsage },
};
