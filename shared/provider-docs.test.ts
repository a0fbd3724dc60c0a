import { describe, expect, it } from 'vitest';
import { presetEndpoint, providerById, unlistedRegionWarning } from './providers';

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

  it('warns only where the provider lists every region', () => {
    expect(unlistedRegionWarning(providerById('aws'), 'xx-nowhere-1')).toContain('Amazon S3 does not list');
    expect(unlistedRegionWarning(providerById('aws'), '')).toBeUndefined();
    expect(unlistedRegionWarning(providerById('ceph'), 'my-zonegroup')).toBeUndefined();
    expect(unlistedRegionWarning(providerById('other'), 'anything')).toBeUndefined();
  });
});
