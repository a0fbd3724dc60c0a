import { useState } from 'react';
import { useProfilesStore } from '../stores/profiles';

/** "Where is my secret kept?" in the profile editor: the secret store in words, and its warning when it is not a keychain. */
export function SecretStoreHelp() {
  const store = useProfilesStore((state) => state.appInfo?.secretStore);
  const [open, setOpen] = useState(false);
  if (!store) return null;
  return (
    <div className="secret-help">
      <button type="button" className="link-button link-button-small" aria-expanded={open} aria-controls="secret-help-text" onClick={() => setOpen(!open)}>
        Where is my secret kept?
      </button>
      {open && (
        <div id="secret-help-text" className={store.warning ? 'notice notice-warning' : 'field-help'}>
          <p className="notice-line">Pail keeps the secret access key in {store.description}; it never shows it again.</p>
          {store.warning && <p className="notice-line">{store.warning}</p>}
        </div>
      )}
    </div>
  );
}
