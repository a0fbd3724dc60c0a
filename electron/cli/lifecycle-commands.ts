// `pail lifecycle get|set|rm`: a bucket's lifecycle rules as sentences (or JSON that `set --file`
// takes back), one rule added or replaced from flags, or rules removed; through the app's service.
import { lifecycleRuleInWords, lifecycleRulesSchema, type BucketLifecycle, type LifecycleRule } from '../../shared/lifecycle';
import { countOf } from '../../shared/counts';
import { PailError } from '../../shared/errors';
import { readJsonInput, UsageError, type CliCommand, type CliIo, type CliRun, type Flags } from './cli-kit';
import { shown } from './format';
import { bucketOf } from './manage-commands';

const GET_USAGE = `  pail lifecycle get PROFILE:BUCKET [--json]   the bucket's lifecycle rules, each in words (--json: what set --file takes)
`;
const SET_USAGE = `  pail lifecycle set PROFILE:BUCKET (--file FILE|- | --id NAME [--prefix P] [--expire-days N] [--noncurrent-days N]
                   [--abort-incomplete-days N] [--transition DAYS:CLASS]… [--disabled]) [--dry-run]
                                   replace all rules from a file, or add (or replace) the rule NAME from the flags
`;
const RM_USAGE = `  pail lifecycle rm PROFILE:BUCKET [--id NAME]   remove one rule, or every rule
`;

function printRules(lifecycle: BucketLifecycle, bucket: string, io: CliIo): void {
  if (!lifecycle.rules.length) {
    io.stdout.write(`${shown(bucket)} has no lifecycle rules: objects, older versions and unfinished uploads stay until deleted.\n`);
    return;
  }
  io.stdout.write(`${shown(bucket)} has ${countOf(lifecycle.rules.length, 'lifecycle rule')}:\n`);
  for (const rule of lifecycle.rules) io.stdout.write(`  ${shown(rule.id)}: ${shown(lifecycleRuleInWords(rule))}\n`);
}

/** The rules after the change is checked by the channel's own schema; a problem names the rule and field. */
function checked(rules: unknown): LifecycleRule[] {
  const parsed = lifecycleRulesSchema.safeParse(rules);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const at = typeof issue.path[0] === 'number' ? ` (rule ${issue.path[0] + 1}${issue.path[1] ? `, ${String(issue.path[1])}` : ''})` : '';
  throw new UsageError(`The rules are not valid${at}: ${issue.message}`);
}

async function rulesFromFile(path: string, io: CliIo): Promise<LifecycleRule[]> {
  const json = await readJsonInput(path, io, 'rules');
  const list = Array.isArray(json) ? json : (json as { rules?: unknown } | null)?.rules;
  if (list === undefined) throw new UsageError('Give { "rules": [...] } as pail lifecycle get --json prints it.');
  return checked(list);
}

/** A whole number of days from a flag, or undefined when it is not given. */
function daysFlag(flags: Flags, name: string): number | undefined {
  const value = flags[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value.trim())) throw new UsageError(`--${name} takes a whole number of days, e.g. --${name} 7.`);
  return Number(value);
}

/** The one rule the flags describe. */
function ruleOf(flags: Flags): LifecycleRule {
  const id = typeof flags.id === 'string' ? flags.id.trim() : '';
  if (!id) throw new UsageError('Name the rule with --id (a rule of that name is replaced), or give --file.');
  const transitions = (Array.isArray(flags.transition) ? flags.transition : []).map((spec) => {
    const match = /^(\d+):(.+)$/.exec(spec.trim());
    if (!match) throw new UsageError(`--transition takes DAYS:CLASS, e.g. --transition 30:STANDARD_IA (not "${spec}").`);
    return { days: Number(match[1]), storageClass: match[2] };
  });
  const expireDays = daysFlag(flags, 'expire-days');
  const expireNoncurrentDays = daysFlag(flags, 'noncurrent-days');
  const abortIncompleteDays = daysFlag(flags, 'abort-incomplete-days');
  return {
    id,
    enabled: !flags.disabled,
    prefix: typeof flags.prefix === 'string' ? flags.prefix : '',
    tags: [],
    ...(expireDays !== undefined && { expireDays }),
    ...(expireNoncurrentDays !== undefined && { expireNoncurrentDays }),
    ...(abortIncompleteDays !== undefined && { abortIncompleteDays }),
    transitions,
  };
}

const RULE_FLAGS = ['id', 'prefix', 'expire-days', 'noncurrent-days', 'abort-incomplete-days', 'transition', 'disabled'];

const getLifecycle: CliRun = async (services, { flags, positional }, io) => {
  const target = await bucketOf(services, positional[0]);
  const lifecycle = await services.bucketConfig.lifecycle(target);
  if (flags.json) io.stdout.write(`${JSON.stringify(lifecycle, null, 2)}\n`);
  else printRules(lifecycle, target.bucket, io);
};

const setLifecycle: CliRun = async (services, { flags, positional }, io) => {
  const target = await bucketOf(services, positional[0]);
  const file = typeof flags.file === 'string' ? flags.file : undefined;
  if (file !== undefined && RULE_FLAGS.some((name) => flags[name] !== undefined)) throw new UsageError('Give --file or the rule’s flags, not both.');
  let rules: LifecycleRule[];
  if (file !== undefined) rules = await rulesFromFile(file, io);
  else {
    const rule = ruleOf(flags);
    const current = (await services.bucketConfig.lifecycle(target)).rules;
    rules = checked(current.some((r) => r.id === rule.id) ? current.map((r) => (r.id === rule.id ? rule : r)) : [...current, rule]);
  }
  if (flags['dry-run']) {
    io.stdout.write('Would save: ');
    printRules({ rules }, target.bucket, io);
    io.stdout.write('Nothing was changed (--dry-run).\n');
    return;
  }
  const saved = await services.bucketConfig.setLifecycle({ ...target, rules });
  io.stdout.write('Saved. ');
  printRules(saved, target.bucket, io);
};

const removeLifecycle: CliRun = async (services, { flags, positional }, io) => {
  const target = await bucketOf(services, positional[0]);
  const id = typeof flags.id === 'string' ? flags.id : undefined;
  if (id === undefined) {
    await services.bucketConfig.setLifecycle({ ...target, rules: [] });
    io.stdout.write(`Removed the lifecycle rules of ${shown(target.bucket)}.\n`);
    return;
  }
  const current = (await services.bucketConfig.lifecycle(target)).rules;
  if (!current.some((rule) => rule.id === id))
    throw new PailError({
      code: 'InvalidRequest',
      message: `${shown(target.bucket)} has no lifecycle rule named ${shown(id)}.`,
      hint: 'pail lifecycle get lists its rules by name.',
    });
  const saved = await services.bucketConfig.setLifecycle({ ...target, rules: current.filter((rule) => rule.id !== id) });
  io.stdout.write(`Removed rule ${shown(id)}. `);
  printRules(saved, target.bucket, io);
};

/** `pail lifecycle get`, `set` and `rm`. */
export const LIFECYCLE_COMMANDS: Readonly<Record<string, CliCommand>> = {
  'lifecycle get': { usage: GET_USAGE, options: { json: { type: 'boolean' } }, run: getLifecycle },
  'lifecycle set': {
    usage: SET_USAGE,
    options: {
      file: { type: 'string' },
      id: { type: 'string' },
      prefix: { type: 'string' },
      'expire-days': { type: 'string' },
      'noncurrent-days': { type: 'string' },
      'abort-incomplete-days': { type: 'string' },
      transition: { type: 'string', multiple: true },
      disabled: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
    },
    run: setLifecycle,
  },
  'lifecycle rm': { usage: RM_USAGE, options: { id: { type: 'string' } }, run: removeLifecycle },
};
