import { useRef } from 'react';
import { describeError } from '../common/error-words';
import { SHORTCUT_GROUPS } from '../browser/shortcuts';
import { useDialogsStore } from '../stores/dialogs';
import { jobById, useJobsStore } from '../stores/jobs';
import { CloseActions } from './CloseActions';
import { FailureList } from '../transfers/JobItem';
import { Modal } from './Modal';

const close = () => useDialogsStore.getState().close();

/** A job that ended with failures: its summary and each key that failed, with why. Nothing else was touched. */
export function JobFailuresDialog({ jobId }: { jobId: string }) {
  const job = useJobsStore((state) => jobById(state, jobId));
  const closeRef = useRef<HTMLButtonElement>(null);
  if (!job) return null;
  const error = job.error && describeError(job.error);
  return (
    <Modal labelledBy="job-failures-title" describedBy="job-failures-summary" className="dialog-wide" initialFocus={closeRef} onClose={close}>
      <div className="dialog-form">
        <h2 id="job-failures-title" className="dialog-title">
          {job.status === 'failed' ? 'Failed: ' : 'Some items failed: '}
          {job.title}
        </h2>
        <div className="dialog-body">
          <p id="job-failures-summary" className="dialog-text">
            {job.summary}
            {job.failures.length > 0 && ' The items below were left as they were; everything else went through.'}
          </p>
          {error && error.hint && <p className="dialog-text">{error.hint}</p>}
          {job.failures.length > 0 && <FailureList job={job} />}
        </div>
        <CloseActions onClose={close} primary buttonRef={closeRef} />
      </div>
    </Modal>
  );
}

/** "Keyboard shortcuts": every shortcut, grouped (the "?" key or the keyboard button opens it). */
export function ShortcutsDialog() {
  const closeRef = useRef<HTMLButtonElement>(null);
  return (
    <Modal labelledBy="shortcuts-title" className="dialog-wide" initialFocus={closeRef} onClose={close}>
      <div className="dialog-form">
        <h2 id="shortcuts-title" className="dialog-title">
          Keyboard shortcuts
        </h2>
        <div className="dialog-body shortcut-groups">
          {SHORTCUT_GROUPS.map((group) => (
            <table key={group.title} className="shortcut-table">
              <caption>{group.title}</caption>
              <tbody>
                {group.shortcuts.map((shortcut) => (
                  <tr key={shortcut.does}>
                    <th scope="row">{shortcut.does}</th>
                    <td>
                      {shortcut.keys.map((key, index) => (
                        <span key={key}>
                          {index > 0 && <span className="shortcut-or"> or </span>}
                          {key.startsWith('Click') ? <span>{key}</span> : <kbd>{key}</kbd>}
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
          <p className="field-help">On macOS, Ctrl means ⌘.</p>
        </div>
        <CloseActions onClose={close} primary buttonRef={closeRef} />
      </div>
    </Modal>
  );
}
