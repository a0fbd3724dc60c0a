import { create } from 'zustand';
import type { ConnectionReport, ConnectionTestRequest } from '../../shared/connection-test';
import type { ErrorInfo } from '../../shared/errors';
import { api } from '../api';

/** Where the editor's connection test stands. `failed`: the test itself could not run. */
export type ConnectionTestStatus = 'idle' | 'running' | 'done' | 'failed';

/** The last connection test the editor ran, and the optional bucket for the write test. */
export interface ConnectionTestState {
  status: ConnectionTestStatus;
  report?: ConnectionReport;
  error?: ErrorInfo;
  /** The bucket for a small upload, download and delete; empty skips them. */
  writeBucket: string;
}

/** What the connection test store can do; every action works outside React. */
export interface ConnectionTestActions {
  setWriteBucket(bucket: string): void;
  /** Runs a test; an answer that arrives after `reset` or a newer run is dropped. */
  run(request: ConnectionTestRequest): Promise<void>;
  /** Forgets the report (the editor closed or opened another profile). */
  reset(): void;
}

const initialState: ConnectionTestState = { status: 'idle', report: undefined, error: undefined, writeBucket: '' };

let generation = 0;

/** The connection test store. */
export const useConnectionTestStore = create<ConnectionTestState & ConnectionTestActions>()((set) => ({
  ...initialState,

  setWriteBucket(writeBucket) {
    set({ writeBucket });
  },

  async run(request) {
    const current = ++generation;
    set({ status: 'running', error: undefined });
    const result = await api.connection.test(request);
    if (current !== generation) return;
    if (result.ok) set({ status: 'done', report: result.data, error: undefined });
    else set({ status: 'failed', report: undefined, error: result.error });
  },

  reset() {
    generation += 1;
    set(initialState);
  },
}));

/** Puts the connection test store back to its first state (for tests). */
export const resetConnectionTestStore = () => useConnectionTestStore.getState().reset();
