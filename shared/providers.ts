/**
 * Presets for the S3-compatible services Pail knows: where their endpoint is,
 * which regions they have, and the compatibility settings that work with them.
 * The presets themselves are in provider-presets.ts, each naming the provider's page its endpoint
 * table comes from; provider-docs.test.ts holds those tables, transcribed, and checks each preset.
 */
import { PROVIDERS } from './provider-presets';

export { PROVIDERS } from './provider-presets';

export const PROVIDER_IDS = [
  'aws',
  'linode',
  'digitalocean',
  'wasabi',
  'backblaze',
  'cloudflare-r2',
  'scaleway',
  'ovh',
  'minio',
  'ceph',
  'garage',
  'other',
] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export const ADDRESSING_STYLES = ['path', 'virtual', 'auto'] as const;
export type AddressingStyle = (typeof ADDRESSING_STYLES)[number];

export const CHECKSUM_MODES = ['WHEN_REQUIRED', 'WHEN_SUPPORTED'] as const;
export type ChecksumMode = (typeof CHECKSUM_MODES)[number];

export const ACL_SUPPORT = ['auto', 'yes', 'bucket-only', 'no'] as const;
export type AclSupport = (typeof ACL_SUPPORT)[number];

export const UPLOAD_ACLS = ['none', 'private', 'public-read'] as const;

/** Cloudflare R2's jurisdictions (a bucket restricted to one is reached at `<account>.<jurisdiction>.r2.cloudflarestorage.com`). */
export const R2_JURISDICTIONS = ['eu', 'fedramp', 'us'] as const;
export type R2Jurisdiction = (typeof R2_JURISDICTIONS)[number];
export type UploadAcl = (typeof UPLOAD_ACLS)[number];

/** The compatibility settings a profile carries, with a preset's defaults. */
export interface CompatibilitySettings {
  addressingStyle: AddressingStyle;
  checksumMode: ChecksumMode;
  /** Send Content-MD5 (not CRC32) on DeleteObjects, for servers that demand MD5. */
  deleteObjectsMd5: boolean;
  aclSupport: AclSupport;
}

export interface ProviderRegion {
  id: string;
  label: string;
  /** Where the list groups it (Linode: the data center its endpoint is in). */
  group?: string;
}

export interface ProviderPreset {
  id: ProviderId;
  label: string;
  /** `https://…{region}…`; `{account}` for R2. Absent where the user gives the host (MinIO, Ceph, Garage, other). */
  endpointTemplate?: string;
  /** Endpoint for particular regions that do not follow the template. */
  endpointOverrides?: Record<string, string>;
  regions: ProviderRegion[];
  defaultRegion: string;
  /** The provider documents every region it has, so one typed that is not listed is most likely a mistake (Pail warns). */
  regionsListed?: boolean;
  /** R2: the account id that names the endpoint. */
  needsAccountId?: boolean;
  /** R2 signs with "auto" whatever the endpoint. */
  signingRegion?: string;
  /** R2: the jurisdictions a bucket may be restricted to, each with its own endpoint (`<account>.<id>.r2…`); none is the default. */
  jurisdictions?: readonly ProviderRegion[];
  /** Older endpoint forms the provider still serves but advises against (OVH's `.perf.`): recognised, and warned about. */
  legacyEndpointTemplates?: readonly string[];
  /** What the region picker is called when it picks more than a region (Linode: the endpoint host). */
  regionFieldLabel?: string;
  defaults: CompatibilitySettings;
  /** One or two sentences a user should know about this provider. */
  notes: string;
  /** The storage classes the provider offers, where they are known (the upload sheet suggests them). */
  storageClasses?: readonly string[];
}

/** A preset by id ("other" when unknown). */
export function providerById(id: string | undefined): ProviderPreset {
  return PROVIDERS.find((p) => p.id === id) ?? PROVIDERS[PROVIDERS.length - 1];
}

/**
 * The endpoint a preset gives for a region (and R2 account id and
 * jurisdiction), or undefined when the user must enter it (MinIO, Ceph,
 * Garage, other) or a part is missing.
 */
export function presetEndpoint(preset: ProviderPreset, region: string, accountId?: string, jurisdiction?: string): string | undefined {
  if (!preset.endpointTemplate) return undefined;
  const override = preset.endpointOverrides?.[region];
  if (override) return override;
  if (preset.endpointTemplate.includes('{region}') && !/^[a-z0-9-]+$/i.test(region)) return undefined;
  if (preset.endpointTemplate.includes('{account}') && !(accountId && /^[a-f0-9]{32}$/i.test(accountId))) return undefined;
  const restricted = jurisdiction && preset.jurisdictions?.some((j) => j.id === jurisdiction) ? `.${jurisdiction}` : '';
  return preset.endpointTemplate.replace('{region}', region.toLowerCase()).replace('{account}', `${(accountId ?? '').toLowerCase()}${restricted}`);
}

/** What an R2 endpoint names: its account id, and its jurisdiction when it has one (`<account>.eu.r2.cloudflarestorage.com`). */
export function r2EndpointParts(endpoint: string): { accountId: string; jurisdiction?: string } | undefined {
  const host = hostOf(endpoint);
  const match = host && /^([a-f0-9]{32})(?:\.([a-z]+))?\.r2\.cloudflarestorage\.com$/.exec(host);
  if (!match) return undefined;
  const known = providerById('cloudflare-r2').jurisdictions?.some((j) => j.id === match[2]);
  if (match[2] && !known) return undefined;
  return { accountId: match[1], ...(match[2] && { jurisdiction: match[2] }) };
}

/**
 * Words for an endpoint in a form the provider keeps only for older tools
 * (OVH's `.perf.` endpoint), naming the one to use instead; undefined otherwise.
 */
export function legacyEndpointWarning(preset: ProviderPreset, endpoint: string): string | undefined {
  const region = preset.legacyEndpointTemplates?.map((t) => regionFromTemplate(t, endpoint)).find(Boolean);
  if (!region) return undefined;
  const current = presetEndpoint(preset, region);
  return `${new URL(endpoint).hostname} is ${preset.label}’s legacy endpoint, kept only for older tools (its default storage class differs): use ${current} instead.`;
}

/**
 * Words for a region the provider does not list, where its list is complete
 * (a typo, or a region newer than this preset), or undefined. A warning, not
 * an error: the profile is saved all the same.
 */
export function unlistedRegionWarning(preset: ProviderPreset, region: string): string | undefined {
  const id = region.trim();
  if (!preset.regionsListed || id === '' || preset.regions.some((r) => r.id === id)) return undefined;
  return `${preset.label} does not list the region "${id}". Check it against the region shown beside your bucket in the provider’s console: a wrong region fails every request.`;
}

/** Guesses the provider from an endpoint's host name ("other" when nothing matches). */
export function detectProvider(endpoint: string): ProviderId {
  let host: string;
  try {
    host = new URL(endpoint).hostname.toLowerCase();
  } catch {
    return 'other';
  }
  if (host.endsWith('.amazonaws.com') || host.endsWith('.amazonaws.com.cn')) return 'aws';
  if (host.endsWith('.linodeobjects.com')) return 'linode';
  if (host.endsWith('.digitaloceanspaces.com')) return 'digitalocean';
  if (host.endsWith('.wasabisys.com')) return 'wasabi';
  if (host.endsWith('.backblazeb2.com')) return 'backblaze';
  if (host.endsWith('.r2.cloudflarestorage.com')) return 'cloudflare-r2';
  if (host.endsWith('.scw.cloud')) return 'scaleway';
  if (host.endsWith('.cloud.ovh.net')) return 'ovh';
  return 'other';
}

function hostOf(endpoint: string): string | undefined {
  try {
    return new URL(endpoint).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** The `{region}` part of an endpoint's host, read against one template. */
function regionFromTemplate(template: string, endpoint: string): string | undefined {
  const host = hostOf(endpoint);
  if (!host || !template.includes('{region}')) return undefined;
  const [before, after] = new URL(template.replace('{region}', 'REGION')).hostname.toLowerCase().split('region');
  if (!host.startsWith(before) || !host.endsWith(after) || host.length <= before.length + after.length) return undefined;
  const region = host.slice(before.length, host.length - after.length);
  return /^[a-z0-9-]+$/.test(region) ? region : undefined;
}

/**
 * The region an endpoint names, for presets whose endpoint carries it
 * (`s3.eu-west-1.amazonaws.com`; a Linode host's first label, its cluster id;
 * OVH's legacy `.perf.` form too).
 */
export function regionFromEndpoint(provider: ProviderPreset, endpoint: string): string | undefined {
  if (!provider.endpointTemplate) return undefined;
  return [provider.endpointTemplate, ...(provider.legacyEndpointTemplates ?? [])].map((t) => regionFromTemplate(t, endpoint)).find(Boolean);
}

/**
 * Whether requests for a bucket go path style. "auto" uses virtual-host style
 * except for bucket names that cannot be a TLS host label (dots, upper case,
 * underscores), where the certificate would not match.
 */
export function usesPathStyle(style: AddressingStyle, bucket: string | undefined): boolean {
  if (style === 'path') return true;
  if (style === 'virtual') return false;
  return bucket !== undefined && !/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(bucket);
}
