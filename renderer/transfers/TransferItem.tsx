import { memo } from 'react';
import { cancelTransfers, pauseTransfers, resumeTransfers, retryTransfers } from '../actions/transfers';
import type { TransferSelection, TransferSnapshot, TransferState } from '../../shared/transfers';
import { describeError } from '../common/error-words';
import { percentOf, stateWord, transferDetail } from './transfer-words';
import { useTransfersStore } from '../stores/transfers';
import { showDialog } from '../stores/dialogs';
import { visibleText } from '../../shared/visible-text';

/** Props of {@link TransferProgress}. */
export interface TransferProgressProps {
  label: string;
  bytes: number;
  total?: number;
  /** Colours the bar: moving, done, failed, or stopped (cancelled, skipped). */
  tone: 'running' | 'succeeded' | 'failed' | 'cancelled';
  valueText: string;
}

/** A byte progress bar: determinate once the size is known. */
export function TransferProgress({ label, bytes, total, tone, valueText }: TransferProgressProps) {
  // Only a moving transfer of unknown size is indeterminate; a stopped one shows a full bar in its colour.
  const percent = tone === 'succeeded' ? 100 : (percentOf(bytes, total) ?? (tone === 'running' ? undefined : 100));
  return (
    <div
      className={percent === undefined ? 'progress progress-indeterminate' : 'progress'}
      role="progressbar"
      aria-label={label}
      aria-valuemin={percent === undefined ? undefined : 0}
      aria-valuemax={percent === undefined ? undefined : 100}
      aria-valuenow={percent === undefined ? undefined : Math.round(percent)}
      aria-valuetext={valueText}
    >
      <span className={`progress-fill progress-${tone}`} style={percent === undefined ? undefined : { width: `${percent}%` }} />
    </div>
  );
}

/** The bar colour for a state. */
export function toneOf(state: TransferState): TransferProgressProps['tone'] {
  if (state === 'done') return 'succeeded';
  if (state === 'failed') return 'failed';
  if (state === 'cancelled' || state === 'skipped') return 'cancelled';
  return 'running';
}

/** A small button whose accessible name says what it acts on ("Pause big.iso"), or says it all (`label`). */
function ItemButton({ verb, name, label, onClick }: { verb: string; name: string; label?: string; onClick(): void }) {
  return (
    <button type="button" className="button button-small" aria-label={label ?? `${verb} ${name}`} onClick={onClick}>
      {verb}
    </button>
  );
}

/** What can be done to a transfer in its state. */
function ItemActions({ transfer, deferred }: { transfer: TransferSnapshot; deferred: boolean }) {
  const only: TransferSelection = { ids: [transfer.id] };
  const { state } = transfer;
  const name = visibleText(transfer.name);
  return (
    <span className="transfer-actions">
      {state === 'conflict' && deferred && <ItemButton verb="Answer…" name={name} onClick={() => useTransfersStore.getState().undefer(transfer.id)} />}
      {(state === 'queued' || state === 'running') && <ItemButton verb="Pause" name={name} onClick={() => void pauseTransfers(only)} />}
      {state === 'paused' && <ItemButton verb="Resume" name={name} onClick={() => void resumeTransfers(only)} />}
      {(state === 'queued' || state === 'running' || state === 'paused') && (
        <ItemButton
          verb="Limit…"
          name={name}
          label={`Limit the speed of ${name}`}
          onClick={() => showDialog({ kind: 'speedLimit', target: { scope: 'transfer', transferId: transfer.id } })}
        />
      )}
      {(state === 'failed' || state === 'cancelled') && <ItemButton verb="Retry" name={name} onClick={() => void retryTransfers(only)} />}
      {(state === 'queued' || state === 'running' || state === 'paused' || state === 'conflict' || state === 'verifying') && (
        <ItemButton verb="Cancel" name={name} onClick={() => void cancelTransfers(only)} />
      )}
    </span>
  );
}

/** Where a row of a virtualised list sits, and how the list measures it. */
interface RowPlace {
  index: number;
  top: number;
  measure: (element: HTMLElement | null) => void;
}

/** One transfer: its name, state, progress (bytes, rate, time left), what went wrong and what to do, and its buttons. */
export const TransferItem = memo(function TransferItem({ id, index, top, measure }: { id: string } & RowPlace) {
  const transfer = useTransfersStore((state) => state.transfers[id]);
  const deferred = useTransfersStore((state) => state.deferred.has(id));
  if (!transfer) return null;
  const words = transfer.error && describeError(transfer.error);
  const detail = transferDetail(transfer);
  return (
    <li
      ref={measure}
      data-index={index}
      className={`transfer transfer-is-${transfer.state}`}
      aria-label={visibleText(transfer.name)}
      style={{ transform: `translateY(${top}px)` }}
    >
      <div className="transfer-head">
        <span className="transfer-name truncate" title={transfer.localPath ?? transfer.sourceUrl ?? transfer.key}>
          {visibleText(transfer.name)}
        </span>
        <span className={`transfer-state transfer-state-${transfer.state}`}>{stateWord(transfer)}</span>
        <ItemActions transfer={transfer} deferred={deferred} />
      </div>
      <TransferProgress label={transfer.name} bytes={transfer.bytes} total={transfer.total} tone={toneOf(transfer.state)} valueText={detail} />
      <p className="transfer-detail">{detail}</p>
      {words && (
        <div className="transfer-error">
          <p>
            <strong className="error-code">{words.code}</strong> — {words.message}
          </p>
          {words.hint && <p className="transfer-hint">{words.hint}</p>}
        </div>
      )}
      {transfer.note && <p className="transfer-note">{transfer.note}</p>}
    </li>
  );
});
