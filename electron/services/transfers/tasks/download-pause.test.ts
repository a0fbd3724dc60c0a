import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../../../test-support/cli-process';
import { startFaultProxy, type FaultProxy } from '../../../test-support/fault-proxy';
import { holdRequests } from '../../../test-support/fault-rules';
import { createTestBucket, gateway, putObjects } from '../../../test-support/gateway';
import { transferFixture } from '../test-kit';

const FILES = 24;
const names = Array.from({ length: FILES }, (_, i) => `f-${String(i).padStart(2, '0')}.txt`);

/**
 * A download batch paused while its small files wait for a request slot: each has made its temp file
 * ("name.pail-part") but has no byte yet. Resumed, each must go on under its own name. It used to take its own
 * temp file for another's: it saved as "name (1).txt" beside a temp file left for good (rename policy), or
 * was skipped as "exists" without a byte downloaded (skip policy).
 */
describe('a download batch paused while its files wait for a request slot', () => {
  let bucket: { name: string; cleanup: () => Promise<void> };
  let proxy: FaultProxy;
  let dir: string;

  beforeAll(async () => {
    bucket = await createTestBucket('pause-small');
    await putObjects(
      bucket.name,
      names.map((name) => `p/${name}`),
      (key) => `content of ${key}`,
      8,
    );
    proxy = await startFaultProxy({ target: gateway().endpoint });
    dir = await mkdtemp(join(tmpdir(), 'pail-pause-small-'));
  });
  afterAll(async () => {
    await proxy?.close();
    await bucket?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  for (const policy of ['rename', 'skip'] as const) {
    it(`resumes every file under its own name, and leaves no temp file (conflict policy "${policy}")`, async () => {
      // Two GETs held at the proxy take both request slots; the other files in flight wait for one.
      const held = holdRequests((req) => req.method === 'GET' && req.path.includes('/p/f-'));
      proxy.setRules([held]);
      const fx = await transferFixture({ endpoint: proxy.endpoint, tuning: { filesInFlight: 8, partsInFlight: 2 } });
      const target = join(dir, policy);
      try {
        const started = await fx.download(bucket.name, target, [{ prefix: 'p/', as: '' }], policy);
        await waitUntil(() => held.hits() >= 2, 'two downloads to hold both request slots');
        fx.engine.pause({ batchId: started.batchId });
        held.release();
        await waitUntil(() => fx.engine.list().transfers.every((t) => t.state === 'paused' || t.state === 'done'), 'the batch to pause');
        expect(fx.engine.list().transfers.some((t) => t.state === 'paused')).toBe(true);

        proxy.setRules([]);
        fx.engine.resume({ batchId: started.batchId });
        const batch = await fx.engine.settled(started.batchId);

        expect(batch.counts).toMatchObject({ done: FILES, skipped: 0, failed: 0 });
        expect((await readdir(target)).sort()).toEqual(names);
        for (const name of [names[0], names.at(-1)!]) expect(await readFile(join(target, name), 'utf8')).toBe(`content of p/${name}`);
      } finally {
        await fx.dispose();
      }
    });
  }
});
