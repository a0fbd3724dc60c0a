import { describe, expect, it } from 'vitest';
import { bypassesProxy, environmentProxy, proxyRouteFor, shownProxy } from './proxy-policy';
import { parseSystemProxy } from './system-proxy';

describe('the proxy of a target', () => {
  it('reads the environment: lower case before upper case, https_proxy for https: targets and http_proxy for http: ones, no fallback between them', () => {
    expect(environmentProxy({})).toBeUndefined();
    expect(environmentProxy({ HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:2', NO_PROXY: 'a', no_proxy: 'b' })).toEqual({
      source: 'environment',
      https: 'http://lower:2',
      noProxy: 'b',
    });
    const only = environmentProxy({ HTTP_PROXY: 'proxy.example:3128' });
    expect(proxyRouteFor(only, 'http://s3.example.com')).toEqual({ proxy: 'http://proxy.example:3128', source: 'environment' });
    expect(proxyRouteFor(only, 'https://s3.example.com')).toBeUndefined();
  });

  it('bypasses hosts NO_PROXY names: exact hosts and IPs, domain suffixes with or without a dot, ports, and *', () => {
    const target = (url: string) => new URL(url);
    const cases: [string, string, boolean][] = [
      ['s3.example.com', 'https://s3.example.com', true],
      ['example.com', 'https://s3.example.com', true],
      ['.example.com', 'https://s3.example.com', true],
      ['*.example.com', 'https://s3.example.com', true],
      ['example.com', 'https://notexample.com', false],
      ['.example.com', 'https://example.com', true],
      ['10.0.0.5', 'http://10.0.0.5:9000', true],
      ['10.0.0.5', 'http://10.0.0.50:9000', false],
      ['10.0.0.5:9000', 'http://10.0.0.5:9000', true],
      ['10.0.0.5:9001', 'http://10.0.0.5:9000', false],
      ['example.com:443', 'https://s3.example.com', true],
      ['example.com:80', 'https://s3.example.com', false],
      ['[::1]', 'http://[::1]:7480', true],
      ['*', 'https://anything.example', true],
      ['localhost, .internal  s3.corp', 'https://minio.internal', true],
      ['', 'https://s3.example.com', false],
    ];
    for (const [noProxy, url, bypassed] of cases) expect({ noProxy, url, bypassed: bypassesProxy(noProxy, target(url)) }).toEqual({ noProxy, url, bypassed });
  });

  it("uses a profile's credentials, or the URL's own, as Basic Proxy-Authorization, and never shows them", () => {
    const withUser = proxyRouteFor({ source: 'profile', https: 'http://proxy:8080', username: 'me', password: 'p:w' }, 'https://s3.example.com');
    expect(withUser).toEqual({ proxy: 'http://proxy:8080', authorization: `Basic ${Buffer.from('me:p:w').toString('base64')}`, source: 'profile' });
    const inUrl = proxyRouteFor({ source: 'environment', https: 'http://u%40x:s%3Acret@proxy:8080' }, 'https://s3.example.com');
    expect(inUrl?.authorization).toBe(`Basic ${Buffer.from('u@x:s:cret').toString('base64')}`);
    expect(shownProxy('http://u:secret@proxy:8080')).toBe('http://proxy:8080');
  });

  it('keeps a proxy Pail cannot speak to (SOCKS) as a route that fails in words, never a silent bypass', () => {
    expect(proxyRouteFor({ source: 'environment', https: 'socks5://u:p@socks.corp:1080' }, 'https://s3.example.com')).toEqual({
      proxy: 'socks5://socks.corp:1080',
      source: 'environment',
      problem: 'The proxy socks5://socks.corp:1080 is a SOCKS5 proxy: Pail speaks to HTTP and HTTPS proxies only (http:// or https://).',
    });
  });

  it("reads Electron's resolveProxy answers: the first PROXY or HTTPS entry, DIRECT, SOCKS skipped and listed", () => {
    expect(parseSystemProxy('DIRECT')).toEqual({ unusable: [] });
    expect(parseSystemProxy('')).toEqual({ unusable: [] });
    expect(parseSystemProxy('PROXY proxy.corp:3128; DIRECT')).toEqual({ proxy: 'http://proxy.corp:3128', unusable: [] });
    expect(parseSystemProxy('HTTPS secure.corp:443')).toEqual({ proxy: 'https://secure.corp:443', unusable: [] });
    expect(parseSystemProxy('SOCKS5 socks.corp:1080; PROXY proxy.corp:3128')).toEqual({
      proxy: 'http://proxy.corp:3128',
      unusable: ['SOCKS5 socks.corp:1080'],
    });
    expect(parseSystemProxy('SOCKS5 socks.corp:1080')).toEqual({ unusable: ['SOCKS5 socks.corp:1080'] });
    expect(parseSystemProxy('  proxy a:1 ;direct')).toEqual({ proxy: 'http://a:1', unusable: [] });
  });
});
