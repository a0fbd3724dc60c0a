import { PailError } from '../../shared/errors';
import { ACCESS_CHOICES, presignExpiryProblem, presignRequestSchema, URL_STYLES, type AccessChoice, type UrlStyle } from '../../shared/sharing';
import { GROUPS, grantChangesInWords, granteeInWords, parseGrantSpec, setGrantsRequestSchema, withOwnerKept, type Grant } from '../../shared/grants';
import { readJsonInput, UsageError, type CliCommand, type CliIo, type CliOptions, type CliRun, type Flags } from './cli-kit';
import { shown } from './format';
import { remoteOf, report } from './manage-commands';
import { formatCount } from '../../shared/counts';
import { virtualStyleProblem } from '../../shared/public-url';

/** `pail url`: usage and options. */
const URL_USAGE = `  pail url PROFILE:BUCKET/KEY… [--style path|virtual|custom]   public URLs (the custom domain when the bucket has one)
`;
const URL_OPTIONS: CliOptions = { style: { type: 'string' } };

/** `pail presign`: usage and options. */
const PRESIGN_USAGE = `  pail presign PROFILE:BUCKET/KEY [--expires 1h] [--put] [--content-type T] [--acl public-read|private] [--download-name N] [--custom-domain]
                                             a signed link (1 second to 7 days); --put gives an upload link and its curl command,
                                             which must send the --content-type and --acl given (they are signed)
`;
const PRESIGN_OPTIONS: CliOptions = {
  expires: { type: 'string' },
  put: { type: 'boolean' },
  'content-type': { type: 'string' },
  acl: { type: 'string' },
  'download-name': { type: 'string' },
  'custom-domain': { type: 'boolean' },
};

/** `pail acl get|set`: usage and options. */
const ACL_USAGE = `  pail acl get PROFILE:BUCKET[/KEY] [--json]  who may read an object (or the bucket); --json: every grant, as set --file takes them
  pail acl set public|private PROFILE:BUCKET[/KEY] [--recursive]   make an object, a folder (--recursive) or the bucket public or private
  pail acl set PROFILE:BUCKET[/KEY] (--grant PERMISSION=TYPE=VALUE… | --file FILE|-) [--dry-run]
                   replace the grants (the owner keeps full control), e.g. --grant read=uri=${GROUPS.AllUsers}
                   or --grant read=group=AuthenticatedUsers --grant write-acp=id=CANONICAL-ID (types: uri, group, id, emailaddress)
`;
const ACL_OPTIONS: CliOptions = {
  recursive: { type: 'boolean' },
  json: { type: 'boolean' },
  grant: { type: 'string', multiple: true },
  file: { type: 'string' },
  'dry-run': { type: 'boolean' },
};

/** `pail acl set TARGET --grant … | --file …`: every grant replaced, after saying what changes. */
async function setGrants(services: Parameters<CliRun>[0], target: string | undefined, flags: Flags, io: CliIo): Promise<void> {
  const remote = remoteOf(target, 'bucket');
  const profile = await services.profiles.find(remote.profile);
  const place = { profileId: profile.id, bucket: remote.bucket, ...(remote.prefix && { key: remote.prefix }) };
  const specs = Array.isArray(flags.grant) ? flags.grant : [];
  const file = typeof flags.file === 'string' ? flags.file : undefined;
  if (specs.length && file !== undefined) throw new UsageError('Give --grant or --file, not both.');
  const current = await services.grants.grants(place);
  let grants: Grant[];
  if (file !== undefined) {
    const json = await readJsonInput(file, io, 'grants');
    const parsed = setGrantsRequestSchema.shape.grants.safeParse(Array.isArray(json) ? json : (json as { grants?: unknown } | null)?.grants);
    if (!parsed.success)
      throw new UsageError(`The grants are not valid: ${parsed.error.issues[0].message} (give { "grants": [...] } as pail acl get --json prints it).`);
    grants = parsed.data;
  } else {
    grants = specs.map((spec) => {
      try {
        return parseGrantSpec(spec);
      } catch (error) {
        throw new UsageError(`--grant: ${(error as Error).message}`);
      }
    });
  }
  // The owner keeps full control unless the grants name the owner themselves (the service does the same).
  grants = withOwnerKept(grants, current.owner);
  const change = grantChangesInWords(current.grants, grants, current.owner);
  if (flags['dry-run']) {
    io.stdout.write(`${change ? `Would save: ${change}` : 'Nothing would change.'}\nNothing was changed (--dry-run).\n`);
    return;
  }
  const saved = await services.grants.setGrants({ ...place, grants });
  io.stdout.write(`${change ? `Saved: ${change}` : 'Nothing changed.'}\n`);
  for (const grant of saved.grants) io.stdout.write(`  ${shown(granteeInWords(grant.grantee, saved.owner))}: ${grant.permission}\n`);
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** "90s", "15m", "1h", "7d" or plain seconds → seconds; refuses what SigV4 cannot sign, saying the range it can. */
export function parseExpiry(text: string): number {
  const match = /^(-?\d+(?:\.\d+)?)\s*([smhd]?)$/i.exec(text.trim());
  if (!match) throw new UsageError(`--expires takes a duration like 15m, 1h, 1d or 7d, not "${text}".`);
  const seconds = Math.round(Number(match[1]) * UNITS[(match[2] || 's').toLowerCase()]);
  const problem = presignExpiryProblem(seconds);
  if (problem) throw new UsageError(`--expires ${text} is ${formatCount(seconds)} seconds. ${problem} Give 1s to 7d, e.g. --expires 1h.`);
  return seconds;
}

const url: CliRun = async (services, { flags, positional }, io) => {
  if (positional.length === 0) throw new UsageError('Name one or more objects: pail url PROFILE:BUCKET/KEY….');
  const style = flags.style as UrlStyle | undefined;
  if (style !== undefined && !URL_STYLES.includes(style)) throw new UsageError('--style is path, virtual or custom.');
  for (const target of positional) {
    const remote = remoteOf(target, 'object');
    if (!remote.prefix || remote.prefix.endsWith('/')) throw new UsageError(`"${target}" names no object: PROFILE:BUCKET/KEY.`);
    const profile = await services.profiles.find(remote.profile);
    // Said before asking: `bucket.127.0.0.1` is no URL anyone can open.
    const virtualProblem = style === 'virtual' ? virtualStyleProblem(profile.endpoint, remote.bucket) : undefined;
    if (virtualProblem) throw new UsageError(`--style virtual cannot work here. ${virtualProblem.replace(/Use path style\.$/, 'Use --style path.')}`);
    const answer = await services.links.publicUrls({ profileId: profile.id, bucket: remote.bucket, keys: [remote.prefix], ...(style && { style }) });
    io.stdout.write(`${answer.urls[0]}\n`);
  }
};

const presign: CliRun = async (services, { flags, positional }, io) => {
  const remote = remoteOf(positional[0], 'object');
  if (!remote.prefix || remote.prefix.endsWith('/')) throw new UsageError('Name the object: pail presign PROFILE:BUCKET/KEY.');
  const acl = flags.acl;
  if (acl !== undefined && !flags.put) throw new UsageError('--acl is for upload links: add --put.');
  if (acl !== undefined && !ACCESS_CHOICES.includes(acl as AccessChoice)) throw new UsageError('--acl is public-read or private.');
  const profile = await services.profiles.find(remote.profile);
  const parsed = presignRequestSchema.safeParse({
    profileId: profile.id,
    bucket: remote.bucket,
    keys: [remote.prefix],
    method: flags.put ? 'PUT' : 'GET',
    expiresInSeconds: parseExpiry(typeof flags.expires === 'string' ? flags.expires : '1h'),
    ...(typeof flags['content-type'] === 'string' && { contentType: flags['content-type'] }),
    ...(typeof acl === 'string' && { acl }),
    ...(typeof flags['download-name'] === 'string' && { downloadName: flags['download-name'] }),
    viaCustomDomain: !!flags['custom-domain'],
  });
  if (!parsed.success) throw new UsageError(parsed.error.issues[0].message);
  const answer = await services.links.presign(parsed.data);
  io.stdout.write(`${answer.urls[0]}\n`);
  io.stderr.write(`Expires ${new Date(answer.expiresAt).toLocaleString()} (${answer.expiresAt}).\n`);
  if (answer.curl) io.stderr.write(`Upload with: ${answer.curl[0]}\n`);
  for (const note of answer.notes) io.stderr.write(`Note: ${note}\n`);
};

const acl: CliRun = async (services, { flags, positional: words }, io) => {
  const [verb, ...positional] = words;
  if (verb === 'get') {
    const remote = remoteOf(positional[0], 'bucket');
    const profile = await services.profiles.find(remote.profile);
    if (flags.json) {
      const grants = await services.grants.grants({ profileId: profile.id, bucket: remote.bucket, ...(remote.prefix && { key: remote.prefix }) });
      io.stdout.write(`${JSON.stringify(grants, null, 2)}\n`);
      return;
    }
    if (!remote.prefix) {
      const answer = await services.access.bucketAccess({ profileId: profile.id, bucket: remote.bucket });
      if (answer.state) io.stdout.write(`${answer.state.summary}\n${answer.state.grants.map((g) => `  ${g}\n`).join('')}`);
      if (answer.note) io.stderr.write(`Note: ${answer.note}\n`);
      if (answer.unavailable) io.stderr.write(`ACL toggles are off: ${answer.unavailable.message} ${answer.unavailable.hint}\n`);
      return;
    }
    const answer = await services.access.objectAccess({ profileId: profile.id, bucket: remote.bucket, keys: [remote.prefix] });
    if (answer.unavailable) throw new PailError({ code: 'AccessControlListNotSupported', message: answer.unavailable.message, hint: answer.unavailable.hint });
    const state = answer.states[remote.prefix];
    if (!state)
      throw new PailError({ code: 'NoSuchKey', message: `Could not read the ACL of ${remote.prefix}.`, hint: 'Check that the object exists: pail ls.' });
    io.stdout.write(`${state.summary}\n${state.grants.map((g) => `  ${g}\n`).join('')}`);
    return;
  }
  if (verb !== 'set') throw new UsageError('Use pail acl get TARGET or pail acl set public|private TARGET.');
  if (flags.grant !== undefined || flags.file !== undefined) {
    if (positional.length !== 1) throw new UsageError('With --grant or --file, name only the target: pail acl set PROFILE:BUCKET[/KEY] --grant …');
    return setGrants(services, positional[0], flags, io);
  }
  const [level, target] = positional;
  if (level !== 'public' && level !== 'private') throw new UsageError('pail acl set takes public or private, then the target.');
  const access = level === 'public' ? 'public-read' : 'private';
  const remote = remoteOf(target, 'bucket');
  const profile = await services.profiles.find(remote.profile);
  if (!remote.prefix) {
    const answer = await services.access.setBucketAccess({ profileId: profile.id, bucket: remote.bucket, access });
    io.stdout.write(`Bucket ${remote.bucket}: ${answer.state?.summary ?? level}.\n`);
    if (answer.note) io.stderr.write(`Note: ${answer.note}\n`);
    return;
  }
  const recursive = !!flags.recursive;
  if (!recursive && remote.prefix.endsWith('/')) throw new UsageError(`"${remote.prefix}" is a folder: add --recursive to change everything in it.`);
  const prefix = recursive && !remote.prefix.endsWith('/') ? `${remote.prefix}/` : remote.prefix;
  const started = services.access.startSetAccess({
    profileId: profile.id,
    bucket: remote.bucket,
    keys: recursive ? [] : [remote.prefix],
    prefixes: recursive ? [prefix] : [],
    access,
  });
  report(await started.finished, io);
};

/** The access and link commands, by their words. */
export const SHARE_COMMANDS: Record<string, CliCommand> = {
  url: { usage: URL_USAGE, options: URL_OPTIONS, run: url },
  presign: { usage: PRESIGN_USAGE, options: PRESIGN_OPTIONS, run: presign },
  acl: { usage: ACL_USAGE, options: ACL_OPTIONS, run: acl },
};
