import { useProfileEditorStore } from '../stores/profile-editor';
import { TextField } from '../common/TextField';

const editor = () => useProfileEditorStore.getState();
const noAutoCorrect = { spellCheck: false, autoCapitalize: 'off', autoCorrect: 'off' } as const;

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
      {tokenSet && (
        <div className="secret-status">
          <span className="field-label">Session token: {remove ? 'will be removed' : 'set'}</span>
          <button
            type="button"
            className="button button-small"
            aria-pressed={remove}
            onClick={() => editor().change((v) => ({ ...v, removeSessionToken: !v.removeSessionToken, sessionToken: '' }))}
          >
            {remove ? 'Keep the session token' : 'Remove the session token'}
          </button>
        </div>
      )}
      {!remove && (
        <TextField
          id="profile-session-token"
          label={tokenSet ? 'New session token' : 'Session token'}
          type="password"
          autoComplete="off"
          value={token}
          help={tokenSet ? 'Leave empty to keep the stored token.' : 'Kept in the keychain with the secret; Pail never shows it.'}
          {...noAutoCorrect}
          onChange={(value) => editor().change((v) => ({ ...v, sessionToken: value }))}
        />
      )}
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
