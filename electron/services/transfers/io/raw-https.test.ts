import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshServices, createTestBucket, gateway, rawClient } from '../../../test-support/gateway';
import { startTcpFaultProxy, type TcpFaultProxy } from '../../../test-support/tcp-fault-proxy';
import { networkPolicyOf } from '../../net/network-policy';
import { transferFixture } from '../test-kit';
import { DirectS3 } from './direct-s3';
import type { FetchError } from './fetch-worker';

const MiB = 1024 * 1024;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * GETs over HTTPS on the fetch thread's own reader (a TLS socket from net/, records gathered into
 * 1 MiB writes), through a TCP proxy in front of the gateway's HTTPS endpoint: TLS passes through
 * it untouched, so a cut or a stall lands in the middle of encrypted records, as on a real network.
 */
describe('the fetch thread over HTTPS', () => {
  const s3 = rawClient();
  let bucket: { name: string; cleanup: () => Promise<void> };
  let tcp: TcpFaultProxy;
  let dir: string;
  let caBundle: string;
  const body = randomBytes(3 * MiB + 12_345);

  /** The direct path to the gateway's HTTPS endpoint through the proxy, trusting the test CA. */
  const directClient = (silenceMs = 30_000) => {
    const info = gateway();
    return new DirectS3({
      endpoint: tcp.endpoint.replace(/^http:/, 'https:'),
      signingRegion: info.region,
      pathStyle: true,
      accessKeyId: info.users[0].accessKeyId,
      secretAccessKey: info.users[0].secretAccessKey,
      maxSockets: 4,
      silenceMs,
      clock: { systemClockOffset: 0 },
      userAgent: 'pail-test',
      network: networkPolicyOf({ caBundle }),
    });
  };

  beforeAll(async () => {
    bucket = await createTestBucket('rawtls');
    dir = await mkdtemp(join(tmpdir(), 'pail-rawtls-'));
    caBundle = await readFile(gateway().caBundle, 'utf8');
    tcp = await startTcpFaultProxy({ target: new URL(gateway().httpsEndpoint).host });
    await s3.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'body.bin', Body: body }));
  });
  afterAll(async () => {
    await tcp?.close();
    await bucket?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('a body cut mid-record rejects with exactly the bytes in the file, and the rest fetched from there completes it', async () => {
    const direct = directClient();
    const path = join(dir, 'cut.bin');
    const file = await open(path, 'w+');
    const resetsBefore = tcp.stats.resets;
    try {
      tcp.setFaults([{ direction: 'down', afterBytes: 1.5 * MiB + 7, action: 'reset' }]);
      const cut = await direct.getInto({ bucket: bucket.name, key: 'body.bin' }, file.fd, 0, () => undefined).catch((e: FetchError) => e);
      expect(cut).toBeInstanceOf(Error);
      const written = (cut as FetchError).written!;
      // Gathered bytes are written before the error goes back: the count is what the file holds. How many
      // arrived varies: a reset makes the kernel drop what it had received but not handed over yet.
      expect(written).toBeLessThan(1.5 * MiB + 7);
      expect((await readFile(path)).equals(body.subarray(0, written))).toBe(true);

      const rest = await direct.getInto({ bucket: bucket.name, key: 'body.bin', range: { start: written, end: body.length - 1 } }, file.fd, written, () => {});
      expect(rest.written).toBe(body.length - written);
      expect(sha256(await readFile(path))).toBe(sha256(body));
      expect(tcp.stats.resets - resetsBefore).toBe(1);
    } finally {
      await file.close();
      direct.destroy();
      tcp.setFaults([]);
    }
  });

  it('a server that goes silent mid-body, or during the handshake, fails the GET in time', async () => {
    const direct = directClient(1_000);
    const file = await open(join(dir, 'silent.bin'), 'w+');
    const stallsBefore = tcp.stats.stalls;
    try {
      for (const afterBytes of [2 * MiB, 0]) {
        tcp.setFaults([{ direction: 'down', afterBytes, action: 'stall' }]);
        tcp.dropConnections();
        const started = performance.now();
        const stalled = await direct.getInto({ bucket: bucket.name, key: 'body.bin' }, file.fd, 0, () => undefined).catch((e: FetchError) => e);
        const took = performance.now() - started;
        expect(stalled, `stalled after ${afterBytes} bytes`).toMatchObject({ name: 'TimeoutError', code: 'ETIMEDOUT' });
        expect(took).toBeGreaterThanOrEqual(900);
        expect(took).toBeLessThan(5_000);
        const written = (stalled as FetchError).written!;
        expect((await readFile(join(dir, 'silent.bin'))).subarray(0, written).equals(body.subarray(0, written))).toBe(true);
        if (afterBytes === 0) expect(written).toBe(0);
        else expect(written).toBeGreaterThan(MiB);
      }
      expect(tcp.stats.stalls - stallsBefore).toBe(2);
    } finally {
      await file.close();
      direct.destroy();
      tcp.setFaults([]);
      tcp.dropConnections();
    }
  });

  it('a download whose connections drop mid-body resumes and ends byte-identical (the engine, over HTTPS)', async () => {
    const big = randomBytes(21 * MiB + 3);
    await s3.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'big.bin', Body: big }));
    const { services, dataDir, dispose } = await freshServices();
    const info = gateway();
    await services.profiles.create({
      name: 'gw-tls',
      endpoint: tcp.endpoint.replace(/^http:/, 'https:'),
      region: info.region,
      accessKeyId: info.users[0].accessKeyId,
      secretAccessKey: info.users[0].secretAccessKey,
      addressingStyle: 'path',
      caBundle,
    });
    const fx = await transferFixture({ services, dataDir });
    const resetsBefore = tcp.stats.resets;
    try {
      tcp.setFaults([{ direction: 'down', afterBytes: 2 * MiB, action: 'reset', times: 3 }]);
      const target = join(dir, 'down');
      const down = await fx.download(bucket.name, target, [{ key: 'big.bin' }]);
      const done = await fx.engine.settled(down.batchId);
      expect(done.counts.done).toBe(1);
      expect(tcp.stats.resets - resetsBefore).toBe(3);
      expect(sha256(await readFile(join(target, 'big.bin')))).toBe(sha256(big));
      expect(fx.engine.list().transfers[0].retries).toBeGreaterThanOrEqual(3);
    } finally {
      tcp.setFaults([]);
      await fx.dispose();
      await dispose();
    }
  });
});
