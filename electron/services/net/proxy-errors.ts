/**
 * A proxy that would not carry a connection, in words: it refused the CONNECT
 * (403), wants credentials (407), closed without answering, could not be
 * reached, or did not answer in time. These errors carry `code: 'EPROXY'`
 * (`ETIMEDOUT` for a silent proxy) and a `hint`, so they keep their words
 * across the fetch thread and s3-errors.ts turns them into `ProxyRefused`.
 */
import type { ProxyRoute, ProxySource } from './proxy-policy';

/** Where the proxy setting came from, as a reader would say it. */
export function proxySourceWords(source: ProxySource): string {
  return source === 'profile'
    ? "the profile's proxy setting"
    : source === 'system'
      ? "the system's proxy settings"
      : "the environment's HTTPS_PROXY / HTTP_PROXY";
}

/** What to do about a proxy that refused, for each way it refused. */
function fixFor(status: number | 'closed' | 'unreachable', route: ProxyRoute): string {
  const bypass =
    route.source === 'environment'
      ? "or add the host to NO_PROXY, or set the profile's proxy to None to connect directly"
      : route.source === 'system'
        ? "or set the profile's proxy to None to connect directly"
        : "or change the profile's proxy (None connects directly)";
  if (status === 407)
    return route.authorization
      ? `The proxy did not accept the user name and password: enter the right ones in the profile's proxy settings (pail profile edit NAME --proxy-user USER, the password from PAIL_PROXY_PASSWORD), ${bypass}.`
      : `Give the proxy's user name and password in the profile's proxy settings (pail profile edit NAME --proxy URL --proxy-user USER, the password from PAIL_PROXY_PASSWORD), ${bypass}.`;
  if (status === 'unreachable') return `Check the proxy's address and that it is running (it comes from ${proxySourceWords(route.source)}), ${bypass}.`;
  if (status === 'closed') return `Ask whoever runs the proxy to allow connections to this host and port, ${bypass}.`;
  return `Ask whoever runs the proxy to allow CONNECT to this host and port (many allow only port 443), ${bypass}.`;
}

/** The error for a proxy that answered the CONNECT with another status than 200. */
export function proxyRefused(route: ProxyRoute, target: string, status: number, statusText = ''): Error {
  const why =
    status === 407
      ? route.authorization
        ? 'it did not accept the credentials (407 Proxy Authentication Required)'
        : 'it asks for a user name and password (407 Proxy Authentication Required)'
      : `it answered ${status}${statusText ? ` ${statusText}` : ''}`;
  return proxyError(`The proxy ${route.proxy} refused to connect to ${target}: ${why}.`, fixFor(status, route), status);
}

/** The error for a proxy that closed the connection before answering the CONNECT. */
export function proxyClosed(route: ProxyRoute, target: string): Error {
  return proxyError(`The proxy ${route.proxy} closed the connection instead of connecting to ${target}.`, fixFor('closed', route));
}

/** The error for a proxy that could not be reached at all (refused, reset, unknown host). */
export function proxyUnreachable(route: ProxyRoute, cause: Error & { code?: string }): Error {
  return proxyError(`Could not connect to the proxy ${route.proxy}${cause.code ? ` (${cause.code})` : ''}.`, fixFor('unreachable', route));
}

/** The error for a proxy silent past the connect deadline: a timeout, retried once like any other. */
export function proxySilent(route: ProxyRoute, target: string, ms: number): Error {
  return Object.assign(new Error(`The proxy ${route.proxy} did not connect to ${target} within ${ms} ms.`), {
    name: 'TimeoutError',
    code: 'ETIMEDOUT',
    hint: fixFor('unreachable', route),
  });
}

function proxyError(message: string, hint: string, status?: number): Error {
  return Object.assign(new Error(message), { name: 'ProxyError', code: 'EPROXY', hint, ...(status && { proxyStatus: status }) });
}

/** True for the errors above that say the proxy refused or could not be reached (not a timeout). */
export function isProxyError(error: unknown): error is Error & { code: 'EPROXY'; hint: string; proxyStatus?: number } {
  return (error as { code?: unknown } | undefined)?.code === 'EPROXY';
}

/** The error for a proxy setting Pail cannot use (a SOCKS proxy, a URL that does not parse). */
export function proxyUnusable(route: ProxyRoute): Error {
  return proxyError(route.problem ?? `The proxy ${route.proxy} cannot be used.`, fixFor('unreachable', route));
}
