/**
 * The one check every TLS connection of Pail passes before a byte is sent:
 * Node's own verification (the default authorities, NODE_EXTRA_CA_CERTS, the
 * profile's CA bundle, the host name), and for the profile's own endpoint
 * only, a pinned certificate or "don't verify". Connections dial with
 * `rejectUnauthorized: false` so a refused certificate can still be read and
 * explained; this check then refuses it, so nothing is trusted that Node
 * would refuse unless the profile says so.
 */
import { X509Certificate } from 'node:crypto';
import { checkServerIdentity, type PeerCertificate, type TLSSocket } from 'node:tls';
import {
  refusalHint,
  refusalSentence,
  type CertificateInfo,
  type CertificateProblem,
  type PinnedCertificate,
  type RefusedCertificate,
} from '../../../shared/certificates';
import { PailError } from '../../../shared/errors';

/** What a profile trusts for its own endpoint beyond Node's verification. */
export interface EndpointTrust {
  /** The endpoint's host name (lower case, no brackets); its subdomains (virtual-host buckets) count as it. */
  host: string;
  port: number;
  /** SHA-256 fingerprints of leaf certificates trusted whatever signed them. */
  pinned: string[];
  /** True: certificates of this endpoint are not verified at all (a lab endpoint; shown red everywhere). */
  unverified: boolean;
}

/** The profile fields endpoint trust is made from. */
export interface EndpointTrustFields {
  endpoint?: string;
  pinnedCertificates?: PinnedCertificate[];
  dontVerifyCertificates?: boolean;
}

/** A host as connections name it: lower case, without an IPv6 literal's brackets. */
export function bareHost(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

/** The endpoint trust of a profile's settings, or undefined when it pins nothing and verifies (the usual case). */
export function endpointTrustOf(settings: EndpointTrustFields): EndpointTrust | undefined {
  const pinned = (settings.pinnedCertificates ?? []).map((p) => p.sha256);
  const unverified = settings.dontVerifyCertificates === true;
  if (!settings.endpoint || (!pinned.length && !unverified)) return undefined;
  let url: URL;
  try {
    url = new URL(settings.endpoint);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:') return undefined;
  return { host: bareHost(url.hostname), port: Number(url.port) || 443, pinned, unverified };
}

/** True when a connection to host:port is one to the profile's own endpoint (or a bucket's virtual host of it). */
function isOwnEndpoint(trust: EndpointTrust, host: string, port: number): boolean {
  const h = bareHost(host);
  return port === trust.port && (h === trust.host || h.endsWith(`.${trust.host}`));
}

/** A certificate refused by the check: Node's code, and what the certificate says, for the words. */
export class CertificateRefusedError extends Error {
  readonly code: string;
  constructor(readonly certificate: RefusedCertificate) {
    super(`certificate refused for ${certificate.host}: ${certificate.reason}`);
    this.name = 'CertificateRefusedError';
    this.code = certificate.reason;
  }
}

/** The refused certificate a thrown error carries (itself or its cause), if any. */
export function refusedCertificateOf(error: unknown): RefusedCertificate | undefined {
  for (let e = error as { certificate?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (e instanceof CertificateRefusedError) return e.certificate;
  }
  return undefined;
}

/** A certificate's details, from the DER Node read in the handshake. */
export function certificateInfoOf(peer: PeerCertificate): CertificateInfo {
  return infoOfX509(new X509Certificate(peer.raw));
}

/** A certificate's details, from its parsed form. */
export function infoOfX509(x509: X509Certificate): CertificateInfo {
  const names = (x509.subjectAltName ?? '')
    .split(/,\s*/)
    .filter((n) => n.startsWith('DNS:') || n.startsWith('IP Address:'))
    .map((n) => n.replace(/^(DNS|IP Address):/, ''));
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(x509.subject)?.[1];
  return {
    subject: x509.subject.split('\n').join(', '),
    issuer: x509.issuer.split('\n').join(', '),
    validFrom: new Date(x509.validFrom).toISOString(),
    validTo: new Date(x509.validTo).toISOString(),
    sha256: x509.fingerprint256,
    names: names.length ? names : cn ? [cn] : [],
  };
}

/** The kind of problem behind Node's (OpenSSL's) verification code. */
export function problemOf(reason: string): CertificateProblem {
  switch (reason) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return 'self-signed';
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return 'unknown-authority';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return 'wrong-host';
    case 'CERT_HAS_EXPIRED':
      return 'expired';
    case 'CERT_NOT_YET_VALID':
      return 'not-yet-valid';
    default:
      return 'other';
  }
}

/** How a connection's certificate came to be accepted. */
export type TrustedBy = 'authority' | 'pin' | 'unverified';

/** The verdict of the check on one handshake: accepted (and how), or refused with the certificate. */
export type PeerVerdict = { trustedBy: TrustedBy; certificate?: CertificateInfo } | { refused: CertificateRefusedError };

/**
 * THE check, on a socket whose handshake finished (`secureConnect`) and that
 * was dialled with `rejectUnauthorized: false`: accepted when Node verified
 * it; for the profile's own endpoint also when its leaf is pinned and names
 * the host, or when the profile does not verify; refused otherwise.
 */
export function checkPeer(socket: TLSSocket, host: string, port: number, trust: EndpointTrust | undefined): PeerVerdict {
  if (socket.authorized) return { trustedBy: 'authority' };
  const peer = socket.getPeerCertificate(true);
  const hasCertificate = peer && peer.raw !== undefined;
  const own = trust !== undefined && isOwnEndpoint(trust, host, port);
  if (own && trust.unverified) return { trustedBy: 'unverified', ...(hasCertificate && { certificate: certificateInfoOf(peer) }) };
  const reason = String(socket.authorizationError ?? 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  if (!hasCertificate) {
    const none: RefusedCertificate = {
      subject: '',
      issuer: '',
      validFrom: '',
      validTo: '',
      sha256: '',
      names: [],
      problem: 'other',
      host: bareHost(host),
      port,
      reason,
      pinnable: false,
    };
    return { refused: new CertificateRefusedError(none) };
  }
  const info = certificateInfoOf(peer);
  const namesHost = checkServerIdentity(bareHost(host), peer) === undefined;
  if (own && namesHost && trust.pinned.includes(info.sha256)) return { trustedBy: 'pin', certificate: info };
  const problem = problemOf(reason);
  return { refused: new CertificateRefusedError({ ...info, problem, host: bareHost(host), port, reason, pinnable: namesHost && problem !== 'not-yet-valid' }) };
}

/**
 * Hands `socket` to `done` once its handshake finished and `checkPeer`
 * accepted it; destroys it and fails with the refusal otherwise. Nothing is
 * written on the socket before `done` runs, so no request leaves for a
 * server that is not trusted.
 */
export function whenTrusted(
  socket: TLSSocket,
  host: string,
  port: number,
  trust: EndpointTrust | undefined,
  done: (error: Error | null, socket?: TLSSocket, verdict?: PeerVerdict) => void,
): void {
  const onError = (error: Error) => {
    socket.off('secureConnect', onSecure);
    done(error);
  };
  const onSecure = () => {
    socket.off('error', onError);
    const verdict = checkPeer(socket, host, port, trust);
    if ('refused' in verdict) {
      socket.destroy();
      done(verdict.refused);
    } else done(null, socket, verdict);
  };
  socket.once('secureConnect', onSecure);
  socket.once('error', onError);
}

/**
 * `whenTrusted` as a promise, for code that connects in async steps (a
 * CONNECT tunnel's TLS to the target, dialled over the tunnel with
 * `rejectUnauthorized: false`): resolves with the socket once the check
 * accepted it, before anything is written on it.
 */
export function trustedSocket(socket: TLSSocket, host: string, port: number, trust: EndpointTrust | undefined): Promise<TLSSocket> {
  return new Promise((resolve, reject) => whenTrusted(socket, host, port, trust, (error, trusted) => (error ? reject(error) : resolve(trusted!))));
}

/** The error a refused certificate becomes at the border: what is wrong with it, its details, and the fix. */
export function untrustedCertificateError(certificate: RefusedCertificate, context?: string): PailError {
  return new PailError({
    code: 'UntrustedCertificate',
    message: context ? `${refusalSentence(certificate).replace(/\.$/, '')} (${context}).` : refusalSentence(certificate),
    hint: refusalHint(certificate),
    serverCode: certificate.reason,
    certificate,
  });
}
