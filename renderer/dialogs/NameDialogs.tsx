import { useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { cancelJob } from '../actions/jobs';
import type { ErrorInfo } from '../../shared/errors';
import type { FolderEntry, ObjectEntry } from '../../shared/ipc/contract';
import { entryNameProblem } from '../../shared/s3-names';
import { baseNameLength } from './name-rules';
import { useDialogsStore } from '../stores/dialogs';
import { jobById, useJobsStore } from '../stores/jobs';
import { createFolder, renameEntry, showCreatedFolder } from '../actions/operations';
import type { PaneId } from '../stores/pane-state';
import { ErrorPanel } from '../common/ErrorPanel';
import { FailureList, JobProgressBar, progressText } from '../transfers/JobItem';
import { Modal } from './Modal';
import { TextField } from '../common/TextField';

const close = () => useDialogsStore.getState().close();

/** Props of {@link NameForm}. */
interface NameFormProps {
  title: string;
  label: string;
  fieldId: string;
  submitLabel: string;
  initial: string;
  /** How much of the initial name to select (the name without its extension). */
  selectLength?: number;
  onSubmit(name: string): Promise<ErrorInfo | undefined>;
  errorTitle: string;
}

/** A dialog asking for one name: problems show as it is typed, Enter submits, Escape cancels. */
function NameForm({ title, label, fieldId, submitLabel, initial, selectLength, onSubmit, errorTitle }: NameFormProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState(initial);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const problem = entryNameProblem(name);

  useLayoutEffect(() => {
    inputRef.current?.setSelectionRange(0, selectLength ?? initial.length);
  }, [initial, selectLength]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTouched(true);
    if (problem || busy) return;
    setBusy(true);
    setError(await onSubmit(name));
    setBusy(false);
  };

  return (
    <Modal labelledBy={`${fieldId}-title`} className="dialog-narrow" initialFocus={inputRef} onClose={close}>
      <form className="dialog-form" noValidate onSubmit={submit}>
        <h2 id={`${fieldId}-title`} className="dialog-title">
          {title}
        </h2>
        <TextField
          id={fieldId}
          label={label}
          inputRef={inputRef}
          value={name}
          autoComplete="off"
          spellCheck={false}
          error={touched || name !== initial ? problem : undefined}
          onChange={(value) => {
            setName(value);
            setTouched(true);
          }}
        />
        {error && <ErrorPanel title={errorTitle} error={error} />}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" aria-busy={busy || undefined} aria-disabled={busy || !!problem || undefined}>
            {submitLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** "New folder": a name, then the folder shows in the table, focused. */
export function NewFolderDialog({ paneId }: { paneId: PaneId }) {
  return (
    <NameForm
      title="New folder"
      label="Folder name"
      fieldId="new-folder-name"
      submitLabel="Create folder"
      initial=""
      errorTitle="Could not create the folder"
      onSubmit={async (name) => {
        const result = await createFolder(paneId, name.trim());
        if (!result.ok) return result.error;
        // Closing first gives focus back to the pane; the new row then takes it.
        close();
        showCreatedFolder(paneId, result.data);
        return undefined;
      }}
    />
  );
}

/** The rename of a folder (many objects) as it runs: "N of M objects", Cancel, and what failed. */
function RenameProgress({ jobId, name }: { jobId: string; name: string }) {
  const job = useJobsStore((state) => jobById(state, jobId));
  const running = !job || job.status === 'running';
  return (
    <Modal labelledBy="rename-progress-title" className="dialog-narrow" onClose={() => !running && close()}>
      <div className="dialog-form">
        <h2 id="rename-progress-title" className="dialog-title">
          Renaming {name}
        </h2>
        {job && <JobProgressBar job={job} />}
        <p className="dialog-text" role="status">
          {job ? (running ? progressText(job) : job.summary) : 'Starting…'}
        </p>
        {job && job.failures.length > 0 && <FailureList job={job} />}
        <div className="dialog-actions">
          {running ? (
            <button type="button" className="button" onClick={() => void cancelJob(jobId)}>
              Cancel
            </button>
          ) : (
            <button type="button" className="button button-primary" onClick={close}>
              Close
            </button>
          )}
        </div>
      </div>
    </Modal>
  );
}

/** "Rename": a new name for an object or a folder; a folder's objects are moved with progress. */
export function RenameDialog({ paneId, entry }: { paneId: PaneId; entry: FolderEntry | ObjectEntry }) {
  const [jobId, setJobId] = useState<string>();
  const finished = useJobsStore((state) => {
    const job = jobById(state, jobId);
    return job && job.status === 'succeeded';
  });
  // A rename that went through closes by itself; one with failures stays to show them.
  useLayoutEffect(() => {
    if (finished) close();
  }, [finished]);
  if (jobId) return <RenameProgress jobId={jobId} name={entry.name} />;
  return (
    <NameForm
      title={entry.kind === 'folder' ? `Rename folder ${entry.name}` : `Rename ${entry.name}`}
      label="New name"
      fieldId="rename-name"
      submitLabel="Rename"
      initial={entry.name}
      selectLength={baseNameLength(entry.name, entry.kind === 'folder')}
      errorTitle="Could not rename"
      onSubmit={async (name) => {
        const result = await renameEntry(paneId, entry, name);
        if (result.ok) setJobId(result.data.jobId);
        return result.ok ? undefined : result.error;
      }}
    />
  );
}
