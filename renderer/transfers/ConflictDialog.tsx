import { useState } from 'react';
import { resolveConflict } from '../actions/transfers';
import type { ConflictDecision, TransferSnapshot } from '../../shared/transfers';
import { formatDate, formatSize } from '../common/format';
import { useDialogsStore } from '../stores/dialogs';
import { firstConflict } from '../stores/transfer-data';
import { useTransfersStore } from '../stores/transfers';
import { Modal } from '../dialogs/Modal';

const lastSegment = (path: string) =>
  path
    .replace(/[\\/]+$/, '')
    .split(/[\\/]/)
    .pop() || path;

/** What is there already, in a few words: "1.2 KiB, modified Mar 4, 2025, 2:05 PM". */
function existingText(transfer: TransferSnapshot): string {
  const existing = transfer.conflict;
  const parts = [existing?.size !== undefined ? formatSize(existing.size) : 'Size not known'];
  if (existing?.lastModified) parts.push(`modified ${formatDate(existing.lastModified)}`);
  return parts.join(', ');
}

/** The question for one transfer; its answer may hold for the rest of its batch. */
function ConflictQuestion({ transfer }: { transfer: TransferSnapshot }) {
  const batchFiles = useTransfersStore((state) => state.batches[transfer.batchId]?.files ?? 1);
  const [forBatch, setForBatch] = useState(false);
  const name = lastSegment(transfer.conflict?.target ?? transfer.key);
  const where = transfer.direction === 'download' ? 'This folder' : `${transfer.bucket}/${transfer.key.slice(0, transfer.key.lastIndexOf('/') + 1)}`;
  const answer = (decision: ConflictDecision) => void resolveConflict(transfer.id, decision, forBatch);
  const incoming = transfer.direction === 'import' ? 'Importing' : transfer.direction === 'download' ? 'Downloading' : 'Uploading';

  return (
    <Modal
      role="alertdialog"
      labelledBy="conflict-title"
      describedBy="conflict-text"
      className="dialog-narrow"
      onClose={() => useTransfersStore.getState().defer(transfer.id)}
    >
      <div className="dialog-form">
        <h2 id="conflict-title" className="dialog-title">
          “{name}” already exists
        </h2>
        <p id="conflict-text" className="dialog-text">
          {where} already has {transfer.direction === 'download' ? 'a file' : 'an object'} with this name. Replace it, leave it and skip this one, or keep both
          (the new one gets a number).
        </p>
        <dl className="conflict-facts">
          <dt>There now</dt>
          <dd>{existingText(transfer)}</dd>
          <dt>{incoming}</dt>
          <dd>
            {transfer.total !== undefined ? formatSize(transfer.total) : 'Size not known'}
            {transfer.sourceUrl ? ` from ${transfer.sourceUrl}` : ''}
          </dd>
        </dl>
        {batchFiles > 1 && (
          <div className="field-check">
            <input id="conflict-for-batch" type="checkbox" checked={forBatch} onChange={(event) => setForBatch(event.target.checked)} />
            <label htmlFor="conflict-for-batch">Do the same for the rest of this batch</label>
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => answer('skip')}>
            Skip
          </button>
          <button
            type="button"
            className="button"
            title={`Keep the existing one; the new one gets a number, like “${numbered(name)}”`}
            onClick={() => answer('rename')}
          >
            Keep both
          </button>
          <button type="button" className="button button-primary" onClick={() => answer('overwrite')}>
            Overwrite
          </button>
        </div>
      </div>
    </Modal>
  );
}

/** "report (1).txt" for "report.txt": how a kept-both name reads. */
export function numbered(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)} (1)${name.slice(dot)}` : `${name} (1)`;
}

/**
 * Asks what to do about a name that exists, for transfers of batches whose
 * policy is "ask", one at a time (after any other dialog of the main area).
 * Escape puts the question off: the transfer panel offers it again.
 */
export function ConflictDialog() {
  const conflict = useTransfersStore((state) => firstConflict(state, state.deferred, state.answered));
  const otherDialog = useDialogsStore((state) => !!state.dialog);
  if (!conflict || otherDialog) return null;
  return <ConflictQuestion key={conflict.id} transfer={conflict} />;
}
