/**
 * Presets for the S3-compatible services Pail knows: where their endpoint is,
 * which regions they have, and the compatibility settings that work with them.
 * Each preset names the provider's page its endpoint table comes from;
 * providers.test.ts holds that table, transcribed, and checks the preset against it.
 */
import { AWS_REGIONS } from './aws-regions';
import { LINODE_HOSTS } from './linode-hosts';

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

const r = (id: string, label: string): ProviderRegion => ({ id, label: `${label} (${id})` });

const COMPATIBLE: CompatibilitySettings = {
  addressingStyle: 'virtual',
  checksumMode: 'WHEN_REQUIRED',
  deleteObjectsMd5: false,
  aclSupport: 'auto',
};

/** Every preset, in the order the editor lists them. */
export const PROVIDERS: readonly ProviderPreset[] = [
  {
    // https://docs.aws.amazon.com/general/latest/gr/s3.html (regions: the SDK's partition data, see aws-regions.ts)
    id: 'aws',
    label: 'Amazon S3',
    endpointTemplate: 'https://s3.{region}.amazonaws.com',
    regions: AWS_REGIONS.map(([id, description]) => r(id, description.replace(/ \((.+)\)$/, ', $1'))),
    defaultRegion: 'us-east-1',
    regionsListed: true,
    defaults: { addressingStyle: 'auto', checksumMode: 'WHEN_SUPPORTED', deleteObjectsMd5: false, aclSupport: 'auto' },
    notes: 'Buckets created since April 2023 disable ACLs ("bucket owner enforced"): share with presigned links or a bucket policy.',
    storageClasses: ['STANDARD', 'INTELLIGENT_TIERING', 'STANDARD_IA', 'ONEZONE_IA', 'GLACIER_IR', 'GLACIER', 'DEEP_ARCHIVE', 'REDUCED_REDUNDANCY'],
  },
  {
    // The hosts and where each comes from: linode-hosts.ts. The endpoint is the host Cloud Manager (or the
    // API's GET /v4/object-storage/endpoints) shows; the region is its first label, the cluster id.
    id: 'linode',
    label: 'Linode / Akamai Object Storage',
    endpointTemplate: 'https://{region}.linodeobjects.com',
    regions: LINODE_HOSTS.map((h) => ({
      id: h.host.split('.')[0],
      label: `${h.host}${h.type ? ` (${h.type})` : ''}`,
      group: `${h.location} (${h.region})`,
    })),
    defaultRegion: 'us-east-1',
    regionFieldLabel: 'Endpoint host',
    defaults: { ...COMPATIBLE, aclSupport: 'yes' },
    notes: 'The endpoint is the S3 host your bucket is on, not built from the region: a data center can have several. Keys work on every endpoint.',
  },
  {
    id: 'digitalocean',
    label: 'DigitalOcean Spaces',
    endpointTemplate: 'https://{region}.digitaloceanspaces.com',
    regions: [
      r('nyc3', 'New York'),
      r('sfo2', 'San Francisco 2'),
      r('sfo3', 'San Francisco 3'),
      r('ams3', 'Amsterdam'),
      r('fra1', 'Frankfurt'),
      r('lon1', 'London'),
      r('sgp1', 'Singapore'),
      r('syd1', 'Sydney'),
      r('blr1', 'Bangalore'),
      r('tor1', 'Toronto'),
      r('atl1', 'Atlanta'),
    ],
    defaultRegion: 'nyc3',
    defaults: { ...COMPATIBLE, aclSupport: 'yes' },
    notes: 'Objects are private by default; a Space can also be fronted by its CDN endpoint.',
  },
  {
    // https://docs.wasabi.com/docs/service-urls-for-wasabis-storage-regions (regions and hosts);
    // https://docs.wasabi.com/docs/rest-api-introduction ("Wasabi recommends using path-style requests")
    id: 'wasabi',
    label: 'Wasabi',
    endpointTemplate: 'https://s3.{region}.wasabisys.com',
    regions: [
      r('us-east-1', 'N. Virginia'),
      r('us-east-2', 'N. Virginia 2'),
      r('us-central-1', 'Texas'),
      r('us-west-1', 'Oregon'),
      r('us-west-2', 'San Jose'),
      r('ca-central-1', 'Toronto'),
      r('eu-central-1', 'Amsterdam'),
      r('eu-central-2', 'Frankfurt'),
      r('eu-west-1', 'United Kingdom'),
      r('eu-west-2', 'Paris'),
      r('eu-west-3', 'United Kingdom 2'),
      r('eu-south-1', 'Milan'),
      r('ap-northeast-1', 'Tokyo'),
      r('ap-northeast-2', 'Osaka'),
      r('ap-southeast-1', 'Singapore'),
      r('ap-southeast-2', 'Sydney'),
    ],
    defaultRegion: 'us-east-1',
    regionsListed: true,
    defaults: { ...COMPATIBLE, addressingStyle: 'path' },
    notes: 'The region must match the endpoint. Wasabi recommends path-style requests, which also keep bucket names with dots working over TLS.',
  },
  {
    id: 'backblaze',
    label: 'Backblaze B2',
    endpointTemplate: 'https://s3.{region}.backblazeb2.com',
    regions: [
      r('us-west-000', 'US West 000'),
      r('us-west-001', 'US West 001'),
      r('us-west-002', 'US West 002'),
      r('us-west-004', 'US West 004'),
      r('us-east-005', 'US East 005'),
      r('eu-central-003', 'EU Central 003'),
      r('ca-east-006', 'Canada East 006'),
    ],
    defaultRegion: 'us-west-004',
    defaults: { ...COMPATIBLE, aclSupport: 'bucket-only' },
    notes: 'Use an application key with S3 access; its region is shown next to the bucket in the B2 console. Access is set per bucket (private or public).',
  },
  {
    // https://developers.cloudflare.com/r2/api/s3/api/ ("the region for an R2 bucket is auto"; the endpoint
    // https://<ACCOUNT_ID>.r2.cloudflarestorage.com); no ACL operations.
    id: 'cloudflare-r2',
    label: 'Cloudflare R2',
    endpointTemplate: 'https://{account}.r2.cloudflarestorage.com',
    regions: [{ id: 'auto', label: 'Automatic (auto)' }],
    defaultRegion: 'auto',
    needsAccountId: true,
    signingRegion: 'auto',
    // https://developers.cloudflare.com/r2/reference/data-location/ ("Available jurisdictions": eu, fedramp;
    // endpoint https://<ACCOUNT_ID>.<JURISDICTION>.r2.cloudflarestorage.com), and the us jurisdiction:
    // https://developers.cloudflare.com/changelog/post/2026-08-17-r2-us-jurisdiction/
    jurisdictions: [
      { id: 'eu', label: 'European Union (eu)' },
      { id: 'fedramp', label: 'FedRAMP (fedramp)' },
      { id: 'us', label: 'United States (us)' },
    ],
    defaults: { ...COMPATIBLE, addressingStyle: 'path', aclSupport: 'no' },
    notes: "R2 has no ACLs: make a bucket public in the Cloudflare dashboard (r2.dev or a custom domain) and set it as the bucket's public URL base.",
    storageClasses: ['STANDARD', 'STANDARD_IA'],
  },
  {
    id: 'scaleway',
    label: 'Scaleway Object Storage',
    endpointTemplate: 'https://s3.{region}.scw.cloud',
    regions: [r('fr-par', 'Paris'), r('nl-ams', 'Amsterdam'), r('pl-waw', 'Warsaw')],
    defaultRegion: 'fr-par',
    defaults: { ...COMPATIBLE },
    notes: 'The region must match the endpoint.',
    storageClasses: ['STANDARD', 'ONEZONE_IA', 'GLACIER'],
  },
  {
    // https://help.ovhcloud.com/csm/en-gb-public-cloud-storage-s3-location (ovh/docs,
    // pages/storage_and_backup/object_storage/s3_location/guide.en-gb.md): "List of available regions"
    // with each one's deployment mode (1-AZ or 3-AZ), the endpoint https://s3.<region>.io.cloud.ovh.net,
    // and "the legacy endpoint https://s3.<region>.perf.cloud.ovh.net … maintained for retrocompatibility".
    id: 'ovh',
    label: 'OVHcloud Object Storage',
    endpointTemplate: 'https://s3.{region}.io.cloud.ovh.net',
    legacyEndpointTemplates: ['https://s3.{region}.perf.cloud.ovh.net'],
    regions: [
      r('gra', 'Gravelines'),
      r('rbx', 'Roubaix'),
      r('sbg', 'Strasbourg'),
      r('eu-west-par', 'Paris, 3-AZ'),
      r('eu-south-mil', 'Milan, 3-AZ'),
      r('de', 'Frankfurt'),
      r('uk', 'London'),
      r('waw', 'Warsaw'),
      r('bhs', 'Beauharnois'),
      r('ca-east-tor', 'Toronto'),
      r('sgp', 'Singapore'),
      r('ap-southeast-syd', 'Sydney'),
      r('ap-south-mum', 'Mumbai'),
    ],
    defaultRegion: 'gra',
    regionsListed: true,
    defaults: { ...COMPATIBLE },
    notes: 'OVH rejects the chunked checksum trailer newer SDKs send: keep the checksum mode on "when required". Paris and Milan are 3-AZ regions.',
  },
  {
    id: 'minio',
    label: 'MinIO',
    regions: [{ id: 'us-east-1', label: 'Default (us-east-1)' }],
    defaultRegion: 'us-east-1',
    defaults: { ...COMPATIBLE, addressingStyle: 'path', deleteObjectsMd5: true, aclSupport: 'no' },
    notes: "Enter your server's URL. MinIO has no ACLs (use bucket policies); older versions demand Content-MD5 on batch deletes.",
  },
  {
    id: 'ceph',
    label: 'Ceph RADOS Gateway',
    regions: [{ id: 'default', label: 'Default zonegroup (default)' }],
    defaultRegion: 'default',
    defaults: { ...COMPATIBLE, addressingStyle: 'path', aclSupport: 'yes' },
    notes: "Enter your gateway's URL; the region is its zonegroup name. Virtual-host addressing needs rgw_dns_name and wildcard DNS.",
  },
  {
    id: 'garage',
    label: 'Garage',
    regions: [{ id: 'garage', label: 'Default (garage)' }],
    defaultRegion: 'garage',
    defaults: { ...COMPATIBLE, addressingStyle: 'path', aclSupport: 'no' },
    notes: "Enter your server's URL; the region is s3_region from garage.toml. Garage has no object ACLs.",
  },
  {
    id: 'other',
    label: 'Other S3-compatible',
    regions: [{ id: 'us-east-1', label: 'us-east-1' }],
    defaultRegion: 'us-east-1',
    defaults: { ...COMPATIBLE, addressingStyle: 'path' },
    notes: 'Enter the endpoint and region your provider documents; use us-east-1 if it names none.',
  },
];

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
