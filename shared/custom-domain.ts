import { detectProvider } from './providers';

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

/** The advice added to a SignatureDoesNotMatch when {@link mayBeCustomDomain} holds, naming the host. */
export function customDomainAdvice(endpoint: string): string {
  const host = new URL(endpoint).hostname;
  return (
    `If ${host} is a custom domain (a CNAME to the storage), that is the cause: signed requests must go to the provider's own endpoint. ` +
    "Set the profile's endpoint to the provider's, and put the custom domain in the bucket's Public URL base instead."
  );
}
