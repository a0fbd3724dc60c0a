import { TextField } from './TextField';

/** One choice of encryption: an algorithm ("none": no header sent, or no default) with its label and help. */
export interface EncryptionOption {
  value: 'none' | 'AES256' | 'aws:kms' | 'aws:kms:dsse';
  label: string;
  help: string;
}

/** What the choice holds while edited: the algorithm, the KMS key typed (may be empty), the bucket key box. */
export interface EncryptionDraft {
  algorithm: EncryptionOption['value'];
  kmsKeyId: string;
  bucketKey: boolean;
}

/**
 * Encryption at rest as radio buttons, with the KMS key field (and, for a bucket's default, the
 * bucket key box) under the KMS choices. Used by the upload sheet and the bucket's Encryption section.
 */
export function EncryptionChoice({
  idPrefix,
  legend,
  options,
  draft,
  onChange,
  keyError,
  withBucketKey = false,
}: {
  idPrefix: string;
  legend: string;
  options: readonly EncryptionOption[];
  draft: EncryptionDraft;
  onChange: (next: EncryptionDraft) => void;
  keyError?: string;
  withBucketKey?: boolean;
}) {
  const kms = draft.algorithm.startsWith('aws:kms');
  return (
    <fieldset className="field-group">
      <legend className="field-label">{legend}</legend>
      <div className="radio-list">
        {options.map((option) => {
          const id = `${idPrefix}-${option.value.replace(/:/g, '-')}`;
          return (
            <div key={option.value} className="radio-option">
              <input
                id={id}
                type="radio"
                name={`${idPrefix}-algorithm`}
                value={option.value}
                checked={draft.algorithm === option.value}
                aria-describedby={`${id}-help`}
                onChange={() => onChange({ ...draft, algorithm: option.value })}
              />
              <label htmlFor={id}>{option.label}</label>
              <span id={`${id}-help`} className="field-help">
                {option.help}
              </span>
            </div>
          );
        })}
      </div>
      {kms && (
        <TextField
          id={`${idPrefix}-kms-key`}
          label="KMS key"
          value={draft.kmsKeyId}
          placeholder="Key id, ARN or alias/NAME"
          spellCheck={false}
          autoComplete="off"
          help="Empty: the account’s default KMS key (aws/s3 on AWS)."
          error={keyError}
          onChange={(kmsKeyId) => onChange({ ...draft, kmsKeyId })}
        />
      )}
      {kms && withBucketKey && (
        <div className="field field-check">
          <input
            id={`${idPrefix}-bucket-key`}
            type="checkbox"
            checked={draft.bucketKey}
            aria-describedby={`${idPrefix}-bucket-key-help`}
            onChange={(event) => onChange({ ...draft, bucketKey: event.target.checked })}
          />
          <label htmlFor={`${idPrefix}-bucket-key`}>Use a bucket key</label>
          <p id={`${idPrefix}-bucket-key-help`} className="field-help">
            One data key for the bucket for a while: far fewer (billed) calls to KMS.
          </p>
        </div>
      )}
    </fieldset>
  );
}
