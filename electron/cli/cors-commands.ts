// `pail cors get|set|rm`: a bucket's CORS rules, shown as sentences (or JSON that `set --file` takes
// back), replaced from a file or a preset, or removed; through the same service the app uses.
import { CORS_PRESETS, corsRuleInWords, corsRulesSchema, type BucketCors, type CorsPresetName, type CorsRule } from '../../shared/cors';
import { PailError } from '../../shared/errors';
import { countOf } from '../../shared/counts';
import { readJsonInput, UsageError, type CliCommand, type CliIo, type CliRun, type Flags } from './cli-kit';
import { shown } from './format';
import { bucketOf } from './manage-commands';

const GET_USAGE = `  pail cors get PROFILE:BUCKET [--json]   the bucket's CORS rules, each as a sentence (--json: what set --file takes)
`;
const SET_USAGE = `  pail cors set PROFILE:BUCKET (--file FILE|- | --preset browser-uploads --origin URL | --preset read-anywhere)
                   [--add] [--dry-run]   replace the rules (--add: keep the rules there and add these); --dry-run shows them
`;
const RM_USAGE = `  pail cors rm PROFILE:BUCKET            remove every CORS rule (browsers on other sites may then not call the bucket)
`;

function printRules(cors: BucketCors, bucket: string, io: CliIo): void {
  if (!cors.rules.length) {
    io.stdout.write(`${shown(bucket)} has no CORS rules: web pages on other sites may not call it from a browser.\n`);
    return;
  }
  io.stdout.write(`${shown(bucket)} has ${countOf(cors.rules.length, 'CORS rule')}:\n`);
  cors.rules.forEach((rule, i) => io.stdout.write(`  ${i + 1}. ${rule.id ? `[${shown(rule.id)}] ` : ''}${shown(corsRuleInWords(rule))}\n`));
}

/** The rules a file holds: `{ "rules": [...] }` as `get --json` prints it, or the bare list. */
async function rulesFromFile(path: string, io: CliIo): Promise<CorsRule[]> {
  const json = await readJsonInput(path, io, 'rules');
  const list = Array.isArray(json) ? json : (json as { rules?: unknown } | null)?.rules;
  const parsed = corsRulesSchema.safeParse(list);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? ` (rule ${Number(issue.path[0]) + 1}${issue.path[1] ? `, ${String(issue.path[1])}` : ''})` : '';
    throw new UsageError(
      `The rules are not valid${where}: ${list === undefined ? 'give { "rules": [...] } as pail cors get --json prints it.' : issue.message}`,
    );
  }
  return parsed.data;
}

/** The rules the flags ask for: from a file, or a preset. */
async function rulesOf(flags: Flags, io: CliIo): Promise<CorsRule[]> {
  const file = typeof flags.file === 'string' ? flags.file : undefined;
  const preset = typeof flags.preset === 'string' ? flags.preset : undefined;
  if (file !== undefined && preset !== undefined) throw new UsageError('Give --file or --preset, not both.');
  if (file !== undefined) return rulesFromFile(file, io);
  if (preset === undefined) throw new UsageError('Say which rules to set: --file FILE (as pail cors get --json prints them) or --preset.');
  if (!(preset in CORS_PRESETS)) throw new UsageError(`--preset is browser-uploads or read-anywhere (not "${preset}").`);
  const origin = typeof flags.origin === 'string' ? flags.origin.trim() : undefined;
  const name = preset as CorsPresetName;
  if (name === 'browser-uploads' && !origin)
    throw new UsageError('--preset browser-uploads needs --origin, the site that uploads, e.g. --origin https://app.example.com.');
  if (name === 'read-anywhere' && origin) throw new UsageError('--preset read-anywhere allows every site; it takes no --origin.');
  const parsed = corsRulesSchema.safeParse([name === 'browser-uploads' ? CORS_PRESETS[name](origin!) : CORS_PRESETS[name]()]);
  if (!parsed.success) throw new UsageError(`--origin: ${parsed.error.issues[0].message}`);
  return parsed.data;
}

const getCors: CliRun = async (services, { flags, positional }, io) => {
  const target = await bucketOf(services, positional[0]);
  const cors = await services.bucketConfig.cors(target);
  if (flags.json) io.stdout.write(`${JSON.stringify(cors, null, 2)}\n`);
  else printRules(cors, target.bucket, io);
};

const setCors: CliRun = async (services, { flags, positional }, io) => {
  const target = await bucketOf(services, positional[0]);
  const given = await rulesOf(flags, io);
  const rules = flags.add ? [...(await services.bucketConfig.cors(target)).rules, ...given] : given;
  if (rules.length > 100)
    throw new PailError({
      code: 'InvalidRequest',
      message: `That makes ${rules.length} rules; a bucket holds at most 100.`,
      hint: 'Set fewer rules, or without --add.',
    });
  if (flags['dry-run']) {
    io.stdout.write('Would save: ');
    printRules({ rules }, target.bucket, io);
    io.stdout.write('Nothing was changed (--dry-run).\n');
    return;
  }
  const saved = await services.bucketConfig.setCors({ ...target, rules });
  io.stdout.write('Saved. ');
  printRules(saved, target.bucket, io);
};

const removeCors: CliRun = async (services, { positional }, io) => {
  const target = await bucketOf(services, positional[0]);
  await services.bucketConfig.setCors({ ...target, rules: [] });
  io.stdout.write(`Removed the CORS rules of ${shown(target.bucket)}.\n`);
};

/** `pail cors get`, `pail cors set` and `pail cors rm`. */
export const CORS_COMMANDS: Readonly<Record<string, CliCommand>> = {
  'cors get': { usage: GET_USAGE, options: { json: { type: 'boolean' } }, run: getCors },
  'cors set': {
    usage: SET_USAGE,
    options: { file: { type: 'string' }, preset: { type: 'string' }, origin: { type: 'string' }, add: { type: 'boolean' }, 'dry-run': { type: 'boolean' } },
    run: setCors,
  },
  'cors rm': { usage: RM_USAGE, options: {}, run: removeCors },
};
