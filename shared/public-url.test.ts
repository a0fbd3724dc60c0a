import { describe, expect, it } from 'vitest';
import { defaultUrlStyle, encodeKeyPath, publicUrl, urlStylesFor } from './public-url';

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
