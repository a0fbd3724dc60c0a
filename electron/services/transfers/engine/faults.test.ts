import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHome, runPail } from '../../../test-support/cli-process';
import { startFaultProxy, type FaultProxy } from '../../../test-support/fault-proxy';
import { anyRequest, burst, everyNth, isRangedGet, seededRandom, slowDown, truncateBody, upTo } from '../../../test-support/fault-rules';
import { createTestBucket, gateway, rawClient } from '../../../test-support/gateway';
import { unfinishedUploads } from '../../../test-support/leftovers';
import { startTcpFaultProxy, type TcpFaultProxy } from '../../../test-support/tcp-fault-proxy';
import { DEFAULT_TUNING } from './task-types';
import { randomFile, sha256File, sha256Object, transferFixture } from '../test-kit';

const KiB = 1024;
const MiB = 1024 * KiB;

/** sha256 of every file under `root`, by path relative to it. */
async function hashTree(root: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    hashes[path.slice(root.length + 1)] = await sha256File(path);
  }
  return hashes;
}

describe('transfers through a faulty network', () => {
  const s3 = rawClient();
  let bucket: { name: string; cleanup: () => Promise<void> };
  let http: FaultProxy;
  let tcp: TcpFaultProxy;
  let dir: string;

  beforeAll(async () => {
    bucket = await createTestBucket('faults');
    dir = await mkdtemp(join(tmpdir(), 'pail-faults-'));
    // client → TCP proxy (resets, flipped bytes, latency) → HTTP proxy (503s, cut bodies) → gateway
    http = await startFaultProxy({ target: gateway().endpoint });
    tcp = await startTcpFaultProxy({ target: http.endpoint, latencyMs: 2 });
  });
  afterAll(async () => {
    await tcp?.close();
    await http?.close();
    // Deletes every object: the gateway's memory store frees them within a minute.
    await bucket?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('uploads and downloads end byte-identical despite resets mid-body, damaged bytes, 503 bursts and latency', async () => {
    const files = [await randomFile(join(dir, 'up', 'big.bin'), 21 * MiB)];
    for (const [i, size] of [0, 1, 100 * KiB, 700 * KiB, 2 * MiB + 3].entries()) files.push(await randomFile(join(dir, 'up', `small-${i}.bin`), size));
    const fx = await transferFixture({ endpoint: tcp.endpoint });

    const burst1 = slowDown(burst(3, 8));
    http.setRules([burst1]);
    tcp.setFaults([
      { direction: 'up', afterBytes: 1.5 * MiB, action: 'reset', times: 2 },
      { direction: 'up', afterBytes: 3 * MiB + 17, action: 'corrupt', times: 1 },
    ]);
    const up = await fx.upload(bucket.name, '', [{ path: join(dir, 'up') }]);
    const uploaded = await fx.engine.settled(up.batchId);
    expect(uploaded.counts.done).toBe(6);
    expect(tcp.stats.resets).toBe(2);
    expect(tcp.stats.corruptions).toBe(1);
    expect(burst1.hits()).toBe(6);
    for (const file of files) expect(await sha256Object(s3, bucket.name, `up/${file.slice(file.lastIndexOf('/') + 1)}`), file).toBe(await sha256File(file));

    const burst2 = slowDown(burst(2, 6));
    http.setRules([burst2]);
    tcp.setFaults([{ direction: 'down', afterBytes: 700 * KiB, action: 'reset', times: 3 }]);
    const target = join(dir, 'down');
    const down = await fx.download(bucket.name, target, [{ prefix: 'up/' }]);
    const downloaded = await fx.engine.settled(down.batchId);
    expect(downloaded.counts.done).toBe(6);
    expect(tcp.stats.resets).toBe(5);
    expect(burst2.hits()).toBe(5);
    for (const file of files) expect(await sha256File(join(target, 'up', file.slice(file.lastIndexOf('/') + 1))), file).toBe(await sha256File(file));
    const retries = fx.engine.list().transfers.reduce((sum, t) => sum + t.retries, 0);
    expect(retries).toBeGreaterThanOrEqual(8);
    await fx.dispose();
    await rm(join(dir, 'up'), { recursive: true });
    await rm(target, { recursive: true });
    http.setRules([]);
    tcp.setFaults([]);
  });

  it('moves 200 small files and one 256 MiB file up (engine) and down (engine, then pail cp) byte-identical through resets and 503s', async () => {
    const source = join(dir, 'many');
    const random = seededRandom(13);
    for (let i = 0; i < 200; i += 1) await randomFile(join(source, `d${i % 7}`, `f${i}.bin`), Math.floor(random() * 64 * KiB));
    await randomFile(join(source, 'big.bin'), 256 * MiB);
    const expected = await hashTree(source);
    expect(Object.keys(expected)).toHaveLength(201);
    // No added latency here: its per-chunk timers would only slow 256 MiB down.
    tcp.setLatency(0);
    // The engine as the app runs it (8 MiB parts, 16 MiB ranges), retrying quickly.
    const fx = await transferFixture({ endpoint: tcp.endpoint, tuning: DEFAULT_TUNING });

    // A share of connections reset mid-body (every 4th, until 12 have been cut), and 503 SlowDown to every 9th request (30 at most).
    const upSlow = slowDown(upTo(30, everyNth(9)));
    http.setRules([upSlow]);
    tcp.setFaults([{ direction: 'up', afterBytes: 900 * KiB, action: 'reset', connections: { every: 4 }, times: 12 }]);
    const up = await fx.upload(bucket.name, 'many/', [{ path: source, key: 'many/' }]);
    const uploaded = await fx.engine.settled(up.batchId);
    expect(uploaded.counts).toMatchObject({ done: 201, failed: 0 });
    expect(tcp.stats.resets).toBeGreaterThanOrEqual(3);
    expect(upSlow.hits()).toBeGreaterThanOrEqual(10);
    expect(await sha256Object(s3, bucket.name, 'many/big.bin')).toBe(expected['big.bin']);
    expect(await unfinishedUploads(s3, bucket.name)).toEqual([]);

    // Down: resets, 503s, and ranged answers cut short with a clean close (a body shorter than its length).
    const resetsBefore = tcp.stats.resets;
    const downSlow = slowDown(upTo(30, everyNth(9)));
    const cut = truncateBody(upTo(3, isRangedGet), 3 * MiB, 'close');
    http.setRules([cut, downSlow]);
    // The first three connections that carry 2 MiB down are cut (how many connections a download keeps varies with timing).
    tcp.setFaults([{ direction: 'down', afterBytes: 2 * MiB, action: 'reset', times: 3 }]);
    const target = join(dir, 'many-engine');
    const down = await fx.download(bucket.name, target, [{ prefix: 'many/', as: '' }]);
    expect((await fx.engine.settled(down.batchId)).counts).toMatchObject({ done: 201, failed: 0 });
    expect(tcp.stats.resets - resetsBefore).toBe(3);
    expect(cut.hits()).toBe(3);
    expect(downSlow.hits()).toBeGreaterThanOrEqual(10);
    expect(await hashTree(target)).toEqual(expected);
    await rm(target, { recursive: true });
    await fx.dispose();

    // The same download through the real `pail cp`, through the same faults.
    const resetsBeforeCli = tcp.stats.resets;
    const cliSlow = slowDown(upTo(20, everyNth(9, anyRequest)));
    const cliCut = truncateBody(upTo(2, isRangedGet), 1 * MiB, 'close');
    http.setRules([cliCut, cliSlow]);
    // The first two connections that carry 2 MiB down are cut (the CLI keeps few connections alive: a share could miss them all).
    tcp.setFaults([{ direction: 'down', afterBytes: 2 * MiB, action: 'reset', times: 2 }]);
    const home = await cliHome({ endpoint: tcp.endpoint });
    const viaCli = join(dir, 'many-cli');
    const result = await runPail(home.home, ['cp', `gw:${bucket.name}/many/`, viaCli, '--recursive']);
    expect(result, result.stderr).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Downloaded 201 files \(26\d MiB\) in /) });
    expect(tcp.stats.resets - resetsBeforeCli).toBe(2);
    expect(cliCut.hits()).toBe(2);
    expect(cliSlow.hits()).toBeGreaterThanOrEqual(5);
    expect(await hashTree(viaCli)).toEqual(expected);
    await home.dispose();
    await rm(viaCli, { recursive: true });
    await rm(source, { recursive: true });
    http.setRules([]);
    tcp.setFaults([]);
  });
});
