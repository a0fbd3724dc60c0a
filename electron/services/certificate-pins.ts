// Trusting one certificate for one profile (`pail profile trust`; the app's "Trust this certificate"
// adds the pin to the editor's values instead): read what the endpoint presents, check the fingerprint
// the user gives is that one, keep it in the profile's pins.
import { normalizeFingerprint, pinOf, type CertificateInfo, type PinnedCertificate } from '../../shared/certificates';
import { PailError } from '../../shared/errors';
import type { Profile, ProfileSummary } from '../../shared/profile';
import { endpointParts } from './connection-network-steps';
import { networkPolicyOf } from './net/network-policy';
import { handshake, type Handshake } from './net/tls-probe';
import type { ProfileService } from './profile-service';

/** How long reading the certificate may take. */
const HANDSHAKE_MS = 10_000;

/** What the profile's endpoint presents, and how its connections would take it (with its CA bundle, pins, "don't verify"). */
export async function presentedCertificate(profile: Profile): Promise<Handshake> {
  const parts = endpointParts(profile.endpoint);
  if (!parts.https) {
    throw new PailError({
      code: 'InvalidRequest',
      message: `The endpoint of profile "${profile.name}" is plain HTTP (${profile.endpoint}): there is no certificate to trust.`,
      hint: 'Use an https:// endpoint.',
    });
  }
  return handshake(parts.host, parts.port, HANDSHAKE_MS, networkPolicyOf(profile));
}

/** The profile's pins with `certificate` added (a pin of the same fingerprint is replaced). */
export function pinsWith(profile: Pick<Profile, 'pinnedCertificates'>, certificate: CertificateInfo, now = new Date()): PinnedCertificate[] {
  return [...(profile.pinnedCertificates ?? []).filter((p) => p.sha256 !== certificate.sha256), pinOf(certificate, now)];
}

/**
 * Pins the certificate the endpoint presents now, if its fingerprint is
 * `fingerprint` (the one the user checked); refuses otherwise, pinning nothing.
 */
export async function pinPresented(
  profiles: ProfileService,
  profile: Profile,
  fingerprint: string,
): Promise<{ profile: ProfileSummary; pinned: CertificateInfo }> {
  const { certificate } = await presentedCertificate(profile);
  const wanted = normalizeFingerprint(fingerprint);
  if (certificate.sha256 !== wanted) {
    throw new PailError({
      code: 'InvalidRequest',
      message: `The endpoint presents a certificate with SHA-256 ${certificate.sha256}, not ${wanted}: nothing was pinned.`,
      hint: 'Run pail profile trust NAME without --fingerprint to see the certificate it presents, and check it with whoever runs the server.',
    });
  }
  const updated = await profiles.update({ id: profile.id, patch: { pinnedCertificates: pinsWith(profile, certificate) } });
  return { profile: updated, pinned: certificate };
}

/** Removes one pin (by fingerprint) or all of them; says how many went. */
export async function unpin(profiles: ProfileService, profile: Profile, fingerprint?: string): Promise<number> {
  const pins = profile.pinnedCertificates ?? [];
  const wanted = fingerprint === undefined ? undefined : normalizeFingerprint(fingerprint);
  const kept = wanted === undefined ? [] : pins.filter((p) => p.sha256 !== wanted);
  if (kept.length === pins.length) return 0;
  await profiles.update({ id: profile.id, patch: { pinnedCertificates: kept } });
  return pins.length - kept.length;
}
