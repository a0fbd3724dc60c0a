import { useId, useState, type FormEvent } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import { needsGovernanceBypass, retentionChangeInWords, retentionChangeProblem, type LockMode, type Retention } from '../../shared/object-lock';
import { visibleText } from '../../shared/visible-text';
import { saveRetention } from '../actions/object-lock';
import { ErrorPanel } from '../common/ErrorPanel';
import { formatDate, toLocalInput } from '../common/format';
import { SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';
import { Modal } from '../dialogs/Modal';
import { MODE_HELP, MODE_OPTIONS } from './lock-modes';
import type { VersionPlace } from '../stores/object-lock';

/** A moment the retention starts from when the version has none: 30 days from now. */
const inThirtyDays = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

/**
 * A version's retention: until when, in which mode, or none. What compliance forbids is refused in words;
 * where shortening a governance retention needs the bypass, it is asked for; the change is said before saving.
 */
export function RetentionDialog({ place, current, onClose }: { place: VersionPlace; current: Retention | undefined; onClose: () => void }) {
  const id = useId();
  const [keep, setKeep] = useState(true);
  const [mode, setMode] = useState<LockMode>(current?.mode ?? 'GOVERNANCE');
  const [until, setUntil] = useState(toLocalInput(current?.retainUntil ?? inThirtyDays()));
  const [bypass, setBypass] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();

  // A datetime-local value is local time: the Date it makes is the moment the user means.
  const moment = new Date(until);
  const wanted: Retention | null | undefined = !keep ? null : Number.isNaN(moment.getTime()) ? undefined : { mode, retainUntil: moment.toISOString() };
  const problem = wanted === undefined ? 'Give the date and time the retention ends.' : retentionChangeProblem(current, wanted);
  const needsBypass = wanted !== undefined && needsGovernanceBypass(current, wanted);
  const change = wanted !== undefined && !problem ? retentionChangeInWords(current, wanted, (iso) => formatDate(iso)) : '';
  const blocked = wanted === undefined || Boolean(problem) || !change || (needsBypass && !bypass);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (blocked || busy || wanted === undefined) return;
    setBusy(true);
    const result = await saveRetention(place, wanted, needsBypass);
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error);
  };

  return (
    <Modal labelledBy={`${id}-title`} className="dialog-narrow" onClose={onClose}>
      <form className="dialog-form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <h2 id={`${id}-title`} className="dialog-title">
          Retention: {visibleText(place.key)}
        </h2>
        <div className="dialog-body">
          <p className="dialog-intro">Until then this version cannot be deleted or overwritten{place.versionId ? '' : ' (the current version)'}.</p>
          {current && (
            <div className="field field-check">
              <input id={`${id}-keep`} type="checkbox" checked={keep} onChange={(event) => setKeep(event.target.checked)} />
              <label htmlFor={`${id}-keep`}>Keep a retention</label>
            </div>
          )}
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
              <TextField id={`${id}-until`} label="Locked until" type="datetime-local" value={until} onChange={setUntil} />
            </>
          )}
          {needsBypass && !problem && (
            <div className="field field-check">
              <input
                id={`${id}-bypass`}
                type="checkbox"
                checked={bypass}
                aria-describedby={`${id}-bypass-help`}
                onChange={(event) => setBypass(event.target.checked)}
              />
              <label htmlFor={`${id}-bypass`}>Bypass governance retention</label>
              <p id={`${id}-bypass-help`} className="field-help">
                Shortening, removing or turning a governance retention into compliance needs it, and the permission to bypass.
              </p>
            </div>
          )}
          <section className="rule-preview" aria-labelledby={`${id}-preview`}>
            <h3 id={`${id}-preview`}>What changes</h3>
            <p role="status" className={problem ? 'field-error' : undefined}>
              {problem ?? (change || 'Nothing changes yet.')}
            </p>
          </section>
          {error && <ErrorPanel title="Could not change the retention" error={error} />}
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" aria-busy={busy || undefined} aria-disabled={blocked || undefined}>
            Save retention
          </button>
        </div>
      </form>
    </Modal>
  );
}
