import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors';
import type { BatchSnapshot, ConflictPolicy, TransferProgressEvent } from '../../shared/transfers';
import { NO_LIMITS, type BandwidthLimits } from '../../shared/bandwidth';
import { addSample, type RateSample } from '../transfers/throughput';
import { forgetBatches } from '../transfers/upload-bodies';
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
  /** The speed limits of all uploads and of all downloads, as the engine holds them. */
  bandwidth: BandwidthLimits;
  /** The saved limits could not be read (in words). */
  bandwidthProblem?: string;
}

/**
 * The transfers store's own setters; asking the engine (load, pause, resume,
 * answers to conflicts) and following its events are actions (`actions/transfers.ts`).
 */
export interface TransfersSetters {
  /** What the engine held when the window opened: merged under the events already seen. */
  listed(data: Omit<Parameters<typeof mergeProgress>[1], 'removed'> & { bandwidth?: BandwidthLimits; bandwidthProblem?: string }): void;
  /** The engine's speed limits now (after a change). */
  setBandwidth(bandwidth: BandwidthLimits): void;
  progress(event: TransferProgressEvent): void;
  /** A batch ended; failures open the panel. */
  batchFinished(batch: BatchSnapshot): void;
  /** A batch this window started: opens the panel. */
  batchStarted(): void;
  setPanelOpen(open: boolean): void;
  setPolicy(policy: ConflictPolicy): void;
  /** Conflicts answered: hidden until the engine's next event shows them moving again. */
  markAnswered(ids: string[]): void;
  /** An answer the engine refused: the conflicts show again. */
  unmarkAnswered(ids: string[]): void;
  /** Puts a conflict off (the dialog closes); `undefer` brings it back. */
  defer(transferId: string): void;
  undefer(transferId: string): void;
  /** A panel action failed (or, undefined, the last one worked). */
  setActionError(actionError: TransfersState['actionError']): void;
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
  bandwidth: NO_LIMITS,
  bandwidthProblem: undefined,
};

/** The transfers store. */
export const useTransfersStore = create<TransfersState & TransfersSetters>()((set, get) => {
  return {
    ...initialState,

    listed(data) {
      // The list is at least as new as events that came before it (IPC keeps their order): it wins.
      const known = get();
      const { bandwidth, bandwidthProblem, ...transfers } = data;
      const merged = mergeProgress(known, { ...transfers, removed: [] });
      set({
        ...merged,
        panelOpen: known.panelOpen || merged.batchOrder.some((id) => !merged.batches[id]?.finished),
        ...(bandwidth && { bandwidth, bandwidthProblem }),
      });
    },

    setBandwidth(bandwidth) {
      set({ bandwidth, bandwidthProblem: undefined });
    },

    progress(event) {
      // Most removed ids are finished transfers a big batch let go of; only cleared batches free their Files.
      const batches = get().batches;
      const goneBatches = event.removed.filter((id) => batches[id]);
      set((state) => {
        const data = mergeProgress(state, event);
        let deferred = state.deferred;
        if (event.removed.length > 0 && deferred.size > 0) deferred = new Set([...deferred].filter((id) => data.transfers[id]));
        let answered = state.answered;
        if (answered.size > 0) answered = new Set([...answered].filter((id) => data.transfers[id]?.state === 'conflict'));
        return { ...data, deferred, answered, samples: addSample(state.samples, { at: Date.now(), rate: event.totals.rate }) };
      });
      if (goneBatches.length > 0) forgetBatches(goneBatches);
    },

    batchFinished(batch) {
      set((state) => mergeProgress(state, { transfers: [], batches: [batch], removed: [] }));
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

    markAnswered(ids) {
      set((state) => ({ answered: new Set([...state.answered, ...ids]) }));
    },

    unmarkAnswered(ids) {
      set((state) => ({ answered: new Set([...state.answered].filter((id) => !ids.includes(id))) }));
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

    setActionError(actionError) {
      set({ actionError });
    },

    dismissActionError() {
      set({ actionError: undefined });
    },
  };
});

/** Puts the transfers store back to its first state (for tests). */
export function resetTransfersStore(): void {
  useTransfersStore.setState(initialState);
}
