import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { dayOf } from '../../shared/certificates';
import { errorOf, valueOf } from '../../shared/loadable';
import {
  chooseCaBundleFile,
  describeEditorBundle,
  nativeFilePicker,
  removeCaBundle,
  removePin,
  setDontVerify,
  takeCaBundleText,
} from '../actions/profile-certificates';
import { DisclosureSection } from '../common/DisclosureSection';
import { describeError } from '../common/error-words';
import { useCertificateSettingsStore } from '../stores/certificate-settings';
import { useProfileEditorStore } from '../stores/profile-editor';
import { fieldElementId } from './profile-form';

/** The CA bundle: choose a file or paste PEM, see the certificates it holds, remove it. */
function CaBundleField() {
  const caBundle = useProfileEditorStore((state) => state.values.caBundle);
  const bundle = useCertificateSettingsStore((state) => state.bundle);
  const [pasting, setPasting] = useState(false);
  const [pasted, setPasted] = useState('');
  const fileRef = useRef<HTMLInputElement>(null);
  const held = valueOf(bundle);
  const problem = errorOf(bundle);
  const problemWords = problem && describeError(problem);

  const onPicked = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) await takeCaBundleText(await file.text());
  };

  return (
    <div className="field" role="group" aria-labelledby="ca-bundle-label">
      <p id="ca-bundle-label" className="field-label">
        CA bundle
      </p>
      <p id="ca-bundle-help" className="field-help">
        The certificate of your own or your company&rsquo;s authority (a PEM file), trusted for this profile besides this computer&rsquo;s. Pail keeps a copy in
        the profile.
      </p>
      {caBundle.trim() && held && (
        <ul className="certificate-list" aria-label="Certificates in the CA bundle">
          {held.map((c) => (
            <li key={c.sha256} className="certificate-item">
              <span className="certificate-subject">{c.subject}</span>
              <span className="certificate-until">valid until {dayOf(c.validTo)}</span>
            </li>
          ))}
        </ul>
      )}
      {problemWords && (
        <p id={`${fieldElementId('caBundle')}-error`} className="field-error" role="alert">
          {problemWords.message} {problemWords.hint}
        </p>
      )}
      <div className="certificate-actions">
        <button
          type="button"
          className="button button-small"
          aria-describedby="ca-bundle-help"
          onClick={() => (nativeFilePicker() ? void chooseCaBundleFile() : fileRef.current?.click())}
        >
          Choose file…
        </button>
        <button type="button" className="button button-small" aria-expanded={pasting} onClick={() => setPasting(!pasting)}>
          Paste PEM…
        </button>
        {caBundle.trim() && (
          <button type="button" className="button button-small" onClick={removeCaBundle}>
            Remove CA bundle
          </button>
        )}
      </div>
      <input
        ref={fileRef}
        type="file"
        accept=".pem,.crt,.cer,.txt,application/x-pem-file"
        hidden
        aria-label="CA bundle file"
        onChange={(e) => void onPicked(e)}
      />
      {pasting && (
        <div className="certificate-paste">
          <label className="field-label" htmlFor={fieldElementId('caBundle')}>
            PEM text
          </label>
          <textarea
            id={fieldElementId('caBundle')}
            className="field-input certificate-pem"
            rows={5}
            spellCheck={false}
            placeholder="-----BEGIN CERTIFICATE-----"
            value={pasted}
            onChange={(event) => setPasted(event.target.value)}
          />
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              setPasting(false);
              void takeCaBundleText(pasted);
            }}
          >
            Use these certificates
          </button>
        </div>
      )}
    </div>
  );
}

/** The certificates trusted by fingerprint for this profile, each with Remove. */
function PinnedCertificates() {
  const pins = useProfileEditorStore((state) => state.values.pinnedCertificates);
  if (!pins.length) return null;
  return (
    <div className="field">
      <p className="field-label" id="pinned-label">
        Trusted certificates
      </p>
      <ul className="certificate-list" aria-labelledby="pinned-label">
        {pins.map((pin) => (
          <li key={pin.sha256} className="certificate-item">
            <span className="certificate-subject">{pin.subject}</span>
            <span className="certificate-until">
              issued by {pin.issuer}, valid until {dayOf(pin.validTo)}, trusted {dayOf(pin.pinnedAt)}
            </span>
            <span className="certificate-fingerprint">SHA-256 {pin.sha256}</span>
            <button
              type="button"
              className="button button-small"
              aria-label={`Remove trusted certificate ${pin.subject}`}
              onClick={() => removePin(pin.sha256)}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "Don't verify certificates": off by default, red when on. */
function DontVerifyField() {
  const on = useProfileEditorStore((state) => state.values.dontVerifyCertificates);
  return (
    <div className={`field field-check${on ? ' field-danger' : ''}`}>
      <input
        id="profile-dont-verify"
        type="checkbox"
        checked={on}
        aria-describedby="profile-dont-verify-help"
        onChange={(e) => setDontVerify(e.target.checked)}
      />
      <label htmlFor="profile-dont-verify">Don&rsquo;t verify certificates (lab endpoints only)</label>
      <p id="profile-dont-verify-help" className={on ? 'field-help text-danger' : 'field-help'}>
        {on
          ? 'Certificates of this endpoint are NOT verified: anyone between you and the server can read and change what you send, keys included.'
          : 'Accepts any certificate from this profile’s endpoint. Prefer the CA bundle or trusting one certificate.'}
      </p>
    </div>
  );
}

/** The profile editor's "Certificates" section: CA bundle, trusted certificates, and "don't verify". */
export function CertificateSettings() {
  const values = useProfileEditorStore((state) => state.values);
  const configured = values.caBundle.trim() !== '' || values.pinnedCertificates.length > 0 || values.dontVerifyCertificates;
  // Open while anything is set (a pin just added shows at once), until the user opens or closes it.
  const [toggled, setOpen] = useState<boolean>();
  const open = toggled ?? configured;

  // The editor opened (a new dialog each time): show what the profile's bundle holds.
  useEffect(() => {
    void describeEditorBundle();
  }, []);

  return (
    <DisclosureSection
      id="certificates"
      title="Certificates"
      open={open}
      onToggle={setOpen}
      summary={certificateSummary(values)}
      summaryDanger={values.dontVerifyCertificates}
    >
      <CaBundleField />
      <PinnedCertificates />
      <DontVerifyField />
    </DisclosureSection>
  );
}

/** One line for the closed section. */
function certificateSummary(values: { caBundle: string; pinnedCertificates: unknown[]; dontVerifyCertificates: boolean }): string {
  if (values.dontVerifyCertificates) return 'Certificates are NOT verified for this profile.';
  const parts = [
    values.caBundle.trim() && 'own CA bundle',
    values.pinnedCertificates.length && `${values.pinnedCertificates.length} trusted certificate(s)`,
  ].filter(Boolean);
  return parts.length ? `Verified with ${parts.join(' and ')}.` : 'Verified with the authorities this computer trusts.';
}
