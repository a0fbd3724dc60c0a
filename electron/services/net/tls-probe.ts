/**
 * A TLS handshake with no request after it: the connection test's TLS step
 * and `pail profile trust` read what the server presents, checked the way
 * every connection of the profile is (certificate-trust.ts).
 */
import type { Duplex } from 'node:stream';
import type { PeerCertificate } from 'node:tls';
import type { CertificateInfo } from '../../../shared/certificates';
import { certificateInfoOf, checkPeer, type PeerVerdict } from './certificate-trust';
import type { NetworkPolicy } from './network-policy';
import { dialTls } from './tls-connect';

/** What one handshake found: the protocol, the certificate presented, and the check's verdict on it. */
export interface Handshake {
  /** e.g. "TLSv1.3". */
  protocol: string;
  peer: PeerCertificate;
  certificate: CertificateInfo;
  verdict: PeerVerdict;
}

function timeoutError(): Error {
  return Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' });
}

/**
 * Shakes hands with host:port under the policy's trust, reads the certificate
 * without trusting it, and closes; sends nothing. Fails only when no
 * handshake happened (refused, reset, not TLS, timed out).
 */
export function handshake(host: string, port: number, timeoutMs: number, policy: NetworkPolicy, over?: Duplex): Promise<Handshake> {
  return new Promise<Handshake>((resolve, reject) => {
    // Through a proxy: over the CONNECT tunnel already open to host:port.
    const socket = dialTls(policy, { host, port, alpn: ['http/1.1'], over });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(timeoutError());
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      try {
        const peer = socket.getPeerCertificate(true);
        const verdict = checkPeer(socket, host, port, policy.endpointTrust);
        resolve({ protocol: socket.getProtocol() ?? 'TLS', peer, certificate: certificateInfoOf(peer), verdict });
      } catch (error) {
        reject(error as Error);
      } finally {
        socket.destroy();
      }
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    });
  });
}

/** A handshake the profile's connections would accept; rejects with the refusal (its certificate attached) otherwise. */
export async function trustedHandshake(host: string, port: number, timeoutMs: number, policy: NetworkPolicy, over?: Duplex): Promise<Handshake> {
  const found = await handshake(host, port, timeoutMs, policy, over);
  if ('refused' in found.verdict) throw found.verdict.refused;
  return found;
}
