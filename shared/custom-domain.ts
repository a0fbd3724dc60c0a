import { detectProvider, presetEndpoint, providerById, type ProviderId } from './providers';

/**
 * Spotting the seed's mistake: a custom domain (a CNAME to the storage, or a
 * CDN in front of it) typed as the endpoint. The Host header is signed, and
 * the server behind the domain checks the signature for its own name, so
 * every signed request fails with SignatureDoesNotMatch even with the right
 * secret. Public links may use the domain; signed requests may not.
 */

/** IPv4 literals; `URL` gives IPv6 hosts in brackets. */
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * True when the endpoint's host could be a custom domain: a host name that is
 * no known provider's (`*.linodeobjects.com`, `*.amazonaws.com`…), not an IP
 * address and not this computer (localhost). It says "could": a self-hosted
 * server's own name looks the same, so the words built on it are conditional.
 */
export function mayBeCustomDomain(endpoint: string): boolean {
  let host: string;
  try {
    host = new URL(endpoint).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (!host || host.startsWith('[') || IPV4.test(host)) return false;
  if (host === 'localhost' || host.endsWith('.localhost')) return false;
  return detectProvider(endpoint) === 'other';
}

/** Where a custom domain belongs instead of the endpoint, in the app's words. */
export const CUSTOM_DOMAIN_PLACE = "Custom domains are for links: put it in Bucket settings → Custom domain (the bucket's Public URL base).";

/** The advice added to a SignatureDoesNotMatch when {@link mayBeCustomDomain} holds, naming the host. */
export function customDomainAdvice(endpoint: string): string {
  const host = new URL(endpoint).hostname;
  return (
    `If ${host} is a custom domain (a CNAME to the storage), that is the cause: signed requests must go to the provider's own endpoint. ` +
    `Set the profile's endpoint to the provider's S3 host. ${CUSTOM_DOMAIN_PLACE}`
  );
}

/** What "Move it to a bucket's custom domain" proposes for a profile whose endpoint may be a custom domain. */
export interface CustomDomainMove {
  /** The bucket whose public URL base the domain becomes (the user may name another; "" when none is known). */
  bucket: string;
  /** The provider's own endpoint for the profile's region, or undefined when Pail cannot know it (ask the user). */
  endpoint?: string;
  /** The old endpoint, as the bucket's public URL base. */
  publicUrlBase: string;
}

/**
 * The move to offer, or undefined when the endpoint does not look like a custom domain. The bucket
 * is the one the host is named after (`photos.example.com` for `photos`, or the whole host, as
 * virtual-host CNAMEs are), among the known buckets and the default bucket; else the default
 * bucket. The endpoint is the preset's own for the region; "other" has none, so the user gives it.
 */
export function customDomainMove(
  profile: { endpoint: string; provider: ProviderId; region: string; accountId?: string; defaultBucket?: string },
  knownBuckets: readonly string[] = [],
): CustomDomainMove | undefined {
  if (!mayBeCustomDomain(profile.endpoint)) return undefined;
  const url = new URL(profile.endpoint);
  const host = url.hostname.toLowerCase();
  const candidates = [...knownBuckets, ...(profile.defaultBucket ? [profile.defaultBucket] : [])];
  const named = candidates.find((bucket) => host === bucket.toLowerCase() || host.startsWith(`${bucket.toLowerCase()}.`));
  const endpoint = presetEndpoint(providerById(profile.provider), profile.region, profile.accountId);
  return {
    bucket: named ?? profile.defaultBucket ?? '',
    ...(endpoint && endpoint !== url.origin && { endpoint }),
    publicUrlBase: url.origin,
  };
}
