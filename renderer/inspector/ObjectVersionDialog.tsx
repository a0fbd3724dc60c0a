import { useRef } from 'react';
import { confirmVersionChange } from '../actions/inspected-object';
import type { VersionEntry } from '../../shared/versions';
import type { VersionLabel } from './object-versions-list';
import { selectPendingEntry, useObjectVersionsStore } from '../stores/object-versions';
import { Modal } from '../dialogs/Modal';

const versions = () => useObjectVersionsStore.getState();

/** What the question says for each action. */
function wording(action: 'restore' | 'delete', entry: VersionEntry, label: string) {
  if (action === 'restore') {
    return {
      title: `Restore the version from ${label}?`,
      text: 'Pail copies this version over the latest one, so it becomes the current content and headers. The versions in between stay in the list.',
      button: 'Restore version',
      danger: false,
    };
  }
  return {
    title: entry.isDeleteMarker ? `Delete the delete marker from ${label}?` : `Delete the version from ${label} for good?`,
    text: entry.isDeleteMarker
      ? 'The marker is removed permanently. If it is the latest, the version before it becomes the current object again.'
      : entry.isLatest
        ? 'This version is deleted permanently and cannot be restored. The version before it becomes the current object.'
        : 'This version is deleted permanently and cannot be restored. The other versions are kept.',
    button: 'Delete version',
    danger: true,
  };
}

/** "Restore the version from …?" or "Delete the version from … for good?": rendered while a version action waits for a yes. */
export function ObjectVersionDialog({ labels }: { labels: Map<string, VersionLabel> }) {
  const pending = useObjectVersionsStore((state) => state.pending);
  const entry = useObjectVersionsStore(selectPendingEntry);
  const busy = useObjectVersionsStore((state) => state.busy);
  const cancelRef = useRef<HTMLButtonElement>(null);
  if (!pending || !entry) return null;
  const words = wording(pending.action, entry, labels.get(entry.versionId)?.label ?? 'an unknown time');

  return (
    <Modal
      role="alertdialog"
      labelledBy="version-action-title"
      describedBy="version-action-text"
      className="dialog-narrow"
      initialFocus={cancelRef}
      onClose={() => versions().cancel()}
      fallbackFocus={() => document.getElementById('inspector-versions-title')?.closest('section')?.querySelector<HTMLElement>('button') ?? null}
    >
      <div className="dialog-form">
        <h2 id="version-action-title" className="dialog-title">
          {words.title}
        </h2>
        <p id="version-action-text" className="dialog-text">
          {words.text}
        </p>
        <div className="dialog-actions">
          <button ref={cancelRef} type="button" className="button" disabled={busy} onClick={() => versions().cancel()}>
            Cancel
          </button>
          <button
            type="button"
            className={words.danger ? 'button button-danger' : 'button button-primary'}
            aria-busy={busy}
            aria-disabled={busy}
            onClick={() => void confirmVersionChange()}
          >
            {words.button}
          </button>
        </div>
      </div>
    </Modal>
  );
}
