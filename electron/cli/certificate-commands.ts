import { certificateDetails, dayOf, type CertificateInfo } from '../../shared/certificates';
import type { Profile } from '../../shared/profile';
import { pinPresented, presentedCertificate, unpin } from '../services/certificate-pins';
import { untrustedCertificateError } from '../services/net/certificate-trust';
import { UsageError, type CliCommand, type CliIo, type CliRun, type Flags } from './cli-kit';
import { shown } from './format';

const TRUST_USAGE = `  pail profile trust NAME [--fingerprint SHA256]
                                   show the certificate the endpoint presents; with --fingerprint
                                   (which must be that certificate's), trust it for this profile
`;
const UNTRUST_USAGE = `  pail profile untrust NAME [--fingerprint SHA256]
                                   forget one trusted certificate, or all of them
`;

function fingerprintFlag(flags: Flags): string | undefined {
  const value = flags.fingerprint;
  return typeof value === 'string' ? value : undefined;
}

/** A certificate's details, indented, one per line. */
export function printCertificate(io: CliIo, certificate: CertificateInfo, stream: 'stdout' | 'stderr' = 'stdout'): void {
  for (const [label, value] of certificateDetails(certificate)) io[stream].write(`  ${`${label}:`.padEnd(9)} ${shown(value)}\n`);
}

/** `pail profile trust`: shows what the endpoint presents; pins it when the given fingerprint is that one. */
const profileTrust: CliRun = async (services, { flags, positional }, io) => {
  if (positional.length !== 1) throw new UsageError('Name the profile: pail profile trust NAME [--fingerprint SHA256].');
  const profile = await services.profiles.find(positional[0]);
  const fingerprint = fingerprintFlag(flags);
  if (fingerprint !== undefined) {
    const { pinned } = await pinPresented(services.profiles, profile, fingerprint);
    io.stdout.write(`Trusted this certificate for profile "${profile.name}" (${profile.endpoint}):\n`);
    printCertificate(io, pinned);
    return;
  }
  const { certificate, verdict } = await presentedCertificate(profile);
  io.stdout.write(`${profile.endpoint} presents this certificate:\n`);
  printCertificate(io, certificate);
  if ('refused' in verdict) {
    const refused = untrustedCertificateError(verdict.refused.certificate);
    io.stdout.write(`\nIt is not trusted now: ${refused.message}\n`);
    if (!verdict.refused.certificate.pinnable) {
      io.stdout.write(`Trusting it would not help: ${refused.hint}\n`);
      return;
    }
  } else {
    io.stdout.write(`\n${trustedWords(verdict.trustedBy, profile)}\n`);
    if (verdict.trustedBy !== 'authority' || isPinned(profile, certificate)) return;
  }
  io.stdout.write(
    `Check the fingerprint with whoever runs the server, then trust it with:\n  pail profile trust ${shown(profile.name)} --fingerprint ${certificate.sha256}\n`,
  );
};

function isPinned(profile: Profile, certificate: CertificateInfo): boolean {
  return (profile.pinnedCertificates ?? []).some((p) => p.sha256 === certificate.sha256);
}

function trustedWords(trustedBy: 'authority' | 'pin' | 'unverified', profile: Profile): string {
  switch (trustedBy) {
    case 'authority':
      return `It is trusted already: an authority this computer${profile.caBundle ? ' (or the profile’s CA bundle)' : ''} vouches for it.`;
    case 'pin':
      return 'It is trusted already: it is pinned for this profile.';
    case 'unverified':
      return 'This profile does not verify certificates (--dont-verify-certificates); trusting it lets you turn verification back on.';
  }
}

/** `pail profile untrust`: forgets one pinned certificate (--fingerprint) or every one. */
const profileUntrust: CliRun = async (services, { flags, positional }, io) => {
  if (positional.length !== 1) throw new UsageError('Name the profile: pail profile untrust NAME [--fingerprint SHA256].');
  const profile = await services.profiles.find(positional[0]);
  const removed = await unpin(services.profiles, profile, fingerprintFlag(flags));
  if (!removed) {
    const pins = profile.pinnedCertificates ?? [];
    throw new UsageError(
      pins.length
        ? `Profile "${profile.name}" trusts no certificate with that fingerprint; it trusts: ${pins.map((p) => `${p.sha256} (${p.subject}, until ${dayOf(p.validTo)})`).join('; ')}.`
        : `Profile "${profile.name}" trusts no certificate of its own.`,
    );
  }
  io.stdout.write(`Profile "${profile.name}" no longer trusts ${removed === 1 ? 'that certificate' : `its ${removed} certificates`}.\n`);
};

/** The certificate commands of `pail profile`. */
export const CERTIFICATE_COMMANDS: Record<string, CliCommand> = {
  'profile trust': { usage: TRUST_USAGE, options: { fingerprint: { type: 'string' } }, run: profileTrust },
  'profile untrust': { usage: UNTRUST_USAGE, options: { fingerprint: { type: 'string' } }, run: profileUntrust },
};

/** The warning every CLI run that uses a profile without certificate verification prints. */
export function unverifiedWarning(profile: Pick<Profile, 'name' | 'dontVerifyCertificates'>): string | undefined {
  return profile.dontVerifyCertificates ? `warning: certificates are not verified for profile ${profile.name}\n` : undefined;
}
