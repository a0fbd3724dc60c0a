// A crash (SIGKILL, power loss) loses the files a folder batch finished since its journal's last append (at
// most JOURNAL_FLUSH_MS): when the batch goes on, those come again, and must be found as the earlier run left
// them rather than saved a second time as "name (1)" or asked about. The crash is simulated exactly: the
// batch's files are finished but one held at the proxy, the service stops, and its journal is cut back to what
// an append before the last few files finished said.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchSnapshot, BatchStarted, ConflictPolicy, TransferSnapshot } from '../../../../shared/transfers';
import { holdRequests, type RequestFilter } from '../../../test-support/fault-rules';
import { waitUntil } from '../../../test-support/cli-process';
import { bodyOf, keysUnder, putObjects, rawClient } from '../../../test-support/gateway';
import { proxiedBucketFixture } from '../../../test-support/proxied-bucket';
import type { Position } from './journal-position';
import { answered, filesBelow, logOf, onlyBatch, restart, stopWhileHeld, type FirstRun } from './restart-kit';
import type { TransferService } from '../engine/transfer-service';
import { randomFile, transferFixture } from '../test-kit';

/** Files whose finish a crash kept out of the journal: "a*" were journaled, "b*" were not, "z.txt" was held. */
const JOURNALED = ['a0.txt', 'a1.txt'];
/** One big enough for a multipart upload or a chunked download under SMALL_PARTS (6 MiB), and two small ones. */
const UNJOURNALED = ['b-big.bin', 'b2.txt', 'b3.txt'];
const HELD = 'z.txt';
const ALL = [...JOURNALED, ...UNJOURNALED, HELD];
const BIG_BYTES = 6 * 1024 * 1024;

/** A request for a path ending in `name` (the object's key). */
const forObject =
  (method: string, name: string): RequestFilter =>
  (req) =>
    req.method === method && decodeURIComponent(req.url.split('?')[0]).endsWith(`/${name}`);

/**
 * Rewrites a stopped batch's journal to what it said one append before the end: everything up to and with
 * `watermark` done, `files` files of `bytes` bytes in all (the files finished after it are not in it).
 */
async function cutJournal(first: FirstRun, batchId: string, watermark: Position, files: number, bytes: number): Promise<void> {
  await writeFile(logOf(first.dataDir, batchId), `${JSON.stringify({ w: watermark, n: files, b: bytes })}\n`);
}

/** The transfers of a service's one batch by the last segment of their key. */
function byName(transfers: TransferSnapshot[]): Map<string, TransferSnapshot> {
  return new Map(transfers.map((t) => [t.key.slice(t.key.lastIndexOf('/') + 1), t]));
}

/** The batch's journal-dropped files end skipped with the note saying so; the held one is done. */
function expectFoundInPlace(transfers: TransferSnapshot[], note: RegExp): void {
  const named = byName(transfers);
  for (const name of UNJOURNALED) expect(named.get(name), name).toMatchObject({ state: 'skipped', note: expect.stringMatching(note) });
  expect(named.get(HELD)).toMatchObject({ state: 'done' });
  expect(named.size).toBe(UNJOURNALED.length + 1);
}

/**
 * The batch once each of its files has ended or waits for an answer: a question asked (the failure under "ask")
 * fails the test at once, rather than leaving it waiting for a batch that cannot finish.
 */
async function whenEnded(engine: TransferService): Promise<BatchSnapshot> {
  let batch = onlyBatch(engine);
  await waitUntil(
    () => {
      batch = onlyBatch(engine);
      const c = batch.counts;
      return c.done + c.skipped + c.failed + c.cancelled + c.conflict === ALL.length && (batch.finished || c.conflict > 0);
    },
    'every file ended or asked about',
    60_000,
  );
  return batch;
}

/** How a stopped batch goes on: brought back at start and resumed, or the same batch asked for again (the CLI's command run again). */
type GoingOn = 'restored at start' | 'asked again';

/**
 * A service on which the first run's stopped batch `batchId` goes on `how`: `askAgain` asks a fresh service over
 * the same data folder for the same batch, which must go on from the journal (the same id).
 */
async function goOn(first: FirstRun, how: GoingOn, batchId: string, askAgain: (run: FirstRun) => Promise<BatchStarted>): Promise<TransferService> {
  if (how === 'restored at start') {
    const service = restart(first);
    await service.restore();
    service.resume({ batchId });
    return service;
  }
  const run = await transferFixture({ services: first.services, dataDir: first.dataDir });
  expect((await askAgain(run)).batchId).toBe(batchId);
  return run.engine;
}

describe('a folder batch goes on after a crash that lost its last journal lines', () => {
  const fixture = proxiedBucketFixture('wtjournal-crash', { beforeAll, afterAll });

  it('a download under "rename" finds the files it saved before the crash: no "name (1)", no GET for them', async () => {
    const { bucket, proxy, dir } = fixture;
    const small = ALL.filter((name) => name !== 'b-big.bin');
    await putObjects(
      bucket,
      small.map((name) => `down/${name}`),
      (key) => `content of ${key}`,
    );
    const big = await randomFile(join(dir, 'big-source.bin'), BIG_BYTES);
    await rawClient().send(new PutObjectCommand({ Bucket: bucket, Key: 'down/b-big.bin', Body: await readFile(big) }));
    const target = join(dir, 'downloaded');
    await mkdir(target);

    const first = await transferFixture({ endpoint: proxy.endpoint });
    const hold = holdRequests(forObject('GET', HELD));
    proxy.setRules([hold]);
    const started = await first.download(bucket, target, [{ prefix: 'down/' }], 'rename');
    await waitUntil(() => onlyBatch(first.engine).counts.done === ALL.length - 1 && hold.hits() === 1, 'all but the held file downloaded', 60_000);
    await stopWhileHeld(first, proxy, hold);
    const journaledBytes = JOURNALED.reduce((sum, name) => sum + `content of down/${name}`.length, 0);
    await cutJournal(first, started.batchId, [0, 'down/a1.txt'], JOURNALED.length, journaledBytes);

    const mark = proxy.log.length;
    const second = restart(first);
    try {
      await second.restore();
      expect(onlyBatch(second)).toMatchObject({ id: started.batchId, hold: 'paused', counts: { done: JOURNALED.length } });
      second.resume({ batchId: started.batchId });
      const end = await whenEnded(second);
      expect(end.counts).toMatchObject({ done: JOURNALED.length + 1, skipped: UNJOURNALED.length, failed: 0, conflict: 0 });
      expect(end.finished).toBe(true);
      expectFoundInPlace(second.list().transfers, /was downloaded before Pail stopped/);
      // Only the held file came again; the folder holds each object once, under its own name.
      expect(answered(proxy, mark, 'GET')).toEqual([`/${bucket}/down/${HELD}`]);
      expect((await filesBelow(target)).sort()).toEqual(ALL.map((name) => join('down', name)).sort());
      expect(await readFile(join(target, 'down', HELD), 'utf8')).toBe(`content of down/${HELD}`);
      expect((await readFile(join(target, 'down', 'b-big.bin'))).equals(await readFile(big))).toBe(true);
    } finally {
      await second.dispose();
    }

    // A fresh batch keeps its policy: the same objects, already there, are saved again as "name (1)".
    const third = await transferFixture({ endpoint: proxy.endpoint, services: first.services, dataDir: first.dataDir });
    try {
      const again = await third.download(bucket, target, [{ prefix: 'down/' }], 'rename');
      expect((await third.engine.settled(again.batchId)).counts).toMatchObject({ done: ALL.length, skipped: 0 });
      expect(await readFile(join(target, 'down', 'b2 (1).txt'), 'utf8')).toBe('content of down/b2.txt');
    } finally {
      await third.engine.dispose();
    }
    await first.dispose();
  }, 300_000);

  it.each<{ policy: ConflictPolicy; how: GoingOn }>([
    { policy: 'rename', how: 'restored at start' },
    { policy: 'ask', how: 'restored at start' },
    { policy: 'rename', how: 'asked again' },
  ])(
    'an upload under $policy, $how, finds the objects it sent before the crash: no "name (1)", no question, no PUT for them',
    async ({ policy, how }) => {
      const { bucket, proxy, dir } = fixture;
      const name = `up-${policy}-${how.split(' ')[0]}`;
      const root = join(dir, name);
      await mkdir(root);
      for (const name of ALL.filter((n) => n !== 'b-big.bin')) await writeFile(join(root, name), `body of ${name}`);
      await randomFile(join(root, 'b-big.bin'), BIG_BYTES);
      const prefix = `${name}/`;
      const folder = `${prefix}${name}/`;

      const first = await transferFixture({ endpoint: proxy.endpoint });
      const hold = holdRequests(forObject('PUT', HELD));
      proxy.setRules([hold]);
      const started = await first.upload(bucket, prefix, [{ path: root }], policy);
      await waitUntil(() => onlyBatch(first.engine).counts.done === ALL.length - 1 && hold.hits() === 1, 'all but the held file uploaded', 60_000);
      await stopWhileHeld(first, proxy, hold);
      const journaledBytes = JOURNALED.reduce((sum, name) => sum + `body of ${name}`.length, 0);
      await cutJournal(first, started.batchId, [0, 'a1.txt'], JOURNALED.length, journaledBytes);

      const mark = proxy.log.length;
      const second = await goOn(first, how, started.batchId, (run) => run.upload(bucket, prefix, [{ path: root }], policy));
      try {
        const end = await whenEnded(second);
        expect(end.counts).toMatchObject({ done: JOURNALED.length + 1, skipped: UNJOURNALED.length, failed: 0, conflict: 0 });
        expect(end.finished).toBe(true);
        expectFoundInPlace(second.list().transfers, /was uploaded before Pail stopped/);
        // Only the held file was sent again (no part, no single PUT of the others); each key is there once.
        const sent = proxy.log.slice(mark).filter((e) => e.method === 'PUT' || (e.method === 'POST' && e.url.includes('uploads')));
        expect(sent.map((e) => decodeURIComponent(e.url))).toEqual([`/${bucket}/${folder}${HELD}`]);
        expect((await keysUnder(bucket, folder)).sort()).toEqual(ALL.map((name) => folder + name).sort());
        expect(await bodyOf(bucket, folder + HELD)).toBe(`body of ${HELD}`);
      } finally {
        await second.dispose();
      }

      // A fresh batch keeps its policy: the same files, already there, are uploaded again as "name (1)" (or asked about).
      const third = await transferFixture({ endpoint: proxy.endpoint, services: first.services, dataDir: first.dataDir });
      try {
        const again = await third.upload(bucket, prefix, [{ path: root }], policy);
        if (policy === 'rename') {
          expect((await third.engine.settled(again.batchId)).counts).toMatchObject({ done: ALL.length, skipped: 0 });
          expect(await bodyOf(bucket, `${folder}b2 (1).txt`)).toBe('body of b2.txt');
        } else {
          await waitUntil(() => onlyBatch(third.engine).counts.conflict === ALL.length, 'every file asked about', 60_000);
        }
      } finally {
        await third.engine.dispose();
      }
      await first.dispose();
    },
    300_000,
  );
});
