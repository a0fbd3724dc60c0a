import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ImportSource } from '../../shared/profile-import';
import { applyImport, chooseImportSource, closeImport, loadImportPreview } from '../actions/import';
import { importButtonLabel, importItems, importNameErrors } from './import-plan';
import { selectImportError, selectImportPreview, selectImportResult, selectImportStatus, useImportStore } from '../stores/import';
import { useProfilesStore } from '../stores/profiles';
import { selectProfiles } from '../stores/selectors';
import { countOf } from '../common/format';
import { ErrorPanel } from '../common/ErrorPanel';
import { ImportCandidateItem } from './ImportCandidateItem';
import { Modal } from '../dialogs/Modal';
import { TextField } from '../common/TextField';

const SOURCES: { value: ImportSource; label: string; pathHelp: string }[] = [
  { value: 'aws', label: 'AWS CLI (~/.aws)', pathHelp: 'The folder holding credentials and config. Empty: ~/.aws.' },
  { value: 'rclone', label: 'rclone (rclone.conf)', pathHelp: 'The rclone.conf file. Empty: rclone’s own location.' },
];

const store = () => useImportStore.getState();

function ImportPreviewList() {
  const { preview, choices, attempted } = useImportStore(useShallow((s) => ({ preview: selectImportPreview(s), choices: s.choices, attempted: s.attempted })));
  const names = useProfilesStore(useShallow((state) => selectProfiles(state).map((p) => p.name)));
  if (!preview) return null;
  const errors = importNameErrors(preview, choices, names);
  const count = importItems(preview, choices).length;
  return (
    <section className="import-preview" aria-labelledby="import-preview-title">
      <h3 id="import-preview-title" className="section-title">
        Found {countOf(preview.candidates.length, 'profile')}
      </h3>
      {preview.files.length > 0 && <p className="field-help">Read {preview.files.join(', ')}. Nothing is saved until you import.</p>}
      {preview.candidates.length > 0 && (
        <ul className="import-list">
          {preview.candidates.map((candidate, index) => (
            <ImportCandidateItem key={candidate.key} candidate={candidate} index={index} nameError={errors[candidate.key]} />
          ))}
        </ul>
      )}
      {attempted && count === 0 && <p className="field-error">Choose at least one profile to import.</p>}
    </section>
  );
}

/** The dialog's buttons: Cancel (Close once done) and, with a preview, "Import N profiles". */
function ImportActions() {
  const { preview, choices, status } = useImportStore(
    useShallow((s) => ({ preview: selectImportPreview(s), choices: s.choices, status: selectImportStatus(s) })),
  );
  const done = status === 'done';
  const count = preview && !done ? importItems(preview, choices).length : 0;
  return (
    <div className="dialog-actions">
      <button type="button" className="button" onClick={closeImport}>
        {done ? 'Close' : 'Cancel'}
      </button>
      {preview && !done && (
        <button type="button" className="button button-primary" disabled={count === 0} aria-busy={status === 'applying'} onClick={() => void applyImport()}>
          {importButtonLabel(count)}
        </button>
      )}
    </div>
  );
}

function ImportOutcome() {
  const result = useImportStore(selectImportResult);
  if (!result) return null;
  return (
    <section className="import-result" aria-labelledby="import-result-title">
      <div role="status">
        <h3 id="import-result-title" className="section-title">
          Imported {countOf(result.created.length, 'profile')}
        </h3>
      </div>
      {result.created.length > 0 && (
        <ul>
          {result.created.map((profile) => (
            <li key={profile.id}>Created “{profile.name}”</li>
          ))}
        </ul>
      )}
      {result.skipped.length > 0 && (
        <>
          <p className="import-list-title">Skipped:</p>
          <ul>
            {result.skipped.map((skip) => (
              <li key={skip.key}>
                [{skip.key}]: {skip.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ImportForm() {
  const { source, path, status, error } = useImportStore(
    useShallow((s) => ({ source: s.source, path: s.path, status: selectImportStatus(s), error: selectImportError(s) })),
  );
  const firstRadio = useRef<HTMLInputElement>(null);
  const sourceInfo = SOURCES.find((s) => s.value === source)!;
  const done = status === 'done';

  return (
    <Modal labelledBy="import-title" className="dialog-wide" onClose={closeImport} initialFocus={firstRadio}>
      <div className="dialog-form">
        <h2 id="import-title" className="dialog-title">
          Import profiles
        </h2>
        <div className="dialog-body">
          <p className="dialog-intro">Bring in the S3 profiles another tool already has; secrets go to Pail’s secret store.</p>
          <form
            className="import-source"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void loadImportPreview();
            }}
          >
            <fieldset className="field-group">
              <legend className="field-label">Source</legend>
              <div className="radio-list radio-list-inline">
                {SOURCES.map((s, index) => (
                  <div key={s.value} className="radio-option">
                    <input
                      ref={index === 0 ? firstRadio : undefined}
                      id={`import-source-${s.value}`}
                      type="radio"
                      name="import-source"
                      checked={source === s.value}
                      onChange={() => chooseImportSource(s.value)}
                    />
                    <label htmlFor={`import-source-${s.value}`}>{s.label}</label>
                  </div>
                ))}
              </div>
            </fieldset>
            <TextField
              id="import-path"
              label="Path"
              value={path}
              help={sourceInfo.pathHelp}
              autoComplete="off"
              spellCheck={false}
              onChange={(value) => store().setPath(value)}
            />
            <div>
              <button type="submit" className="button" disabled={status === 'previewing'} aria-busy={status === 'previewing'}>
                {status === 'previewing' ? 'Reading…' : 'Preview'}
              </button>
            </div>
          </form>
          {error && <ErrorPanel title={done ? 'Could not import' : 'Could not read the profiles'} error={error} />}
          {done ? <ImportOutcome /> : <ImportPreviewList />}
        </div>
        <ImportActions />
      </div>
    </Modal>
  );
}

/** "Import profiles": from the AWS CLI's files or rclone.conf, previewed before anything is saved. */
export function ImportDialog() {
  const isOpen = useImportStore((state) => state.isOpen);
  return isOpen ? <ImportForm /> : null;
}
