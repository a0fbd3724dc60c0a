import { certificateDetails, type CertificateInfo } from '../../shared/certificates';

/** A certificate's subject, issuer, validity, names and SHA-256 fingerprint, as a labelled list. */
export function CertificateDetails({ certificate, label }: { certificate: CertificateInfo; label: string }) {
  return (
    <dl className="certificate-details" aria-label={label}>
      {certificateDetails(certificate).map(([name, value]) => (
        <div key={name} className="certificate-detail">
          <dt>{name}</dt>
          <dd className={name === 'SHA-256' ? 'certificate-fingerprint' : undefined}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
