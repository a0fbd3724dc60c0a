// The words for a connection test's network failures: why a host name did not resolve, why nothing
// accepted a connection, and why a TLS handshake failed, each with the fix to try (kept with the
// other words of the test; connection-diagnosis has the rest).
import type { ConnectionSettings } from '../../shared/connection-test';
import type { PailError } from '../../shared/errors';
import { linodeHostsOfRegion } from '../../shared/linode-hosts';
import { providerById, regionFromEndpoint } from '../../shared/providers';
import { explained } from './connection-diagnosis';

/** The parts of an endpoint URL the network steps need. */
export interface EndpointParts {
  https: boolean;
  /** Without the brackets of an IPv6 literal. */
  host: string;
  port: number;
  /** False when the URL names no port and the scheme's default (443, 80) applies. */
  portInUrl: boolean;
}

/** A timeout in seconds, to one decimal ("2.5 s"). */
const inSeconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** What to check when a host name does not resolve: the region or account id the endpoint was built from, else the spelling. */
function dnsHint(host: string, settings: ConnectionSettings): string {
  const preset = providerById(settings.provider);
  const region = regionFromEndpoint(preset, settings.endpoint);
  // A Linode region id used as a host (de-fra-2): its endpoint has another name.
  const hosts = region && preset.id === 'linode' ? linodeHostsOfRegion(region).map((h) => h.host) : [];
  if (hosts.length)
    return `${region} is a Linode region, not an endpoint host: its endpoint is ${hosts.join(' or ')} (Cloud Manager shows the one your bucket is on).`;
  if (region) {
    return `The endpoint is built from the region "${region}": check that ${preset.label} has a region called that (pick it from the list), and the spelling of the host name.`;
  }
  if (preset.needsAccountId) return `Check the account id in the endpoint (${host}): it is the 32-character id from the ${preset.label} dashboard.`;
  return 'Check the host name in the endpoint for typos; an internal name resolves only on the network (or VPN) that knows it.';
}

/** Why the endpoint's host name did not resolve. */
export function dnsProblem(host: string, code: string, settings: ConnectionSettings, timeoutMs: number): PailError {
  if (code === 'ETIMEDOUT') {
    return explained(
      'Timeout',
      `Looking up "${host}" took longer than ${inSeconds(timeoutMs)}.`,
      'Check your network connection and DNS settings, then try again.',
      code,
    );
  }
  if (code === 'EAI_AGAIN') {
    return explained('EndpointNotFound', `No DNS server answered for "${host}" (EAI_AGAIN).`, 'Check your network connection (or VPN), then try again.', code);
  }
  return explained('EndpointNotFound', `The host name "${host}" does not exist (DNS: ${code}).`, dnsHint(host, settings), code);
}

/** Why nothing accepted a connection on host:port. */
export function tcpProblem(parts: EndpointParts, code: string, timeoutMs: number): PailError {
  const where = `${parts.host}:${parts.port}`;
  const portWords = parts.portInUrl ? '' : ` (the URL names no port, so ${parts.https ? 'https uses 443' : 'http uses 80'})`;
  switch (code) {
    case 'ECONNREFUSED':
      return explained(
        'EndpointUnreachable',
        `Nothing is listening on ${where} (ECONNREFUSED).`,
        `The server is not running, or the port is wrong${portWords}: check the endpoint URL.`,
        code,
      );
    case 'ETIMEDOUT':
      return explained(
        'Timeout',
        `${where} did not accept a connection within ${inSeconds(timeoutMs)}.`,
        `A firewall or VPN may be dropping the connection, or the port is wrong${portWords}.`,
        code,
      );
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return explained('EndpointUnreachable', `There is no route to ${parts.host} (${code}).`, 'Check your network connection, VPN or firewall.', code);
    default:
      return explained('EndpointUnreachable', `Could not connect to ${where} (${code}).`, undefined, code);
  }
}

/** The hint for a certificate that does not cover a bucket's virtual-host name. */
export const DOTTED_BUCKET_HINT = "Bucket names with dots do not match the provider's wildcard certificate with virtual-host addressing: use path style.";

/** Why the TLS handshake failed, from Node's or OpenSSL's error code. */
export function tlsProblem(parts: EndpointParts, code: string, said: string, timeoutMs: number): PailError {
  const where = `${parts.host}:${parts.port}`;
  const trustHint =
    "give the profile its CA's certificate as the CA bundle (a PEM file; --ca-bundle in the CLI), or add that CA to this computer's trusted certificates";
  switch (code) {
    case 'ETIMEDOUT':
      return explained(
        'Timeout',
        `The TLS handshake with ${where} did not finish within ${inSeconds(timeoutMs)}.`,
        'The port may not serve https, or a firewall interferes; check the endpoint URL.',
        code,
      );
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'EPROTO':
      return explained(
        'TlsError',
        `The server on ${where} does not speak TLS (${code}); it probably answers plain HTTP.`,
        'Use http:// in the endpoint, or the port that serves https.',
        code,
      );
    case 'ECONNRESET':
      return explained(
        'TlsError',
        `${where} closed the connection during the TLS handshake (ECONNRESET).`,
        'The port may not serve https, or a firewall or proxy interferes.',
        code,
      );
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return explained(
        'TlsError',
        `The certificate of ${parts.host} is self-signed: no authority this computer trusts vouches for it (${code}).`,
        `For your own server, use a certificate from a trusted authority, or ${trustHint}.`,
        code,
      );
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return explained(
        'TlsError',
        `The certificate of ${parts.host} was issued by an authority this computer does not trust (${code}).`,
        `A company proxy that inspects TLS needs its CA trusted: ${trustHint}. Otherwise the server sends an incomplete certificate chain.`,
        code,
      );
    case 'CERT_HAS_EXPIRED':
      return explained(
        'TlsError',
        `The certificate of ${parts.host} has expired (${code}).`,
        "Check this computer's date; if it is right, the server's certificate must be renewed.",
        code,
      );
    case 'CERT_NOT_YET_VALID':
      return explained(
        'TlsError',
        `The certificate of ${parts.host} is not valid yet (${code}).`,
        "This computer's date is probably wrong: turn on automatic time.",
        code,
      );
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return explained(
        'TlsError',
        `The certificate is not valid for ${parts.host}: ${said}`,
        `Check the host name in the endpoint (a custom domain needs a certificate of its own). If the endpoint contains a bucket name, remove it: the endpoint is only the server. ${DOTTED_BUCKET_HINT}`,
        code,
      );
    default:
      return explained('TlsError', `The secure connection to ${where} failed (${code}${said ? `: ${said}` : ''}).`, undefined, code);
  }
}

/**
 * Why the proxy did not open a tunnel to the server, in words with the fix:
 * it refused the CONNECT (403), wants credentials (407), closed, could not be
 * reached, or stayed silent (see net/proxy-errors.ts, which words them).
 */
export function proxyProblem(error: unknown): PailError {
  const e = error as Error & { code?: string; hint?: string };
  if (e.code === 'ETIMEDOUT') return explained('Timeout', e.message, e.hint);
  if (e.code === 'EPROXY') return explained('ProxyRefused', e.message, e.hint, 'EPROXY');
  return explained('ProxyRefused', `The proxy failed: ${e.message}`);
}
