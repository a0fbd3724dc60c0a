// Server certificates as Pail shows them: what a TLS handshake presented (subject, issuer,
// validity, SHA-256 fingerprint), why it was not trusted, and the certificates a profile pins.
// Pure words and shapes, shared by the main process (errors, the CLI) and the renderer (the editor).
import { z } from 'zod';

/** Why a server's certificate was refused: the cases a person can act on differently. */
export const CERTIFICATE_PROBLEMS = ['self-signed', 'unknown-authority', 'wrong-host', 'expired', 'not-yet-valid', 'other'] as const;
export type CertificateProblem = (typeof CERTIFICATE_PROBLEMS)[number];

/** A SHA-256 fingerprint as Node and browsers print it: 32 upper-case hex bytes joined by ":". */
export const sha256FingerprintSchema = z
  .string()
  .trim()
  .transform((v) => normalizeFingerprint(v))
  .refine((v) => /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/.test(v), 'A SHA-256 fingerprint is 64 hex digits (colons optional), e.g. 3A:F2:…');

/** A fingerprint in the one form Pail compares: upper case, bytes joined by ":" (colons and spaces optional on input). */
export function normalizeFingerprint(text: string): string {
  const hex = text.replace(/[\s:]/g, '').toUpperCase();
  return /^[0-9A-F]{64}$/.test(hex) ? hex.match(/../g)!.join(':') : text.trim().toUpperCase();
}

/** What a server's certificate says about itself, as a TLS handshake presented it. */
export interface CertificateInfo {
  /** e.g. "CN=s3.example.com, O=Example". */
  subject: string;
  /** Who signed it; the subject again for a self-signed one. */
  issuer: string;
  /** ISO times. */
  validFrom: string;
  validTo: string;
  /** SHA-256 of the certificate (DER), "3A:F2:…". */
  sha256: string;
  /** The host names and addresses it is for (subjectAltName), or its common name. */
  names: string[];
}

/** A certificate a server presented that this computer did not trust, and why. */
export interface RefusedCertificate extends CertificateInfo {
  problem: CertificateProblem;
  /** The host name (or address) Pail connected as. */
  host: string;
  port: number;
  /** Node's (OpenSSL's) code, e.g. DEPTH_ZERO_SELF_SIGNED_CERT. */
  reason: string;
  /** Pinning it for the profile would let the connection through (its names cover the host). */
  pinnable: boolean;
}

/** A certificate the user chose to trust for one profile's endpoint, whatever signed it. */
export const pinnedCertificateSchema = z.object({
  sha256: sha256FingerprintSchema,
  subject: z.string().max(2048),
  issuer: z.string().max(2048),
  validTo: z.string().max(64),
  /** When the user trusted it (ISO). */
  pinnedAt: z.string().max(64),
});
export type PinnedCertificate = z.output<typeof pinnedCertificateSchema>;

/** The pins a profile keeps: a handful at most (a server's certificate, its renewal). */
export const pinnedCertificatesSchema = z.array(pinnedCertificateSchema).max(20, 'A profile pins at most 20 certificates.');

/** The pin of a certificate, now. */
export function pinOf(certificate: CertificateInfo, now: Date = new Date()): PinnedCertificate {
  return { sha256: certificate.sha256, subject: certificate.subject, issuer: certificate.issuer, validTo: certificate.validTo, pinnedAt: now.toISOString() };
}

/** The common name of a distinguished name ("CN=Pail test CA, O=…" → "Pail test CA"), else the whole name. */
export function commonNameOf(name: string): string {
  return /(?:^|,\s*)CN=([^,]+)/.exec(name)?.[1] ?? name;
}

/** A date as the explanations give it: "2026-12-06". */
export const dayOf = (iso: string) => iso.slice(0, 10);

/** "127.0.0.1:9443", or the host alone on the default port. */
function placeOf(certificate: Pick<RefusedCertificate, 'host' | 'port'>): string {
  return certificate.port === 443 ? certificate.host : `${certificate.host}:${certificate.port}`;
}

/** Why the certificate was refused, in one sentence (without the fix; Node's code goes with it as the server code). */
export function refusalSentence(certificate: RefusedCertificate): string {
  const where = placeOf(certificate);
  switch (certificate.problem) {
    case 'self-signed':
      return `The certificate of ${where} is self-signed: no authority this computer trusts vouches for it.`;
    case 'unknown-authority':
      return `The certificate of ${where} is issued by "${commonNameOf(certificate.issuer)}", an authority this computer does not trust.`;
    case 'wrong-host':
      return `The certificate of ${where} is for another host name: it names ${certificate.names.join(', ') || certificate.subject}.`;
    case 'expired':
      return `The certificate of ${where} expired on ${dayOf(certificate.validTo)}.`;
    case 'not-yet-valid':
      return `The certificate of ${where} is not valid until ${dayOf(certificate.validFrom)}.`;
    case 'other':
      return `The certificate of ${where} was refused (${certificate.reason}).`;
  }
}

/** The fix for a refused certificate: the CA bundle, trusting (pinning) it, or the host name and clock. */
export function refusalHint(certificate: RefusedCertificate): string {
  const bundle = "give the profile its authority's certificate as the CA bundle (a PEM file; pail profile edit NAME --ca-bundle FILE)";
  const trust =
    'trust this certificate for the profile once whoever runs the server confirms its SHA-256 fingerprint ("Trust this certificate"; pail profile trust NAME)';
  switch (certificate.problem) {
    case 'self-signed':
      return `If this is your own server, ${trust}, or give the profile this certificate as its CA bundle.`;
    case 'unknown-authority':
      return `If you trust this server, ${bundle}, or ${trust}. Behind a company proxy that inspects TLS, its CA is the bundle to give.`;
    case 'wrong-host':
      return 'Put the host name the certificate names in the endpoint (a custom domain needs a certificate of its own); if the endpoint contains a bucket name, remove it.';
    case 'expired':
      return `Check this computer's date; if it is right, the server's certificate must be renewed (for a lab server you run, ${trust}).`;
    case 'not-yet-valid':
      return "This computer's date is probably wrong: turn on automatic time.";
    case 'other':
      return `If you trust this server, ${bundle}, or ${trust}.`;
  }
}

/** The certificate's details as label and value, for a report, a dialog or the CLI. */
export function certificateDetails(certificate: CertificateInfo): [label: string, value: string][] {
  return [
    ['Subject', certificate.subject],
    ['Issuer', certificate.issuer],
    ['Valid', `${dayOf(certificate.validFrom)} to ${dayOf(certificate.validTo)}`],
    ['Names', certificate.names.join(', ') || '(none)'],
    ['SHA-256', certificate.sha256],
  ];
}

/** `certificates:describe`: a CA bundle's PEM text, or the path of a PEM file a native picker chose. */
export const describeBundleRequestSchema = z
  .object({ pem: z.string().max(1_000_000).optional(), path: z.string().min(1).max(4096).optional() })
  .refine((r) => (r.pem === undefined) !== (r.path === undefined), { message: 'Give the PEM text or the path of a PEM file (one of them).' });

/** A CA bundle as the editor shows it: the PEM text to keep, and what each certificate in it says. */
export interface DescribedBundle {
  pem: string;
  certificates: CertificateInfo[];
}
