import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { cancelTransfers, clearFinishedTransfers, pauseTransfers, resumeTransfers, retryTransfers } from '../actions/transfers';
import type { BatchSnapshot } from '../../shared/transfers';
import { countOf } from '../common/format';
import { batchSummary, unfinishedCount, visibleTransfers } from './transfer-words';
import { useTransfersStore } from '../stores/transfers';
import { Icon, type IconName } from '../common/Icon';
import { TransferItem, TransferProgress } from './TransferItem';

/** A batch lists at most this many transfers (those that need the user first); the rest are counted. */
const LISTED = 100;
const NONE: string[] = [];
const ICONS: Record<BatchSnapshot['direction'], IconName> = { upload: 'upload', download: 'download', import: 'link' };

/** The buttons acting on a whole batch, named for it ("Pause all in Uploading 3 items to photos/"). */
function BatchActions({ batch }: { batch: BatchSnapshot }) {
  const c = batch.counts;
  const only = { batchId: batch.id };
  const button = (verb: string, run: () => void) => (
    <button type="button" className="button button-small" aria-label={`${verb} in ${batch.title}`} onClick={run}>
      {verb}
    </button>
  );
  return (
    <span className="transfer-actions">
      {c.queued + c.running > 0 && button('Pause all', () => void pauseTransfers(only))}
      {c.paused > 0 && button('Resume all', () => void resumeTransfers(only))}
      {c.failed + c.cancelled > 0 && button('Retry failed', () => void retryTransfers(only))}
      {unfinishedCount(c) > 0 && button('Cancel all', () => void cancelTransfers(only))}
      {unfinishedCount(c) < batch.files && button('Clear finished', () => void clearFinishedTransfers(only))}
    </span>
  );
}

/**
 * One batch (a drop, a download, an import): its title, and for more than one
 * file its totals and buttons, then its transfers.
 */
export const TransferBatch = memo(function TransferBatch({ id }: { id: string }) {
  const batch = useTransfersStore((state) => state.batches[id]);
  const count = useTransfersStore((state) => state.batchTransfers[id]?.length ?? 0);
  const shown = useTransfersStore(useShallow((state) => visibleTransfers(state.batchTransfers[id] ?? NONE, (t) => state.transfers[t]?.state, LISTED)));
  if (!batch) return null;
  const several = batch.files > 1;
  const summary = batchSummary(batch);
  const tone = !batch.finished ? 'running' : batch.counts.failed > 0 ? 'failed' : 'succeeded';
  return (
    <li className="transfer-batch" aria-label={batch.title}>
      <div className="transfer-batch-head">
        <Icon name={ICONS[batch.direction]} className="transfer-batch-icon" />
        <span className="transfer-batch-title truncate" title={batch.title}>
          {batch.title}
        </span>
        {several && <BatchActions batch={batch} />}
      </div>
      {several && (
        <>
          <TransferProgress label={batch.title} bytes={batch.bytes} total={batch.total} tone={tone} valueText={summary} />
          <p className="transfer-detail">{summary}</p>
        </>
      )}
      <ul className="transfer-list" aria-label={`Files of ${batch.title}`}>
        {shown.map((transferId) => (
          <TransferItem key={transferId} id={transferId} />
        ))}
      </ul>
      {count > shown.length && <p className="transfer-more">{countOf(count - shown.length, 'more transfer')} not listed (finished or waiting).</p>}
    </li>
  );
});
