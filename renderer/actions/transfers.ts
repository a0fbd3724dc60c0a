import type { Result } from '../../shared/errors';
import type { BandwidthLimits, RateLimit, SetBandwidthRequest } from '../../shared/bandwidth';
import type { BatchSnapshot, ConflictDecision, TransferActionResult, TransferSelection } from '../../shared/transfers';
import { api } from '../api';
import { useTransfersStore } from '../stores/transfers';
import { bodyWanted, setBodySender } from '../transfers/upload-bodies';
import { refreshBucket } from './navigation';

/**
 * What the transfer panel asks of the engine (pause, resume, cancel, retry,
 * clear, answers to "the name exists"), and following the engine's events.
 * A request the engine refuses shows above the panel.
 */

const ACTION_TITLES = {
  pause: 'Could not pause',
  resume: 'Could not resume',
  cancel: 'Could not cancel',
  retry: 'Could not retry',
  clearFinished: 'Could not clear the finished transfers',
} as const;

const store = () => useTransfersStore.getState();

async function act(verb: keyof typeof ACTION_TITLES, call: () => Promise<Result<TransferActionResult>>): Promise<void> {
  const result = await call();
  store().setActionError(result.ok ? undefined : { title: ACTION_TITLES[verb], error: result.error });
}

/** Pauses the selected transfers (`{}`: all). */
export const pauseTransfers = (selection: TransferSelection) => act('pause', () => api.transfers.pause(selection));
/** Resumes the selected transfers (`{}`: all). */
export const resumeTransfers = (selection: TransferSelection) => act('resume', () => api.transfers.resume(selection));
/** Cancels the selected transfers (`{}`: all). */
export const cancelTransfers = (selection: TransferSelection) => act('cancel', () => api.transfers.cancel(selection));
/** Retries the selected transfers that failed or were cancelled (`{}`: all). */
export const retryTransfers = (selection: TransferSelection) => act('retry', () => api.transfers.retry(selection));
/** Drops finished transfers from the panel (`{}`: all). */
export const clearFinishedTransfers = (selection: TransferSelection = {}) => act('clearFinished', () => api.transfers.clearFinished(selection));

/** Sets the speed limits of all uploads and of all downloads (either or both; null: none); the app keeps them. */
export async function setSpeedLimits(request: SetBandwidthRequest): Promise<Result<BandwidthLimits>> {
  const result = await api.transfers.setBandwidth(request);
  if (result.ok) store().setBandwidth(result.data);
  return result;
}

/** Gives a batch, or one transfer, a speed limit of its own (null takes it away). */
export function setOwnSpeedLimit(selection: TransferSelection, limit: RateLimit): Promise<Result<TransferActionResult>> {
  return api.transfers.setLimit({ selection, limit });
}

/** Answers "ask" for one transfer, or for the rest of its batch too. */
export async function resolveConflict(transferId: string, decision: ConflictDecision, applyToBatch: boolean): Promise<void> {
  const state = store();
  const batchId = state.transfers[transferId]?.batchId;
  const ids = applyToBatch && batchId ? (state.batchTransfers[batchId] ?? []).filter((id) => state.transfers[id]?.state === 'conflict') : [transferId];
  state.undefer(transferId);
  // Hidden at once, so the dialog moves on without waiting for the engine's next event.
  state.markAnswered(ids);
  const result = await api.transfers.resolveConflict({ transferId, decision, applyToBatch });
  if (result.ok) store().setActionError(undefined);
  else {
    store().unmarkAnswered(ids);
    store().setActionError({ title: 'Could not answer the question about the existing name', error: result.error });
  }
}

/** Fetches everything the engine holds (when the window opens). */
export async function loadTransfers(): Promise<void> {
  const result = await api.transfers.list({});
  if (result.ok) store().listed(result.data);
}

function batchFinished(batch: BatchSnapshot): void {
  store().batchFinished(batch);
  // New objects arrived: panes showing that bucket's objects list again.
  if (batch.direction !== 'download') refreshBucket(batch.profileId, batch.bucket, true);
}

/**
 * Follows the engine's events (progress, finished batches, and in the web
 * transport the requests for upload bodies) and loads what it already holds.
 * Returns the function that stops.
 */
export function startTransferEvents(): () => void {
  setBodySender(api.sendBody ? (wanted, body) => api.sendBody!(wanted, body) : undefined);
  const stops = [
    api.on('transfer:progress', (event) => store().progress(event)),
    api.on('transfer:batchFinished', (batch) => batchFinished(batch)),
    api.on('transfer:bodyWanted', (wanted) => bodyWanted(wanted)),
  ];
  void loadTransfers();
  return () => {
    stops.forEach((stop) => stop());
    setBodySender(undefined);
  };
}
