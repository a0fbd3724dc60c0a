import { describe, expect, it } from 'vitest';
import { defaultUrlStyle, encodeKeyPath, endpointHasHostName, endpointHostKind, publicUrl, urlStylesFor, virtualStyleProblem } from './public-url';

const profile = {
  endpoint: 'https://fr-par-1.linodeobjects.com',
  publicUrlBases: { media: 'https://cdn.example.com/assets/' },
  addressingStyle: 'virtual' as const,
};

describe('public URLs', () => {
  it('encodes keys so spaces, unicode, +, #, ? and % survive, keeping the folder slashes', () => {
    expect(encodeKeyPath('a b/ünï+c#d?e%f(1)*.txt')).toBe('a%20b/%C3%BCn%C3%AF%2Bc%23d%3Fe%25f%281%29%2A.txt');
  });

  it('writes path-style, virtual-host and custom-domain URLs', () => {
    expect(publicUrl(profile, 'photos', 'x/a b.jpg', 'path')).toBe('https://fr-par-1.linodeobjects.com/photos/x/a%20b.jpg');
    expect(publicUrl(profile, 'photos', 'x/a b.jpg', 'virtual')).toBe('https://photos.fr-par-1.linodeobjects.com/x/a%20b.jpg');
    expect(publicUrl(profile, 'media', 'x/a b.jpg', 'custom')).toBe('https://cdn.example.com/assets/x/a%20b.jpg');
    expect(publicUrl({ ...profile, endpoint: 'http://127.0.0.1:8000' }, 'b', 'k', 'path')).toBe('http://127.0.0.1:8000/b/k');
  });

  it('offers the styles a bucket can have, and defaults to its custom domain or the profile addressing', () => {
    expect(urlStylesFor(profile, 'media')).toEqual(['custom', 'virtual', 'path']);
    expect(urlStylesFor(profile, 'my.dotted.bucket')).toEqual(['path']);
    expect(defaultUrlStyle(profile, 'media')).toBe('custom');
    expect(defaultUrlStyle(profile, 'photos')).toBe('virtual');
    expect(defaultUrlStyle({ ...profile, addressingStyle: 'path' }, 'photos')).toBe('path');
    expect(defaultUrlStyle(profile, 'my.dotted.bucket')).toBe('path');
  });
});

describe('virtual-host style needs a host name', () => {
  it('tells a host name from an IPv4 or IPv6 address and localhost', () => {
    expect(endpointHostKind('https://s3.eu-central-1.amazonaws.com')).toBe('name');
    expect(endpointHostKind('http://minio.internal:9000')).toBe('name');
    expect(endpointHostKind('http://127.0.0.1:39699')).toBe('ip');
    expect(endpointHostKind('http://10.0.0.5')).toBe('ip');
    // URL reads these odd IPv4 forms as 127.0.0.1 too.
    expect(endpointHostKind('http://2130706433')).toBe('ip');
    expect(endpointHostKind('http://0x7f.1')).toBe('ip');
    expect(endpointHostKind('http://[::1]:9000')).toBe('ip');
    expect(endpointHostKind('https://[2001:db8::7]')).toBe('ip');
    expect(endpointHostKind('http://localhost:9000')).toBe('localhost');
    expect(endpointHostKind('http://LOCALHOST')).toBe('localhost');
    // A name under localhost is a name (the user set it up).
    expect(endpointHostKind('http://s3.localhost')).toBe('name');
    expect(endpointHostKind('not a url')).toBe('invalid');
    expect(endpointHasHostName('https://fr-par-1.linodeobjects.com')).toBe(true);
    expect(endpointHasHostName('http://127.0.0.1:8000')).toBe(false);
  });

  it('offers no virtual-host URLs on an IP or localhost endpoint, and says why', () => {
    const onIp = { ...profile, endpoint: 'http://127.0.0.1:8000' };
    expect(urlStylesFor(onIp, 'photos')).toEqual(['path']);
    expect(urlStylesFor(onIp, 'media')).toEqual(['custom', 'path']);
    expect(defaultUrlStyle(onIp, 'photos')).toBe('path');
    expect(urlStylesFor({ ...profile, endpoint: 'http://[::1]:9000' }, 'photos')).toEqual(['path']);
    expect(urlStylesFor({ ...profile, endpoint: 'http://localhost:9000' }, 'photos')).toEqual(['path']);
    expect(virtualStyleProblem(onIp.endpoint, 'photos')).toBe(
      'The endpoint is an IP address (127.0.0.1): a virtual-host URL would go to photos.127.0.0.1, which is no host the server answers for. Use path style.',
    );
    expect(virtualStyleProblem('http://localhost:9000', 'photos')).toMatch(/^The endpoint is localhost, not a domain: .*photos\.localhost/);
    expect(virtualStyleProblem(profile.endpoint, 'my.dotted.bucket')).toMatch(/cannot be a host name/);
    expect(virtualStyleProblem(profile.endpoint, 'photos')).toBeUndefined();
  });
});
