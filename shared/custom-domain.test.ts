import { describe, expect, it } from 'vitest';
import { customDomainAdvice, customDomainMove, mayBeCustomDomain } from './custom-domain';

describe('mayBeCustomDomain', () => {
  it("flags host names that are no provider's: the seed's custom domain, a CDN, a server's own name", () => {
    expect(mayBeCustomDomain('https://files.example.com')).toBe(true);
    expect(mayBeCustomDomain('https://cdn.example.org/')).toBe(true);
    expect(mayBeCustomDomain('http://storage:9000')).toBe(true);
  });

  it("leaves the providers' own endpoints alone", () => {
    for (const endpoint of [
      'https://s3.eu-west-1.amazonaws.com',
      'https://fr-par-1.linodeobjects.com',
      'https://ams3.digitaloceanspaces.com',
      'https://s3.wasabisys.com',
      'https://s3.us-west-004.backblazeb2.com',
      'https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com',
      'https://s3.fr-par.scw.cloud',
      'https://s3.gra.io.cloud.ovh.net',
    ]) {
      expect(mayBeCustomDomain(endpoint)).toBe(false);
    }
  });

  it('leaves IP addresses, this computer and unreadable URLs alone', () => {
    expect(mayBeCustomDomain('http://127.0.0.1:9000')).toBe(false);
    expect(mayBeCustomDomain('http://10.0.0.5')).toBe(false);
    expect(mayBeCustomDomain('http://[::1]:9000')).toBe(false);
    expect(mayBeCustomDomain('http://localhost:9000')).toBe(false);
    expect(mayBeCustomDomain('http://minio.localhost:9000')).toBe(false);
    expect(mayBeCustomDomain('not a url')).toBe(false);
  });
});

describe('customDomainAdvice', () => {
  it('names the host and says where each address belongs', () => {
    expect(customDomainAdvice('https://files.example.com:8443/')).toBe(
      "If files.example.com is a custom domain (a CNAME to the storage), that is the cause: signed requests must go to the provider's own endpoint. Set the profile's endpoint to the provider's S3 host. Custom domains are for links: put it in Bucket settings → Custom domain (the bucket's Public URL base).",
    );
  });
});

describe('customDomainMove', () => {
  const linode = { endpoint: 'https://files.example.com', provider: 'linode' as const, region: 'us-east-1' };

  it("offers the preset's own endpoint for the region, and the old endpoint as the bucket's public URL base", () => {
    expect(customDomainMove({ ...linode, defaultBucket: 'media' })).toEqual({
      bucket: 'media',
      endpoint: 'https://us-east-1.linodeobjects.com',
      publicUrlBase: 'https://files.example.com',
    });
  });

  it('picks the bucket the host is named after, over the default bucket', () => {
    expect(customDomainMove({ ...linode, endpoint: 'https://photos.example.com', defaultBucket: 'media' }, ['docs', 'photos'])?.bucket).toBe('photos');
    expect(customDomainMove({ ...linode, endpoint: 'https://cdn.example.com' }, ['cdn.example.com'])?.bucket).toBe('cdn.example.com');
    expect(customDomainMove({ ...linode, endpoint: 'https://cdn.example.com' }, ['docs'])?.bucket).toBe('');
  });

  it('leaves the endpoint to the user for "other", and keeps a port in the public URL base', () => {
    expect(customDomainMove({ endpoint: 'http://storage.example.com:9000/', provider: 'other', region: 'us-east-1' })).toEqual({
      bucket: '',
      publicUrlBase: 'http://storage.example.com:9000',
    });
  });

  it('offers nothing where the endpoint is a provider’s or an address', () => {
    expect(customDomainMove({ ...linode, endpoint: 'https://us-east-1.linodeobjects.com' })).toBeUndefined();
    expect(customDomainMove({ ...linode, endpoint: 'http://127.0.0.1:9000' })).toBeUndefined();
  });
});
