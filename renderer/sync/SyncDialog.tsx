import { useId, useRef, useState, type FormEvent } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import { planInWords, runInWords, type SyncDirection, type SyncPlan } from '../../shared/sync';
import { compareFolders, runSync } from '../actions/sync';
import { nativeFolderPicker } from '../actions/transfer-start';
import { savedUploadChoices } from '../actions/upload-sheet';
import { api } from '../api';
import { DisclosureSection } from '../common/DisclosureSection';
import { ErrorPanel } from '../common/ErrorPanel';
import { TextField } from '../common/TextField';
import { Modal } from '../dialogs/Modal';
import { useDialogsStore } from '../stores/dialogs';
import { UploadOptionsFields } from '../uploads/UploadOptionsFields';
import { hasProblems, problemsOf, requestOptionsOf, type SheetChoices } from '../uploads/upload-sheet-plan';
import { SyncPreview } from './SyncPreview';
import { patternsOf, syncUploadsInWords, uploadGroupsOf } from './sync-view';

const close = () => useDialogsStore.getState().close();

/**
 * "Compare with folder…" and "Synchronize…" on a folder of a bucket: a local folder and a direction,
 * how to compare (size and date, or checksum; patterns to leave out; links), then the differences in
 * a table before anything moves, and the sync as one transfer batch (with "delete what is only on
 * the target" off unless ticked, its count said).
 */
export function SyncDialog({ profileId, bucket, prefix, title }: { profileId: string; bucket: string; prefix: string; title: 'compare' | 'sync' }) {
  const id = useId();
  const folderRef = useRef<HTMLInputElement>(null);
  const [localDir, setLocalDir] = useState('');
  const [direction, setDirection] = useState<SyncDirection>('upload');
  const [checksum, setChecksum] = useState(false);
  const [followSymlinks, setFollowSymlinks] = useState(false);
  const [exclude, setExclude] = useState('');
  const [plan, setPlan] = useState<SyncPlan>();
  const [withDelete, setWithDelete] = useState(false);
  const [busy, setBusy] = useState<'comparing' | 'starting'>();
  const [error, setError] = useState<{ title: string; error: ErrorInfo }>();
  // An upload's options for this sync: they open as the bucket's saved upload settings (what a drop gets).
  const [saved] = useState(() => savedUploadChoices({ profileId, bucket }));
  const [choices, setChoices] = useState<SheetChoices>(saved);
  const [optionsOpen, setOptionsOpen] = useState(false);
  const [optionsChecked, setOptionsChecked] = useState(false);
  const remote = `${bucket}/${prefix}`;
  const folderProblem = localDir.trim() === '' ? 'Name the local folder (a full path).' : undefined;
  const [attempted, setAttempted] = useState(false);

  const compare = async (event?: FormEvent) => {
    event?.preventDefault();
    setAttempted(true);
    if (folderProblem || busy) return;
    setBusy('comparing');
    setError(undefined);
    const result = await compareFolders({
      profileId,
      bucket,
      prefix,
      localDir: localDir.trim(),
      direction,
      checksum,
      exclude: patternsOf(exclude),
      followSymlinks,
    });
    setBusy(undefined);
    if (result.ok) {
      setPlan(result.data);
      setWithDelete(false);
    } else setError({ title: 'Could not compare', error: result.error });
  };

  const groups = plan && plan.direction === 'upload' ? uploadGroupsOf(plan) : [];
  const problems = problemsOf(choices, groups);

  const synchronize = async () => {
    if (!plan || busy) return;
    const uploads = plan.direction === 'upload';
    if (uploads && hasProblems(problems)) {
      setOptionsChecked(true);
      setOptionsOpen(true);
      return;
    }
    setBusy('starting');
    const result = await runSync(plan.planId, plan.counts.new + plan.counts.changed, withDelete, uploads ? requestOptionsOf(choices, groups) : undefined);
    setBusy(undefined);
    if (result.ok) close();
    else setError({ title: 'Could not start the sync', error: result.error });
  };

  const choose = async () => {
    const chosen = await api.app.chooseFolder({ title: 'Compare with folder' });
    if (chosen.ok && chosen.data.path) {
      setLocalDir(chosen.data.path);
      setPlan(undefined);
    } else if (!chosen.ok) setError({ title: 'Could not open the folder dialog', error: chosen.error });
  };

  // Any change to what is compared makes the preview stale: it goes until compared again.
  const changed =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPlan(undefined);
    };
  const targetWord = direction === 'upload' ? 'in the bucket' : 'in the folder';

  return (
    <Modal labelledBy={`${id}-title`} className="dialog-wide sync-dialog" initialFocus={folderRef} onClose={close}>
      <form className="dialog-form" noValidate onSubmit={(event) => void compare(event)}>
        <h2 id={`${id}-title`} className="dialog-title">
          {title === 'compare' ? `Compare ${remote} with a folder` : `Synchronize ${remote}`}
        </h2>
        <div className="dialog-body">
          <div className="field-row">
            <TextField
              id={`${id}-folder`}
              inputRef={folderRef}
              label="Local folder"
              value={localDir}
              placeholder="/home/me/site"
              spellCheck={false}
              autoComplete="off"
              error={attempted ? folderProblem : undefined}
              onChange={changed(setLocalDir)}
            />
            {nativeFolderPicker() && (
              <button type="button" className="button" onClick={() => void choose()}>
                Choose…
              </button>
            )}
          </div>
          <fieldset className="field-group">
            <legend className="field-label">Direction</legend>
            <div className="radio-list">
              {(['upload', 'download'] as const).map((value) => (
                <div key={value} className="radio-option">
                  <input
                    id={`${id}-${value}`}
                    type="radio"
                    name={`${id}-direction`}
                    checked={direction === value}
                    onChange={() => changed(setDirection)(value)}
                  />
                  <label htmlFor={`${id}-${value}`}>{value === 'upload' ? `Upload: the folder to ${remote}` : `Download: ${remote} to the folder`}</label>
                </div>
              ))}
            </div>
          </fieldset>
          {direction === 'upload' && (
            <DisclosureSection
              id={`${id}-uploads`}
              title="Upload options"
              open={optionsOpen}
              onToggle={setOptionsOpen}
              summary={syncUploadsInWords(choices, saved)}
              summaryDanger={optionsChecked && hasProblems(problems)}
            >
              <p className="field-help">
                For this sync only: they open as this bucket’s saved upload settings (what a drop gets); to change those, use Bucket settings… (the bucket’s
                menu).
              </p>
              <UploadOptionsFields
                place={{ profileId, bucket }}
                groups={groups}
                choices={choices}
                problems={problems}
                show={optionsChecked}
                onChange={(patch) => setChoices((current) => ({ ...current, ...patch }))}
              />
            </DisclosureSection>
          )}
          <details className="sync-options">
            <summary>Comparison options</summary>
            <div className="field field-check">
              <input
                id={`${id}-checksum`}
                type="checkbox"
                checked={checksum}
                aria-describedby={`${id}-checksum-help`}
                onChange={(e) => changed(setChecksum)(e.target.checked)}
              />
              <label htmlFor={`${id}-checksum`}>Compare by checksum</label>
              <p id={`${id}-checksum-help`} className="field-help">
                Reads every file on both sides (MD5; multipart objects rebuilt from the file) instead of comparing size and date. Slower, exact.
              </p>
            </div>
            <div className="field field-check">
              <input
                id={`${id}-links`}
                type="checkbox"
                checked={followSymlinks}
                aria-describedby={`${id}-links-help`}
                onChange={(e) => changed(setFollowSymlinks)(e.target.checked)}
              />
              <label htmlFor={`${id}-links`}>Follow symbolic links</label>
              <p id={`${id}-links-help`} className="field-help">
                Only links that stay inside the folder; off, links are passed over and listed.
              </p>
            </div>
            <div className="field">
              <label className="field-label" htmlFor={`${id}-exclude`}>
                Leave out (one pattern a line, as in .gitignore)
              </label>
              <textarea
                id={`${id}-exclude`}
                className="field-input"
                rows={3}
                spellCheck={false}
                placeholder={'node_modules/\n*.tmp'}
                value={exclude}
                onChange={(event) => changed(setExclude)(event.target.value)}
              />
            </div>
          </details>
          {busy === 'comparing' && (
            <p role="status" className="dialog-intro">
              Comparing {localDir.trim()} with {remote}…
            </p>
          )}
          {plan && (
            <>
              <p role="status" className="dialog-intro">
                {planInWords(plan)}
              </p>
              <SyncPreview plan={plan} />
              {plan.counts.extra > 0 && (
                <div className="field field-check">
                  <input id={`${id}-delete`} type="checkbox" checked={withDelete} onChange={(event) => setWithDelete(event.target.checked)} />
                  <label htmlFor={`${id}-delete`}>
                    Also delete the {plan.counts.extra === 1 ? '1 file' : `${plan.counts.extra} files`} only {targetWord}
                  </label>
                </div>
              )}
              <p className="rule-preview" aria-live="polite">
                {runInWords(plan, withDelete)}
              </p>
            </>
          )}
          {error && <ErrorPanel title={error.title} error={error.error} />}
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            {plan ? 'Close' : 'Cancel'}
          </button>
          <button type="submit" className={plan ? 'button' : 'button button-primary'} aria-busy={busy === 'comparing' || undefined}>
            {plan ? 'Compare again' : 'Compare'}
          </button>
          {plan && (
            <button
              type="button"
              className={withDelete ? 'button button-danger' : 'button button-primary'}
              aria-busy={busy === 'starting' || undefined}
              disabled={plan.counts.new + plan.counts.changed + (withDelete ? plan.counts.extra : 0) === 0}
              onClick={() => void synchronize()}
            >
              Synchronize
            </button>
          )}
        </div>
      </form>
    </Modal>
  );
}
