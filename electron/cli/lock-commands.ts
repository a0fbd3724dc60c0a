// `pail lock get|set|retain|hold`: Object Lock from the command line, through the app's service: a bucket's
// setting and default retention, a version's retention and legal hold, each change said in words first.
import {
  defaultRetentionSchema,
  LOCK_MODES,
  needsGovernanceBypass,
  objectLockInWords,
  objectLockStateInWords,
  retentionChangeInWords,
  retentionChangeProblem,
  retentionSchema,
  type DefaultRetention,
  type LockMode,
  type ObjectLockState,
  type Retention,
} from '../../shared/object-lock';
import { UsageError, type CliCommand, type CliIo, type CliRun, type Flags } from './cli-kit';
import { shown } from './format';
import { remoteOf } from './manage-commands';

const GET_USAGE = `  pail lock get PROFILE:BUCKET[/KEY] [--version-id V] [--json]
                                   a bucket's Object Lock and default retention, or a version's retention and legal hold
`;
const SET_USAGE = `  pail lock set PROFILE:BUCKET (--mode governance|compliance (--days N|--years N) | --none) [--dry-run]
                                   the retention each new version gets in a bucket with Object Lock
`;
const RETAIN_USAGE = `  pail lock retain PROFILE:BUCKET/KEY [--version-id V] (--mode governance|compliance --until TIME | --none)
                 [--bypass-governance] [--dry-run]   lock a version until TIME (e.g. 2027-01-31T12:00:00Z)
`;
const HOLD_USAGE = `  pail lock hold PROFILE:BUCKET/KEY [--version-id V] on|off   place or remove a version's legal hold
`;

/** A moment as the CLI says it: "2027-01-31 12:00 UTC". */
const when = (iso: string) => `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

async function placeOf(services: Parameters<CliRun>[0], target: string | undefined, flags: Flags, needsKey: boolean) {
  const remote = remoteOf(target, needsKey ? 'object' : 'bucket');
  if (needsKey && !remote.prefix) throw new UsageError('Name the object as PROFILE:BUCKET/KEY.');
  const profile = await services.profiles.find(remote.profile);
  const versionId = typeof flags['version-id'] === 'string' ? flags['version-id'] : undefined;
  return { profileId: profile.id, bucket: remote.bucket, key: remote.prefix || undefined, versionId };
}

function modeOf(flags: Flags): LockMode {
  const given = typeof flags.mode === 'string' ? flags.mode.toUpperCase() : '';
  const mode = LOCK_MODES.find((m) => m === given);
  if (!mode) throw new UsageError('Give --mode governance or --mode compliance.');
  return mode;
}

function wholeNumber(flags: Flags, name: 'days' | 'years'): number | undefined {
  const text = flags[name];
  if (text === undefined) return undefined;
  if (typeof text !== 'string' || !/^\d+$/.test(text)) throw new UsageError(`--${name} needs a whole number.`);
  return Number(text);
}

function printState(state: ObjectLockState, what: string, io: CliIo): void {
  io.stdout.write(
    `${what}:\n${objectLockStateInWords(state, when)
      .map((line) => `  ${line}\n`)
      .join('')}`,
  );
}

const getLock: CliRun = async (services, { flags, positional }, io) => {
  const place = await placeOf(services, positional[0], flags, false);
  if (place.key === undefined) {
    const settings = await services.objectLock.settings({ profileId: place.profileId, bucket: place.bucket });
    io.stdout.write(flags.json ? `${JSON.stringify(settings, null, 2)}\n` : `${shown(place.bucket)}: ${objectLockInWords(settings)}\n`);
    return;
  }
  const state = await services.objectLock.state({ ...place, key: place.key });
  if (flags.json) io.stdout.write(`${JSON.stringify(state, null, 2)}\n`);
  else printState(state, shown(place.key), io);
};

const setLock: CliRun = async (services, { flags, positional }, io) => {
  const place = await placeOf(services, positional[0], flags, false);
  if (place.key !== undefined) throw new UsageError('A default retention belongs to a bucket: name it as PROFILE:BUCKET (pail lock retain locks one object).');
  let wanted: DefaultRetention | null = null;
  if (!flags.none) {
    const parsed = defaultRetentionSchema.safeParse({ mode: modeOf(flags), days: wholeNumber(flags, 'days'), years: wholeNumber(flags, 'years') });
    if (!parsed.success) throw new UsageError(parsed.error.issues[0].message);
    wanted = parsed.data;
  } else if (flags.mode !== undefined || flags.days !== undefined || flags.years !== undefined) {
    throw new UsageError('Give --none alone, or --mode with --days or --years.');
  }
  const current = await services.objectLock.settings({ profileId: place.profileId, bucket: place.bucket });
  if (!current.enabled) throw new UsageError(`${objectLockInWords(current)} Nothing was changed.`);
  const after = objectLockInWords({ enabled: true, ...(wanted && { defaultRetention: wanted }) });
  if (flags['dry-run']) {
    io.stdout.write(`Now: ${objectLockInWords(current)}\nAfter saving: ${after}\nNothing was changed (--dry-run).\n`);
    return;
  }
  const saved = await services.objectLock.setSettings({ profileId: place.profileId, bucket: place.bucket, defaultRetention: wanted });
  io.stdout.write(`Saved. ${shown(place.bucket)}: ${objectLockInWords(saved)}\n`);
};

const retain: CliRun = async (services, { flags, positional }, io) => {
  const place = await placeOf(services, positional[0], flags, true);
  const ref = { ...place, key: place.key! };
  let wanted: Retention | null = null;
  if (!flags.none) {
    const until = typeof flags.until === 'string' ? flags.until : '';
    const parsed = retentionSchema.safeParse({ mode: modeOf(flags), retainUntil: until });
    if (!parsed.success) throw new UsageError(`--until: ${parsed.error.issues[0].message}`);
    wanted = { ...parsed.data, retainUntil: new Date(parsed.data.retainUntil).toISOString() };
  } else if (flags.mode !== undefined || flags.until !== undefined) {
    throw new UsageError('Give --none alone, or --mode with --until.');
  }
  const current = await services.objectLock.state(ref);
  const problem = retentionChangeProblem(current.retention, wanted);
  if (problem) throw new UsageError(`${problem} Nothing was changed.`);
  const bypass = Boolean(flags['bypass-governance']);
  if (needsGovernanceBypass(current.retention, wanted) && !bypass)
    throw new UsageError(
      `${retentionChangeInWords(current.retention, wanted, when)} That needs --bypass-governance (and the permission to bypass governance retention).`,
    );
  const change = retentionChangeInWords(current.retention, wanted, when);
  if (flags['dry-run']) {
    io.stdout.write(`${change ? `Would save: ${change}` : 'Nothing would change.'}\nNothing was changed (--dry-run).\n`);
    return;
  }
  const saved = await services.objectLock.setRetention({ ...ref, retention: wanted, bypassGovernance: bypass });
  io.stdout.write(change ? `Saved: ${change}\n` : 'Nothing changed.\n');
  printState(saved, shown(ref.key), io);
};

const hold: CliRun = async (services, { flags, positional }, io) => {
  const place = await placeOf(services, positional[0], flags, true);
  const onOff = positional[1];
  if (onOff !== 'on' && onOff !== 'off') throw new UsageError('Say on or off after the object: pail lock hold PROFILE:BUCKET/KEY on.');
  const saved = await services.objectLock.setLegalHold({ ...place, key: place.key!, on: onOff === 'on' });
  io.stdout.write(`${onOff === 'on' ? 'Placed' : 'Removed'} the legal hold.\n`);
  printState(saved, shown(place.key!), io);
};

const versionOption = { 'version-id': { type: 'string' } } as const;

/** `pail lock get`, `set`, `retain` and `hold`. */
export const LOCK_COMMANDS: Readonly<Record<string, CliCommand>> = {
  'lock get': { usage: GET_USAGE, options: { ...versionOption, json: { type: 'boolean' } }, run: getLock },
  'lock set': {
    usage: SET_USAGE,
    options: { mode: { type: 'string' }, days: { type: 'string' }, years: { type: 'string' }, none: { type: 'boolean' }, 'dry-run': { type: 'boolean' } },
    run: setLock,
  },
  'lock retain': {
    usage: RETAIN_USAGE,
    options: {
      ...versionOption,
      mode: { type: 'string' },
      until: { type: 'string' },
      none: { type: 'boolean' },
      'bypass-governance': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
    },
    run: retain,
  },
  'lock hold': { usage: HOLD_USAGE, options: versionOption, run: hold },
};
