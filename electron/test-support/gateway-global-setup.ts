import { readFile } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import type { GatewayInfo } from './gateway';

/**
 * Starts a one-node Ceph RADOS Gateway for the run, or uses the one named by
 * PAIL_TEST_GATEWAY (the gateway.json of a gateway `npm test` already started).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.PAIL_TEST_GATEWAY;
  if (given) {
    project.provide('gateway', JSON.parse(await readFile(given, 'utf8')) as GatewayInfo);
    return async () => undefined;
  }
  // @ts-expect-error: plain JavaScript module without types
  const { startGateway, stopGateway } = (await import('../../scripts/gateway.mjs')) as {
    startGateway(opts: { state: boolean }): Promise<GatewayInfo>;
    stopGateway(info: GatewayInfo): Promise<void>;
  };
  const info = await startGateway({ state: false });
  project.provide('gateway', info);
  return () => stopGateway(info);
}

declare module 'vitest' {
  export interface ProvidedContext {
    gateway: GatewayInfo;
  }
}
