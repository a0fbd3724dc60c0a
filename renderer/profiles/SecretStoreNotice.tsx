import { useState } from 'react';
import { useProfilesStore } from '../stores/profiles';
import { selectDataNotices, selectSecretStoreWarning } from '../stores/selectors';
import { useUiStore } from '../stores/ui';

/**
 * What start-up fixed in the data folder (files other users could read), and,
 * until read once, a short note that secrets are not in an OS keychain; the
 * profile editor's "Where is my secret kept?" says it in full afterwards.
 */
export function SecretStoreNotice() {
  const warning = useProfilesStore(selectSecretStoreWarning);
  const notices = useProfilesStore(selectDataNotices);
  const noteRead = useUiStore((state) => state.secretNoteRead);
  const [noticesRead, setNoticesRead] = useState(false);
  return (
    <>
      {notices && !noticesRead && (
        <div className="notice notice-warning" role="note" aria-label="Data folder permissions">
          {notices.map((notice) => (
            <p key={notice} className="notice-line">
              {notice}
            </p>
          ))}
          <button type="button" className="link-button link-button-small" onClick={() => setNoticesRead(true)}>
            Dismiss
          </button>
        </div>
      )}
      {warning && !noteRead && (
        <div className="notice notice-warning secret-note" role="note" aria-label="Where secrets are kept">
          <p className="notice-line">No system keychain found: secret keys are kept unencrypted in a file only you can read. A profile’s editor says where.</p>
          <button type="button" className="button button-small" onClick={() => useUiStore.getState().readSecretNote()}>
            Got it
          </button>
        </div>
      )}
    </>
  );
}
