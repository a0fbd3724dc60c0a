/**
 * Proxy URLs as a profile or the environment gives them: what Pail can use
 * (HTTP and HTTPS proxies) and why another cannot, in words. Pure, for the
 * profile schema (shared/profile.ts) and the main process alike.
 */

/** A proxy URL as written in a variable: a bare `host:port` means http:// (as curl reads it). */
export function proxyUrlOf(value: string): URL {
  return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
}

/** Why a proxy URL cannot be used, in words, or undefined when it can (http:// or https://, a host, nothing else). */
export function proxyUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = proxyUrlOf(value);
  } catch {
    return `The proxy "${value}" is not a URL: give one like http://proxy.example.com:3128.`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `The proxy ${url.protocol}//${url.host} is a ${url.protocol.slice(0, -1).toUpperCase()} proxy: Pail speaks to HTTP and HTTPS proxies only (http:// or https://).`;
  if (!url.hostname) return `The proxy "${value}" has no host name.`;
  if ((url.pathname && url.pathname !== '/') || url.search || url.hash)
    return `The proxy "${value}" has a path or query: give only its address, e.g. http://proxy.example.com:3128.`;
  return undefined;
}
