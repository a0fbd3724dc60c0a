import type { ProxyMode } from '../../shared/profile';
import { fieldElementId } from './profile-form';
import { selectShownError } from '../stores/editor-selectors';
import { useProfileEditorStore } from '../stores/profile-editor';
import { useProfilesStore } from '../stores/profiles';
import { TextField } from '../common/TextField';
import { StoredSecretField } from './StoredSecretField';

const editor = () => useProfileEditorStore.getState();
const noAutoCorrect = { spellCheck: false, autoCapitalize: 'off', autoCorrect: 'off' } as const;

/** The proxy choices, in the order they show; "System" says what it means outside the app. */
function proxyOptions(inApp: boolean): { value: ProxyMode; label: string; help: string }[] {
  return [
    { value: 'environment', label: 'From the environment', help: 'HTTPS_PROXY, HTTP_PROXY and NO_PROXY, when set (the default).' },
    { value: 'none', label: 'No proxy', help: 'Connect to the server directly, whatever the environment says.' },
    {
      value: 'system',
      label: 'System proxy settings',
      help: inApp
        ? "The operating system's proxy settings (or its proxy script)."
        : "In the browser (web mode) and the command line, this means the environment's proxies.",
    },
    { value: 'url', label: 'This proxy', help: 'An HTTP or HTTPS proxy, with a user name and password if it asks for them.' },
  ];
}

/**
 * How the profile's connections reach the server: through a proxy or not.
 * The password, like the secret, is kept in the keychain and never comes back
 * from the main process: the editor only learns that one is saved.
 */
export function ProxySettings() {
  const mode = useProfileEditorStore((state) => state.values.proxyMode);
  const url = useProfileEditorStore((state) => state.values.proxyUrl);
  const user = useProfileEditorStore((state) => state.values.proxyUser);
  const password = useProfileEditorStore((state) => state.values.proxyPassword);
  const remove = useProfileEditorStore((state) => state.values.removeProxyPassword);
  const passwordSaved = useProfileEditorStore((state) => state.mode.kind === 'edit' && state.saved?.proxyPasswordSet === true);
  const urlError = useProfileEditorStore((state) => selectShownError(state, 'proxyUrl'));
  const inApp = useProfilesStore((state) => state.appInfo?.transport !== 'web');

  return (
    <fieldset className="field-group proxy-settings">
      <legend className="field-label">Proxy</legend>
      <div className="radio-list">
        {proxyOptions(inApp).map((option) => (
          <div key={option.value} className="radio-option">
            <input
              id={`profile-proxy-${option.value}`}
              type="radio"
              name="proxy-mode"
              value={option.value}
              checked={mode === option.value}
              aria-describedby={`profile-proxy-${option.value}-help`}
              onChange={() => editor().change((v) => ({ ...v, proxyMode: option.value }))}
            />
            <label htmlFor={`profile-proxy-${option.value}`}>{option.label}</label>
            <span id={`profile-proxy-${option.value}-help`} className="field-help">
              {option.help}
            </span>
          </div>
        ))}
      </div>
      {mode === 'url' && (
        <>
          <TextField
            id={fieldElementId('proxyUrl')}
            label="Proxy URL"
            type="url"
            autoComplete="off"
            placeholder="http://proxy.example.com:3128"
            value={url}
            error={urlError}
            {...noAutoCorrect}
            onChange={(value) => editor().change((v) => ({ ...v, proxyUrl: value }))}
            onBlur={() => url !== '' && editor().touch('proxyUrl')}
          />
          <TextField
            id="profile-proxy-user"
            label="Proxy user name"
            autoComplete="off"
            value={user}
            help="Only if the proxy asks for one."
            {...noAutoCorrect}
            onChange={(value) => editor().change((v) => ({ ...v, proxyUser: value }))}
          />
          <StoredSecretField
            id="profile-proxy-password"
            label="Proxy password"
            stored={passwordSaved}
            storedWord="saved"
            remove={remove}
            value={password}
            keptHelp="Kept with the secret access key; Pail never shows it."
            onToggleRemove={() => editor().change((v) => ({ ...v, removeProxyPassword: !v.removeProxyPassword, proxyPassword: '' }))}
            onChange={(value) => editor().change((v) => ({ ...v, proxyPassword: value }))}
          />
        </>
      )}
    </fieldset>
  );
}
