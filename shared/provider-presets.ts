/**
 * Every preset Pail offers, each beside the provider's page its endpoints,
 * regions and capabilities come from (provider-docs.test.ts checks them
 * against those pages' tables). The types and the rules built on them are in providers.ts.
 */
import { AWS_REGIONS } from './aws-regions';
import { LINODE_HOSTS } from './linode-hosts';
import type { CompatibilitySettings, ProviderPreset, ProviderRegion } from './providers';

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
