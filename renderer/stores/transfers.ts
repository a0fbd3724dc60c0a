import { create } from 'zustand';
import type { ErrorInfo, Result } from '../../shared/errors';
import type { BatchSnapshot, ConflictDecision, ConflictPolicy, TransferActionResult, TransferProgressEvent, TransferSelection } from '../../shared/transfers';
import { api } from '../api';
import { addSample, type RateSample } from '../transfer-words';
import { bodyWanted, forgetBatches, setBodySender } from '../upload-bodies';
import { paneStores } from './browser';
import { emptyTransferData, mergeProgress, type TransferData } from './transfer-data';

/** Uploads, downloads and imports as the transfer panel shows them, and what the user chose for them. */
export interface TransfersState extends TransferData {
  panelOpen: boolean;
  /** What a new upload or import does when the key exists ("ask" shows the conflict dialog). */
  policy: ConflictPolicy;
  /** The overall rate over the last minute, for the graph. */
  samples: RateSample[];
  /** Conflicts the user put off (Escape): the panel offers them again. */
  deferred: ReadonlySet<string>;
  /** Conflicts answered, until the engine's next event shows them moving again. */
  answered: ReadonlySet<string>;
  /** A panel action that failed (pause, resume, …). */
  actionError?: { title: string; error: ErrorInfo };
}

/** What the transfers store can do; every action works outside React. */
export interface TransfersActions {
  /** Fetches everything the engine holds (when the window opens). */
  load(): Promise<void>;
  progress(event: TransferProgressEvent): void;
  batchFinished(batch: BatchSnapshot): void;
  /** A batch this window started: opens the panel. */
  batchStarted(): void;
  setPanelOpen(open: boolean): void;
  setPolicy(policy: ConflictPolicy): void;
  pause(selection: TransferSelection): Promise<void>;
  resume(selection: TransferSelection): Promise<void>;
  cancel(selection: TransferSelection): Promise<void>;
  retry(selection: TransferSelection): Promise<void>;
  clearFinished(selection?: TransferSelection): Promise<void>;
  /** Answers "ask" for one transfer, or for the rest of its batch too. */
  resolveConflict(transferId: string, decision: ConflictDecision, applyToBatch: boolean): Promise<void>;
  /** Puts a conflict off (the dialog closes); `undefer` brings it back. */
  defer(transferId: string): void;
  undefer(transferId: string): void;
  dismissActionError(): void;
}

const initialState: TransfersState = {
  ...emptyTransferData,
  panelOpen: false,
  policy: 'ask',
  samples: [],
  deferred: new Set(),
  answered: new Set(),
  actionError: undefined,
};

const ACTION_TITLES = {
  pause: 'Could not pause',
  resume: 'Could not resume',
  cancel: 'Could not cancel',
  retry: 'Could not retry',
  clearFinished: 'Could not clear the finished transfers',
} as const;

/** Lists again every pane that shows a folder of this bucket (new objects arrived). */
function refreshBucket(profileId: string, bucket: string): void {
  for (const store of Object.values(paneStores)) {
    const pane = store.getState();
    if (pane.profileId === profileId && pane.bucket === bucket && !pane.versionsMode) pane.refresh();
  }
}

/** The transfers store. */
export const useTransfersStore = create<TransfersState & TransfersActions>()((set, get) => {
  const act = async (verb: keyof typeof ACTION_TITLES, call: () => Promise<Result<TransferActionResult>>) => {
    const result = await call();
    set({ actionError: result.ok ? undefined : { title: ACTION_TITLES[verb], error: result.error } });
  };

  return {
    ...initialState,

    async load() {
      const result = await api.transfers.list({});
      if (!result.ok) return;
      // The list is at least as new as events that came before it (IPC keeps their order): it wins.
      const known = get();
      const merged = mergeProgress(known, { ...result.data, removed: [] });
      set({ ...merged, panelOpen: known.panelOpen || merged.batchOrder.some((id) => !merged.batches[id]?.finished) });
    },

    progress(event) {
      set((state) => {
        const data = mergeProgress(state, event);
        let deferred = state.deferred;
        if (event.removed.length > 0 && deferred.size > 0) deferred = new Set([...deferred].filter((id) => data.transfers[id]));
        let answered = state.answered;
        if (answered.size > 0) answered = new Set([...answered].filter((id) => data.transfers[id]?.state === 'conflict'));
        return { ...data, deferred, answered, samples: addSample(state.samples, { at: Date.now(), rate: event.totals.rate }) };
      });
      if (event.removed.length > 0) forgetBatches(event.removed);
    },

    batchFinished(batch) {
      set((state) => mergeProgress(state, { transfers: [], batches: [batch], removed: [] }));
      if (batch.direction !== 'download') refreshBucket(batch.profileId, batch.bucket);
      // Failures should be seen.
      if (batch.counts.failed > 0) set({ panelOpen: true });
    },

    batchStarted() {
      set({ panelOpen: true });
    },

    setPanelOpen(panelOpen) {
      set({ panelOpen });
    },

    setPolicy(policy) {
      set({ policy });
    },

    pause: (selection) => act('pause', () => api.transfers.pause(selection)),
    resume: (selection) => act('resume', () => api.transfers.resume(selection)),
    cancel: (selection) => act('cancel', () => api.transfers.cancel(selection)),
    retry: (selection) => act('retry', () => api.transfers.retry(selection)),
    clearFinished: (selection = {}) => act('clearFinished', () => api.transfers.clearFinished(selection)),

    async resolveConflict(transferId, decision, applyToBatch) {
      const state = get();
      const batchId = state.transfers[transferId]?.batchId;
      const ids = applyToBatch && batchId ? (state.batchTransfers[batchId] ?? []).filter((id) => state.transfers[id]?.state === 'conflict') : [transferId];
      state.undefer(transferId);
      // Hidden at once, so the dialog moves on without waiting for the engine's next event.
      set({ answered: new Set([...state.answered, ...ids]) });
      const result = await api.transfers.resolveConflict({ transferId, decision, applyToBatch });
      if (result.ok) set({ actionError: undefined });
      else {
        set((now) => ({
          answered: new Set([...now.answered].filter((id) => !ids.includes(id))),
          actionError: { title: 'Could not answer the question about the existing name', error: result.error },
        }));
      }
    },

    defer(transferId) {
      set((state) => ({ deferred: new Set([...state.deferred, transferId]) }));
    },

    undefer(transferId) {
      set((state) => {
        if (!state.deferred.has(transferId)) return {};
        const deferred = new Set(state.deferred);
        deferred.delete(transferId);
        return { deferred };
      });
    },

    dismissActionError() {
      set({ actionError: undefined });
    },
  };
});

/**
 * Follows the engine's events (progress, finished batches, and in the web
 * transport the requests for upload bodies) and loads what it already holds.
 * Returns the function that stops.
 */
export function startTransferEvents(): () => void {
  const store = useTransfersStore.getState();
  setBodySender(api.sendBody ? (wanted, body) => api.sendBody!(wanted, body) : undefined);
  const stops = [
    api.on('transfer:progress', (event) => store.progress(event)),
    api.on('transfer:batchFinished', (batch) => store.batchFinished(batch)),
    api.on('transfer:bodyWanted', (wanted) => bodyWanted(wanted)),
  ];
  void store.load();
  return () => {
    stops.forEach((stop) => stop());
    setBodySender(undefined);
  };
}

/** Puts the transfers store back to its first state (for tests). */
export function resetTransfersStore(): void {
  useTransfersStore.setState(initialState);
}
