import { create } from 'zustand';
import type { ConnectionReport } from '../../shared/connection-test';
import { idle, type Loadable } from '../../shared/loadable';

/** The last connection test the editor ran, and the optional bucket for the write test. */
export interface ConnectionTestState {
  /** The report; failed when the test itself could not run. */
  report: Loadable<ConnectionReport>;
  /** The bucket for a small upload, download and delete; empty skips them. */
  writeBucket: string;
}

/** The connection test store's own setters; running a test is in actions/connection-test.ts. */
export interface ConnectionTestSetters {
  setWriteBucket(bucket: string): void;
  setReport(report: Loadable<ConnectionReport>): void;
  /** Forgets the report (the editor closed or opened another profile). */
  reset(): void;
}

const initialState: ConnectionTestState = { report: idle, writeBucket: '' };

/** The connection test store. */
export const useConnectionTestStore = create<ConnectionTestState & ConnectionTestSetters>()((set) => ({
  ...initialState,
  setWriteBucket: (writeBucket) => set({ writeBucket }),
  setReport: (report) => set({ report }),
  reset: () => set(initialState),
}));

/** Puts the connection test store back to its first state (for tests). */
export const resetConnectionTestStore = () => useConnectionTestStore.getState().reset();
