import { lookup } from 'node:dns/promises';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { checkServerIdentity, connect as tlsConnect, type PeerCertificate } from 'node:tls';
import type { ConnectionSettings } from '../../shared/connection-test';
import { providerById, regionFromEndpoint } from '../../shared/providers';
import { explained, failed, networkCode, skipped, type StepOutcome } from './connection-diagnosis';

/**
 * The network steps of a connection test (DNS, TCP, TLS), each run with its
 * own timeout and each failure explained by its likely cause. They come before
 * any S3 request because the SDK reports all of them as one vague network
 * error after its retries; probing each layer names the one that is broken.
 */

/** One address a host name resolves to. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/** What a TLS handshake found. */
export interface TlsInfo {
  /** e.g. "TLSv1.3". */
  protocol: string;
  certificate: Pick<PeerCertificate, 'subject' | 'subjectaltname' | 'valid_to'>;
}

/** The network actions of a test; tests replace them to simulate what a real network does. */
export interface NetworkProbes {
  lookup(host: string): Promise<ResolvedAddress[]>;
  connectTcp(host: string, port: number, timeoutMs: number): Promise<{ address: string }>;
  connectTls(host: string, port: number, timeoutMs: number): Promise<TlsInfo>;
}

function timeoutError(): Error {
  return Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' });
}

/** Settles when `socket` emits `ready`, fails on its error or after `timeoutMs`; the socket is always closed. */
function openSocket<T>(socket: Socket, ready: string, timeoutMs: number, read: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(timeoutError());
    }, timeoutMs);
    socket.once(ready, () => {
      clearTimeout(timer);
      const value = read();
      socket.destroy();
      resolve(value);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    });
  });
}

/** The probes of a real run, with Node's resolver and sockets (the same ones the SDK's requests use). */
export const NODE_PROBES: NetworkProbes = {
  lookup: (host) => lookup(host, { all: true, verbatim: true }),
  connectTcp: (host, port, timeoutMs) => {
    const socket = netConnect({ host, port });
    return openSocket(socket, 'connect', timeoutMs, () => ({ address: socket.remoteAddress ?? host }));
  },
  connectTls: (host, port, timeoutMs) => {
    const socket = tlsConnect({ host, port, servername: isIP(host) ? undefined : host, ALPNProtocols: ['http/1.1'] });
    return openSocket(socket, 'secureConnect', timeoutMs, () => ({
      protocol: socket.getProtocol() ?? 'TLS',
      certificate: socket.getPeerCertificate(),
    }));
  },
};

/** Runs `work`, failing with `onTimeout()` if it takes longer than `ms` (the work itself may go on unobserved). */
export function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The parts of an endpoint URL the network steps need. */
export interface EndpointParts {
  https: boolean;
  /** Without the brackets of an IPv6 literal. */
  host: string;
  port: number;
}

export function endpointParts(endpoint: string): EndpointParts {
  const url = new URL(endpoint);
  const https = url.protocol === 'https:';
  return { https, host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port) || (https ? 443 : 80) };
}

/** True for addresses (and the name) of this computer: traffic to them never leaves it. */
export function isLoopback(hostOrAddress: string): boolean {
  const a = hostOrAddress.toLowerCase();
  return a === 'localhost' || a.endsWith('.localhost') || a === '::1' || /^(::ffff:)?127\./.test(a);
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

// --- DNS ---------------------------------------------------------------------

function dnsHint(host: string, settings: ConnectionSettings): string {
  const preset = providerById(settings.provider);
  const region = regionFromEndpoint(preset, settings.endpoint);
  if (region) {
    return `The endpoint is built from the region "${region}": check that ${preset.label} has a region called that (pick it from the list), and the spelling of the host name.`;
  }
  if (preset.needsAccountId) return `Check the account id in the endpoint (${host}): it is the 32-character id from the ${preset.label} dashboard.`;
  return 'Check the host name in the endpoint for typos; an internal name resolves only on the network (or VPN) that knows it.';
}

/** Step 1: the endpoint's host name resolves. Literal IP addresses skip it. */
export async function dnsStep(
  parts: EndpointParts,
  settings: ConnectionSettings,
  probes: NetworkProbes,
  timeoutMs: number,
): Promise<{ outcome: StepOutcome; addresses: string[] }> {
  if (isIP(parts.host)) return { outcome: skipped('IP address'), addresses: [parts.host] };
  try {
    const found = await withTimeout(probes.lookup(parts.host), timeoutMs, timeoutError);
    const addresses = [...new Set(found.map((f) => f.address))];
    const shown = addresses.slice(0, 3).join(', ') + (addresses.length > 3 ? ` (+${addresses.length - 3} more)` : '');
    return { outcome: { verdict: 'pass', detail: shown }, addresses };
  } catch (error) {
    const code = networkCode(error) ?? 'ENOTFOUND';
    const problem =
      code === 'ETIMEDOUT'
        ? explained('Timeout', `Looking up "${parts.host}" took longer than ${seconds(timeoutMs)}.`, 'Check your network connection and DNS settings, then try again.', code)
        : code === 'EAI_AGAIN'
          ? explained('EndpointNotFound', `No DNS server answered for "${parts.host}" (EAI_AGAIN).`, 'Check your network connection (or VPN), then try again.', code)
          : explained('EndpointNotFound', `The host name "${parts.host}" does not exist (DNS: ${code}).`, dnsHint(parts.host, settings), code);
    return { outcome: failed(problem), addresses: [] };
  }
}

// --- TCP ---------------------------------------------------------------------

/** Step 2: something accepts a connection on host:port. */
export async function tcpStep(parts: EndpointParts, probes: NetworkProbes, timeoutMs: number): Promise<StepOutcome> {
  const where = `${parts.host}:${parts.port}`;
  try {
    const { address } = await probes.connectTcp(parts.host, parts.port, timeoutMs);
    return { verdict: 'pass', detail: `connected to ${address.includes(':') ? `[${address}]` : address}:${parts.port}` };
  } catch (error) {
    const code = networkCode(error) ?? 'ECONNREFUSED';
    const portWords = `(the URL ${parts.https ? 'uses https: port 443' : 'uses http: port 80'} unless it names a port)`;
    if (code === 'ECONNREFUSED') {
      return failed(
        explained(
          'EndpointUnreachable',
          `Nothing is listening on ${where} (ECONNREFUSED).`,
          `The server is not running, or the port is wrong ${portWords}: check the endpoint URL.`,
          code,
        ),
      );
    }
    if (code === 'ETIMEDOUT') {
      return failed(
        explained(
          'Timeout',
          `${where} did not accept a connection within ${seconds(timeoutMs)}.`,
          `A firewall or VPN may be dropping the connection, or the port is wrong ${portWords}.`,
          code,
        ),
      );
    }
    if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
      return failed(explained('EndpointUnreachable', `There is no route to ${parts.host} (${code}).`, 'Check your network connection, VPN or firewall.', code));
    }
    return failed(explained('EndpointUnreachable', `Could not connect to ${where} (${code}).`, undefined, code));
  }
}

// --- TLS ---------------------------------------------------------------------

/** The host names a certificate covers, from its subjectAltName (or its common name). */
export function certificateNames(certificate: TlsInfo['certificate']): string[] {
  const alt = (certificate.subjectaltname ?? '')
    .split(/,\s*/)
    .filter((n) => n.startsWith('DNS:') || n.startsWith('IP Address:'))
    .map((n) => n.replace(/^(DNS|IP Address):/, ''));
  const cn = certificate.subject?.CN;
  return alt.length ? alt : cn ? [String(cn)] : [];
}

const DOTTED_BUCKET_HINT =
  'Bucket names with dots do not match the provider\'s wildcard certificate with virtual-host addressing: use path style.';

function tlsProblem(parts: EndpointParts, error: unknown, timeoutMs: number): ReturnType<typeof explained> {
  const code = networkCode(error) ?? 'EPROTO';
  const where = `${parts.host}:${parts.port}`;
  const said = (error as Error | undefined)?.message ?? '';
  switch (code) {
    case 'ETIMEDOUT':
      return explained('Timeout', `The TLS handshake with ${where} did not finish within ${seconds(timeoutMs)}.`, 'The port may not serve https, or a firewall interferes; check the endpoint URL.', code);
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'EPROTO':
      return explained(
        'TlsError',
        `The server on ${where} does not speak TLS (${code}); it probably answers plain HTTP.`,
        'Use http:// in the endpoint, or the port that serves https.',
        code,
      );
    case 'ECONNRESET':
      return explained('TlsError', `${where} closed the connection during the TLS handshake (ECONNRESET).`, 'The port may not serve https, or a firewall or proxy interferes.', code);
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return explained(
        'TlsError',
        `The certificate of ${parts.host} is self-signed: no authority this computer trusts vouches for it (${code}).`,
        "For your own server, use a certificate from a trusted authority, or add its CA to this computer's trusted certificates (NODE_EXTRA_CA_CERTS for the CLI).",
        code,
      );
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return explained(
        'TlsError',
        `The certificate of ${parts.host} was issued by an authority this computer does not trust (${code}).`,
        "A company proxy that inspects TLS needs its CA added to this computer's trusted certificates (NODE_EXTRA_CA_CERTS for the CLI); otherwise the server sends an incomplete certificate chain.",
        code,
      );
    case 'CERT_HAS_EXPIRED':
      return explained('TlsError', `The certificate of ${parts.host} has expired (${code}).`, "Check this computer's date; if it is right, the server's certificate must be renewed.", code);
    case 'CERT_NOT_YET_VALID':
      return explained('TlsError', `The certificate of ${parts.host} is not valid yet (${code}).`, "This computer's date is probably wrong: turn on automatic time.", code);
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return explained(
        'TlsError',
        `The certificate is not valid for ${parts.host}: ${(error as { reason?: string }).reason ?? said}`,
        `Check the host name in the endpoint (a custom domain needs a certificate of its own). If the endpoint contains a bucket name, remove it: the endpoint is only the server. ${DOTTED_BUCKET_HINT}`,
        code,
      );
    default:
      return explained('TlsError', `The secure connection to ${where} failed (${code}${said ? `: ${said}` : ''}).`, undefined, code);
  }
}

/**
 * Step 3: the TLS handshake, and whether the certificate also covers the
 * virtual-host name of a bucket Pail would open (`virtualBucket`). Plain HTTP
 * skips it: a warning off this computer, since keys and data travel in clear.
 */
export async function tlsStep(
  parts: EndpointParts,
  addresses: string[],
  virtualBucket: string | undefined,
  probes: NetworkProbes,
  timeoutMs: number,
): Promise<StepOutcome> {
  if (!parts.https) {
    const local = isLoopback(parts.host) || (addresses.length > 0 && addresses.every(isLoopback));
    return local
      ? skipped('plain HTTP: traffic is not encrypted, but it stays on this computer (loopback)')
      : { verdict: 'warn', detail: 'plain HTTP: traffic is not encrypted' };
  }
  let info: TlsInfo;
  try {
    info = await probes.connectTls(parts.host, parts.port, timeoutMs);
  } catch (error) {
    return failed(tlsProblem(parts, error, timeoutMs));
  }
  const names = certificateNames(info.certificate);
  const until = info.certificate.valid_to ? ` until ${new Date(info.certificate.valid_to).toISOString().slice(0, 10)}` : '';
  const detail = `${info.protocol}, certificate valid for ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}${until}`;
  if (virtualBucket) {
    const bucketHost = `${virtualBucket}.${parts.host}`;
    if (checkServerIdentity(bucketHost, info.certificate as PeerCertificate) !== undefined) {
      const problem = explained('TlsError', `The certificate does not cover ${bucketHost}, the host name virtual-host addressing uses for bucket "${virtualBucket}".`, DOTTED_BUCKET_HINT);
      return {
        verdict: 'warn',
        detail: `${detail}; not valid for ${bucketHost}`,
        error: problem.toInfo(),
        suggestions: [{ setting: 'addressingStyle', value: 'path', reason: `The certificate does not cover ${bucketHost}; path style keeps the bucket out of the host name.` }],
      };
    }
  }
  return { verdict: 'pass', detail };
}
