import { TextField } from '../common/TextField';

const noAutoCorrect = { spellCheck: false, autoCapitalize: 'off', autoCorrect: 'off' } as const;

/** Props of {@link StoredSecretField}. */
export interface StoredSecretFieldProps {
  id: string;
  /** What the secret is called, e.g. "Session token", "Proxy password". */
  label: string;
  /** One is stored already: the editor only knows that, never its value. */
  stored: boolean;
  /** The user asked to remove the stored one. */
  remove: boolean;
  value: string;
  /** The help under the field when none is stored yet (where it will be kept). */
  keptHelp: string;
  /** How a stored one is said ("set" unless given). */
  storedWord?: string;
  onToggleRemove(): void;
  onChange(value: string): void;
}

/**
 * A secret beside the secret access key (a session token, a proxy password):
 * stored ones show only as "set", with a button to remove them; a typed value
 * replaces one, and an empty field keeps it.
 */
export function StoredSecretField({ id, label, stored, remove, value, keptHelp, storedWord = 'set', onToggleRemove, onChange }: StoredSecretFieldProps) {
  const lower = label.toLowerCase();
  return (
    <>
      {stored && (
        <div className="secret-status">
          <span className="field-label">
            {label}: {remove ? 'will be removed' : storedWord}
          </span>
          <button type="button" className="button button-small" aria-pressed={remove} onClick={onToggleRemove}>
            {remove ? `Keep the ${lower}` : `Remove the ${lower}`}
          </button>
        </div>
      )}
      {!remove && (
        <TextField
          id={id}
          label={stored ? `New ${lower}` : label}
          type="password"
          autoComplete={id.includes('password') ? 'new-password' : 'off'}
          value={value}
          help={stored ? `Leave empty to keep the stored ${lower.replace(/^session /, '')}.` : keptHelp}
          {...noAutoCorrect}
          onChange={onChange}
        />
      )}
    </>
  );
}
