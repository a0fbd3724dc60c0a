import { create } from 'zustand';
import type { CertificateInfo, RefusedCertificate } from '../../shared/certificates';
import { idle, type Loadable } from '../../shared/loadable';

/** The profile editor's certificate section: what the CA bundle holds, and a "Trust this certificate" waiting for its confirmation. */
export interface CertificateSettingsState {
  /** The certificates the editor's CA bundle holds, as the main process read them; failed with why it is not a bundle. */
  bundle: Loadable<CertificateInfo[]>;
  /** The refused certificate the user asked to trust: its details show with Trust / Cancel. */
  confirmingTrust?: RefusedCertificate;
}

/** The store's own setters; reading a bundle and trusting are in actions/profile-certificates.ts. */
export interface CertificateSettingsSetters {
  setBundle(bundle: Loadable<CertificateInfo[]>): void;
  setConfirmingTrust(certificate: RefusedCertificate | undefined): void;
  reset(): void;
}

const initialState: CertificateSettingsState = { bundle: idle, confirmingTrust: undefined };

/** The certificate settings store. */
export const useCertificateSettingsStore = create<CertificateSettingsState & CertificateSettingsSetters>()((set) => ({
  ...initialState,
  setBundle: (bundle) => set({ bundle }),
  setConfirmingTrust: (confirmingTrust) => set({ confirmingTrust }),
  reset: () => set(initialState),
}));
