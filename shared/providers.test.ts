import { describe, expect, it } from 'vitest';
import { completeProfile, profileInputSchema } from './profile';
import { detectProvider, presetEndpoint, providerById, PROVIDERS, regionFromEndpoint, usesPathStyle } from './providers';

describe('provider presets', () => {
  const expected: Record<string, [region: string, endpoint: string | undefined]> = {
    aws: ['eu-west-1', 'https://s3.eu-west-1.amazonaws.com'],
    linode: ['fr-par-1', 'https://fr-par-1.linodeobjects.com'],
    digitalocean: ['ams3', 'https://ams3.digitaloceanspaces.com'],
    wasabi: ['eu-central-2', 'https://s3.eu-central-2.wasabisys.com'],
    backblaze: ['us-west-004', 'https://s3.us-west-004.backblazeb2.com'],
    'cloudflare-r2': ['auto', 'https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com'],
    scaleway: ['nl-ams', 'https://s3.nl-ams.scw.cloud'],
    ovh: ['gra', 'https://s3.gra.io.cloud.ovh.net'],
    minio: ['us-east-1', undefined],
    ceph: ['default', undefined],
    garage: ['garage', undefined],
    other: ['us-east-1', undefined],
  };

  it('covers every provider the app names', () => {
    expect(PROVIDERS.map((p) => p.id).sort()).toEqual(Object.keys(expected).sort());
  });

  for (const preset of PROVIDERS) {
    it(`${preset.label}: fills the endpoint from the region and has sound defaults`, () => {
      const [region, endpoint] = expected[preset.id];
      expect(presetEndpoint(preset, region, '0123456789abcdef0123456789abcdef')).toBe(endpoint);
      expect(preset.regions.map((r) => r.id)).toContain(preset.defaultRegion);
      // Every preset endpoint passes the same validation the editor and the main process use.
      for (const r of preset.regions) {
        const url = presetEndpoint(preset, r.id, '0123456789abcdef0123456789abcdef');
        if (url) expect(profileInputSchema.shape.endpoint.safeParse(url).success).toBe(true);
      }
      // Only AWS itself gets the SDK's default checksums.
      expect(preset.defaults.checksumMode).toBe(preset.id === 'aws' ? 'WHEN_SUPPORTED' : 'WHEN_REQUIRED');
      if (endpoint) {
        expect(detectProvider(endpoint)).toBe(preset.id);
        if (preset.endpointTemplate?.includes('{region}')) expect(regionFromEndpoint(preset, endpoint)).toBe(region);
      }
    });
  }

  it('needs an R2 account id before it can fill the endpoint', () => {
    const r2 = providerById('cloudflare-r2');
    expect(presetEndpoint(r2, 'auto')).toBeUndefined();
    expect(presetEndpoint(r2, 'auto', 'not-an-account')).toBeUndefined();
    expect(r2.signingRegion).toBe('auto');
    expect(r2.defaults.aclSupport).toBe('no');
  });

  it('refuses regions that would make a bad host name', () => {
    expect(presetEndpoint(providerById('linode'), 'fr par/1')).toBeUndefined();
  });

  it('names unknown hosts "other"', () => {
    expect(detectProvider('http://127.0.0.1:7480')).toBe('other');
    expect(detectProvider('not a url')).toBe('other');
    expect(providerById('nope').id).toBe('other');
  });
});

describe('addressing style', () => {
  it('auto uses virtual-host style except where a bucket name cannot be a TLS host label', () => {
    expect(usesPathStyle('auto', 'photos')).toBe(false);
    expect(usesPathStyle('auto', 'www.example.com')).toBe(true);
    expect(usesPathStyle('auto', 'Legacy_Bucket')).toBe(true);
    expect(usesPathStyle('auto', undefined)).toBe(false);
    expect(usesPathStyle('path', 'photos')).toBe(true);
    expect(usesPathStyle('virtual', 'www.example.com')).toBe(false);
  });
});

describe('stored profiles', () => {
  it('take missing settings from their preset', () => {
    const linode = completeProfile({
      id: 'p1',
      name: 'L',
      provider: 'linode',
      endpoint: 'https://fr-par-1.linodeobjects.com',
      region: 'fr-par-1',
      accessKeyId: 'A',
    });
    expect(linode).toMatchObject({
      addressingStyle: 'virtual',
      checksumMode: 'WHEN_REQUIRED',
      aclSupport: 'yes',
      deleteObjectsMd5: false,
      publicUrlBases: {},
      defaultUploadAcl: 'none',
    });
    const old = completeProfile({ id: 'p2', name: 'Old', endpoint: 'https://s3.us-east-1.amazonaws.com', region: 'us-east-1', accessKeyId: 'A' });
    expect(old.provider).toBe('other');
    expect(old.checksumMode).toBe('WHEN_SUPPORTED');
  });
});
