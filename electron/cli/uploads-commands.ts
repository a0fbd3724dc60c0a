// `pail uploads ls|abort`: a bucket's unfinished multipart uploads, the space their parts hold,
// and aborting them (through the same service and job the app's bucket inspector uses).
import { PailError } from '../../shared/errors';
import { ABORT_UPLOADS_MAX, heldInWords, type UnfinishedUpload, type UnfinishedUploadList } from '../../shared/unfinished-uploads';
import { countOf } from '../../shared/counts';
import { UsageError, type CliCommand, type CliIo, type CliRun, type Flags } from './cli-kit';
import { formatBytes, formatDate, shown } from './format';
import { remoteOf, report } from './manage-commands';

const LS_USAGE = `  pail uploads ls PROFILE:BUCKET[/PREFIX] [--json]
                                   unfinished multipart uploads: when each started, its parts and the space they
                                   hold (billed, and in no listing of objects), its upload id, and which Pail started
`;
const ABORT_USAGE = `  pail uploads abort PROFILE:BUCKET[/PREFIX] (--upload-id ID… | --all) [--older-than DAYS] [--dry-run]
                                   abort uploads (their parts are deleted): by id, or all under the prefix
                                   (only those started more than DAYS ago); --dry-run says what would go
`;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The listing for the command's PROFILE:BUCKET[/PREFIX]. */
async function listFor(services: Parameters<CliRun>[0], target: string | undefined): Promise<{ list: UnfinishedUploadList; bucket: string; prefix: string }> {
  const remote = remoteOf(target, 'bucket');
  const profile = await services.profiles.find(remote.profile);
  const list = await services.unfinishedUploads.list({ profileId: profile.id, bucket: remote.bucket, prefix: remote.prefix });
  return { list, bucket: remote.bucket, prefix: remote.prefix };
}

/** One upload as two lines: when, parts, size and key; then its id, and Pail's file when Pail started it. */
function uploadLines(upload: UnfinishedUpload): string {
  const first = `${formatDate(upload.initiated).padEnd(16)}  ${countOf(upload.parts, 'part').padStart(11)}  ${formatBytes(upload.bytes).padStart(10)}  ${shown(upload.key)}\n`;
  const pail = upload.fromPail ? `  (started by Pail here, from ${shown(upload.fromPail.filePath)}; aborting it means that transfer starts over)` : '';
  return `${first}${' '.repeat(18)}upload id ${shown(upload.uploadId)}${pail}\n`;
}

function printList(list: UnfinishedUploadList, where: string, io: CliIo): void {
  io.stdout.write(`${heldInWords(list).replace(/\.$/, '')} in ${shown(where)}.\n`);
  for (const upload of list.uploads) io.stdout.write(uploadLines(upload));
  if (list.more)
    io.stdout.write(`Only the oldest ${countOf(list.uploads.length, 'upload')} by key are listed; abort these, or name a prefix, to see the rest.\n`);
}

const listUploads: CliRun = async (services, { flags, positional }, io) => {
  const { list, bucket, prefix } = await listFor(services, positional[0]);
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return;
  }
  printList(list, `${bucket}/${prefix}`, io);
};

/** The uploads the flags choose from the listing: by id (each must be there), or all (older than --older-than days). */
function chosen(list: UnfinishedUploadList, flags: Flags, now: number): UnfinishedUpload[] {
  const ids = Array.isArray(flags['upload-id']) ? flags['upload-id'] : [];
  if (ids.length && flags.all) throw new UsageError('Give --upload-id or --all, not both.');
  if (!ids.length && !flags.all) throw new UsageError('Say which uploads to abort: --upload-id ID (see pail uploads ls), or --all.');
  let days: number | undefined;
  if (flags['older-than'] !== undefined) {
    days = Number(flags['older-than']);
    if (!Number.isFinite(days) || days < 0)
      throw new UsageError(`--older-than takes a number of days, e.g. --older-than 7 (not "${String(flags['older-than'])}").`);
  }
  let uploads = list.uploads;
  if (ids.length) {
    const missing = ids.filter((id) => !uploads.some((upload) => upload.uploadId === id));
    if (missing.length)
      throw new PailError({
        code: 'NoSuchUpload',
        message: `No unfinished upload has the id ${missing.map(shown).join(', ')} here.`,
        hint: 'It may have been completed or aborted already; pail uploads ls shows the ones left (name the prefix of its key if the bucket has more than 1,000).',
      });
    uploads = uploads.filter((upload) => ids.includes(upload.uploadId));
  }
  if (days !== undefined) {
    const before = now - days * DAY_MS;
    uploads = uploads.filter((upload) => upload.initiated !== undefined && Date.parse(upload.initiated) < before);
  }
  return uploads.slice(0, ABORT_UPLOADS_MAX);
}

const abortUploads: CliRun = async (services, { flags, positional }, io) => {
  const remote = remoteOf(positional[0], 'bucket');
  const profile = await services.profiles.find(remote.profile);
  const list = await services.unfinishedUploads.list({ profileId: profile.id, bucket: remote.bucket, prefix: remote.prefix });
  const uploads = chosen(list, flags, Date.now());
  const where = `${remote.bucket}/${remote.prefix}`;
  if (!uploads.length) {
    const days =
      flags['older-than'] === undefined ? '' : ` started more than ${String(flags['older-than'])} ${Number(flags['older-than']) === 1 ? 'day' : 'days'} ago`;
    io.stdout.write(`No unfinished uploads to abort in ${shown(where)}${days}.\n`);
    return;
  }
  const plan = { uploads, totalParts: uploads.reduce((n, u) => n + u.parts, 0), totalBytes: uploads.reduce((n, u) => n + u.bytes, 0), more: false };
  if (flags['dry-run']) {
    io.stdout.write(`Would abort: `);
    printList(plan, where, io);
    io.stdout.write('Nothing was changed (--dry-run).\n');
    return;
  }
  const started = await services.unfinishedUploads.startAbort({ profileId: profile.id, bucket: remote.bucket, uploads });
  const outcome = await started.finished;
  report(outcome, io);
  if (outcome.status === 'succeeded') io.stdout.write(`That freed ${formatBytes(plan.totalBytes)} (${countOf(plan.totalParts, 'part')}).\n`);
};

/** `pail uploads ls` and `pail uploads abort`. */
export const UPLOADS_COMMANDS: Readonly<Record<string, CliCommand>> = {
  'uploads ls': { usage: LS_USAGE, options: { json: { type: 'boolean' } }, run: listUploads },
  'uploads abort': {
    usage: ABORT_USAGE,
    options: { 'upload-id': { type: 'string', multiple: true }, all: { type: 'boolean' }, 'older-than': { type: 'string' }, 'dry-run': { type: 'boolean' } },
    run: abortUploads,
  },
};
