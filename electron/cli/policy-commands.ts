// `pail policy get|set|rm`: a bucket's policy in plain words (or its JSON, which `set --file` takes
// back), replaced from a file or a template, or removed; through the same service the app uses.
import { POLICY_TEMPLATES, policyProblem, policySummary, type PolicyTemplateName } from '../../shared/bucket-policy';
import { readInput, UsageError, type CliCommand, type CliIo, type CliRun, type Flags } from './cli-kit';
import { shown } from './format';
import { bucketOf } from './manage-commands';

const GET_USAGE = `  pail policy get PROFILE:BUCKET [--json]   the bucket's policy in plain words (--json: the policy itself, for set --file)
`;
const SET_USAGE = `  pail policy set PROFILE:BUCKET (--file FILE|- | --template public-read [--prefix P] | --template read-only --principal ARN
                   | --template deny-insecure) [--dry-run]   replace the policy; --dry-run says what it would allow
`;
const RM_USAGE = `  pail policy rm PROFILE:BUCKET            remove the policy
`;

function printSummary(policy: string | null, bucket: string, io: CliIo): void {
  if (policy === null) {
    io.stdout.write(`${shown(bucket)} has no policy: access is decided by its ACLs and each user's own permissions.\n`);
    return;
  }
  const lines = policySummary(policy, bucket) ?? ['(the server holds a policy Pail cannot read; see --json)'];
  io.stdout.write(`The policy of ${shown(bucket)} says:\n${lines.map((line) => `  - ${shown(line)}\n`).join('')}`);
}

/** The policy text the flags give: a file, or a template filled in. */
async function policyOf(flags: Flags, bucket: string, io: CliIo): Promise<string> {
  const file = typeof flags.file === 'string' ? flags.file : undefined;
  const template = typeof flags.template === 'string' ? flags.template : undefined;
  if (file !== undefined && template !== undefined) throw new UsageError('Give --file or --template, not both.');
  let text: string;
  if (file !== undefined) {
    text = await readInput(file, io);
  } else if (template !== undefined) {
    if (!(template in POLICY_TEMPLATES)) throw new UsageError(`--template is public-read, read-only or deny-insecure (not "${template}").`);
    const name = template as PolicyTemplateName;
    const prefix = typeof flags.prefix === 'string' ? flags.prefix : '';
    const principal = typeof flags.principal === 'string' ? flags.principal.trim() : '';
    if (name === 'read-only' && !principal)
      throw new UsageError('--template read-only needs --principal, whom it lets read (e.g. arn:aws:iam::123456789012:user/ann).');
    text =
      name === 'public-read'
        ? POLICY_TEMPLATES[name](bucket, prefix)
        : name === 'read-only'
          ? POLICY_TEMPLATES[name](bucket, principal)
          : POLICY_TEMPLATES[name](bucket);
  } else throw new UsageError('Say which policy to set: --file FILE (JSON), or --template.');
  const problem = policyProblem(text);
  if (problem) throw new UsageError(`That is not a bucket policy. ${problem}`);
  return text;
}

const getPolicy: CliRun = async (services, { flags, positional }, io) => {
  const target = await bucketOf(services, positional[0]);
  const { policy } = await services.bucketConfig.policy(target);
  if (flags.json) io.stdout.write(policy === null ? 'null\n' : `${JSON.stringify(JSON.parse(policy), null, 2)}\n`);
  else printSummary(policy, target.bucket, io);
};

const setPolicy: CliRun = async (services, { flags, positional }, io) => {
  const target = await bucketOf(services, positional[0]);
  const policy = await policyOf(flags, target.bucket, io);
  if (flags['dry-run']) {
    io.stdout.write('Would save a policy. ');
    printSummary(policy, target.bucket, io);
    io.stdout.write('Nothing was changed (--dry-run).\n');
    return;
  }
  const saved = await services.bucketConfig.setPolicy({ ...target, policy });
  io.stdout.write('Saved. ');
  printSummary(saved.policy, target.bucket, io);
};

const removePolicy: CliRun = async (services, { positional }, io) => {
  const target = await bucketOf(services, positional[0]);
  await services.bucketConfig.setPolicy({ ...target, policy: null });
  io.stdout.write(`Removed the policy of ${shown(target.bucket)}.\n`);
};

/** `pail policy get`, `set` and `rm`. */
export const POLICY_COMMANDS: Readonly<Record<string, CliCommand>> = {
  'policy get': { usage: GET_USAGE, options: { json: { type: 'boolean' } }, run: getPolicy },
  'policy set': {
    usage: SET_USAGE,
    options: {
      file: { type: 'string' },
      template: { type: 'string' },
      prefix: { type: 'string' },
      principal: { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
    run: setPolicy,
  },
  'policy rm': { usage: RM_USAGE, options: {}, run: removePolicy },
};
