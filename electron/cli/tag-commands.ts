// `pail tag get|set`: the tags of an object (PROFILE:BUCKET/KEY) or of a bucket (PROFILE:BUCKET), shown
// (or as JSON that `set --file` takes back), and changed by name, through the app's service.
import { bucketTagsSchema, objectTagsSchema, tagChangesInWords, type Tag } from '../../shared/tags';
import { readJsonInput, UsageError, type CliCommand, type CliIo, type CliRun, type Flags } from './cli-kit';
import { shown } from './format';
import { remoteOf } from './manage-commands';

const GET_USAGE = `  pail tag get PROFILE:BUCKET[/KEY] [--json]   an object's tags (with a key), else the bucket's
`;
const SET_USAGE = `  pail tag set PROFILE:BUCKET[/KEY] [NAME=VALUE]… [--remove NAME]… [--clear] [--file FILE|-] [--dry-run]
                                   add or change tags by name, remove some or all; --file replaces them all
`;

async function placeOf(services: Parameters<CliRun>[0], target: string | undefined) {
  const remote = remoteOf(target, 'bucket');
  const profile = await services.profiles.find(remote.profile);
  return { profileId: profile.id, bucket: remote.bucket, key: remote.prefix || undefined };
}

type Place = Awaited<ReturnType<typeof placeOf>>;
const what = (place: Place) => shown(place.key ?? place.bucket);

async function tagsOf(services: Parameters<CliRun>[0], place: Place): Promise<Tag[]> {
  return place.key === undefined
    ? (await services.tagging.bucketTags({ profileId: place.profileId, bucket: place.bucket })).tags
    : (await services.tagging.objectTags({ profileId: place.profileId, bucket: place.bucket, key: place.key })).tags;
}

function printTags(tags: Tag[], place: Place, io: CliIo): void {
  if (!tags.length) io.stdout.write(`${what(place)} has no tags.\n`);
  else io.stdout.write(`${what(place)}:\n${tags.map((tag) => `  ${shown(tag.key)}=${shown(tag.value)}\n`).join('')}`);
}

/** The tags after the command line's changes: a file replaces them; NAME=VALUE adds or changes; --remove and --clear take away. */
async function changedTags(current: Tag[], flags: Flags, pairs: string[], io: CliIo): Promise<Tag[]> {
  const file = typeof flags.file === 'string' ? flags.file : undefined;
  let next = flags.clear ? [] : [...current];
  if (file !== undefined) {
    const json = (await readJsonInput(file, io, 'tags')) as { tags?: unknown } | unknown[] | null;
    next = (Array.isArray(json) ? json : json?.tags) as Tag[];
  }
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`Give each tag as NAME=VALUE, e.g. team=web (not "${pair}").`);
    const tag = { key: pair.slice(0, eq), value: pair.slice(eq + 1) };
    next = next.some((t) => t.key === tag.key) ? next.map((t) => (t.key === tag.key ? tag : t)) : [...next, tag];
  }
  const removed = Array.isArray(flags.remove) ? flags.remove : [];
  for (const name of removed) {
    if (!next.some((tag) => tag.key === name)) throw new UsageError(`There is no tag named ${name} to remove.`);
    next = next.filter((tag) => tag.key !== name);
  }
  return next;
}

const getTags: CliRun = async (services, { flags, positional }, io) => {
  const place = await placeOf(services, positional[0]);
  const tags = await tagsOf(services, place);
  if (flags.json) io.stdout.write(`${JSON.stringify({ tags }, null, 2)}\n`);
  else printTags(tags, place, io);
};

const setTags: CliRun = async (services, { flags, positional }, io) => {
  const place = await placeOf(services, positional[0]);
  const pairs = positional.slice(1);
  if (!pairs.length && !flags.remove && !flags.clear && flags.file === undefined)
    throw new UsageError('Say what to change: NAME=VALUE, --remove NAME, --clear or --file.');
  const current = await tagsOf(services, place);
  const wanted = await changedTags(current, flags, pairs, io);
  const parsed = (place.key === undefined ? bucketTagsSchema : objectTagsSchema).safeParse(wanted);
  if (!parsed.success) throw new UsageError(parsed.error.issues[0].message);
  const change = tagChangesInWords(current, parsed.data);
  if (flags['dry-run']) {
    io.stdout.write(`${change ? `Would save: ${change}` : 'Nothing would change.'}\nNothing was changed (--dry-run).\n`);
    return;
  }
  const saved =
    place.key === undefined
      ? await services.tagging.setBucketTags({ profileId: place.profileId, bucket: place.bucket, tags: parsed.data })
      : await services.tagging.setObjectTags({ profileId: place.profileId, bucket: place.bucket, key: place.key, tags: parsed.data });
  io.stdout.write(change ? `Saved: ${change}\n` : 'Nothing changed.\n');
  printTags(saved.tags, place, io);
};

/** `pail tag get` and `pail tag set`. */
export const TAG_COMMANDS: Readonly<Record<string, CliCommand>> = {
  'tag get': { usage: GET_USAGE, options: { json: { type: 'boolean' } }, run: getTags },
  'tag set': {
    usage: SET_USAGE,
    options: { remove: { type: 'string', multiple: true }, clear: { type: 'boolean' }, file: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    run: setTags,
  },
};
