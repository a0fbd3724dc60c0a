import { useState } from 'react';
import { useProfilesStore } from '../stores/profiles';
import { selectDataNotices, selectSecretStoreWarning } from '../stores/selectors';

/**
 * Says plainly where secrets are kept when no OS keychain is reachable, and
 * what start-up fixed in the data folder (files other users could read); nothing otherwise.
 */
export function SecretStoreNotice() {
  const warning = useProfilesStore(selectSecretStoreWarning);
  const notices = useProfilesStore(selectDataNotices);
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
      {warning && (
        <p className="notice notice-warning" role="note">
          {warning}
        </p>
      )}
    </>
  );
}
