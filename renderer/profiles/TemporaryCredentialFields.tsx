import { useProfileEditorStore } from '../stores/profile-editor';
import { TextField } from '../common/TextField';
import { StoredSecretField } from './StoredSecretField';

const editor = () => useProfileEditorStore.getState();

/**
 * Temporary credentials (STS, SSO, a provider's short-lived keys): the session
 * token, kept in the keychain with the secret and never shown again, and when
 * the credentials expire, so signed links end no later and the app can say why
 * the server refuses them afterwards.
 */
export function TemporaryCredentialFields() {
  const token = useProfileEditorStore((state) => state.values.sessionToken);
  const remove = useProfileEditorStore((state) => state.values.removeSessionToken);
  const expireAt = useProfileEditorStore((state) => state.values.credentialsExpireAt);
  const tokenSet = useProfileEditorStore((state) => state.mode.kind === 'edit' && state.saved?.sessionTokenSet === true);

  return (
    <fieldset className="field-group">
      <legend className="field-label">Temporary credentials</legend>
      <p className="field-help">
        Only for keys that came with a session token (AWS STS or SSO, short-lived provider keys). Long-lived keys need neither field.
      </p>
      <StoredSecretField
        id="profile-session-token"
        label="Session token"
        stored={tokenSet}
        remove={remove}
        value={token}
        keptHelp="Kept in the keychain with the secret; Pail never shows it."
        onToggleRemove={() => editor().change((v) => ({ ...v, removeSessionToken: !v.removeSessionToken, sessionToken: '' }))}
        onChange={(value) => editor().change((v) => ({ ...v, sessionToken: value }))}
      />
      <TextField
        id="profile-credentials-expire"
        label="Credentials expire at"
        type="datetime-local"
        value={expireAt}
        help="Presigned links end no later than this (in your local time)."
        onChange={(value) => editor().change((v) => ({ ...v, credentialsExpireAt: value }))}
      />
    </fieldset>
  );
}
