import type { RefusedCertificate } from '../../shared/certificates';
import { askToTrust, confirmTrust } from '../actions/profile-certificates';
import { useCertificateSettingsStore } from '../stores/certificate-settings';
import { CertificateDetails } from '../common/CertificateDetails';

/**
 * Under a connection test step that refused a certificate: what the
 * certificate says, and, when pinning would help, "Trust this certificate for
 * this profile", which shows what will be trusted and asks to confirm (like
 * Cyberduck's certificate dialog). The pin is saved with the profile.
 */
export function UntrustedCertificateOffer({ certificate }: { certificate: RefusedCertificate }) {
  const confirming = useCertificateSettingsStore((state) => state.confirmingTrust?.sha256 === certificate.sha256);
  const cancel = () => useCertificateSettingsStore.getState().setConfirmingTrust(undefined);
  if (!certificate.sha256) return null;
  return (
    <div className="certificate-offer">
      <CertificateDetails certificate={certificate} label="The server's certificate" />
      {certificate.pinnable && !confirming && (
        <button type="button" className="button button-small" onClick={() => askToTrust(certificate)}>
          Trust this certificate for this profile
        </button>
      )}
      {confirming && (
        <div className="certificate-confirm" role="group" aria-labelledby="certificate-confirm-text">
          <p id="certificate-confirm-text">
            Trust this certificate for this profile? Only do this when the SHA-256 fingerprint above is the one whoever runs the server gave you: this profile
            will accept this exact certificate from {certificate.host}, whoever signed it. Save the profile to keep it.
          </p>
          <div className="certificate-confirm-actions">
            <button type="button" className="button button-small button-primary" onClick={() => void confirmTrust()}>
              Trust certificate
            </button>
            <button type="button" className="button button-small" onClick={cancel}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
