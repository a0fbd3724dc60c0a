import type { Profile } from './profile';
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

/** The styles a bucket's public URLs can have: custom only with a URL base, virtual only for DNS-safe names. */
export function urlStylesFor(profile: Pick<Profile, 'publicUrlBases'>, bucket: string): UrlStyle[] {
  return [...(profile.publicUrlBases[bucket] ? (['custom'] as const) : []), ...(isDnsSafeBucket(bucket) ? (['virtual'] as const) : []), 'path'];
}

/** The style a bucket's public URLs get unless the user picks one: its custom domain, else what the profile's addressing says. */
export function defaultUrlStyle(profile: Pick<Profile, 'publicUrlBases' | 'addressingStyle'>, bucket: string): UrlStyle {
  if (profile.publicUrlBases[bucket]) return 'custom';
  if (profile.addressingStyle === 'path' || !isDnsSafeBucket(bucket)) return 'path';
  return 'virtual';
}

/** The public URL of a key: `endpoint/bucket/key`, `bucket.endpoint-host/key`, or `custom-base/key`. */
export function publicUrl(profile: Pick<Profile, 'endpoint' | 'publicUrlBases'>, bucket: string, key: string, style: UrlStyle): string {
  const path = encodeKeyPath(key);
  if (style === 'custom') {
    const base = profile.publicUrlBases[bucket];
    if (!base) throw new Error(`Bucket ${bucket} has no public URL base.`);
    return `${base.replace(/\/+$/, '')}/${path}`;
  }
  const endpoint = new URL(profile.endpoint);
  const basePath = endpoint.pathname.replace(/\/+$/, '');
  if (style === 'virtual') return `${endpoint.protocol}//${bucket}.${endpoint.host}${basePath}/${path}`;
  return `${endpoint.protocol}//${endpoint.host}${basePath}/${bucket}/${path}`;
}
