import { clearFinishedTransfers, pauseTransfers, resumeTransfers } from '../actions/transfers';
import { CONFLICT_POLICIES, type ConflictPolicy } from '../../shared/transfers';
import { formatCount } from '../common/format';
import { bytesText, totalsSummary } from './transfer-words';
import { countInState, heldBatches, unfinishedTotal } from '../stores/transfer-data';
import { useTransfersStore } from '../stores/transfers';
import { showDialog } from '../stores/dialogs';
import { limitsText } from '../../shared/bandwidth';
import { ErrorPanel } from '../common/ErrorPanel';
import { Icon } from '../common/Icon';
import { InlineSelect } from '../common/InlineSelect';
import { ThroughputGraph } from './ThroughputGraph';
import { TransferBatch } from './TransferBatch';
import { TransferProgress } from './TransferItem';

const POLICY_LABELS: Record<ConflictPolicy, string> = { ask: 'Ask me', overwrite: 'Overwrite', skip: 'Skip', rename: 'Keep both' };

/** What new uploads and imports do when a name exists (downloads keep both when it says "Ask me"). */
function PolicySelect() {
  const policy = useTransfersStore((state) => state.policy);
  return (
    <InlineSelect
      className="transfer-policy"
      label="If a name exists"
      value={policy}
      choices={CONFLICT_POLICIES}
      labels={POLICY_LABELS}
      onChange={(value) => useTransfersStore.getState().setPolicy(value)}
    />
  );
}

/** The speed limits of all uploads and all downloads, in words, and the button that changes them. */
function SpeedLimits() {
  const words = useTransfersStore((state) => limitsText(state.bandwidth));
  const problem = useTransfersStore((state) => state.bandwidthProblem !== undefined);
  return (
    <span className="transfer-speed-limits">
      <button type="button" className="button button-small" onClick={() => showDialog({ kind: 'speedLimit', target: { scope: 'all' } })}>
        Speed limits…
      </button>
      <span className={problem ? 'transfer-speed-words field-warning' : 'transfer-speed-words'}>
        {problem ? `${words} (the saved limits could not be read)` : words}
      </span>
    </span>
  );
}

/** The panel's header buttons: for every transfer at once. */
function PanelActions({ finished }: { finished: number }) {
  const moving = useTransfersStore((state) => state.totals.active + state.totals.queued);
  const paused = useTransfersStore((state) => countInState(state.batches, 'paused') + heldBatches(state.batches, 'paused'));
  return (
    <span className="transfer-actions">
      {moving > 0 && (
        <button type="button" className="button button-small" aria-label="Pause all transfers" onClick={() => void pauseTransfers({})}>
          Pause all
        </button>
      )}
      {paused > 0 && (
        <button type="button" className="button button-small" aria-label="Resume all transfers" onClick={() => void resumeTransfers({})}>
          Resume all
        </button>
      )}
      {finished > 0 && (
        <button
          type="button"
          className="button button-small"
          title="Take finished and failed transfers off the list"
          onClick={() => void clearFinishedTransfers({})}
        >
          Clear finished
        </button>
      )}
    </span>
  );
}

/** Overall progress of the batches still moving (none once all finished: each batch says how it ended), and the throughput graph. */
function Overview({ unfinished }: { unfinished: number }) {
  const totals = useTransfersStore((state) => state.totals);
  return (
    <>
      <div className="transfers-overall">
        {unfinished > 0 && (
          <TransferProgress label="All transfers" bytes={totals.bytes} total={totals.total} tone="running" valueText={bytesText(totals.bytes, totals.total)} />
        )}
      </div>
      <ThroughputGraph />
    </>
  );
}

/**
 * The Transfers panel at the bottom of the main area, beside Activity:
 * uploads, downloads and imports by batch, each file with its bytes, rate and
 * time left, and pause, resume, cancel, retry and clear. A badge counts what
 * is still to move; it opens by itself when a batch starts.
 */
export function TransferPanel() {
  const open = useTransfersStore((state) => state.panelOpen);
  const batchOrder = useTransfersStore((state) => state.batchOrder);
  const unfinished = useTransfersStore((state) => unfinishedTotal(state.batches));
  const all = useTransfersStore((state) => Object.values(state.batches).reduce((sum, b) => sum + b.files, 0));
  const summary = useTransfersStore((state) => totalsSummary(state.totals, Object.values(state.batches)));
  const actionError = useTransfersStore((state) => state.actionError);
  return (
    <section className={open ? 'activity transfers is-open' : 'activity transfers'} aria-labelledby="transfers-heading">
      <div className="activity-header">
        <h2 id="transfers-heading" className="activity-heading">
          <button
            type="button"
            className="activity-toggle"
            aria-expanded={open}
            aria-controls="transfers-body"
            onClick={() => useTransfersStore.getState().setPanelOpen(!open)}
          >
            <Icon name="chevron" className="activity-chevron" />
            Transfers
            {unfinished > 0 && (
              <span className="count-badge" aria-hidden="true">
                {formatCount(unfinished)}
              </span>
            )}
          </button>
        </h2>
        <span className="activity-summary truncate">{summary}</span>
        {open && <PanelActions finished={all - unfinished} />}
      </div>
      <div id="transfers-body" className="activity-body transfers-body" hidden={!open}>
        {actionError && (
          <div className="transfers-error">
            <ErrorPanel title={actionError.title} error={actionError.error} />
            <button type="button" className="link-button link-button-small" onClick={() => useTransfersStore.getState().dismissActionError()}>
              Dismiss
            </button>
          </div>
        )}
        <div className="transfers-overview">
          <PolicySelect />
          <SpeedLimits />
          {batchOrder.length > 0 && <Overview unfinished={unfinished} />}
        </div>
        {batchOrder.length === 0 ? (
          <p className="activity-empty">
            Drop files or folders onto a folder (or use Upload) to upload them; Download and Import from URL show their progress here too.
          </p>
        ) : (
          <ul className="transfer-batches" aria-label="Transfer batches">
            {batchOrder.map((id) => (
              <TransferBatch key={id} id={id} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
