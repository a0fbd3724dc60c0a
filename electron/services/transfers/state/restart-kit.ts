// What tests of a folder batch across a restart share: a fresh service over the first run's data folder, a
// stop while requests are held at the fault proxy, and readers of what came through the proxy and to disk.
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { BatchSnapshot } from '../../../../shared/transfers';
import type { FaultProxy } from '../../../test-support/fault-proxy';
import type { holdRequests } from '../../../test-support/fault-rules';
import { waitUntil } from '../../../test-support/cli-process';
import { createTransferService, type TransferService } from '../engine/transfer-service';
import { FAST_RETRY, SMALL_PARTS, type transferFixture } from '../test-kit';

/** Requests the proxy forwarded and the server answered in full, from `from` on: method and decoded path. */
export function answered(proxy: FaultProxy, from: number, method: string): string[] {
  return proxy.log
    .slice(from)
    .filter((e) => e.method === method && e.status === 200 && e.complete && !e.url.includes('?'))
    .map((e) => decodeURIComponent(e.url));
}

/** The one batch of a service (throws when there is not exactly one). */
export function onlyBatch(engine: TransferService): BatchSnapshot {
  const { batches } = engine.list();
  if (batches.length !== 1) throw new Error(`expected one batch, found ${batches.length}`);
  return batches[0];
}

/** Every file below a folder, as relative paths. */
export async function filesBelow(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)));
}

/** The journal's log of a batch, as a restart would find it. */
export const logOf = (dataDir: string, batchId: string) => join(dataDir, 'batches', batchId, 'done.log');

/** The service that stopped: the one a restart follows. */
export type FirstRun = Awaited<ReturnType<typeof transferFixture>>;

/** A restart: a fresh service over the first run's data folder and profiles, with `options` (nothing restored yet). */
export function restart(first: FirstRun, options: Parameters<typeof createTransferService>[3] = { tuning: SMALL_PARTS, retry: FAST_RETRY }): TransferService {
  return createTransferService(first.services.profiles, first.dataDir, { progress: () => undefined, batchFinished: () => undefined }, options);
}

/** Stops the first run's service while `hold` keeps requests at the proxy, then lets them go and waits for the proxy to be idle. */
export async function stopWhileHeld(first: FirstRun, proxy: FaultProxy, hold: ReturnType<typeof holdRequests>): Promise<void> {
  await first.engine.dispose();
  proxy.setRules([]);
  hold.release();
  await waitUntil(() => proxy.inFlight() === 0, 'the proxy to be idle');
}
