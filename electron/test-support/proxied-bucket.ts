import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SuiteHooks } from './cli-process';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { createTestBucket, gateway } from './gateway';

/** What a test that breaks or watches the traffic to one fresh bucket needs: the bucket, a fault proxy in front of the gateway, and a scratch folder. */
export interface ProxiedBucketFixture {
  bucket: string;
  proxy: FaultProxy;
  dir: string;
}

/**
 * A `ProxiedBucketFixture` made before the file's tests and removed after them (proxy, bucket and scratch
 * folder), through the hooks given (vitest's `beforeAll` / `afterAll`); its fields are set once `beforeAll` ran.
 */
export function proxiedBucketFixture(label: string, hooks: SuiteHooks): ProxiedBucketFixture {
  const fixture = { bucket: '', dir: '' } as ProxiedBucketFixture;
  let cleanupBucket: (() => Promise<void>) | undefined;
  hooks.beforeAll(async () => {
    const bucket = await createTestBucket(label);
    [fixture.bucket, cleanupBucket] = [bucket.name, bucket.cleanup];
    fixture.proxy = await startFaultProxy({ target: gateway().endpoint });
    fixture.dir = await mkdtemp(join(tmpdir(), `pail-${label}-`));
  });
  hooks.afterAll(async () => {
    await fixture.proxy?.close();
    await cleanupBucket?.();
    if (fixture.dir) await rm(fixture.dir, { recursive: true, force: true });
  });
  return fixture;
}
