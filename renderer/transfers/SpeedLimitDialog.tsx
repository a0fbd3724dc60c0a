import { useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { RateLimit } from '../../shared/bandwidth';
import { formatRate } from '../../shared/sizes';
import type { ErrorInfo } from '../../shared/errors';
import { setOwnSpeedLimit, setSpeedLimits } from '../actions/transfers';
import { ErrorPanel } from '../common/ErrorPanel';
import { Modal } from '../dialogs/Modal';
import { useDialogsStore } from '../stores/dialogs';
import { useTransfersStore } from '../stores/transfers';
import { visibleText } from '../../shared/visible-text';
import { draftOf, limitOfDraft, RATE_UNITS, type LimitDraft, type RateUnit, type SpeedLimitTarget } from './speed-limit-draft';

const close = () => useDialogsStore.getState().close();

/** One limit: a switch, the amount and its unit, and what is wrong with them. */
function LimitField({
  id,
  label,
  draft,
  problem,
  onChange,
}: {
  id: string;
  label: string;
  draft: LimitDraft;
  problem?: string;
  onChange(draft: LimitDraft): void;
}) {
  const errorId = problem ? `${id}-error` : undefined;
  return (
    <fieldset className="speed-limit-field">
      <legend className="field-label">{label}</legend>
      <div className="field field-check">
        <input id={`${id}-on`} type="checkbox" checked={draft.on} onChange={(event) => onChange({ ...draft, on: event.target.checked })} />
        <label htmlFor={`${id}-on`}>{`Limit ${label.toLowerCase()}`}</label>
      </div>
      <div className="speed-limit-amount">
        <input
          id={`${id}-amount`}
          className="field-input"
          inputMode="decimal"
          aria-label={`${label} limit`}
          value={draft.amount}
          disabled={!draft.on}
          aria-invalid={problem ? true : undefined}
          aria-describedby={errorId}
          onChange={(event) => onChange({ ...draft, amount: event.target.value })}
        />
        <select
          className="field-input field-select"
          aria-label={`${label} limit unit`}
          value={draft.unit}
          disabled={!draft.on}
          onChange={(event) => onChange({ ...draft, unit: event.target.value as RateUnit })}
        >
          {RATE_UNITS.map((unit) => (
            <option key={unit} value={unit}>
              {unit}
            </option>
          ))}
        </select>
      </div>
      {problem && (
        <p id={errorId} className="field-error">
          {problem}
        </p>
      )}
    </fieldset>
  );
}

/** What the dialog is about, in the store's words: its title, its fields' current limits, the global limit that applies too. */
function useTargetFacts(target: SpeedLimitTarget) {
  return useTransfersStore(
    useShallow((state) => {
      if (target.scope === 'all')
        return { title: 'Speed limits', own: undefined, direction: undefined, bandwidth: state.bandwidth, problem: state.bandwidthProblem };
      const item = target.scope === 'batch' ? state.batches[target.batchId] : state.transfers[target.transferId];
      const name = !item ? undefined : 'title' in item ? item.title : visibleText(item.name);
      return {
        title: name ? `Speed limit of ${name}` : 'Speed limit',
        own: item?.limit ?? null,
        direction: item?.direction,
        bandwidth: state.bandwidth,
        problem: undefined,
      };
    }),
  );
}

/**
 * The Transfers panel's speed limits: of all uploads and all downloads
 * (kept for the next start), or a batch's or a file's own, applied to the
 * bytes that follow at once.
 */
export function SpeedLimitDialog({ target }: { target: SpeedLimitTarget }) {
  const facts = useTargetFacts(target);
  const [upload, setUpload] = useState(() => draftOf(target.scope === 'all' ? facts.bandwidth.upload : facts.own));
  const [download, setDownload] = useState(() => draftOf(facts.bandwidth.download));
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const uploadLimit = limitOfDraft(upload);
  const downloadLimit = limitOfDraft(download);
  const problemOf = (read: ReturnType<typeof limitOfDraft>) => (attempted && 'problem' in read ? read.problem : undefined);
  const global = facts.direction === 'download' ? facts.bandwidth.download : facts.bandwidth.upload;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if ('problem' in uploadLimit || (target.scope === 'all' && 'problem' in downloadLimit) || busy) return;
    setBusy(true);
    const result =
      target.scope === 'all'
        ? await setSpeedLimits({ upload: uploadLimit.limit, download: (downloadLimit as { limit: RateLimit }).limit })
        : await setOwnSpeedLimit(target.scope === 'batch' ? { batchId: target.batchId } : { ids: [target.transferId] }, uploadLimit.limit);
    setBusy(false);
    if (result.ok) close();
    else setError(result.error);
  };

  return (
    <Modal labelledBy="speed-limit-title" className="dialog-narrow" onClose={close}>
      <form className="dialog-form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <h2 id="speed-limit-title" className="dialog-title truncate">
          {facts.title}
        </h2>
        <div className="dialog-body">
          {target.scope === 'all' ? (
            <>
              {facts.problem && <p className="field-warning">{facts.problem}</p>}
              <LimitField id="speed-limit-upload" label="Uploads" draft={upload} problem={problemOf(uploadLimit)} onChange={setUpload} />
              <LimitField id="speed-limit-download" label="Downloads" draft={download} problem={problemOf(downloadLimit)} onChange={setDownload} />
              <p className="field-help">
                Each limit is shared by every file and part moving that way, URL imports counting as uploads. Changes apply at once, to transfers already moving
                too, and Pail keeps them for its next start. A batch or a file can have a lower limit of its own.
              </p>
            </>
          ) : (
            <>
              <LimitField
                id="speed-limit-own"
                label={target.scope === 'batch' ? 'This batch' : 'This file'}
                draft={upload}
                problem={problemOf(uploadLimit)}
                onChange={setUpload}
              />
              <p className="field-help">
                {target.scope === 'batch' ? 'Shared by the files of the batch moving at once. ' : ''}
                {`The limit of all ${facts.direction === 'download' ? 'downloads' : 'uploads'} (${global ? formatRate(global) : 'no limit'}) applies too. It changes at once, for the bytes still to move.`}
              </p>
            </>
          )}
          {error && <ErrorPanel title="Could not change the speed limit" error={error} />}
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" aria-busy={busy || undefined}>
            Set limit
          </button>
        </div>
      </form>
    </Modal>
  );
}
