import { useId, useState, type FormEvent } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import { defaultRetentionSchema, objectLockInWords, type LockMode, type ObjectLockSettings } from '../../shared/object-lock';
import { visibleText } from '../../shared/visible-text';
import { saveDefaultRetention } from '../actions/object-lock';
import { ErrorPanel } from '../common/ErrorPanel';
import { SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';
import { Modal } from '../dialogs/Modal';
import { MODE_HELP, MODE_OPTIONS } from './lock-modes';

const UNIT_OPTIONS = [
  { value: 'days', label: 'days' },
  { value: 'years', label: 'years' },
];

/** The retention each new version gets in a bucket with Object Lock: none, or a mode and a period; said before and after. */
export function DefaultRetentionDialog({
  profileId,
  bucket,
  current,
  onClose,
}: {
  profileId: string;
  bucket: string;
  current: ObjectLockSettings;
  onClose: () => void;
}) {
  const id = useId();
  const [keep, setKeep] = useState(current.defaultRetention !== undefined);
  const [mode, setMode] = useState<LockMode>(current.defaultRetention?.mode ?? 'GOVERNANCE');
  const [unit, setUnit] = useState<'days' | 'years'>(current.defaultRetention?.years !== undefined ? 'years' : 'days');
  const [amount, setAmount] = useState(String(current.defaultRetention?.years ?? current.defaultRetention?.days ?? 30));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();

  const number = /^\d+$/.test(amount.trim()) ? Number(amount.trim()) : Number.NaN;
  const parsed = keep ? defaultRetentionSchema.safeParse({ mode, [unit]: Number.isNaN(number) ? undefined : number }) : undefined;
  const problem = keep
    ? Number.isNaN(number)
      ? 'Give the period as a whole number.'
      : parsed && !parsed.success
        ? parsed.error.issues[0].message
        : undefined
    : undefined;
  const wanted = keep ? (parsed?.success ? parsed.data : undefined) : null;
  const after = wanted !== undefined ? objectLockInWords({ enabled: true, ...(wanted && { defaultRetention: wanted }) }) : '';

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (wanted === undefined || busy) return;
    setBusy(true);
    const result = await saveDefaultRetention(profileId, bucket, wanted);
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error);
  };

  return (
    <Modal labelledBy={`${id}-title`} className="dialog-narrow" onClose={onClose}>
      <form className="dialog-form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <h2 id={`${id}-title`} className="dialog-title">
          Default retention: {visibleText(bucket)}
        </h2>
        <div className="dialog-body">
          <p className="dialog-intro">The retention each new version gets when it is written. Versions written before keep theirs.</p>
          <div className="field field-check">
            <input id={`${id}-keep`} type="checkbox" checked={keep} onChange={(event) => setKeep(event.target.checked)} />
            <label htmlFor={`${id}-keep`}>Keep each new version for a time</label>
          </div>
          {keep && (
            <>
              <SelectField
                id={`${id}-mode`}
                label="Mode"
                value={mode}
                options={MODE_OPTIONS}
                help={MODE_HELP[mode]}
                onChange={(value) => setMode(value as LockMode)}
              />
              <TextField id={`${id}-amount`} label="Keep for" value={amount} inputMode="numeric" autoComplete="off" error={problem} onChange={setAmount} />
              <SelectField id={`${id}-unit`} label="Counted in" value={unit} options={UNIT_OPTIONS} onChange={(value) => setUnit(value as 'days' | 'years')} />
            </>
          )}
          <section className="rule-preview" aria-labelledby={`${id}-preview`}>
            <h3 id={`${id}-preview`}>What changes</h3>
            <p className="rule-before">Now: {objectLockInWords(current)}</p>
            <p role="status">{after ? `After saving: ${after}` : 'Fill in the period to see what it does.'}</p>
          </section>
          {error && <ErrorPanel title="Could not save the default retention" error={error} />}
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" aria-busy={busy || undefined} aria-disabled={wanted === undefined || undefined}>
            Save default retention
          </button>
        </div>
      </form>
    </Modal>
  );
}
