// `pail public-access get|set|rm`: a bucket's Block Public Access, shown in words (or as JSON that
// `set --file` takes back) and changed switch by switch, through the app's service.
import {
  NOTHING_BLOCKED,
  PUBLIC_ACCESS_FLAGS,
  PUBLIC_ACCESS_WORDS,
  publicAccessBlockInWords,
  publicAccessBlockSchema,
  publicAccessChangesInWords,
  type PublicAccessBlock,
} from '../../shared/public-access-block';
import { readJsonInput, UsageError, type CliCommand, type CliIo, type CliRun, type Flags } from './cli-kit';
import { shown } from './format';
import { bucketOf } from './manage-commands';

const GET_USAGE = `  pail public-access get PROFILE:BUCKET [--json]   a bucket's Block Public Access, switch by switch
`;
const SET_USAGE = `  pail public-access set PROFILE:BUCKET [--all on|off] [--block-acls on|off] [--ignore-acls on|off]
                 [--block-policy on|off] [--restrict-buckets on|off] [--file FILE|-] [--dry-run]
`;
const RM_USAGE = `  pail public-access rm PROFILE:BUCKET [--dry-run]   remove the configuration: nothing blocked
`;

function printBlock(bucket: string, block: PublicAccessBlock, io: CliIo): void {
  io.stdout.write(`${shown(bucket)}: ${publicAccessBlockInWords(block)}\n`);
  for (const flag of PUBLIC_ACCESS_FLAGS) io.stdout.write(`  ${PUBLIC_ACCESS_WORDS[flag].label}: ${block[flag] ? 'on' : 'off'}\n`);
}

function onOff(flags: Flags, name: string): boolean | undefined {
  const value = flags[name];
  if (value === undefined) return undefined;
  if (value !== 'on' && value !== 'off') throw new UsageError(`--${name} takes on or off.`);
  return value === 'on';
}

/** The switches after the command line: a file replaces them, --all sets every one, each flag its own. */
async function wantedBlock(current: PublicAccessBlock, flags: Flags, io: CliIo): Promise<PublicAccessBlock> {
  let next = { ...current };
  if (typeof flags.file === 'string') {
    const parsed = publicAccessBlockSchema.safeParse(await readJsonInput(flags.file, io, 'Block Public Access settings'));
    if (!parsed.success)
      throw new UsageError(`The settings are not valid: ${parsed.error.issues[0].message} (give them as pail public-access get --json prints them).`);
    next = parsed.data;
  }
  const all = onOff(flags, 'all');
  if (all !== undefined) next = { blockPublicAcls: all, ignorePublicAcls: all, blockPublicPolicy: all, restrictPublicBuckets: all };
  for (const flag of PUBLIC_ACCESS_FLAGS) {
    const value = onOff(flags, PUBLIC_ACCESS_WORDS[flag].cli);
    if (value !== undefined) next[flag] = value;
  }
  return next;
}

const getBlock: CliRun = async (services, { flags, positional }, io) => {
  const place = await bucketOf(services, positional[0]);
  const block = await services.bucketConfig.publicAccessBlock(place);
  if (flags.json) io.stdout.write(`${JSON.stringify(block, null, 2)}\n`);
  else printBlock(place.bucket, block, io);
};

const setBlock: CliRun = async (services, { flags, positional }, io) => {
  const place = await bucketOf(services, positional[0]);
  const given = ['file', 'all', ...PUBLIC_ACCESS_FLAGS.map((flag) => PUBLIC_ACCESS_WORDS[flag].cli)].some((name) => flags[name] !== undefined);
  if (!given) throw new UsageError('Say what to change: --all on|off, a switch (e.g. --block-acls on) or --file.');
  const current = await services.bucketConfig.publicAccessBlock(place);
  const next = await wantedBlock(current, flags, io);
  const change = publicAccessChangesInWords(current, next);
  if (flags['dry-run']) {
    io.stdout.write(
      `${change ? `Would save: ${change.charAt(0).toUpperCase()}${change.slice(1)}` : 'Nothing would change.'}\nNothing was changed (--dry-run).\n`,
    );
    return;
  }
  const saved = await services.bucketConfig.setPublicAccessBlock({ ...place, block: next });
  io.stdout.write(change ? `Saved: ${change.charAt(0).toUpperCase()}${change.slice(1)}\n` : 'Nothing changed.\n');
  printBlock(place.bucket, saved, io);
};

const removeBlock: CliRun = async (services, { flags, positional }, io) => {
  const place = await bucketOf(services, positional[0]);
  const current = await services.bucketConfig.publicAccessBlock(place);
  const change = publicAccessChangesInWords(current, NOTHING_BLOCKED);
  if (flags['dry-run']) {
    io.stdout.write(`Would remove the configuration${change ? `: ${change}` : ' (nothing is blocked now).'}\nNothing was changed (--dry-run).\n`);
    return;
  }
  const saved = await services.bucketConfig.setPublicAccessBlock({ ...place, block: null });
  io.stdout.write(`Removed the configuration${change ? `: ${change}` : '.'}\n`);
  printBlock(place.bucket, saved, io);
};

const onOffOption = { type: 'string' } as const;

/** `pail public-access get`, `set` and `rm`. */
export const PUBLIC_ACCESS_COMMANDS: Readonly<Record<string, CliCommand>> = {
  'public-access get': { usage: GET_USAGE, options: { json: { type: 'boolean' } }, run: getBlock },
  'public-access set': {
    usage: SET_USAGE,
    options: {
      all: onOffOption,
      'block-acls': onOffOption,
      'ignore-acls': onOffOption,
      'block-policy': onOffOption,
      'restrict-buckets': onOffOption,
      file: { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
    run: setBlock,
  },
  'public-access rm': { usage: RM_USAGE, options: { 'dry-run': { type: 'boolean' } }, run: removeBlock },
};
