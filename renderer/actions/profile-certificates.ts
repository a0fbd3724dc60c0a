import { pinOf, type RefusedCertificate } from '../../shared/certificates';
import { LatestOnly } from '../../shared/async';
import { failed, loading, ready } from '../../shared/loadable';
import { api } from '../api';
import { useCertificateSettingsStore } from '../stores/certificate-settings';
import { useProfileEditorStore } from '../stores/profile-editor';
import { useProfilesStore } from '../stores/profiles';
import { testEditorConnection } from './profile-editor';

/** The profile editor's certificate settings: the CA bundle (a file or pasted), trusted certificates, "don't verify". */

const latest = new LatestOnly();
const editor = () => useProfileEditorStore.getState();
const certificates = () => useCertificateSettingsStore.getState();

/** Whether "Choose file…" opens the shell's native dialog (Electron) rather than the page's file input. */
export const nativeFilePicker = (): boolean => api.transport === 'electron' && !!useProfilesStore.getState().appInfo?.shell?.chooseFolder;

/** Reads a CA bundle (PEM text, or a file the native dialog chose) and, when it holds certificates, keeps it in the form. */
async function describe(request: { pem: string } | { path: string }): Promise<void> {
  const isCurrent = latest.begin();
  certificates().setBundle(loading);
  const result = await api.certificates.describe(request);
  if (!isCurrent()) return;
  if (!result.ok) {
    certificates().setBundle(failed(result.error));
    return;
  }
  certificates().setBundle(ready(result.data.certificates));
  editor().change((values) => ({ ...values, caBundle: result.data.pem }));
}

/** Uses PEM text (pasted, or a file the page read) as the CA bundle; text that is not certificates stays in the field, explained. */
export async function takeCaBundleText(pem: string): Promise<void> {
  editor().change((values) => ({ ...values, caBundle: pem }));
  if (!pem.trim()) {
    latest.invalidate();
    certificates().reset();
    return;
  }
  await describe({ pem });
}

/** "Choose file…" in Electron: the shell's open dialog, then the main process reads the file. */
export async function chooseCaBundleFile(): Promise<void> {
  const picked = await api.app.chooseFolder({ files: true, title: 'Choose a CA bundle (PEM)' });
  const path = picked.ok ? picked.data.paths?.[0] : undefined;
  if (path) await describe({ path });
}

/** The editor opened: nothing waits for confirmation, and its profile's bundle (if any) shows what it holds. */
export async function describeEditorBundle(): Promise<void> {
  certificates().reset();
  const pem = editor().values.caBundle;
  if (pem.trim()) await describe({ pem });
}

/** "Remove": the profile keeps no CA bundle. */
export function removeCaBundle(): void {
  latest.invalidate();
  editor().change((values) => ({ ...values, caBundle: '' }));
  certificates().reset();
}

/** "Trust this certificate for this profile": shows its details and asks to confirm first. */
export function askToTrust(certificate: RefusedCertificate): void {
  certificates().setConfirmingTrust(certificate);
}

/** Confirmed: the certificate is pinned in the form (saved with the profile) and the test runs again with it. */
export async function confirmTrust(): Promise<void> {
  const certificate = certificates().confirmingTrust;
  if (!certificate) return;
  certificates().setConfirmingTrust(undefined);
  editor().change((values) => ({
    ...values,
    pinnedCertificates: [...values.pinnedCertificates.filter((p) => p.sha256 !== certificate.sha256), pinOf(certificate)],
  }));
  await testEditorConnection();
}

/** Forgets one trusted certificate. */
export function removePin(sha256: string): void {
  editor().change((values) => ({ ...values, pinnedCertificates: values.pinnedCertificates.filter((p) => p.sha256 !== sha256) }));
}

/** Turns "Don't verify certificates" on or off. */
export function setDontVerify(dontVerifyCertificates: boolean): void {
  editor().change((values) => ({ ...values, dontVerifyCertificates }));
}
