// `pail storage-class`: moves an object, or with --recursive a folder (every object below), to another
// storage class: the app's job (a copy onto itself that keeps headers, metadata and grants).
import { storageClassNameSchema } from '../../shared/upload-options';
import { UsageError, type CliCommand, type CliRun } from './cli-kit';
import { remoteOf, report } from './manage-commands';

const USAGE = `  pail storage-class PROFILE:BUCKET/KEY CLASS [--recursive]
                                   move an object (--recursive: a folder, every object below) to another storage
                                   class, e.g. STANDARD_IA; headers, metadata and grants are kept
`;

const setStorageClass: CliRun = async (services, { flags, positional }, io) => {
  const remote = remoteOf(positional[0], 'object');
  if (!remote.prefix) throw new UsageError('Name the object (or, with --recursive, the folder): PROFILE:BUCKET/KEY.');
  const parsed = storageClassNameSchema.safeParse(positional[1] ?? '');
  if (!parsed.success) throw new UsageError(positional[1] ? parsed.error.issues[0].message : 'Name the storage class, e.g. STANDARD_IA.');
  const recursive = !!flags.recursive;
  if (!recursive && remote.prefix.endsWith('/')) throw new UsageError(`"${remote.prefix}" is a folder: add --recursive to move everything in it.`);
  const prefix = recursive && !remote.prefix.endsWith('/') ? `${remote.prefix}/` : remote.prefix;
  const profile = await services.profiles.find(remote.profile);
  const outcome = await services.objects.startSetStorageClass({
    profileId: profile.id,
    bucket: remote.bucket,
    keys: recursive ? [] : [remote.prefix],
    prefixes: recursive ? [prefix] : [],
    storageClass: parsed.data,
  }).finished;
  report(outcome, io);
};

/** `pail storage-class`. */
export const STORAGE_CLASS_COMMANDS: Readonly<Record<string, CliCommand>> = {
  'storage-class': { usage: USAGE, options: { recursive: { type: 'boolean' } }, run: setStorageClass },
};
