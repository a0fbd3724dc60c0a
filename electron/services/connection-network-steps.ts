import { lookup } from 'node:dns/promises';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import type { CertificateInfo } from '../../shared/certificates';
import type { ConnectionSettings } from '../../shared/connection-test';
import { explained, failed, networkCode, skipped, type StepOutcome } from './connection-diagnosis';
import { dnsProblem, DOTTED_BUCKET_HINT, proxyProblem, tcpProblem, tlsProblem, type EndpointParts } from './connection-network-problems';
import { refusedCertificateOf, untrustedCertificateError, type TrustedBy } from './net/certificate-trust';
import { tlsOptionsOf, type NetworkPolicy } from './net/network-policy';
import { proxySourceWords } from './net/proxy-errors';
import type { ProxyRoute } from './net/proxy-policy';
import { openTunnel } from './net/proxy-tunnel';
import { trustedHandshake } from './net/tls-probe';

/**
 * The network steps of a connection test (DNS, TCP, TLS). They come before
 * any S3 request because the SDK reports all of them as one vague network
 * error after its retries; probing each layer names the broken one. The
 * object steps are in connection-object-steps.
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
  /** How the certificate was accepted: a trusted authority, the profile's pin, or not verified (the profile says so). */
  trustedBy?: TrustedBy;
  /** The certificate's details (for a pinned or unverified one, shown in the step). */
  presented?: CertificateInfo;
}

/** The network actions of a test; tests replace them to simulate what a real network does. */
export interface NetworkProbes {
  lookup(host: string): Promise<ResolvedAddress[]>;
  connectTcp(host: string, port: number, timeoutMs: number): Promise<{ address: string }>;
  /** `network`: the profile's network policy (its CA bundle, pins…), checked as its requests are; `socket`: a proxy's tunnel to handshake over. */
  connectTls(host: string, port: number, timeoutMs: number, network?: NetworkPolicy, socket?: Socket): Promise<TlsInfo>;
  /** A CONNECT tunnel to host:port through a proxy (the TCP step through a proxy, and the socket the TLS step handshakes over). */
  openTunnel(route: ProxyRoute, host: string, port: number, timeoutMs: number, network?: NetworkPolicy): Promise<Socket>;
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

/** The probes of a real run: Node's resolver and sockets, with the same defaults (CA store…) as the SDK's requests. */
export const NODE_PROBES: NetworkProbes = {
  lookup: (host) => lookup(host, { all: true, verbatim: true }),
  connectTcp: (host, port, timeoutMs) => {
    const socket = netConnect({ host, port });
    return openSocket(socket, 'connect', timeoutMs, () => ({ address: socket.remoteAddress ?? host }));
  },
  connectTls: async (host, port, timeoutMs, network = {}, socket) => {
    const found = await trustedHandshake(host, port, timeoutMs, network, socket);
    const trustedBy = 'refused' in found.verdict ? undefined : found.verdict.trustedBy;
    return { protocol: found.protocol, certificate: found.peer, trustedBy, presented: found.certificate };
  },
  openTunnel: (route, host, port, timeoutMs, network) => openTunnel(route, host, port, timeoutMs, network ? tlsOptionsOf(network) : {}),
};

/** A proxy as the report names it: its address and where the setting came from. */
export function proxyWords(route: ProxyRoute): string {
  return `the proxy ${route.proxy} (from ${proxySourceWords(route.source)})`;
}

/** Step 1 through a proxy: the proxy resolves the server's name, so this computer need not. */
export function dnsThroughProxy(route: ProxyRoute): StepOutcome {
  return skipped(`through ${proxyWords(route)}: the proxy resolves the server's name`);
}

/** Step 2 through a proxy: the proxy accepts a connection and opens a tunnel (CONNECT) to host:port. */
export async function tcpThroughProxy(parts: EndpointParts, route: ProxyRoute, probes: NetworkProbes, timeoutMs: number): Promise<StepOutcome> {
  try {
    const socket = await probes.openTunnel(route, parts.host, parts.port, timeoutMs);
    socket.destroy();
    return { verdict: 'pass', detail: `connected through ${proxyWords(route)}, which opened a tunnel to ${parts.host}:${parts.port}` };
  } catch (error) {
    return failed(proxyProblem(error), `through ${proxyWords(route)}`);
  }
}

/** Runs `work`, failing with `onTimeout()` if it takes longer than `ms` (the work itself may go on unobserved). */
export function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Host, port and scheme of an endpoint URL. */
export function endpointParts(endpoint: string): EndpointParts {
  const url = new URL(endpoint);
  const https = url.protocol === 'https:';
  return { https, host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port) || (https ? 443 : 80), portInUrl: url.port !== '' };
}

/** True for addresses (and the name) of this computer: traffic to them never leaves it. */
export function isLoopback(hostOrAddress: string): boolean {
  const a = hostOrAddress.toLowerCase();
  return a === 'localhost' || a.endsWith('.localhost') || a === '::1' || /^(::ffff:)?127\./.test(a);
}

/**
 * Step 1: the endpoint's host name resolves, and with virtual-host addressing
 * so does the bucket's (`<bucket>.<host>`, which needs wildcard DNS the
 * server may not have). Literal IP addresses skip it.
 */
export async function dnsStep(
  parts: EndpointParts,
  settings: ConnectionSettings,
  probes: NetworkProbes,
  timeoutMs: number,
  virtualBucket?: string,
): Promise<{ outcome: StepOutcome; addresses: string[] }> {
  if (isIP(parts.host)) return { outcome: skipped('IP address'), addresses: [parts.host] };
  let addresses: string[];
  try {
    const found = await withTimeout(probes.lookup(parts.host), timeoutMs, timeoutError);
    addresses = [...new Set(found.map((f) => f.address))];
  } catch (error) {
    return { outcome: failed(dnsProblem(parts.host, networkCode(error) ?? 'ENOTFOUND', settings, timeoutMs)), addresses: [] };
  }
  const shown = addresses.slice(0, 3).join(', ') + (addresses.length > 3 ? ` (+${addresses.length - 3} more)` : '');
  const bucketHost = virtualBucket && `${virtualBucket}.${parts.host}`;
  if (bucketHost) {
    const code = await withTimeout(probes.lookup(bucketHost), timeoutMs, timeoutError).then(
      () => undefined,
      (error: unknown) => networkCode(error) ?? 'ENOTFOUND',
    );
    // Only a name that does not exist says the server lacks wildcard DNS; a slow resolver says nothing.
    if (code === 'ENOTFOUND' || code === 'ENODATA') return { outcome: bucketHostUnresolved(shown, bucketHost, virtualBucket, code), addresses };
  }
  return { outcome: { verdict: 'pass', detail: shown }, addresses };
}

/** The warning for a bucket host name that does not resolve while the endpoint's does: path style keeps the bucket out of the name. */
function bucketHostUnresolved(shown: string, bucketHost: string, bucket: string, code: string): StepOutcome {
  const problem = explained(
    'EndpointNotFound',
    `The endpoint resolves, but "${bucketHost}" does not (DNS: ${code}): virtual-host addressing puts the bucket's name in the host name, and this server's DNS has no name for it.`,
    'Use path-style addressing (Compatibility settings), which keeps the bucket in the path; the rest of this test uses it.',
    code,
  );
  return {
    verdict: 'warn',
    detail: `${shown}; ${bucketHost} does not resolve: the test goes on in path style`,
    error: problem.toInfo(),
    suggestions: [
      {
        setting: 'addressingStyle',
        value: 'path',
        reason: `"${bucketHost}" does not resolve: path style keeps bucket "${bucket}" out of the host name.`,
      },
    ],
  };
}

/** Step 2: something accepts a connection on host:port. */
export async function tcpStep(parts: EndpointParts, probes: NetworkProbes, timeoutMs: number): Promise<StepOutcome> {
  try {
    const { address } = await probes.connectTcp(parts.host, parts.port, timeoutMs);
    return { verdict: 'pass', detail: `connected to ${address.includes(':') ? `[${address}]` : address}:${parts.port}` };
  } catch (error) {
    return failed(tcpProblem(parts, networkCode(error) ?? 'ECONNREFUSED', timeoutMs));
  }
}

/** The host names a certificate covers, from its subjectAltName (or its common name). */
export function certificateNames(certificate: TlsInfo['certificate']): string[] {
  const alt = (certificate.subjectaltname ?? '')
    .split(/,\s*/)
    .filter((n) => n.startsWith('DNS:') || n.startsWith('IP Address:'))
    .map((n) => n.replace(/^(DNS|IP Address):/, ''));
  const cn = certificate.subject?.CN;
  return alt.length ? alt : cn ? [String(cn)] : [];
}

/** How the step says a certificate was accepted other than by a trusted authority. */
function trustWords(info: TlsInfo): string {
  if (info.trustedBy === 'pin') return `; trusted by its pin for this profile (SHA-256 ${info.presented?.sha256 ?? '?'})`;
  if (info.trustedBy === 'unverified') return '; NOT VERIFIED: this profile does not verify certificates (lab endpoints only)';
  return '';
}

/**
 * Step 3: the TLS handshake, and whether the certificate also covers the
 * virtual-host name of the bucket Pail would open (`virtualBucket`). Plain
 * HTTP skips it, with a warning off this computer: keys and data travel in clear.
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
    const refused = refusedCertificateOf(error);
    if (refused) return failed(untrustedCertificateError(refused));
    const said = error as { reason?: string; message?: string } | undefined;
    return failed(tlsProblem(parts, networkCode(error) ?? 'EPROTO', said?.reason ?? said?.message ?? '', timeoutMs));
  }
  const names = certificateNames(info.certificate);
  const until = info.certificate.valid_to ? ` until ${new Date(info.certificate.valid_to).toISOString().slice(0, 10)}` : '';
  const detail = `${info.protocol}, certificate valid for ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}${until}${trustWords(info)}`;
  if (info.trustedBy === 'unverified') return { verdict: 'warn', detail };
  const bucketHost = virtualBucket && `${virtualBucket}.${parts.host}`;
  if (bucketHost && checkServerIdentity(bucketHost, info.certificate as PeerCertificate) !== undefined) {
    const problem = explained(
      'TlsError',
      `The certificate does not cover ${bucketHost}, the host name virtual-host addressing uses for bucket "${virtualBucket}".`,
      DOTTED_BUCKET_HINT,
    );
    return {
      verdict: 'warn',
      detail: `${detail}; not valid for ${bucketHost}`,
      error: problem.toInfo(),
      suggestions: [
        {
          setting: 'addressingStyle',
          value: 'path',
          reason: `The certificate does not cover ${bucketHost}; path style keeps the bucket out of the host name.`,
        },
      ],
    };
  }
  return { verdict: 'pass', detail };
}
