// A profile's CA bundle: the certificates its server may be issued by (a company CA, a
// self-hosted gateway's own), trusted for that profile's requests on top of what Node trusts.
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { X509Certificate } from 'node:crypto';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The certificates of a PEM text, each as its own PEM block. */
export function pemCertificates(text: string): string[] {
  return text.match(PEM_BLOCK) ?? [];
}

/** Why a CA bundle cannot be used, in words, or undefined when every certificate in it parses. */
export function caBundleProblem(text: string): string | undefined {
  const blocks = pemCertificates(text);
  if (!blocks.length) return 'The CA bundle holds no certificate: give a PEM file (text starting "-----BEGIN CERTIFICATE-----").';
  for (const [i, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch {
      return `Certificate ${i + 1} of the CA bundle is damaged: it does not read as an X.509 certificate.`;
    }
  }
  return undefined;
}

/**
 * What Node trusts by default: Mozilla's roots plus NODE_EXTRA_CA_CERTS. Giving `ca` to an agent
 * replaces that list, so a bundle is added to it rather than given alone.
 */
function defaultTrust(): string[] {
  const extraFile = process.env.NODE_EXTRA_CA_CERTS;
  let extra: string[] = [];
  if (extraFile) {
    try {
      extra = pemCertificates(readFileSync(extraFile, 'utf8'));
    } catch {
      // Node warns about an unreadable file itself at start-up.
    }
  }
  return [...rootCertificates, ...extra];
}

/** The certificates to trust for a profile with this bundle: the default ones and the bundle's. */
export function trustedWith(caBundle: string): string[] {
  return [...defaultTrust(), ...pemCertificates(caBundle)];
}
