import { useEffect, useRef, type MouseEvent } from 'react';
import { closeProfileEditor, saveProfileEditor } from '../actions/profile-editor';
import { fieldElementId } from './profile-form';
import { selectEditorTitle } from '../stores/editor-selectors';
import { useProfileEditorStore } from '../stores/profile-editor';
import { CertificateSettings } from './CertificateSettings';
import { CompatibilitySettings } from './CompatibilitySettings';
import { ConnectionTestPanel, TEST_BUCKET_ID } from './ConnectionTestPanel';
import { ErrorPanel } from '../common/ErrorPanel';
import { Modal } from '../dialogs/Modal';
import { ProfileConnectionFields } from './ProfileConnectionFields';
import { ProfileCredentialFields } from './ProfileCredentialFields';
import { ProxySettings } from './ProxySettings';
import { SecretStoreNotice } from './SecretStoreNotice';

// Pressing a button would first blur the field, show its message and move
// the button away from under the pointer; keeping focus avoids that.
const keepFocus = (event: MouseEvent) => event.preventDefault();

function EditorDialog() {
  const title = useProfileEditorStore(selectEditorTitle);
  const saving = useProfileEditorStore((state) => state.saving);
  const serverError = useProfileEditorStore((state) => state.serverError);
  const focus = useProfileEditorStore((state) => state.focus);
  const nameRef = useRef<HTMLInputElement>(null);

  // The store asks for focus (first wrong field, "Replace secret", a suggestion);
  // the field is rendered by then, its section opened in the same update.
  useEffect(() => {
    if (!focus) return;
    const id = focus.field === 'testBucket' ? TEST_BUCKET_ID : fieldElementId(focus.field);
    document.getElementById(id)?.focus();
  }, [focus]);

  return (
    <Modal
      labelledBy="profile-editor-title"
      className="dialog-wide"
      onClose={closeProfileEditor}
      initialFocus={nameRef}
      fallbackFocus={() => document.getElementById('add-profile-button')}
    >
      <form
        className="dialog-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void saveProfileEditor();
        }}
      >
        <h2 id="profile-editor-title" className="dialog-title">
          {title}
        </h2>
        <div className="dialog-body">
          <p className="dialog-intro">Connect to Amazon S3 or an S3-compatible service with an access key.</p>
          <ProfileConnectionFields nameRef={nameRef} />
          <ProfileCredentialFields />
          <ProxySettings />
          <CompatibilitySettings />
          <CertificateSettings />
          <ConnectionTestPanel />
          <SecretStoreNotice />
          {serverError && <ErrorPanel title="Could not save the profile" error={serverError} />}
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onMouseDown={keepFocus} onClick={closeProfileEditor}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" aria-disabled={saving} aria-busy={saving} onMouseDown={keepFocus}>
            Save profile
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** The profile editor, for adding ("Add profile") and editing ("Edit profile"); rendered while open. */
export function ProfileEditorDialog() {
  const isOpen = useProfileEditorStore((state) => state.isOpen);
  const mode = useProfileEditorStore((state) => state.mode);
  // A new key per profile gives each opening a fresh dialog (focus, scroll).
  return isOpen ? <EditorDialog key={mode.kind === 'edit' ? mode.profileId : 'add'} /> : null;
}
