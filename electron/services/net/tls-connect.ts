/**
 * Bare TLS connections under a network policy: for the fetch thread's own
 * HTTP reader (transfers/io/raw-http.ts), which reads records into one reused
 * buffer where Node's https module would allocate one per record, and for the
 * handshake probes (tls-probe.ts). Trust comes from `tlsOptionsOf` (one secure
 * context per CA bundle) and the one certificate check, as for every other
 * connection.
 */
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { whenTrusted } from './certificate-trust';
import { tlsOptionsOf, type NetworkPolicy } from './network-policy';

/** Where a TLS connection goes, and how its reads arrive (net's `onread`: into one buffer of the caller's). */
export interface TlsDial {
  host: string;
  port: number;
  /** The name the certificate must carry and SNI sends; default: `host` unless it is an IP address. */
  servername?: string;
  onread?: { buffer: Uint8Array | (() => Uint8Array); callback: (bytes: number, buffer: Uint8Array) => boolean };
  /** Over this stream (a proxy's CONNECT tunnel already open to host:port) instead of a new TCP connection. */
  over?: Duplex;
  /** ALPN protocols to offer. */
  alpn?: string[];
}

/**
 * The one way Pail dials TLS by hand: the policy's trust, the server name, and Node's own verdict
 * left to the caller (`rejectUnauthorized: false`), who must run the one check (certificate-trust.ts)
 * before trusting the socket: `connectTls` below, or the probes that only read what the server presents.
 */
export function dialTls(policy: NetworkPolicy, dial: TlsDial): TLSSocket {
  const { host, port, servername, onread, over, alpn } = dial;
  return connect({
    ...tlsOptionsOf(policy),
    rejectUnauthorized: false,
    host,
    port,
    noDelay: true,
    servername: servername ?? (isIP(host) ? undefined : host),
    ...(onread && { onread }),
    ...(over && { socket: over }),
    ...(alpn && { ALPNProtocols: alpn }),
  } as ConnectionOptions);
}

/**
 * A TLS connection under the policy. Its certificate passes the one check every connection passes
 * (certificate-trust.ts: a trusted authority, or the profile's pin or "don't verify" for its own
 * endpoint); `checked` hears the verdict, and nothing may be written on the socket before it
 * accepted (a refused one is destroyed).
 */
export function connectTls(policy: NetworkPolicy, dial: TlsDial, checked: (error: Error | null) => void): TLSSocket {
  const socket = dialTls(policy, dial);
  whenTrusted(socket, dial.host, dial.port, policy.endpointTrust, (error) => checked(error));
  return socket;
}
