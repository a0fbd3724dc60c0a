import { useState, type FormEvent, type ReactNode } from 'react';
import type { ErrorInfo, Result } from '../../shared/errors';
import type { BatchStarted } from '../../shared/transfers';
import { describeCounts } from '../browser/clipboard-plan';
import { useDialogsStore } from '../stores/dialogs';
import type { PaneId } from '../stores/pane-state';
import { useProfilesStore } from '../stores/profiles';
import { importFromUrl, startDownload } from '../actions/transfer-start';
import { useTransfersStore } from '../stores/transfers';
import { ErrorPanel } from '../common/ErrorPanel';
import { Modal } from '../dialogs/Modal';
import { paneOf } from '../browser/pane-context';
import { TextField } from '../common/TextField';

const close = () => useDialogsStore.getState().close();

/** A dialog that starts a batch: a form, the error the start returned, Cancel and the action. */
function StartForm(props: {
  id: string;
  title: string;
  submitLabel: string;
  errorTitle: string;
  error?: ErrorInfo;
  busy: boolean;
  onSubmit(): void;
  children: ReactNode;
}) {
  const { id, title, submitLabel, errorTitle, error, busy, onSubmit, children } = props;
  return (
    <Modal labelledBy={`${id}-title`} className="dialog-narrow" onClose={close}>
      <form
        className="dialog-form"
        noValidate
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          if (!busy) onSubmit();
        }}
      >
        <h2 id={`${id}-title`} className="dialog-title">
          {title}
        </h2>
        {children}
        {error && <ErrorPanel title={errorTitle} error={error} />}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" aria-busy={busy || undefined}>
            {submitLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** Runs a start; the dialog closes when the batch started (the transfer panel shows it), or shows why not. */
function useStart() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const run = async (start: () => Promise<Result<BatchStarted>>) => {
    setBusy(true);
    const result = await start();
    setBusy(false);
    if (result.ok) close();
    else setError(result.error);
  };
  return { busy, error, setError, run };
}

/** Checks the URL the way the main process will, so the obvious mistakes show as they are typed. */
export function urlProblem(url: string): string | undefined {
  const value = url.trim();
  if (!value) return 'Enter the URL of a file.';
  if (!/^https?:\/\/[^/]/i.test(value) || !URL.canParse(value)) return 'Enter an http:// or https:// URL.';
  return undefined;
}

/** "Import from URL…": a URL (and optionally a name), streamed by the main process into the pane's folder. */
export function ImportUrlDialog({ paneId }: { paneId: PaneId }) {
  const { bucket, prefix } = paneOf(paneId);
  const [url, setUrl] = useState('');
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const start = useStart();
  const problem = urlProblem(url);
  const nameProblem = name.includes('/') ? 'A name cannot contain "/".' : undefined;
  return (
    <StartForm
      id="import-url"
      title="Import from URL"
      submitLabel="Import"
      errorTitle="Could not start the import"
      error={start.error}
      busy={start.busy}
      onSubmit={() => {
        setTouched(true);
        if (problem || nameProblem) return;
        void start.run(() => importFromUrl(paneId, url.trim(), name.trim() || undefined));
      }}
    >
      <p className="dialog-text">
        Pail downloads the file and stores it in <strong>{`${bucket}/${prefix}`}</strong>, with the Content-Type the server sends.
      </p>
      <TextField
        id="import-url-field"
        label="URL"
        type="url"
        value={url}
        autoComplete="off"
        spellCheck={false}
        placeholder="https://example.com/file.zip"
        error={touched ? problem : undefined}
        onChange={setUrl}
      />
      <TextField
        id="import-url-name"
        label="Name (optional)"
        value={name}
        autoComplete="off"
        spellCheck={false}
        help="By default, the name the server gives, or the last part of the URL."
        error={nameProblem}
        onChange={setName}
      />
    </StartForm>
  );
}

// Downloads cannot ask: "ask" keeps both files there.
const EXISTING_FILES = {
  overwrite: 'Files that exist already are replaced.',
  skip: 'Files that exist already are left as they are.',
  rename: 'A file that exists already is kept; the new one gets a number (“name (1).ext”).',
  ask: 'A file that exists already is kept; the new one gets a number (“name (1).ext”).',
} as const;

/** Web mode: several objects or folders go to a folder on the machine Pail runs on, typed here. */
export function DownloadToDialog({ paneId, keys, prefixes }: { paneId: PaneId; keys: string[]; prefixes: string[] }) {
  const pane = paneOf(paneId);
  const downloadsDir = useProfilesStore((state) => state.appInfo?.downloadsDir ?? '');
  const [folder, setFolder] = useState(downloadsDir);
  const [touched, setTouched] = useState(false);
  const policy = useTransfersStore((state) => state.policy);
  const start = useStart();
  const problem = folder.trim() ? undefined : 'Enter a folder.';
  const what = describeCounts(keys.length, prefixes.length);
  return (
    <StartForm
      id="download-to"
      title={`Download ${what}`}
      submitLabel="Download"
      errorTitle="Could not start the download"
      error={start.error}
      busy={start.busy}
      onSubmit={() => {
        setTouched(true);
        if (problem || !pane.profileId || !pane.bucket) return;
        const from = { profileId: pane.profileId, bucket: pane.bucket };
        void start.run(() => startDownload(from, keys, prefixes, folder.trim()));
      }}
    >
      <p className="dialog-text">Folders keep their structure. {EXISTING_FILES[policy]}</p>
      <TextField
        id="download-to-folder"
        label="Folder on this machine"
        value={folder}
        autoComplete="off"
        spellCheck={false}
        help="A folder on the computer Pail runs on (the server, when you reach Pail over SSH). It is created if missing."
        error={touched ? problem : undefined}
        onChange={setFolder}
      />
    </StartForm>
  );
}
