import type { InputHTMLAttributes, Ref } from 'react';

/** Props of {@link TextField}. */
export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange'> {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  /** A standing hint under the field. */
  help?: string;
  /** A problem with the value; shown only when set, and announced with the field. */
  error?: string;
  /** Advice about the value that does not stop saving (e.g. a key that looks like another provider's); announced as a status. */
  warning?: string;
  inputRef?: Ref<HTMLInputElement>;
}

/** A labelled text input with its hint and its validation message tied to it for screen readers. */
export function TextField({ id, label, value, onChange, help, error, warning, inputRef, ...input }: TextFieldProps) {
  const helpId = help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const warningId = warning ? `${id}-warning` : undefined;
  const describedBy = [errorId, warningId, helpId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        {...input}
        ref={inputRef}
        id={id}
        className="field-input"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
      />
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      {warning && (
        <p id={warningId} className="field-warning" role="status">
          {warning}
        </p>
      )}
      {help && (
        <p id={helpId} className="field-help">
          {help}
        </p>
      )}
    </div>
  );
}
