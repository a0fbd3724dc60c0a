import { useRef } from 'react';
import { confirmDeleteProfile } from '../actions/profile-commands';
import { useProfilesStore } from '../stores/profiles';
import { damagedProfileByKey, profileById } from '../stores/selectors';
import { useUiStore } from '../stores/ui';
import { ErrorPanel } from '../common/ErrorPanel';
import { Modal } from '../dialogs/Modal';

const ui = () => useUiStore.getState();

function DeleteQuestion({ profileId }: { profileId: string }) {
  const profile = useProfilesStore((state) => profileById(state, profileId));
  const damaged = useProfilesStore((state) => damagedProfileByKey(state, profileId));
  const deleting = useUiStore((state) => state.deleting);
  const error = useUiStore((state) => state.deleteError);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const name = profile?.name ?? 'this profile';
  const where = profile?.secretStore === 'keychain' ? 'the system keychain' : 'Pail’s secret file';

  return (
    <Modal
      role="alertdialog"
      labelledBy="delete-profile-title"
      describedBy="delete-profile-text"
      className="dialog-narrow"
      initialFocus={cancelRef}
      onClose={() => ui().cancelDelete()}
      fallbackFocus={() => document.getElementById('add-profile-button')}
    >
      <div className="dialog-form">
        {damaged ? (
          <>
            <h2 id="delete-profile-title" className="dialog-title">
              Remove damaged entry {damaged.entry}
              {damaged.name ? ` (${damaged.name})` : ''}?
            </h2>
            <p id="delete-profile-text" className="dialog-text">
              Pail removes it from {damaged.path}; the file as it is now stays in {damaged.path}.bak. Its secret is removed too if the entry still says which it
              is. Buckets and objects on the server are not touched.
            </p>
          </>
        ) : (
          <>
            <h2 id="delete-profile-title" className="dialog-title">
              Delete profile {name}?
            </h2>
            <p id="delete-profile-text" className="dialog-text">
              Pail forgets its settings, and its secret access key is removed from {where} too. Buckets and objects on the server are not touched.
            </p>
          </>
        )}
        {error && <ErrorPanel title="Could not delete the profile" error={error} />}
        <div className="dialog-actions">
          <button ref={cancelRef} type="button" className="button" onClick={() => ui().cancelDelete()}>
            Cancel
          </button>
          <button type="button" className="button button-danger" aria-busy={deleting} aria-disabled={deleting} onClick={() => void confirmDeleteProfile()}>
            {damaged ? 'Remove' : 'Delete'}
          </button>
        </div>
      </div>
    </Modal>
  );
}

/** "Delete profile X?": asks before a profile and its secret are deleted; rendered while asking. */
export function DeleteProfileDialog() {
  const target = useUiStore((state) => state.deleteTarget);
  return target ? <DeleteQuestion key={target} profileId={target} /> : null;
}
