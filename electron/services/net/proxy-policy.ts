/**
 * Which proxy a connection goes through: plain data (it crosses to the fetch
 * thread inside a NetworkPolicy), decided per target URL by `proxyRouteFor`.
 * The environment's variables are read here, the profile's setting and the
 * system's answer are turned into the same shape by proxy-resolver.ts.
 */
import { proxyUrlOf, proxyUrlProblem } from '../../../shared/proxy-url';

/** Where a proxy setting came from, as the connection test names it. */
export type ProxySource = 'profile' | 'environment' | 'system';

/** The proxies for a profile's connections: one per target scheme (absent: direct), and the hosts reached directly. */
export interface ProxyPolicy {
  source: ProxySource;
  /** The proxy URL for http: targets (http:// or https:// proxy). */
  http?: string;
  /** The proxy URL for https: targets. */
  https?: string;
  /** Targets reached directly, in NO_PROXY's syntax (comma or space separated). */
  noProxy?: string;
  /** Basic credentials for the proxy (a URL's own user:password@ is used when these are absent). */
  username?: string;
  password?: string;
  /** Proxies the setting named that Pail cannot use (a SOCKS proxy from the system), for the connection test's words. */
  unusable?: string[];
}

/** The proxy one connection goes through. */
export interface ProxyRoute {
  /** The proxy's origin, e.g. http://proxy.example:3128 (no credentials). */
  proxy: string;
  /** The Proxy-Authorization header's value, when the proxy has credentials. */
  authorization?: string;
  source: ProxySource;
  /** Why this proxy cannot be used (a SOCKS proxy, a URL that does not parse): connections through it fail with these words. */
  problem?: string;
}

/** The first set variable of these names (lower case first: curl and most tools read it first). */
function variable(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name.toLowerCase()] ?? env[name.toUpperCase()];
  return value?.trim() || undefined;
}

/**
 * The proxies the environment names: `https_proxy` for https: targets and
 * `http_proxy` for http: ones (either case, lower case first; as curl, no
 * fallback from one to the other), `no_proxy` for the hosts reached
 * directly. Undefined when neither proxy is set.
 */
export function environmentProxy(env: NodeJS.ProcessEnv = process.env): ProxyPolicy | undefined {
  const http = variable(env, 'HTTP_PROXY');
  const https = variable(env, 'HTTPS_PROXY');
  if (!http && !https) return undefined;
  const noProxy = variable(env, 'NO_PROXY');
  return { source: 'environment', ...(http && { http }), ...(https && { https }), ...(noProxy && { noProxy }) };
}

/** One NO_PROXY entry against a target: `*`, a host or IP (exact), `.suffix` or `suffix` (the domain and its subdomains), each with an optional `:port`. */
function entryMatches(entry: string, hostname: string, port: string): boolean {
  if (entry === '*') return true;
  let host = entry;
  let entryPort: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  const withPort = /^([^:]+):(\d+)$/.exec(entry);
  if (bracketed) [, host, entryPort] = bracketed;
  else if (withPort) [, host, entryPort] = withPort;
  if (entryPort && entryPort !== port) return false;
  host = host.replace(/^\*?\./, '').toLowerCase();
  if (!host) return false;
  return hostname === host || hostname.endsWith(`.${host}`);
}

/** True when NO_PROXY says to reach this target directly. */
export function bypassesProxy(noProxy: string | undefined, target: URL): boolean {
  if (!noProxy) return false;
  const hostname = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((entry) => entryMatches(entry.trim(), hostname, port));
}

/** The Proxy-Authorization value for a user and password (either may be empty). */
function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

/** The proxy a connection to `target` goes through under the policy, or undefined to go directly. */
export function proxyRouteFor(policy: ProxyPolicy | undefined, target: string | URL): ProxyRoute | undefined {
  if (!policy) return undefined;
  const url = typeof target === 'string' ? new URL(target) : target;
  const chosen = url.protocol === 'https:' ? policy.https : policy.http;
  if (!chosen || bypassesProxy(policy.noProxy, url)) return undefined;
  // A proxy Pail cannot speak to is not skipped (that would bypass it unseen): connections fail, saying why.
  const problem = proxyUrlProblem(chosen);
  if (problem) return { proxy: shownProxy(chosen), source: policy.source, problem };
  const proxyUrl = proxyUrlOf(chosen);
  const username = policy.username ?? decodeURIComponent(proxyUrl.username);
  const password = policy.password ?? decodeURIComponent(proxyUrl.password);
  return {
    proxy: `${proxyUrl.protocol}//${proxyUrl.host}`,
    ...((username || password) && { authorization: basic(username, password) }),
    source: policy.source,
  };
}

/** A proxy URL without its credentials, for words a user reads (logs, the connection test). */
export function shownProxy(value: string): string {
  try {
    const url = proxyUrlOf(value);
    return `${url.protocol}//${url.host}`;
  } catch {
    return value.replace(/\/\/[^@/]*@/, '//');
  }
}

/** One string per distinct proxy policy, for caches of agents and dispatchers. */
export function proxyKey(policy: ProxyPolicy | undefined): string {
  if (!policy) return '';
  return JSON.stringify([policy.source, policy.http ?? '', policy.https ?? '', policy.noProxy ?? '', policy.username ?? '', policy.password ?? '']);
}
