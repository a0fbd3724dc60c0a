import { useProfilesStore } from '../stores/profiles';
import { selectSecretStoreWarning } from '../stores/selectors';

/** Says plainly where secrets are kept when no OS keychain is reachable; nothing otherwise. */
export function SecretStoreNotice() {
  const warning = useProfilesStore(selectSecretStoreWarning);
  if (!warning) return null;
  return (
    <p className="notice notice-warning" role="note">
      {warning}
    </p>
  );
}
