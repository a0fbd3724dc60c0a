import { useLayoutEffect, useRef, useState, type FormEvent, type MouseEvent } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import {
  emptyProfileForm,
  PROFILE_TEXT_FIELDS,
  profileFormErrors,
  toProfileInput,
  type ProfileFormValues,
  type ProfileTextField,
} from '../profile-form';
import { useBrowserStore } from '../stores/browser';
import { useProfilesStore } from '../stores/profiles';
import { ErrorPanel } from './ErrorPanel';
import { SecretStoreNotice } from './SecretStoreNotice';
import { TextField, type TextFieldProps } from './TextField';

type FieldSetup = Pick<TextFieldProps, 'label' | 'help' | 'type' | 'autoComplete' | 'placeholder' | 'inputMode'>;

const FIELD_SETUP: Record<ProfileTextField, FieldSetup> = {
  name: { label: 'Name', autoComplete: 'off', placeholder: 'e.g. Work storage' },
  endpoint: {
    label: 'Endpoint URL',
    type: 'url',
    inputMode: 'url',
    autoComplete: 'url',
    placeholder: 'https://s3.example.com',
    help: 'The server address only: scheme, host and optional port. No bucket, no path.',
  },
  region: { label: 'Region', autoComplete: 'off', help: 'Use us-east-1 if your provider does not name one.' },
  accessKeyId: { label: 'Access key ID', autoComplete: 'username' },
  secretAccessKey: { label: 'Secret access key', type: 'password', autoComplete: 'new-password' },
};

const keepFocus = (event: MouseEvent) => event.preventDefault();

/** Props of {@link AddProfileDialog}. */
export interface AddProfileDialogProps {
  onClose(): void;
}

/**
 * A modal form for a new connection. Each field is checked with the same
 * schema the main process uses, after the field is left or on save; a server
 * refusal shows inside the dialog. On success the new profile is shown.
 */
export function AddProfileDialog({ onClose }: AddProfileDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const firstFieldRef = useRef<HTMLInputElement>(null);
  const [values, setValues] = useState<ProfileFormValues>(emptyProfileForm);
  const [touched, setTouched] = useState<Partial<Record<ProfileTextField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<ErrorInfo>();

  // A modal <dialog> makes the rest of the window inert and keeps Tab inside.
  // Focus goes back to whatever opened it when it goes away.
  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return undefined;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    firstFieldRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      opener?.focus();
    };
  }, []);

  const errors = profileFormErrors(values);
  const shownError = (field: ProfileTextField) => (submitted || touched[field] ? errors[field] : undefined);

  const setField = (field: ProfileTextField, value: string) => setValues((v) => ({ ...v, [field]: value }));

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    setSubmitted(true);
    const firstBad = PROFILE_TEXT_FIELDS.find((field) => errors[field]);
    if (firstBad) {
      document.getElementById(`profile-${firstBad}`)?.focus();
      return;
    }
    setSaving(true);
    setServerError(undefined);
    const result = await useProfilesStore.getState().create(toProfileInput(values));
    setSaving(false);
    if (!result.ok) {
      setServerError(result.error);
      return;
    }
    onClose();
    void useBrowserStore.getState().selectProfile(result.data.id);
  };

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby="add-profile-title"
      // Escape fires "cancel"; the parent decides whether the dialog stays.
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      // Chromium may close without "cancel" (repeated Escape); a dialog that
      // is open again was only re-shown by a development re-mount.
      onClose={() => {
        if (!dialogRef.current?.open) onClose();
      }}
    >
      <form className="dialog-form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <h2 id="add-profile-title" className="dialog-title">
          Add profile
        </h2>
        <p className="dialog-intro">Connect to an S3-compatible service with an access key.</p>

        {PROFILE_TEXT_FIELDS.map((field) => (
          <TextField
            key={field}
            {...FIELD_SETUP[field]}
            id={`profile-${field}`}
            inputRef={field === 'name' ? firstFieldRef : undefined}
            value={values[field]}
            error={shownError(field)}
            spellCheck={false}
            autoCapitalize="off"
            autoCorrect="off"
            onChange={(value) => setField(field, value)}
            onBlur={() => {
              // Leaving a field untouched is not a mistake yet; leaving it edited is checked.
              if (values[field] !== emptyProfileForm[field]) setTouched((t) => ({ ...t, [field]: true }));
            }}
          />
        ))}

        <div className="field field-switch">
          <input
            id="profile-path-style"
            className="switch"
            type="checkbox"
            role="switch"
            checked={values.pathStyle}
            aria-describedby="profile-path-style-help"
            onChange={(event) => {
              const pathStyle = event.target.checked;
              setValues((v) => ({ ...v, pathStyle }));
            }}
          />
          <label className="field-label" htmlFor="profile-path-style">
            Path-style addressing
          </label>
          <p id="profile-path-style-help" className="field-help">
            On: requests go to host/bucket/key, which most S3-compatible servers need. Off: bucket.host/key
            (virtual-hosted style).
          </p>
        </div>

        <SecretStoreNotice />
        {serverError && <ErrorPanel title="Could not save the profile" error={serverError} />}

        {/* Pressing a button would first blur the field, show its message and move
            the button away from under the pointer; keeping focus avoids that. */}
        <div className="dialog-actions">
          <button type="button" className="button" onMouseDown={keepFocus} onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button-primary"
            aria-disabled={saving}
            aria-busy={saving}
            onMouseDown={keepFocus}
          >
            Save profile
          </button>
        </div>
      </form>
    </dialog>
  );
}
