import { decode } from 'ini';
import { endpointProblem, normalizeEndpoint, profileInputSchema, type ProfileInput } from '../../shared/profile';
import {
  ADDRESSING_STYLES,
  detectProvider,
  presetEndpoint,
  providerById,
  regionFromEndpoint,
  type AddressingStyle,
  type ProviderId,
} from '../../shared/providers';

/** One section of an AWS or rclone file, read into profile settings; the secret never leaves the main process. */
export interface ParsedSection {
  /** The section's name in the source (`default`, `work`, an rclone remote). */
  key: string;
  /** The profile name it should get before clashes are resolved. */
  suggestedName: string;
  settings: Omit<ProfileInput, 'secretAccessKey' | 'sessionToken'>;
  secretAccessKey?: string;
  /** Temporary credentials: kept with the secret, never shown. */
  sessionToken?: string;
  problems: string[];
  warnings: string[];
}

type Values = Record<string, string>;

/** What reading a section found, and which fields a problem already names (so the schema does not repeat them). */
interface Notes {
  problems: string[];
  warnings: string[];
  reported: Set<string>;
}

function newNotes(): Notes {
  return { problems: [], warnings: [], reported: new Set() };
}

function problem(notes: Notes, field: string, message: string): void {
  notes.problems.push(message);
  notes.reported.add(field);
}

/** A valid profile name for a section name (no ":", at most 64 characters). */
function nameFor(key: string): string {
  return key.replace(/:/g, '-').trim().slice(0, 64).trim() || 'Imported';
}

/**
 * Reads INI text into sections of plain strings. `ini` does the structure,
 * but its dialect differs from the files we read, so each line is normalised
 * first: AWS config nests settings as indented lines under a key with an
 * empty value (`s3 =` then `  addressing_style = path`), which `ini` would
 * flatten over the top-level keys, so they become dotted keys
 * (`s3.addressing_style`); `ini` would split section names at dots and cut
 * values at `;`/`#` or convert `true`, so section dots are escaped and every
 * value is passed JSON-quoted, which `ini` returns verbatim. A `;` or `#`
 * after whitespace still starts a comment (secrets contain no whitespace).
 * Only AWS files nest (`nested`); rclone.conf has no such lines.
 */
export function parseIniSections(text: string, options: { nested?: boolean } = {}): Record<string, Values> {
  const lines: string[] = [];
  let parent: string | undefined;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[([^\]]*)\]\s*(?:[;#].*)?$/.exec(line);
    if (section) {
      parent = undefined;
      lines.push(`[${section[1].trim().replace(/[\\;#.]/g, (c) => `\\${c}`)}]`);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 1) continue;
    const key = line.slice(0, eq).trim().toLowerCase();
    const value = line
      .slice(eq + 1)
      .replace(/\s[;#].*$/, '')
      .trim();
    if (options.nested && /^\s/.test(raw) && parent) {
      lines.push(`${parent}.${key}=${JSON.stringify(value)}`);
      continue;
    }
    parent = value === '' ? key : undefined;
    lines.push(`${key}=${JSON.stringify(value)}`);
  }
  const sections: Record<string, Values> = {};
  for (const [name, entries] of Object.entries(decode(lines.join('\n')))) {
    if (typeof entries !== 'object' || entries === null) continue;
    const values: Values = {};
    for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
      if (typeof value !== 'object' || value === null) values[key] = String(value);
    }
    sections[name] = values;
  }
  return sections;
}

/** The profile a section of ~/.aws/config describes, or undefined for sections that are not profiles. */
function awsConfigProfileName(section: string): { name: string; prefixed: boolean } | undefined {
  const prefixed = /^profile\s+(.+)$/.exec(section);
  if (prefixed) return { name: prefixed[1].trim(), prefixed: true };
  if (/^(sso-session|services)\s/.test(section) || section === 'plugins' || section === 'preview') return undefined;
  return { name: section, prefixed: false };
}

/** Where a profile gets its keys when they are not written in the file. */
function indirectCredentials(v: Values): string | undefined {
  if (v.sso_session || v.sso_start_url || v.sso_account_id) return 'AWS SSO (IAM Identity Center)';
  if (v.credential_process) return 'a program (credential_process)';
  if (v.role_arn || v.source_profile) return 'an assumed role (role_arn / source_profile)';
  if (v.web_identity_token_file) return 'a web identity token';
  return undefined;
}

/**
 * AWS profiles from the text of `~/.aws/credentials` and `~/.aws/config`,
 * merged by name (credentials win, as in the AWS CLI).
 */
export function parseAwsProfiles(credentialsText: string, configText: string): ParsedSection[] {
  const merged = new Map<string, Values>();
  for (const [section, values] of Object.entries(parseIniSections(configText, { nested: true }))) {
    const profile = awsConfigProfileName(section);
    if (!profile) continue;
    const before = merged.get(profile.name) ?? {};
    // `[profile x]` is the documented form: it wins over a bare `[x]`.
    merged.set(profile.name, profile.prefixed ? { ...before, ...values } : { ...values, ...before });
  }
  for (const [name, values] of Object.entries(parseIniSections(credentialsText, { nested: true }))) {
    merged.set(name, { ...merged.get(name), ...values });
  }
  return [...merged].map(([key, v]) => awsSection(key, v));
}

function awsSection(key: string, v: Values): ParsedSection {
  const notes = newNotes();
  const accessKeyId = v.aws_access_key_id ?? '';
  const secret = v.aws_secret_access_key || undefined;
  const indirect = indirectCredentials(v);
  if (indirect && !accessKeyId && !secret) {
    problem(
      notes,
      'accessKeyId',
      `This profile gets its keys from ${indirect}; Pail needs static access keys (aws_access_key_id and aws_secret_access_key) for it.`,
    );
    notes.reported.add('secretAccessKey');
  } else {
    if (!accessKeyId) problem(notes, 'accessKeyId', 'No aws_access_key_id is set for this profile.');
    if (!secret) problem(notes, 'secretAccessKey', 'No aws_secret_access_key is set for this profile.');
    if (indirect) notes.warnings.push(`It also uses ${indirect}; Pail uses only the static keys written in the file.`);
  }
  const sessionToken = v.aws_session_token || v.aws_security_token || undefined;
  if (sessionToken) notes.warnings.push(TEMPORARY_WARNING);
  if (v.services) notes.warnings.push('Endpoints from the "services" section are not read; only endpoint_url is.');
  const addressingStyle = awsAddressing(v['s3.addressing_style'], notes);
  // The s3-specific endpoint wins over the global one, as in the AWS CLI; an endpoint's host names the provider.
  const endpoint = v['s3.endpoint_url'] || v.endpoint_url;
  const place = placeEndpoint({ endpoint, region: v.region, provider: endpoint ? undefined : 'aws' }, notes);
  const name = key === 'default' ? 'AWS default' : nameFor(key);
  return finish(key, { name, ...place, accessKeyId, ...(addressingStyle && { addressingStyle }) }, secret, notes, sessionToken);
}

const TEMPORARY_WARNING =
  'These are temporary credentials (a session token is set): Pail keeps the token with the secret, but they expire — paste fresh ones into the profile when the server starts refusing them. Prefer long-lived access keys.';

function awsAddressing(value: string | undefined, notes: Notes): AddressingStyle | undefined {
  if (!value) return undefined;
  if ((ADDRESSING_STYLES as readonly string[]).includes(value)) return value as AddressingStyle;
  notes.warnings.push(`addressing_style "${value}" is not path, virtual or auto; the provider's default is used.`);
  return undefined;
}

/** rclone's `provider` values that have a Pail preset (lower case). */
const RCLONE_PROVIDERS: Record<string, ProviderId> = {
  aws: 'aws',
  ceph: 'ceph',
  cloudflare: 'cloudflare-r2',
  digitalocean: 'digitalocean',
  linode: 'linode',
  minio: 'minio',
  scaleway: 'scaleway',
  wasabi: 'wasabi',
  other: 'other',
};

/** The `type = s3` remotes of an rclone.conf; other remote types are left out. */
export function parseRcloneRemotes(text: string): ParsedSection[] {
  return Object.entries(parseIniSections(text))
    .filter(([, v]) => (v.type ?? '').toLowerCase() === 's3')
    .map(([key, v]) => rcloneSection(key, v));
}

function rcloneSection(key: string, v: Values): ParsedSection {
  const notes = newNotes();
  const accessKeyId = v.access_key_id ?? '';
  const secret = v.secret_access_key || undefined;
  if (!accessKeyId && !secret && v.env_auth === 'true') {
    problem(
      notes,
      'accessKeyId',
      'This remote uses environment credentials (env_auth = true); Pail needs the keys: add access_key_id and secret_access_key to it.',
    );
    notes.reported.add('secretAccessKey');
  } else {
    if (!accessKeyId) problem(notes, 'accessKeyId', 'No access_key_id is set for this remote.');
    if (!secret) problem(notes, 'secretAccessKey', 'No secret_access_key is set for this remote.');
  }
  const sessionToken = v.session_token || undefined;
  if (sessionToken) notes.warnings.push(TEMPORARY_WARNING);
  let region: string | undefined = v.region;
  if (region === 'other-v2-signature' || v.v2_auth === 'true') {
    notes.warnings.push('rclone signs this remote with the old V2 signature; Pail signs with V4, which the server must accept.');
    if (region === 'other-v2-signature') region = undefined;
  }
  // Remotes written before rclone had `provider` are AWS when they name no endpoint.
  const named = v.provider ? RCLONE_PROVIDERS[v.provider.toLowerCase()] : v.endpoint ? undefined : 'aws';
  if (v.provider && !named) notes.warnings.push(`Pail has no preset for rclone's provider "${v.provider}": it is imported by its endpoint.`);
  const place = placeEndpoint({ endpoint: v.endpoint, region, provider: named }, notes);
  // Unset means rclone's own default, which differs by provider: keep Pail's preset then.
  const style = v.force_path_style === 'true' ? 'path' : v.force_path_style === 'false' ? 'virtual' : undefined;
  return finish(key, { name: nameFor(key), ...place, accessKeyId, ...(style && { addressingStyle: style }) }, secret, notes, sessionToken);
}

interface Placement {
  provider: ProviderId;
  endpoint: string;
  region: string;
  accountId?: string;
}

/**
 * Decides provider, endpoint and region: an endpoint host that Pail knows
 * names the provider; without an endpoint the preset builds one from the region.
 */
function placeEndpoint(input: { endpoint?: string; region?: string; provider?: ProviderId }, notes: Notes): Placement {
  const given = input.region || undefined;
  const defaultRegion = (label: string, region: string) => notes.warnings.push(`No region is set; using "${region}", ${label}'s default. Check it before use.`);
  if (!input.endpoint) {
    const preset = providerById(input.provider);
    const region = preset.signingRegion ?? given ?? preset.defaultRegion;
    if (!given && !preset.signingRegion) defaultRegion(preset.label, region);
    const endpoint = presetEndpoint(preset, region);
    if (!endpoint && preset.endpointTemplate?.includes('{region}')) {
      problem(notes, 'region', `The region "${region}" is not one an endpoint can be built from: use a region id such as ${preset.defaultRegion}.`);
      notes.reported.add('endpoint');
    } else if (!endpoint) {
      problem(
        notes,
        'endpoint',
        `No endpoint is set, and ${preset.label} has no standard one${preset.needsAccountId ? ' without the account id' : ''}: add the endpoint URL.`,
      );
    }
    return { provider: preset.id, endpoint: endpoint ?? '', region };
  }
  // rclone accepts a bare host name ("s3.wasabisys.com").
  const raw = /^[a-z][a-z0-9+.-]*:\/\//i.test(input.endpoint) ? input.endpoint : `https://${input.endpoint}`;
  const bad = endpointProblem(raw);
  if (bad) {
    problem(notes, 'endpoint', `Endpoint: ${bad}`);
    const preset = providerById(input.provider);
    return { provider: preset.id, endpoint: withoutCredentials(raw), region: given ?? preset.defaultRegion };
  }
  const endpoint = normalizeEndpoint(raw);
  const detected = detectProvider(endpoint);
  let provider = detected !== 'other' ? detected : (input.provider ?? 'other');
  if (provider === 'aws' && detected !== 'aws') {
    notes.warnings.push("It is marked as Amazon S3, but the endpoint is not Amazon's: it is imported as another S3-compatible service.");
    provider = 'other';
  }
  const preset = providerById(provider);
  const fromUrl = regionFromEndpoint(preset, endpoint);
  const region = preset.signingRegion ?? fromUrl ?? given ?? preset.defaultRegion;
  if (fromUrl && given && given.toLowerCase() !== fromUrl && !preset.signingRegion) {
    notes.warnings.push(`The region "${given}" does not match the endpoint's (${fromUrl}); ${fromUrl} is used.`);
  } else if (!preset.signingRegion && !fromUrl && !given) defaultRegion(preset.label, region);
  const account = provider === 'cloudflare-r2' ? new URL(endpoint).hostname.split('.')[0] : undefined;
  const accountId = account && /^[a-f0-9]{32}$/i.test(account) ? account.toLowerCase() : undefined;
  return { provider, endpoint, region, ...(accountId && { accountId }) };
}

/** An endpoint to show: never with a user name or password in it. */
function withoutCredentials(value: string): string {
  try {
    const url = new URL(value);
    if (!url.username && !url.password) return value;
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return value.replace(/\/\/[^/@]*@/, '//');
  }
}

const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  endpoint: 'Endpoint',
  region: 'Region',
  accessKeyId: 'Access key id',
  secretAccessKey: 'Secret access key',
  accountId: 'Account id',
  addressingStyle: 'Addressing style',
};

/** Checks the settings with the same schema the profile editor uses; its issues become problems. */
function finish(key: string, settings: ParsedSection['settings'], secretAccessKey: string | undefined, notes: Notes, sessionToken?: string): ParsedSection {
  const checked = profileInputSchema.safeParse({ ...settings, secretAccessKey: secretAccessKey ?? '' });
  for (const issue of checked.success ? [] : checked.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (notes.reported.has(field)) continue;
    problem(notes, field, `${FIELD_LABELS[field] ?? field}: ${issue.message}`);
  }
  return {
    key,
    suggestedName: settings.name,
    settings,
    secretAccessKey,
    ...(sessionToken && { sessionToken }),
    problems: notes.problems,
    warnings: notes.warnings,
  };
}
