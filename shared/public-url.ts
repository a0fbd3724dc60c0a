import { publicUrlBaseOf, type Profile } from './profile';
import type { UrlStyle } from './sharing';

/** Percent-encodes a value the way S3 signs it (RFC 3986): every byte but letters, digits and `-._~`. */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Encodes a key for a URL path the way S3 signs it (RFC 3986), the "/"
 * between folders kept. So spaces, unicode, `+`, `#`, `?` and `%` all
 * survive the trip.
 */
export function encodeKeyPath(key: string): string {
  return key.split('/').map(encodeRfc3986).join('/');
}

/** A bucket name that can be a DNS label under the endpoint (no dots: TLS certificates cover one level only). */
export function isDnsSafeBucket(bucket: string): boolean {
  return /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(bucket);
}

/** What an endpoint's host is: a name a bucket can go in front of, an IP address, `localhost`, or nothing readable. */
export type EndpointHostKind = 'name' | 'ip' | 'localhost' | 'invalid';

/**
 * What the endpoint's host is. Only a `name` can carry a bucket in front of it:
 * `bucket.127.0.0.1` and `bucket.[::1]` are no valid hosts, and
 * `bucket.localhost` reaches the server only where it was set up for such
 * names, which a local test server rarely is.
 */
export function endpointHostKind(endpoint: string): EndpointHostKind {
  let host: string;
  try {
    host = new URL(endpoint).hostname.toLowerCase();
  } catch {
    return 'invalid';
  }
  if (!host) return 'invalid';
  // URL writes every IPv4 form (0x7f.1, 2130706433) as four decimals, and an IPv6 literal in brackets.
  if (host.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(host)) return 'ip';
  return host === 'localhost' || host === 'localhost.' ? 'localhost' : 'name';
}

/** Whether the endpoint has a host name a bucket can go in front of (virtual-host style). */
export const endpointHasHostName = (endpoint: string): boolean => endpointHostKind(endpoint) === 'name';

/** Why a bucket's public URLs cannot be virtual-host style (`bucket.host/key`), in words; undefined when they can. */
export function virtualStyleProblem(endpoint: string, bucket: string): string | undefined {
  const kind = endpointHostKind(endpoint);
  if (kind === 'invalid') return 'The endpoint is not a URL with a host name.';
  if (kind !== 'name') {
    const host = new URL(endpoint).hostname;
    const what = kind === 'ip' ? `an IP address (${host})` : 'localhost, not a domain';
    return `The endpoint is ${what}: a virtual-host URL would go to ${bucket}.${host}, which is no host the server answers for. Use path style.`;
  }
  if (!isDnsSafeBucket(bucket)) return `Bucket ${bucket} cannot be a host name (it has dots or capitals): only path-style URLs work for it.`;
  return undefined;
}

/** The styles a bucket's public URLs can have: custom only with a URL base, virtual only for a DNS-safe name under a host name. */
export function urlStylesFor(profile: Pick<Profile, 'endpoint' | 'publicUrlBases'>, bucket: string): UrlStyle[] {
  return [
    ...(publicUrlBaseOf(profile, bucket) ? (['custom'] as const) : []),
    ...(virtualStyleProblem(profile.endpoint, bucket) ? [] : (['virtual'] as const)),
    'path',
  ];
}

/** The style a bucket's public URLs get unless the user picks one: its custom domain, else what the profile's addressing says, where it can. */
export function defaultUrlStyle(profile: Pick<Profile, 'endpoint' | 'publicUrlBases' | 'addressingStyle'>, bucket: string): UrlStyle {
  if (publicUrlBaseOf(profile, bucket)) return 'custom';
  if (profile.addressingStyle === 'path' || virtualStyleProblem(profile.endpoint, bucket)) return 'path';
  return 'virtual';
}

/** The public URL of a key: `endpoint/bucket/key`, `bucket.endpoint-host/key`, or `custom-base/key`. */
export function publicUrl(profile: Pick<Profile, 'endpoint' | 'publicUrlBases'>, bucket: string, key: string, style: UrlStyle): string {
  const path = encodeKeyPath(key);
  if (style === 'custom') {
    const base = publicUrlBaseOf(profile, bucket);
    if (!base) throw new Error(`Bucket ${bucket} has no public URL base.`);
    return `${base.replace(/\/+$/, '')}/${path}`;
  }
  const endpoint = new URL(profile.endpoint);
  const basePath = endpoint.pathname.replace(/\/+$/, '');
  if (style === 'virtual') return `${endpoint.protocol}//${bucket}.${endpoint.host}${basePath}/${path}`;
  return `${endpoint.protocol}//${endpoint.host}${basePath}/${bucket}/${path}`;
}
