import type { BatchSnapshot, TransferProgressEvent, TransferSnapshot, TransferState, TransferTotals } from '../../shared/transfers';
import { unfinishedCount } from '../transfers/transfer-words';

/**
 * The transfers the panel shows, kept so a progress event touching a few of
 * 10,000 transfers makes new objects only for those few (and their batch):
 * components selecting one transfer or one batch re-render only when it changed.
 */
export interface TransferData {
  transfers: Record<string, TransferSnapshot>;
  batches: Record<string, BatchSnapshot>;
  /** Batch ids, newest first. */
  batchOrder: string[];
  /** Each batch's transfer ids, in the order they arrived. */
  batchTransfers: Record<string, string[]>;
  totals: TransferTotals;
}

/** Nothing transferred yet. */
export const emptyTransferData: TransferData = {
  transfers: {},
  batches: {},
  batchOrder: [],
  batchTransfers: {},
  totals: { active: 0, queued: 0, bytes: 0, total: 0, rate: 0 },
};

const byNewest = (batches: Record<string, BatchSnapshot>) => (a: string, b: string) => (batches[b]?.createdAt ?? '').localeCompare(batches[a]?.createdAt ?? '');

/** Merges a `transfer:progress` event: changed transfers and batches replace theirs (by id), removed ids go. */
export function mergeProgress(
  data: TransferData,
  event: Pick<TransferProgressEvent, 'transfers' | 'batches' | 'removed'> & { totals?: TransferTotals },
): TransferData {
  const transfers = { ...data.transfers };
  const batches = { ...data.batches };
  let batchOrder = data.batchOrder;
  const batchTransfers = { ...data.batchTransfers };
  const grown = new Map<string, string[]>();

  for (const batch of event.batches) {
    if (!batches[batch.id]) batchOrder = [...batchOrder, batch.id];
    batches[batch.id] = batch;
  }
  for (const transfer of event.transfers) {
    if (!transfers[transfer.id]) {
      const list = grown.get(transfer.batchId) ?? [...(batchTransfers[transfer.batchId] ?? [])];
      list.push(transfer.id);
      grown.set(transfer.batchId, list);
    }
    transfers[transfer.id] = transfer;
  }
  for (const [batchId, list] of grown) batchTransfers[batchId] = list;

  if (event.removed.length > 0) {
    const removed = new Set(event.removed);
    const touched = new Set<string>();
    for (const id of removed) {
      const transfer = transfers[id];
      if (transfer) {
        touched.add(transfer.batchId);
        delete transfers[id];
      }
      if (batches[id]) {
        delete batches[id];
        delete batchTransfers[id];
      }
    }
    for (const batchId of touched) if (batchTransfers[batchId]) batchTransfers[batchId] = batchTransfers[batchId].filter((id) => !removed.has(id));
    batchOrder = batchOrder.filter((id) => !removed.has(id));
  }
  if (batchOrder !== data.batchOrder) batchOrder = [...batchOrder].sort(byNewest(batches));
  return { transfers, batches, batchOrder, batchTransfers, totals: event.totals ?? data.totals };
}

/** Transfers not finished yet, over every batch (the panel's count badge). */
export function unfinishedTotal(batches: Record<string, BatchSnapshot>): number {
  let n = 0;
  for (const b of Object.values(batches)) n += unfinishedCount(b.counts);
  return n;
}

/** How many transfers there are in a state, over every batch. */
export function countInState(batches: Record<string, BatchSnapshot>, state: TransferState): number {
  let n = 0;
  for (const b of Object.values(batches)) n += b.counts[state];
  return n;
}

/** How many batches are held as a whole ("paused": resume brings them on). */
export function heldBatches(batches: Record<string, BatchSnapshot>, hold: NonNullable<BatchSnapshot['hold']>): number {
  let n = 0;
  for (const b of Object.values(batches)) if (b.hold === hold) n += 1;
  return n;
}

/** The first transfer waiting for an answer to "ask" (oldest batch first), skipping those put off or just answered. */
export function firstConflict(data: TransferData, ...skip: ReadonlySet<string>[]): TransferSnapshot | undefined {
  for (const batchId of [...data.batchOrder].reverse()) {
    if (!data.batches[batchId]?.counts.conflict) continue;
    for (const id of data.batchTransfers[batchId] ?? []) {
      const transfer = data.transfers[id];
      if (transfer?.state === 'conflict' && !skip.some((set) => set.has(id))) return transfer;
    }
  }
  return undefined;
}
