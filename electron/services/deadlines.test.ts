import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, createHandlers } from '../app-services';
import { runCli } from '../cli/commands';
import { createDispatcher } from '../ipc/dispatcher';
import { capturedIo } from '../test-support/cli-io';
import { createTestBucket, freshServices, gateway, putObjects } from '../test-support/gateway';
import { startTcpFaultProxy, type TcpFaultProxy } from '../test-support/tcp-fault-proxy';
import { randomFile } from './transfers/test-kit';

let profiles = 0;

/** A profile of gateway user 0 whose requests go through `endpoint` (a proxy), with an optional response timeout. */
async function proxiedProfile(services: Awaited<ReturnType<typeof freshServices>>['services'], endpoint: string, responseTimeoutSeconds?: number) {
  const info = gateway();
  return services.profiles.create({
    name: `via-proxy-${(profiles += 1)}`,
    endpoint,
    region: info.region,
    accessKeyId: info.users[0].accessKeyId,
    secretAccessKey: info.users[0].secretAccessKey,
    addressingStyle: 'path',
    ...(responseTimeoutSeconds && { responseTimeoutSeconds }),
  });
}

const web = { transport: 'web' as const, origin: 'http://127.0.0.1:1' };
const seconds = (since: number) => (Date.now() - since) / 1000;

// Every test here mostly waits for deadlines to fire: they run side by side.
describe.concurrent('a server that stops answering', () => {
  let silent: TcpFaultProxy;
  let bucket: { name: string; cleanup: () => Promise<void> };
  let home: Awaited<ReturnType<typeof freshServices>>;
  let transfers: { name: string; cleanup: () => Promise<void> };
  let dir: string;

  beforeAll(async () => {
    bucket = await createTestBucket('deadlines');
    await putObjects(bucket.name, ['a.txt', 'b.txt']);
    // Accepts every connection and never reads a byte of it: a server that hangs.
    silent = await startTcpFaultProxy({ target: gateway().endpoint, faults: [{ direction: 'up', afterBytes: 0, action: 'stall', times: 1_000 }] });
    home = await freshServices();
    transfers = await createTestBucket('stalls');
    dir = await mkdtemp(join(tmpdir(), 'pail-stall-'));
    await putObjects(transfers.name, ['big.bin'], () => 'x'.repeat(3 * 1024 * 1024));
  });
  afterAll(async () => {
    await silent?.close();
    await bucket?.cleanup();
    await home?.dispose();
    await transfers?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('fails `pail ls` and the web API in plain words within 75 s with the default timeout', async () => {
    const profile = await proxiedProfile(home.services, silent.endpoint);
    const dispatch = createDispatcher(createHandlers(home.services, { version: 'test', transport: 'web' }), () => true, undefined, home.services.requests);
    const { io, out, err } = capturedIo();
    const started = Date.now();
    const [code, answer, check] = await Promise.all([
      runCli(['ls', `${profile.name}:${bucket.name}/`], async () => home.services, io),
      dispatch('s3:listObjects', { profileId: profile.id, bucket: bucket.name, prefix: '' }, web),
      // A link check is a glance: it gives up after 15 s of silence.
      home.services.links.check({ url: `${silent.endpoint}/${bucket.name}/a.txt` }).then((verdict) => ({ verdict, after: seconds(started) })),
    ]);
    const took = seconds(started);
    expect(took).toBeLessThan(75);
    // Two tries of 30 s of silence each (armed 3 s late by the SDK): not before the first deadline.
    expect(took).toBeGreaterThan(55);
    expect(code).toBe(1);
    expect(out()).toBe('');
    expect(err()).toMatch(
      new RegExp(
        `^pail: Timeout: The server at ${silent.endpoint.replace(/[.:/]/g, '\\$&')} is not answering: nothing came back for 30 s \\(listing ${bucket.name}/\\)\\. `,
      ),
    );
    expect(err().trim().split('\n')).toHaveLength(1);
    expect(answer).toMatchObject({ ok: false, error: { code: 'Timeout', message: expect.stringMatching(/is not answering/) } });
    expect(check.verdict).toMatchObject({ verdict: 'unreachable', message: expect.stringMatching(/is not answering/) });
    expect(check.after).toBeLessThan(20);
  }, 90_000);

  it('follows the profile setting and the CLI --timeout', async () => {
    const profile = await proxiedProfile(home.services, silent.endpoint, 5);
    const dispatch = createDispatcher(createHandlers(home.services, { version: 'test', transport: 'web' }), () => true);
    let started = Date.now();
    const answer = await dispatch('s3:listBuckets', { profileId: profile.id }, web);
    expect(answer).toMatchObject({ ok: false, error: { code: 'Timeout', message: expect.stringMatching(/nothing came back for 5 s/) } });
    expect(seconds(started)).toBeLessThan(14);

    const dataDir = await mkdtemp(join(tmpdir(), 'pail-timeout-flag-'));
    try {
      const { io, err } = capturedIo();
      started = Date.now();
      const setup = await createAppServices(dataDir, { PAIL_SECRET_STORE: 'file' });
      const slow = await proxiedProfile(setup, silent.endpoint);
      const code = await runCli(
        ['--timeout', '6', 'ls', `${slow.name}:`],
        (overrides) => createAppServices(dataDir, { PAIL_SECRET_STORE: 'file' }, { clientOverrides: overrides }),
        io,
      );
      expect(code).toBe(1);
      expect(err()).toMatch(/^pail: Timeout: .* nothing came back for 6 s \(listing buckets\)/);
      // Two tries of 6 s of silence (the SDK arms idle timers of 6 s and more 3 s late).
      expect(seconds(started)).toBeLessThan(22);
      const refused = capturedIo();
      expect(
        await runCli(
          ['--timeout', 'soon', 'ls', `${slow.name}:`],
          (overrides) => createAppServices(dataDir, { PAIL_SECRET_STORE: 'file' }, { clientOverrides: overrides }),
          refused.io,
        ),
      ).toBe(2);
      expect(refused.err()).toMatch(/^pail: --timeout soon: give whole seconds/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 40_000);

  it('stops a request at once when its caller cancels it, and answers Cancelled', async () => {
    const profile = await proxiedProfile(home.services, silent.endpoint);
    const dispatch = createDispatcher(createHandlers(home.services, { version: 'test', transport: 'web' }), () => true, undefined, home.services.requests);
    const requestId = '2f0e0c4e-7c1f-4d8a-9f57-3b1b5d3f7a10';
    const started = Date.now();
    const listing = dispatch('s3:listObjects', { profileId: profile.id, bucket: bucket.name, prefix: '' }, web, requestId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await dispatch('app:cancel', { requestId }, web)).toEqual({ ok: true, data: { cancelled: true } });
    expect(await listing).toMatchObject({ ok: false, error: { code: 'Cancelled' } });
    expect(seconds(started)).toBeLessThan(2);
    expect(home.services.requests.size).toBe(0);
    // A request that already answered cannot be cancelled.
    expect(await dispatch('app:cancel', { requestId }, web)).toEqual({ ok: true, data: { cancelled: false } });
  });

  it('is reported as not answering within seconds, then fails in those words (retried once)', async () => {
    // Lets the answer's head and 64 KiB of its body through, then nothing more.
    const proxy = await startTcpFaultProxy({ target: gateway().endpoint });
    const home = await freshServices();
    try {
      // 8 s: the "not answering" notice (from 5 s of silence) comes well before the deadline gives up.
      const profile = await proxiedProfile(home.services, proxy.endpoint, 8);
      proxy.setFaults([{ direction: 'down', afterBytes: 64 * 1024, action: 'stall', times: 10 }]);
      const events: { at: number; silent?: number; batchSilent?: number; note?: string }[] = [];
      const started = Date.now();
      home.services.events.onEvent((event, payload) => {
        if (event !== 'transfer:progress') return;
        const progress = payload as import('../../shared/transfers').TransferProgressEvent;
        events.push({
          at: seconds(started),
          silent: progress.transfers[0]?.silentSeconds,
          batchSilent: progress.batches[0]?.silentSeconds,
          note: progress.transfers[0]?.note,
        });
      });
      const batch = await home.services.transfers.download({
        profileId: profile.id,
        bucket: transfers.name,
        targetDir: join(dir, 'a'),
        conflict: 'overwrite',
        specs: [{ key: 'big.bin' }],
      });
      const done = await home.services.transfers.settled(batch.batchId);
      expect(done.counts.failed).toBe(1);
      const [failed] = home.services.transfers.list().transfers.filter((t) => t.batchId === batch.batchId);
      expect(failed.error).toMatchObject({
        code: 'Timeout',
        message: expect.stringMatching(new RegExp(`^The server at .* is not answering: nothing came back for 8 s \\(downloading big\\.bin\\)`)),
      });
      expect(failed.retries).toBe(1);
      expect(seconds(started)).toBeLessThan(30);
      // Told before the first deadline gives up: silence is shown from 5 s on, whatever the timeout.
      const firstSilent = events.find((e) => e.silent !== undefined && e.batchSilent !== undefined);
      const firstBytes = events.find((e) => e.silent === undefined)!;
      expect(firstSilent!.at - firstBytes.at).toBeLessThan(8);
      expect(events.some((e) => e.note?.includes('stopped answering'))).toBe(true);
    } finally {
      await home.services.transfers.dispose();
      await home.dispose();
      await proxy.close();
    }
  }, 40_000);

  it('is reported as stalled within 35 s with the default timeout (an upload whose server stops answering)', async () => {
    const proxy = await startTcpFaultProxy({ target: gateway().endpoint });
    const home = await freshServices();
    try {
      const profile = await proxiedProfile(home.services, proxy.endpoint);
      const file = await randomFile(join(dir, 'up', 'stalled.bin'), 2 * 1024 * 1024);
      // The request head and the first 300 KiB of the body reach the server; the rest goes nowhere and no answer comes.
      proxy.setFaults([{ direction: 'up', afterBytes: 300 * 1024, action: 'stall', times: 10 }]);
      let stalledAt: number | undefined;
      const started = Date.now();
      home.services.events.onEvent((event, payload) => {
        const progress = payload as import('../../shared/transfers').TransferProgressEvent;
        if (event === 'transfer:progress' && stalledAt === undefined && progress.batches[0]?.silentSeconds !== undefined) stalledAt = seconds(started);
      });
      const batch = await home.services.transfers.upload({
        profileId: profile.id,
        bucket: transfers.name,
        prefix: '',
        conflict: 'overwrite',
        sources: [{ path: file }],
      });
      const deadline = Date.now() + 35_000;
      while (stalledAt === undefined && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
      expect(stalledAt).toBeLessThan(35);
      const [row] = home.services.transfers.list().transfers.filter((t) => t.batchId === batch.batchId);
      expect(row).toMatchObject({ state: 'running', silentSeconds: expect.any(Number) });
      expect(row.etaSeconds).toBeUndefined();
      await home.services.transfers.cancel({ batchId: batch.batchId });
      expect((await home.services.transfers.settled(batch.batchId)).counts.cancelled).toBe(1);
    } finally {
      await home.services.transfers.dispose();
      await home.dispose();
      await proxy.close();
    }
  }, 45_000);
});
