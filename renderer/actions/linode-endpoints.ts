import { LatestOnly } from '../../shared/async';
import { fromResult, loading } from '../../shared/loadable';
import { api } from '../api';
import { useLinodeEndpointsStore } from '../stores/linode-endpoints';

/** Listing a Linode account's endpoints for the profile editor, with a token sent once and kept nowhere. */

const latest = new LatestOnly();

/** Asks the Linode API (through the main process) for the account's endpoints; a stale answer is dropped. */
export async function listLinodeEndpoints(token: string): Promise<void> {
  const isCurrent = latest.begin();
  const store = useLinodeEndpointsStore.getState();
  store.setEndpoints(loading);
  const result = await api.linode.endpoints({ token });
  if (isCurrent()) store.setEndpoints(fromResult(result));
}

/** Forgets the listing and drops one still running (the editor closed or switched profile). */
export function resetLinodeEndpoints(): void {
  latest.invalidate();
  useLinodeEndpointsStore.getState().reset();
}
