import { keyShapeWarning } from '../../shared/key-shapes';
import { fieldElementId } from './profile-form';
import { selectShownError } from '../stores/editor-selectors';
import { useProfileEditorStore } from '../stores/profile-editor';
import { useProfilesStore } from '../stores/profiles';
import { SecretStoreHelp } from './SecretStoreHelp';
import { TextField } from '../common/TextField';

const editor = () => useProfileEditorStore.getState();
const noAutoCorrect = { spellCheck: false, autoCapitalize: 'off', autoCorrect: 'off' } as const;

/**
 * The access key id and the secret. Editing, the secret is only "set" or
 * "not set" (it never comes back from the main process); "Replace secret"
 * shows the field, and leaving it empty keeps the stored one.
 */
export function ProfileCredentialFields() {
  const accessKeyId = useProfileEditorStore((state) => state.values.accessKeyId);
  const provider = useProfileEditorStore((state) => state.values.provider);
  const secret = useProfileEditorStore((state) => state.values.secretAccessKey);
  const replaceSecret = useProfileEditorStore((state) => state.values.replaceSecret);
  const mode = useProfileEditorStore((state) => state.mode);
  const keyError = useProfileEditorStore((state) => selectShownError(state, 'accessKeyId'));
  const secretError = useProfileEditorStore((state) => selectShownError(state, 'secretAccessKey'));
  const storeWords = useProfilesStore((state) => state.appInfo?.secretStore.description);

  const secretSet = mode.kind === 'edit' && mode.secretSet;
  const showSecretField = mode.kind === 'add' || replaceSecret;

  return (
    <>
      <TextField
        id={fieldElementId('accessKeyId')}
        label="Access key ID"
        autoComplete="username"
        value={accessKeyId}
        error={keyError}
        warning={keyError ? undefined : keyShapeWarning(provider, accessKeyId)?.message}
        {...noAutoCorrect}
        onChange={(value) => editor().change((v) => ({ ...v, accessKeyId: value }))}
        onBlur={() => accessKeyId !== '' && editor().touch('accessKeyId')}
      />
      {mode.kind === 'edit' && (
        <div className="secret-status">
          <span className="field-label">Secret: {secretSet ? 'set' : 'not set'}</span>
          <span className="field-help">
            {secretSet ? `Kept in ${storeWords ?? 'the secret store'}; Pail never shows it.` : 'The secret is missing from the secret store: enter it again.'}
          </span>
          {secretSet && !replaceSecret && (
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                editor().change((v) => ({ ...v, replaceSecret: true }));
                editor().focusField('secretAccessKey');
              }}
            >
              Replace secret
            </button>
          )}
        </div>
      )}
      {showSecretField && (
        <div className="field-with-action">
          <TextField
            id={fieldElementId('secretAccessKey')}
            label={mode.kind === 'edit' ? 'New secret access key' : 'Secret access key'}
            type="password"
            autoComplete="new-password"
            value={secret}
            error={secretError}
            help={secretSet ? 'Leave empty to keep the stored secret.' : undefined}
            {...noAutoCorrect}
            onChange={(value) => editor().change((v) => ({ ...v, secretAccessKey: value }))}
            onBlur={() => secret !== '' && editor().touch('secretAccessKey')}
          />
          {secretSet && (
            <button type="button" className="button button-small" onClick={() => editor().change((v) => ({ ...v, replaceSecret: false, secretAccessKey: '' }))}>
              Keep the stored secret
            </button>
          )}
        </div>
      )}
      <SecretStoreHelp />
    </>
  );
}
