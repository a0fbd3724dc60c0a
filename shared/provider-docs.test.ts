import { describe, expect, it } from 'vitest';
import { linodeHostsOfRegion, linodeSigningRegion, LINODE_HOSTS } from './linode-hosts';
import {
  detectProvider,
  legacyEndpointWarning,
  presetEndpoint,
  providerById,
  r2EndpointParts,
  regionFromEndpoint,
  unlistedRegionWarning,
  usesPathStyle,
} from './providers';

/**
 * Each preset against its provider's own endpoint table, transcribed here from
 * the page cited beside the preset in providers.ts (the URL heads each table).
 */
describe('presets as their providers document them', () => {
  it('Amazon S3: s3.{region}.amazonaws.com, both addressing styles, SDK checksums', () => {
    // https://docs.aws.amazon.com/general/latest/gr/s3.html, "Amazon S3 regular endpoints" (a sample of its rows;
    // the full region list is the SDK's, checked in aws-regions.test.ts).
    const table: [region: string, host: string][] = [
      ['us-east-2', 's3.us-east-2.amazonaws.com'],
      ['us-east-1', 's3.us-east-1.amazonaws.com'],
      ['us-west-1', 's3.us-west-1.amazonaws.com'],
      ['us-west-2', 's3.us-west-2.amazonaws.com'],
      ['af-south-1', 's3.af-south-1.amazonaws.com'],
      ['ap-east-1', 's3.ap-east-1.amazonaws.com'],
    ];
    const aws = providerById('aws');
    for (const [region, host] of table) {
      expect(aws.regions.map((r) => r.id)).toContain(region);
      expect(presetEndpoint(aws, region)).toBe(`https://${host}`);
    }
    // "you can use the virtual-hosted style and path-style methods": auto picks virtual, path where a name needs it.
    expect(aws.defaults).toMatchObject({ addressingStyle: 'auto', checksumMode: 'WHEN_SUPPORTED', aclSupport: 'auto' });
    expect(aws.regions.find((r) => r.id === 'ap-southeast-7')?.label).toBe('Asia Pacific, Thailand (ap-southeast-7)');
  });

  it('Wasabi: every region in its table, path style as it recommends, a warning for any other region', () => {
    // https://docs.wasabi.com/docs/service-urls-for-wasabis-storage-regions (Service URL column; for us-east-1
    // the table's alias s3.us-east-1.wasabisys.com, since Pail names the region in the host).
    const table: [region: string, host: string][] = [
      ['us-east-1', 's3.us-east-1.wasabisys.com'],
      ['us-east-2', 's3.us-east-2.wasabisys.com'],
      ['us-central-1', 's3.us-central-1.wasabisys.com'],
      ['us-west-1', 's3.us-west-1.wasabisys.com'],
      ['us-west-2', 's3.us-west-2.wasabisys.com'],
      ['ca-central-1', 's3.ca-central-1.wasabisys.com'],
      ['eu-central-1', 's3.eu-central-1.wasabisys.com'],
      ['eu-central-2', 's3.eu-central-2.wasabisys.com'],
      ['eu-west-1', 's3.eu-west-1.wasabisys.com'],
      ['eu-west-2', 's3.eu-west-2.wasabisys.com'],
      ['eu-west-3', 's3.eu-west-3.wasabisys.com'],
      ['eu-south-1', 's3.eu-south-1.wasabisys.com'],
      ['ap-northeast-1', 's3.ap-northeast-1.wasabisys.com'],
      ['ap-northeast-2', 's3.ap-northeast-2.wasabisys.com'],
      ['ap-southeast-1', 's3.ap-southeast-1.wasabisys.com'],
      ['ap-southeast-2', 's3.ap-southeast-2.wasabisys.com'],
    ];
    const wasabi = providerById('wasabi');
    expect(wasabi.regions.map((r) => r.id).sort()).toEqual(table.map(([region]) => region).sort());
    for (const [region, host] of table) {
      expect(presetEndpoint(wasabi, region)).toBe(`https://${host}`);
      expect(unlistedRegionWarning(wasabi, region)).toBeUndefined();
    }
    // https://docs.wasabi.com/docs/rest-api-introduction: "Wasabi recommends using path-style requests".
    expect(wasabi.defaults).toMatchObject({ addressingStyle: 'path', checksumMode: 'WHEN_REQUIRED' });
    expect(wasabi.notes).toContain('path-style');
    expect(unlistedRegionWarning(wasabi, 'eu-south-2')).toContain('Wasabi does not list the region "eu-south-2"');
  });

  it('Linode: every endpoint of the API’s recorded answer, by its region; the signing region is the host’s first label', () => {
    // linode/ansible_linode, object_storage_endpoint_list.py: Linode's GET /v4/object-storage/endpoints answer.
    const api: [region: string, type: string, host: string][] = [
      ['us-southeast', 'E0', 'us-southeast-1.linodeobjects.com'],
      ['us-east', 'E0', 'us-east-1.linodeobjects.com'],
      ['us-iad', 'E1', 'us-iad-1.linodeobjects.com'],
      ['us-mia', 'E1', 'us-mia-1.linodeobjects.com'],
      ['fr-par', 'E1', 'fr-par-1.linodeobjects.com'],
      ['gb-lon', 'E3', 'gb-lon-1.linodeobjects.com'],
      ['sg-sin-2', 'E2', 'sg-sin-1.linodeobjects.com'],
      ['us-ord', 'E1', 'us-ord-1.linodeobjects.com'],
      ['us-sea', 'E1', 'us-sea-1.linodeobjects.com'],
      ['au-mel', 'E2', 'au-mel-1.linodeobjects.com'],
      ['id-cgk', 'E1', 'id-cgk-1.linodeobjects.com'],
      ['in-maa', 'E1', 'in-maa-1.linodeobjects.com'],
      ['se-sto', 'E1', 'se-sto-1.linodeobjects.com'],
      ['it-mil', 'E1', 'it-mil-1.linodeobjects.com'],
      ['jp-osa', 'E1', 'jp-osa-1.linodeobjects.com'],
      ['es-mad', 'E1', 'es-mad-1.linodeobjects.com'],
      ['us-lax', 'E1', 'us-lax-1.linodeobjects.com'],
      ['nl-ams', 'E1', 'nl-ams-1.linodeobjects.com'],
      ['ap-south', 'E0', 'ap-south-1.linodeobjects.com'],
      ['br-gru', 'E1', 'br-gru-1.linodeobjects.com'],
      ['eu-central', 'E0', 'eu-central-1.linodeobjects.com'],
    ];
    const linode = providerById('linode');
    for (const [region, type, host] of api) {
      expect(LINODE_HOSTS).toContainEqual(expect.objectContaining({ host, region, type }));
      const cluster = host.split('.')[0];
      expect(linode.regions.map((r) => r.id)).toContain(cluster);
      expect(presetEndpoint(linode, cluster)).toBe(`https://${host}`);
      expect(regionFromEndpoint(linode, `https://${host}`)).toBe(cluster);
    }
    // Regions whose host is not named after them ([code] sources): the endpoint comes from the host, never the region.
    expect(linodeHostsOfRegion('de-fra-2').map((h) => h.host)).toEqual(['de-fra-1.linodeobjects.com']);
    expect(linodeHostsOfRegion('in-bom-2').map((h) => h.host)).toEqual(['in-bom-1.linodeobjects.com']);
    expect(linodeHostsOfRegion('jp-tyo-3').map((h) => h.host)).toEqual(['jp-tyo-1.linodeobjects.com']);
    expect(linode.regions.map((r) => r.id)).not.toContain('de-fra-2');
    // A region with an older and a newer endpoint offers both, grouped under its data center.
    expect(linodeHostsOfRegion('us-iad').map((h) => h.host)).toEqual(['us-iad-1.linodeobjects.com', 'us-iad-10.linodeobjects.com']);
    expect(linode.regions.filter((r) => r.group === 'Washington, DC, USA (us-iad)').map((r) => r.label)).toEqual([
      'us-iad-1.linodeobjects.com (E1)',
      'us-iad-10.linodeobjects.com',
    ]);
    // The quotas page's example endpoint (E3, us-sea).
    expect(LINODE_HOSTS).toContainEqual({ host: 'us-sea-9.linodeobjects.com', region: 'us-sea', location: 'Seattle, WA, USA', type: 'E3' });
    // Any host pasted from Cloud Manager is accepted, and signs with its cluster id.
    expect(detectProvider('https://us-xyz-42.linodeobjects.com')).toBe('linode');
    expect(linodeSigningRegion('us-xyz-42.linodeobjects.com')).toBe('us-xyz-42');
    expect(regionFromEndpoint(linode, 'https://us-xyz-42.linodeobjects.com')).toBe('us-xyz-42');
    expect(unlistedRegionWarning(linode, 'us-xyz-42')).toBeUndefined();
    // Both addressing styles work on Linode (bucket URLs are <bucket>.<host>); ACLs are supported.
    expect(linode.defaults).toMatchObject({ addressingStyle: 'virtual', aclSupport: 'yes', checksumMode: 'WHEN_REQUIRED' });
  });

  it('Cloudflare R2: <account>[.<jurisdiction>].r2.cloudflarestorage.com, region auto, path style, no ACLs', () => {
    // https://developers.cloudflare.com/r2/reference/data-location/ ("Available jurisdictions") and the us changelog.
    const account = '0123456789abcdef0123456789abcdef';
    const table: [jurisdiction: string | undefined, host: string][] = [
      [undefined, `${account}.r2.cloudflarestorage.com`],
      ['eu', `${account}.eu.r2.cloudflarestorage.com`],
      ['fedramp', `${account}.fedramp.r2.cloudflarestorage.com`],
      ['us', `${account}.us.r2.cloudflarestorage.com`],
    ];
    const r2 = providerById('cloudflare-r2');
    expect(r2.jurisdictions?.map((j) => j.id)).toEqual(['eu', 'fedramp', 'us']);
    for (const [jurisdiction, host] of table) {
      expect(presetEndpoint(r2, 'auto', account, jurisdiction)).toBe(`https://${host}`);
      expect(r2EndpointParts(`https://${host}`)).toEqual({ accountId: account, ...(jurisdiction && { jurisdiction }) });
      expect(detectProvider(`https://${host}`)).toBe('cloudflare-r2');
    }
    expect(presetEndpoint(r2, 'auto', account, 'mars')).toBe(`https://${account}.r2.cloudflarestorage.com`);
    expect(r2EndpointParts(`https://${account}.mars.r2.cloudflarestorage.com`)).toBeUndefined();
    // https://developers.cloudflare.com/r2/api/s3/api/: "the region for an R2 bucket is auto".
    expect(r2.regions.map((r) => r.id)).toEqual(['auto']);
    expect(r2).toMatchObject({ defaultRegion: 'auto', signingRegion: 'auto', needsAccountId: true });
    expect(r2.defaults).toMatchObject({ addressingStyle: 'path', aclSupport: 'no' });
    expect(usesPathStyle(r2.defaults.addressingStyle, 'any-bucket')).toBe(true);
  });

  it('OVHcloud: every region of its table, the 3-AZ ones named, the .perf endpoint legacy', () => {
    // ovh/docs s3_location guide.en-gb.md, "List of available regions" (region, deployment mode).
    const table: [region: string, mode: '1-AZ' | '3-AZ'][] = [
      ['gra', '1-AZ'],
      ['rbx', '1-AZ'],
      ['sbg', '1-AZ'],
      ['eu-west-par', '3-AZ'],
      ['eu-south-mil', '3-AZ'],
      ['de', '1-AZ'],
      ['uk', '1-AZ'],
      ['waw', '1-AZ'],
      ['bhs', '1-AZ'],
      ['ca-east-tor', '1-AZ'],
      ['sgp', '1-AZ'],
      ['ap-southeast-syd', '1-AZ'],
      ['ap-south-mum', '1-AZ'],
    ];
    const ovh = providerById('ovh');
    expect(ovh.regions.map((r) => r.id).sort()).toEqual(table.map(([region]) => region).sort());
    for (const [region, mode] of table) {
      expect(presetEndpoint(ovh, region)).toBe(`https://s3.${region}.io.cloud.ovh.net`);
      expect(ovh.regions.find((r) => r.id === region)!.label.includes('3-AZ')).toBe(mode === '3-AZ');
      expect(unlistedRegionWarning(ovh, region)).toBeUndefined();
      expect(legacyEndpointWarning(ovh, `https://s3.${region}.io.cloud.ovh.net`)).toBeUndefined();
    }
    // "the legacy endpoint https://s3.<region>.perf.cloud.ovh.net will still be maintained for retrocompatibility".
    expect(regionFromEndpoint(ovh, 'https://s3.eu-west-par.perf.cloud.ovh.net')).toBe('eu-west-par');
    expect(legacyEndpointWarning(ovh, 'https://s3.gra.perf.cloud.ovh.net')).toBe(
      's3.gra.perf.cloud.ovh.net is OVHcloud Object Storage’s legacy endpoint, kept only for older tools (its default storage class differs): use https://s3.gra.io.cloud.ovh.net instead.',
    );
    expect(unlistedRegionWarning(ovh, 'eu-west-paris')).toContain('does not list the region "eu-west-paris"');
    // "a virtual host style endpoint" (https://my-bucket.s3.gra.io.cloud.ovh.net), and the trailer it refuses.
    expect(ovh.defaults).toMatchObject({ addressingStyle: 'virtual', checksumMode: 'WHEN_REQUIRED' });
  });

  it('warns only where the provider lists every region', () => {
    expect(unlistedRegionWarning(providerById('aws'), 'xx-nowhere-1')).toContain('Amazon S3 does not list');
    expect(unlistedRegionWarning(providerById('aws'), '')).toBeUndefined();
    expect(unlistedRegionWarning(providerById('ceph'), 'my-zonegroup')).toBeUndefined();
    expect(unlistedRegionWarning(providerById('other'), 'anything')).toBeUndefined();
  });
});
