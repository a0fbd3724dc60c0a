import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedBigFolder, seedManyFiles } from './big-buckets';
import type { GatewayInfo } from './fixtures';

interface GatewayModule {
  startGateway(opts: { state: boolean }): Promise<{ dir: string }>;
  stopGateway(info: unknown): Promise<void>;
}

/**
 * Builds the app and starts a Ceph gateway for the suite, unless `npm test`
 * already did both (it sets PAIL_TEST_GATEWAY and PAIL_E2E_SKIP_BUILD); then
 * seeds the big buckets (big-buckets.ts) before any test runs.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!process.env.PAIL_E2E_SKIP_BUILD) {
    execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
  }
  const stop = await gatewayForSuite();
  const gateway = JSON.parse(readFileSync(process.env.PAIL_TEST_GATEWAY!, 'utf8')) as GatewayInfo;
  await Promise.all([seedBigFolder(gateway), seedManyFiles(gateway)]);
  return stop;
}

/** The gateway `npm test` started, or one started here (stopped when the suite ends). */
async function gatewayForSuite(): Promise<() => Promise<void>> {
  if (process.env.PAIL_TEST_GATEWAY) return async () => undefined;
  // @ts-expect-error: plain JavaScript module without types
  const { startGateway, stopGateway } = (await import('../scripts/gateway.mjs')) as GatewayModule;
  const info = await startGateway({ state: false });
  const file = join(tmpdir(), `pail-e2e-gateway-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(info));
  process.env.PAIL_TEST_GATEWAY = file;
  return () => stopGateway(info);
}
