import { LatestOnly } from '../../shared/async';
import type { ConnectionTestRequest } from '../../shared/connection-test';
import { fromResult, loading } from '../../shared/loadable';
import { api } from '../api';
import { useConnectionTestStore } from '../stores/connection-test';

/** Running the profile editor's connection test. */

// A newer run, or a reset, makes a test still running stale.
const latest = new LatestOnly();

/** Runs a test; an answer that arrives after a reset or a newer run is dropped. */
export async function runConnectionTest(request: ConnectionTestRequest): Promise<void> {
  const isCurrent = latest.begin();
  const test = useConnectionTestStore.getState();
  test.setReport(loading);
  const result = await api.connection.test(request);
  // A reset straight on the store (the editor opened again) also drops the answer.
  if (isCurrent() && useConnectionTestStore.getState().report.status === 'loading') test.setReport(fromResult(result));
}

/** Forgets the report and drops a test still running (the editor closed or opened another profile). */
export function resetConnectionTest(): void {
  latest.invalidate();
  useConnectionTestStore.getState().reset();
}
