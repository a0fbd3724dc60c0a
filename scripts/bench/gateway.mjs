// The gateway a benchmark measures against: a running one named by --gateway (its gateway.json),
// or one started for this run and stopped by the run's clean-up.
import fs from 'node:fs';
import { startGateway, stopGateway } from '../gateway.mjs';

/**
 * Returns `{ gateway, ownGateway }`: the gateway described by `gatewayFile` when given, otherwise a
 * new one (no state kept, `start` options for startGateway) whose stop is added to `cleanup`.
 */
export async function benchGateway(gatewayFile, { cleanup, log, start = {} }) {
  if (gatewayFile) {
    const gateway = JSON.parse(fs.readFileSync(gatewayFile, 'utf8'));
    log(`reusing the gateway at ${gateway.endpoint} (${gatewayFile})`);
    return { gateway, ownGateway: false };
  }
  log('starting a Ceph gateway for this run…');
  const gateway = await startGateway({ state: false, ...start });
  cleanup.add('stopping the gateway', () => stopGateway(gateway));
  return { gateway, ownGateway: true };
}
