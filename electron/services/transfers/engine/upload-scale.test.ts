import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBucket } from '../../../test-support/gateway';
import { transferFixture } from '../test-kit';
import { DEFAULT_TUNING } from './task-types';
import { queuedAheadOf } from './transfer-queue';
import { KEPT_FINISHED } from './transfer-records';

const FILES = 3_000;
/** Records a batch may hold: those queued ahead, those running, the last finished (none fails here). */
const WINDOW = queuedAheadOf(DEFAULT_TUNING) + DEFAULT_TUNING.filesInFlight + KEPT_FINISHED;

describe('a batch of 3,000 files against the gateway (ten times the window of records it may hold)', () => {
  let bucket: { name: string; cleanup: () => Promise<void> };
  let dir: string;
  let fx: Awaited<ReturnType<typeof transferFixture>>;

  beforeAll(async () => {
    bucket = await createTestBucket('scale');
    dir = await mkdtemp(join(tmpdir(), 'pail-scale-'));
    // 100 folders of 30 one-byte files: the walk goes through many folders, each read when reached.
    for (let d = 0; d < 100; d += 1) {
      const folder = join(dir, 'tree', `d${String(d).padStart(2, '0')}`);
      await mkdir(folder, { recursive: true });
      await Promise.all(Array.from({ length: 30 }, (_, f) => writeFile(join(folder, `f${f}.txt`), String(f % 10))));
    }
    fx = await transferFixture({ tuning: DEFAULT_TUNING });
  }, 120_000);
  afterAll(async () => {
    await fx?.dispose();
    await bucket?.cleanup();
    await rm(dir, { recursive: true, force: true });
  }, 300_000);

  /**
   * Runs `start`, sampling the engine's own counts (beyond those of earlier batches) until the batch settles:
   * the records held, and the local paths a download's claims hold exactly.
   */
  async function heldWhile(start: () => Promise<{ batchId: string }>) {
    const before = fx.engine.recordsHeld();
    const pathsBefore = fx.engine.claimedPathsHeld();
    let most = 0;
    let mostPaths = 0;
    const look = () => {
      most = Math.max(most, fx.engine.recordsHeld());
      mostPaths = Math.max(mostPaths, fx.engine.claimedPathsHeld());
    };
    const sample = setInterval(look, 20);
    try {
      const started = await start();
      look();
      const batch = await fx.engine.settled(started.batchId);
      look();
      return { batch, most: most - before, mostPaths: mostPaths - pathsBefore };
    } finally {
      clearInterval(sample);
    }
  }

  it('uploads them all while holding a bounded window of records, and counts every file', async () => {
    expect(FILES).toBeGreaterThan(5 * WINDOW);
    const { batch, most } = await heldWhile(() => fx.upload(bucket.name, 'up/', [{ path: join(dir, 'tree') }]));
    expect(batch.counts).toMatchObject({ done: FILES, failed: 0, queued: 0 });
    expect(batch).toMatchObject({ files: FILES, bytes: FILES, total: FILES, moreToFind: false, finished: true });
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(WINDOW);
    // A window that opens now gets the last finished ones, not all 3,000.
    expect(fx.engine.list().transfers.length).toBeLessThanOrEqual(KEPT_FINISHED);
  }, 300_000);

  it('downloads them all back, paging the listing as it goes, with the same bound on records and on paths held', async () => {
    const target = join(dir, 'back');
    const { batch, most, mostPaths } = await heldWhile(() => fx.download(bucket.name, target, [{ prefix: 'up/', as: '' }]));
    expect(batch.counts).toMatchObject({ done: FILES, failed: 0 });
    expect(batch).toMatchObject({ files: FILES, bytes: FILES, moreToFind: false });
    expect(most).toBeLessThanOrEqual(WINDOW);
    // Every file's path stays claimed (no later file of the batch may write over it), but held exactly only in the window.
    expect(mostPaths).toBeGreaterThan(0);
    expect(mostPaths).toBeLessThanOrEqual(WINDOW);
    const folders = await readdir(join(target, 'tree'));
    expect(folders).toHaveLength(100);
    expect(await readdir(join(target, 'tree', 'd42'))).toHaveLength(30);
  }, 300_000);
});
