import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { GatewayInfo, GatewayView } from './gateway';

/** The gateway as the project named `project` sees it ("https": its HTTPS endpoint, trusting the test CA). */
async function viewFor(project: string, info: GatewayInfo): Promise<GatewayView> {
  const plain = { ...info, scheme: 'http' as const, plainEndpoint: info.endpoint };
  if (project !== 'https') return plain;
  return { ...plain, scheme: 'https', endpoint: info.httpsEndpoint, caPem: await readFile(info.caBundle, 'utf8') };
}

/**
 * Starts a one-node Ceph RADOS Gateway for the run, or uses the one named by
 * PAIL_TEST_GATEWAY (the gateway.json of a gateway `npm test` already started).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The projects share one gateway: the first to start it names it here for the others.
  const given = process.env.PAIL_TEST_GATEWAY;
  if (given) {
    project.provide('gateway', await viewFor(project.name, JSON.parse(await readFile(given, 'utf8')) as GatewayInfo));
    return async () => undefined;
  }
  // @ts-expect-error: plain JavaScript module without types
  const { startGateway, stopGateway } = (await import('../../scripts/gateway.mjs')) as {
    startGateway(opts: { state: boolean }): Promise<GatewayInfo>;
    stopGateway(info: GatewayInfo): Promise<void>;
  };
  const info = await startGateway({ state: false });
  process.env.PAIL_TEST_GATEWAY = join(info.dir, 'gateway.json');
  project.provide('gateway', await viewFor(project.name, info));
  return async () => {
    delete process.env.PAIL_TEST_GATEWAY;
    await stopGateway(info);
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    gateway: GatewayView;
  }
}
