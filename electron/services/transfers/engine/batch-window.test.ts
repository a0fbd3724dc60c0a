import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConflictPolicy } from '../../../../shared/transfers';
import { TransferStateStore } from '../state/state-store';
import { BatchJournals } from '../state/batch-journal';
import { DEFAULT_RETRY } from './retry';
import { DEFAULT_TUNING, type TaskOutcome, type TransferTask } from './task-types';
import { TransferEngine } from './transfer-engine';
import { queuedAheadOf, TransferQueue } from './transfer-queue';
import { KEPT_FINISHED, type BatchRecord, type BatchSource } from './transfer-records';

// The queue's bookkeeping of a big batch, with tasks that move no bytes over a network: what is
// checked here is which records the batch holds and what it counts (the real uploads are in
// upload-scale.test.ts, against the gateway).

const FILES_IN_FLIGHT = 4;
const SIZE = 10;

/** What each fake transfer does when it runs, by its index (default: done). */
type Script = (index: number, run: number) => TaskOutcome | Error;

describe('a batch bigger than its window', () => {
  let dir: string;
  let queue: TransferQueue;
  let engine: TransferEngine;
  /** The most records the queue held at any moment a task ran. */
  let mostHeld: number;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pail-window-'));
    queue = new TransferQueue({
      clients: { clientFor: () => Promise.reject(new Error('no server in this test')) },
      store: new TransferStateStore(dir),
      journals: new BatchJournals(dir),
      events: { progress: () => undefined, batchFinished: () => undefined },
      tuning: { ...DEFAULT_TUNING, filesInFlight: FILES_IN_FLIGHT },
      retry: DEFAULT_RETRY,
      now: Date.now,
      progressDetail: 'transfers',
    });
    engine = new TransferEngine(queue);
    mostHeld = 0;
  });
  afterEach(async () => {
    await queue.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  /** A batch of `count` fake transfers from a lazy source, started; each run follows `script`. */
  async function start(count: number, script: Script = () => ({ state: 'done' }), policy: ConflictPolicy = 'overwrite'): Promise<BatchRecord> {
    const batch = queue.openBatch('upload', 'test', 'p', 'b', policy);
    const runs = new Map<number, number>();
    let next = 0;
    const source: BatchSource = {
      next: async () => {
        if (next >= count) return undefined;
        const index = next++;
        const task: TransferTask = {
          run: async (ctx) => {
            mostHeld = Math.max(mostHeld, queue.recordsHeld());
            await new Promise((resolve) => setImmediate(resolve));
            const run = (runs.get(index) ?? 0) + 1;
            runs.set(index, run);
            ctx.setTotal(SIZE);
            const outcome = script(index, run);
            if (outcome instanceof Error) throw outcome;
            if (outcome.state === 'done') ctx.addBytes(SIZE);
            return outcome;
          },
          discard: () => Promise.resolve(),
        };
        return { task, key: `k${index}`, name: `k${index}`, total: SIZE };
      },
    };
    await queue.fill(batch, source);
    queue.startBatch(batch);
    return batch;
  }

  const bound = () => queuedAheadOf(queue.tuning) + FILES_IN_FLIGHT + KEPT_FINISHED;

  it('holds a bounded window of records while 3,000 files go through, and counts every one', async () => {
    const batch = await start(3000);
    const done = await queue.settled(batch.id);
    expect(done).toMatchObject({ files: 3000, bytes: 3000 * SIZE, total: 3000 * SIZE, finished: true, moreToFind: false });
    expect(done.counts).toMatchObject({ done: 3000, queued: 0, running: 0, failed: 0 });
    expect(mostHeld).toBeLessThanOrEqual(bound());
    expect(queue.recordsHeld()).toBe(KEPT_FINISHED);
    // The window holds the newest finished ones; clearing the batch clears the let-go ones too.
    expect(queue.list().transfers.at(-1)?.key).toBe('k2999');
    expect(await engine.clearFinished({ batchId: batch.id })).toEqual({ affected: 3000 });
    expect(queue.list()).toMatchObject({ transfers: [], batches: [] });
  });

  it('keeps every failure (the user must act on them) and counts them right through a retry', async () => {
    const batch = await start(2000, (i, run) => (i % 100 === 7 && run === 1 ? new Error('refused') : { state: 'done' }));
    let settled = await queue.settled(batch.id);
    expect(settled.counts).toMatchObject({ done: 1980, failed: 20 });
    const failed = queue.list().transfers.filter((t) => t.state === 'failed');
    expect(failed.map((t) => t.key)).toEqual(Array.from({ length: 20 }, (_, n) => `k${n * 100 + 7}`));
    expect(failed[0].error?.message).toContain('refused');
    expect(engine.retry({ batchId: batch.id })).toEqual({ affected: 20 });
    settled = await queue.settled(batch.id);
    expect(settled.counts).toMatchObject({ done: 2000, failed: 0, queued: 0 });
    expect(settled.files).toBe(2000);
    expect(settled.bytes).toBe(2000 * SIZE);
  });

  it('a cancelled batch stops reading its source, says what it cancelled, and a retry goes on with the rest', async () => {
    const batch = await start(2000, (i, run) => (i === 500 && run === 1 ? new Error('stop here') : { state: 'done' }));
    // Cancel as soon as the 500th has failed: what was found and not finished is cancelled, the rest not started.
    while (batch.counts.failed === 0) await new Promise((resolve) => setImmediate(resolve));
    await engine.cancel({ batchId: batch.id });
    let settled = await queue.settled(batch.id);
    expect(settled).toMatchObject({ finished: true, moreToFind: true, hold: 'cancelled' });
    expect(settled.files).toBeLessThan(2000);
    expect(settled.counts.done + settled.counts.failed + settled.counts.cancelled).toBe(settled.files);
    expect(settled.counts.cancelled).toBeGreaterThan(0);
    // Held: the last finished ones, and the cancelled (what was queued or running, and the failed one).
    expect(queue.recordsHeld()).toBe(KEPT_FINISHED + settled.counts.cancelled);
    expect(settled.counts.cancelled).toBeLessThanOrEqual(queuedAheadOf(queue.tuning) + FILES_IN_FLIGHT + 1);
    engine.retry({ batchId: batch.id });
    settled = await queue.settled(batch.id);
    expect(settled).toMatchObject({ files: 2000, finished: true, moreToFind: false });
    expect(settled.counts).toMatchObject({ done: 2000, failed: 0, cancelled: 0 });
  });

  it('a paused batch takes no more from its source until resumed', async () => {
    const batch = await start(1000);
    while (batch.counts.done < 100) await new Promise((resolve) => setImmediate(resolve));
    engine.pause({ batchId: batch.id });
    const found = batch.files;
    // Those running finish; nothing new is read or started.
    while (batch.counts.running > 0) await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(batch.files).toBe(found);
    expect(queue.list().batches[0]).toMatchObject({ hold: 'paused', finished: false });
    expect(batch.counts.paused).toBe(batch.files - batch.counts.done);
    engine.resume({ batchId: batch.id });
    const settled = await queue.settled(batch.id);
    expect(settled.counts).toMatchObject({ done: 1000, paused: 0 });
    expect(settled.hold).toBeUndefined();
  });

  it('holds every conflict until answered; an answer for the batch applies to those found later too', async () => {
    const batch = await start(1500, (i, run) => (i % 3 === 0 && run === 1 ? { state: 'conflict', existing: { target: `k${i}` } } : { state: 'done' }), 'ask');
    // The source is read to its end while conflicts wait (they are not queued), then the batch waits for answers.
    while (batch.moreToFind() || batch.counts.queued + batch.counts.running > 0) await new Promise((resolve) => setImmediate(resolve));
    expect(batch.counts).toMatchObject({ conflict: 500, done: 1000 });
    expect(queue.list().batches[0].finished).toBe(false);
    const first = queue.list().transfers.find((t) => t.state === 'conflict')!;
    expect(engine.resolveConflict({ transferId: first.id, decision: 'overwrite', applyToBatch: true })).toEqual({ affected: 500 });
    const settled = await queue.settled(batch.id);
    expect(settled.counts).toMatchObject({ done: 1500, conflict: 0 });
    expect(settled.conflictPolicy).toBe('overwrite');
  });
});
