import { memo, useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useShallow } from 'zustand/react/shallow';
import { cancelTransfers, clearFinishedTransfers, pauseTransfers, resumeTransfers, retryTransfers } from '../actions/transfers';
import type { BatchSnapshot } from '../../shared/transfers';
import { batchActions, batchSummary, unlistedText, visibleTransfers, type BatchAction } from './transfer-words';
import { useTransfersStore } from '../stores/transfers';
import { showDialog } from '../stores/dialogs';
import { Icon, type IconName } from '../common/Icon';
import { TransferItem, TransferProgress } from './TransferItem';

/** Above this many rows a batch lists what needs the user first (conflicts, failures), else in arrival order. */
const SORT_ABOVE = 100;
/** A row's height before it is measured (one line of name and state, a bar, a line of detail). */
const ROW_ESTIMATE = 58;
const NONE: string[] = [];
const ICONS: Record<BatchSnapshot['direction'], IconName> = { upload: 'upload', download: 'download', import: 'importUrl' };
/** A batch that finished without a failure folds to its one-line summary this long after it ended. */
export const FOLD_AFTER_MS = 6_000;

/** The buttons acting on a whole batch, named for it ("Pause all in Uploading 3 items to photos/"). */
function BatchActions({ batch }: { batch: BatchSnapshot }) {
  const only = { batchId: batch.id };
  const button = (verb: string, run: () => void, name = `${verb} in ${batch.title}`) => (
    <button key={verb} type="button" className="button button-small" aria-label={name} onClick={run}>
      {verb}
    </button>
  );
  const actions: Record<BatchAction, () => void> = {
    'Pause all': () => void pauseTransfers(only),
    'Resume all': () => void resumeTransfers(only),
    'Retry failed': () => void retryTransfers(only),
    'Limit speed…': () => showDialog({ kind: 'speedLimit', target: { scope: 'batch', batchId: batch.id } }),
    'Cancel all': () => void cancelTransfers(only),
    'Clear finished': () => void clearFinishedTransfers(only),
    Clear: () => void clearFinishedTransfers(only),
  };
  const names: Partial<Record<BatchAction, string>> = { 'Limit speed…': `Limit the speed of ${batch.title}`, Clear: `Clear ${batch.title}` };
  return <span className="transfer-actions">{batchActions(batch).map((action) => button(action, actions[action], names[action]))}</span>;
}

/**
 * Whether a batch shows its files: a batch that finished cleanly folds to one
 * line a few seconds after it ended (failed or cancelled ones stay open, as
 * does one the user opened or closed by hand).
 */
function useFolded(batch: BatchSnapshot | undefined): [boolean, (folded: boolean) => void] {
  const [chosen, setChosen] = useState<boolean>();
  const [timedOut, setTimedOut] = useState(false);
  const clean = !!batch?.finished && batch.counts.failed + batch.counts.cancelled === 0;
  const endedAt = clean && batch?.finishedAt ? Date.parse(batch.finishedAt) : undefined;
  useEffect(() => {
    setTimedOut(false);
    if (endedAt === undefined) return;
    const timer = setTimeout(() => setTimedOut(true), Math.max(0, endedAt + FOLD_AFTER_MS - Date.now()));
    return () => clearTimeout(timer);
  }, [endedAt]);
  return [chosen ?? (clean && timedOut), setChosen];
}

/**
 * One batch (a drop, a download, an import): its title, its one-line summary
 * (what is done, failed and remaining; "Finished: …" at the end), for more
 * than one file its progress and buttons, then its transfers; folded to the
 * summary line once it finished cleanly.
 */
export const TransferBatch = memo(function TransferBatch({ id }: { id: string }) {
  const batch = useTransfersStore((state) => state.batches[id]);
  const shown = useTransfersStore(useShallow((state) => visibleTransfers(state.batchTransfers[id] ?? NONE, (t) => state.transfers[t]?.state, SORT_ABOVE)));
  const [folded, setFolded] = useFolded(batch);
  if (!batch) return null;
  const several = batch.files > 1;
  const summary = batchSummary(batch);
  const tone = !batch.finished ? 'running' : batch.counts.failed > 0 ? 'failed' : 'succeeded';
  const listId = `batch-files-${id}`;
  return (
    <li className={`transfer-batch transfer-batch-${tone}${folded ? ' is-folded' : ''}`} aria-label={batch.title}>
      <div className="transfer-batch-head">
        <button
          type="button"
          className="transfer-batch-fold"
          aria-expanded={!folded}
          aria-controls={listId}
          aria-label={`Files of ${batch.title}`}
          title={folded ? 'Show the files' : 'Hide the files'}
          onClick={() => setFolded(!folded)}
        >
          <Icon name="chevron" className="transfer-batch-chevron" />
        </button>
        <Icon name={ICONS[batch.direction]} className="transfer-batch-icon" />
        <span className="transfer-batch-title truncate" title={batch.title}>
          {batch.title}
        </span>
        <BatchActions batch={batch} />
      </div>
      {several && !folded && <TransferProgress label={batch.title} bytes={batch.bytes} total={batch.total} tone={tone} valueText={summary} />}
      {(several || batch.finished) && <p className={`transfer-detail transfer-batch-summary transfer-batch-summary-${tone}`}>{summary}</p>}
      {!folded && <TransferRows listId={listId} label={`Files of ${batch.title}`} ids={shown} />}
      {!folded && batch.letGo && <p className="transfer-more">{unlistedText(batch)}</p>}
    </li>
  );
});

/**
 * A batch's rows, virtualised (as the object table is, with @tanstack/react-virtual):
 * only those in view are in the page, so a batch holding thousands of failed
 * files scrolls as one holding ten, every one still reachable.
 */
function TransferRows({ listId, label, ids }: { listId: string; label: string; ids: readonly string[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: ids.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_ESTIMATE, overscan: 8 });
  return (
    <div ref={scrollRef} className="transfer-list-scroll">
      <ul id={listId} className="transfer-list" aria-label={label} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => (
          <TransferItem key={ids[row.index]} id={ids[row.index]} index={row.index} top={row.start} measure={virtualizer.measureElement} />
        ))}
      </ul>
    </div>
  );
}
