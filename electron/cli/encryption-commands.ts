// `pail encryption get|set|rm`: a bucket's default encryption, in words (or as JSON that `set --file`
// takes back), set by algorithm and key, removed; through the app's service, which refuses a server
// without bucket encryption before sending anything (Ceph 16 takes the removal for deleting the bucket).
import {
  BUCKET_SSE_ALGORITHMS,
  bucketEncryptionChangeInWords,
  bucketEncryptionInWords,
  bucketEncryptionRuleSchema,
  type BucketEncryptionRule,
} from '../../shared/encryption';
import { readJsonInput, UsageError, type CliCommand, type CliIo, type CliRun, type Flags } from './cli-kit';
import { shown } from './format';
import { bucketOf } from './manage-commands';

const GET_USAGE = `  pail encryption get PROFILE:BUCKET [--json]   a bucket's default encryption (what new objects get)
`;
const SET_USAGE = `  pail encryption set PROFILE:BUCKET (--sse AES256|aws:kms|aws:kms:dsse [--kms-key-id ID] [--bucket-key] | --file FILE|-)
                 [--dry-run]   set it: SSE-S3, or SSE-KMS with a key (the account's default without one)
`;
const RM_USAGE = `  pail encryption rm PROFILE:BUCKET [--dry-run]   remove it (on AWS the bucket goes back to SSE-S3)
`;

function printEncryption(bucket: string, rule: BucketEncryptionRule | null, io: CliIo): void {
  io.stdout.write(`${shown(bucket)}: ${bucketEncryptionInWords(rule)}\n`);
}

/** The rule the command line asks for: a file (as `get --json` prints it), or --sse with its key and bucket key. */
async function wantedRule(flags: Flags, io: CliIo): Promise<BucketEncryptionRule> {
  const fromFile = typeof flags.file === 'string';
  if (fromFile === (flags.sse !== undefined)) throw new UsageError('Give --sse (with --kms-key-id and --bucket-key if needed) or --file, one of them.');
  let given: unknown;
  if (fromFile) {
    const json = (await readJsonInput(flags.file as string, io, 'encryption settings')) as { rule?: unknown } | null;
    given = json && typeof json === 'object' && 'rule' in json ? json.rule : json;
    if (given === null) throw new UsageError('The file says no default encryption: use pail encryption rm to remove it.');
  } else {
    if (!(BUCKET_SSE_ALGORITHMS as readonly string[]).includes(String(flags.sse)))
      throw new UsageError(`--sse is ${BUCKET_SSE_ALGORITHMS.join(', ')} (not "${String(flags.sse)}").`);
    given = {
      algorithm: flags.sse,
      ...(typeof flags['kms-key-id'] === 'string' && { kmsKeyId: flags['kms-key-id'] }),
      bucketKey: flags['bucket-key'] === true,
    };
  }
  const parsed = bucketEncryptionRuleSchema.safeParse(given);
  if (!parsed.success) throw new UsageError(`The encryption is not valid: ${parsed.error.issues[0].message}`);
  return parsed.data;
}

const getEncryption: CliRun = async (services, { flags, positional }, io) => {
  const place = await bucketOf(services, positional[0]);
  const { rule } = await services.bucketConfig.encryption(place);
  if (flags.json) io.stdout.write(`${JSON.stringify({ rule }, null, 2)}\n`);
  else printEncryption(place.bucket, rule, io);
};

const setEncryption: CliRun = async (services, { flags, positional }, io) => {
  const place = await bucketOf(services, positional[0]);
  const next = await wantedRule(flags, io);
  const { rule: current } = await services.bucketConfig.encryption(place);
  const change = bucketEncryptionChangeInWords(current, next);
  if (flags['dry-run']) {
    io.stdout.write(`${change ? change.replace(/^Saving sets/, 'Would set') : 'Nothing would change.'}\nNothing was changed (--dry-run).\n`);
    return;
  }
  const saved = await services.bucketConfig.setEncryption({ ...place, rule: next });
  io.stdout.write(change ? `${change.replace(/^Saving sets/, 'Set')}\n` : 'Nothing changed.\n');
  printEncryption(place.bucket, saved.rule, io);
};

const removeEncryption: CliRun = async (services, { flags, positional }, io) => {
  const place = await bucketOf(services, positional[0]);
  const { rule: current } = await services.bucketConfig.encryption(place);
  if (!current) {
    io.stdout.write(`${shown(place.bucket)} has no default encryption; nothing to remove.\n`);
    return;
  }
  if (flags['dry-run']) {
    io.stdout.write(`Would remove the default encryption (${bucketEncryptionInWords(current)})\nNothing was changed (--dry-run).\n`);
    return;
  }
  const saved = await services.bucketConfig.setEncryption({ ...place, rule: null });
  io.stdout.write('Removed the default encryption.\n');
  printEncryption(place.bucket, saved.rule, io);
};

/** `pail encryption get`, `set` and `rm`. */
export const ENCRYPTION_COMMANDS: Readonly<Record<string, CliCommand>> = {
  'encryption get': { usage: GET_USAGE, options: { json: { type: 'boolean' } }, run: getEncryption },
  'encryption set': {
    usage: SET_USAGE,
    options: {
      sse: { type: 'string' },
      'kms-key-id': { type: 'string' },
      'bucket-key': { type: 'boolean' },
      file: { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
    run: setEncryption,
  },
  'encryption rm': { usage: RM_USAGE, options: { 'dry-run': { type: 'boolean' } }, run: removeEncryption },
};
