// What the AWS and rclone importers share: INI text read into sections, notes of problems and
// warnings, the endpoint placed (provider, endpoint, region), and the settings checked with the profile
// editor's schema. The two readers are profile-import-aws and profile-import-rclone.
import { decode } from 'ini';
import { endpointProblem, normalizeEndpoint, profileInputSchema, type ProfileInput } from '../../shared/profile';
import { detectProvider, presetEndpoint, providerById, regionFromEndpoint, type ProviderId } from '../../shared/providers';

/** The warning for a section with a session token: its credentials expire. */
export const TEMPORARY_WARNING =
  'These are temporary credentials (a session token is set): Pail keeps the token with the secret, but they expire — paste fresh ones into the profile when the server starts refusing them. Prefer long-lived access keys.';

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

/** One section's settings: name to value, as plain strings. */
export type Values = Record<string, string>;

/** What reading a section found, and which fields a problem already names (so the schema does not repeat them). */
export interface Notes {
  problems: string[];
  warnings: string[];
  reported: Set<string>;
}

/** Empty notes for a section about to be read. */
export function newNotes(): Notes {
  return { problems: [], warnings: [], reported: new Set() };
}

/** Notes a problem with a field, so the schema check does not name it again. */
export function problem(notes: Notes, field: string, message: string): void {
  notes.problems.push(message);
  notes.reported.add(field);
}

/** A valid profile name for a section name (no ":", at most 64 characters). */
export function nameFor(key: string): string {
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

/** Where a profile's requests go: provider, endpoint, region (and the account id some providers need). */
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
export function placeEndpoint(input: { endpoint?: string; region?: string; provider?: ProviderId }, notes: Notes): Placement {
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
export function finish(
  key: string,
  settings: ParsedSection['settings'],
  secretAccessKey: string | undefined,
  notes: Notes,
  sessionToken?: string,
): ParsedSection {
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
