import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy, type FaultRule } from '../../test-support/fault-proxy';
import { createTestBucket, gateway, rawClient } from '../../test-support/gateway';
import { startTcpFaultProxy, type TcpFaultProxy } from '../../test-support/tcp-fault-proxy';
import { randomFile, sha256File, sha256Object, transferFixture } from './test-kit';

const KiB = 1024;
const MiB = 1024 * KiB;

/** Answers requests number `from` to `to` (counted from the rule's creation) with Ceph's 503 SlowDown. */
function slowDownBurst(from: number, to: number): FaultRule & { answered: () => number } {
  let seen = 0;
  let answered = 0;
  return {
    name: 'slowDownBurst',
    when: () => {
      seen += 1;
      const hit = seen >= from && seen <= to;
      if (hit) answered += 1;
      return hit;
    },
    respond: { status: 503, body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code></Error>' },
    answered: () => answered,
  };
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
    // client → TCP proxy (resets, flipped bytes, latency) → HTTP proxy (503 bursts) → gateway
    http = await startFaultProxy({ target: gateway().endpoint });
    tcp = await startTcpFaultProxy({ target: http.endpoint, latencyMs: 2 });
  });
  afterAll(async () => {
    await tcp?.close();
    await http?.close();
    await bucket?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('uploads and downloads end byte-identical despite resets mid-body, damaged bytes, 503 bursts and latency', async () => {
    const files = [await randomFile(join(dir, 'up', 'big.bin'), 21 * MiB)];
    for (const [i, size] of [0, 1, 100 * KiB, 700 * KiB, 2 * MiB + 3].entries()) files.push(await randomFile(join(dir, 'up', `small-${i}.bin`), size));
    const fx = await transferFixture({ endpoint: tcp.endpoint });

    const burst = slowDownBurst(3, 8);
    http.setRules([burst]);
    tcp.setFaults([
      { direction: 'up', afterBytes: 1.5 * MiB, action: 'reset', times: 2 },
      { direction: 'up', afterBytes: 3 * MiB + 17, action: 'corrupt', times: 1 },
    ]);
    const up = await fx.engine.upload({ profileId: fx.profileId, bucket: bucket.name, prefix: '', conflict: 'overwrite', sources: [{ path: join(dir, 'up') }] });
    const uploaded = await fx.engine.settled(up.batchId);
    expect(uploaded.counts.done).toBe(6);
    expect(tcp.stats.resets).toBe(2);
    expect(tcp.stats.corruptions).toBe(1);
    expect(burst.answered()).toBe(6);
    for (const file of files) expect(await sha256Object(s3, bucket.name, `up/${file.slice(file.lastIndexOf('/') + 1)}`), file).toBe(await sha256File(file));

    const burst2 = slowDownBurst(2, 6);
    http.setRules([burst2]);
    tcp.setFaults([{ direction: 'down', afterBytes: 700 * KiB, action: 'reset', times: 3 }]);
    const target = join(dir, 'down');
    const down = await fx.engine.download({ profileId: fx.profileId, bucket: bucket.name, targetDir: target, conflict: 'overwrite', specs: [{ prefix: 'up/' }] });
    const downloaded = await fx.engine.settled(down.batchId);
    expect(downloaded.counts.done).toBe(6);
    expect(tcp.stats.resets).toBe(5);
    expect(burst2.answered()).toBe(5);
    for (const file of files) expect(await sha256File(join(target, 'up', file.slice(file.lastIndexOf('/') + 1))), file).toBe(await sha256File(file));
    const retries = fx.engine.list().transfers.reduce((sum, t) => sum + t.retries, 0);
    expect(retries).toBeGreaterThanOrEqual(8);
    await fx.dispose();
  });
});
