import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BandwidthLimits } from '../../../../shared/bandwidth';
import { formatRate } from '../../../../shared/sizes';
import type { TransferProgressEvent } from '../../../../shared/transfers';
import { createTestBucket, freshServices, gatewayProfileFields, rawClient } from '../../../test-support/gateway';
import type { S3ClientProvider } from '../../s3-client-factory';
import { FAST_RETRY, randomFile, sha256File, sha256Object, SMALL_PARTS } from '../test-kit';
import { createTransferClients, TransferS3Client } from './transfer-client';
import { TransferService } from './transfer-service';

const MiB = 1024 * 1024;

/** Progress of one batch as the events told it, timed as they arrived. */
interface Sample {
  at: number;
  bytes: number;
}

/** Bytes per second between two samples. */
const rateBetween = (from: Sample, to: Sample) => ((to.bytes - from.bytes) * 1000) / (to.at - from.at);

/** The measured rate must be within 10% of the limit (the bar), said in words when it is not. */
function expectNear(rate: number, limit: number) {
  expect(`${formatRate(rate)} (${Math.round((rate / limit) * 100)}% of ${formatRate(limit)})`).toSatisfy(() => Math.abs(rate - limit) <= limit * 0.1);
}

describe('speed limits, measured on the gateway', () => {
  const s3 = rawClient();
  let bucket: { name: string; cleanup: () => Promise<void> };
  let dir: string;
  const opened: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    bucket = await createTestBucket('bwlimit');
    dir = await mkdtemp(join(tmpdir(), 'pail-bwlimit-'));
  });
  afterAll(async () => {
    for (const close of opened) await close();
    await bucket?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  /**
   * A transfer service whose progress events are timed per batch; `sdk` takes the direct path away
   * (as for AWS profiles), so bodies go through the SDK's streams.
   */
  async function limitedService({ sdk = false, bandwidth }: { sdk?: boolean; bandwidth?: BandwidthLimits } = {}) {
    const fresh = await freshServices();
    const profile = await fresh.services.profiles.create({ ...gatewayProfileFields(), name: 'gw' });
    const direct = createTransferClients(fresh.services.profiles);
    const clients: S3ClientProvider = sdk
      ? {
          async clientFor(profileId, name) {
            const found = await direct.clientFor(profileId, name);
            (found.client as TransferS3Client).direct = undefined;
            return found;
          },
        }
      : direct;
    const samples = new Map<string, Sample[]>();
    const progress = (event: TransferProgressEvent) => {
      const at = performance.now();
      for (const batch of event.batches) samples.set(batch.id, [...(samples.get(batch.id) ?? []), { at, bytes: batch.bytes }]);
    };
    const service = new TransferService({
      clients,
      dataDir: fresh.dataDir,
      events: { progress, batchFinished: () => undefined },
      tuning: { ...SMALL_PARTS, chunksPerDownload: 3 },
      retry: FAST_RETRY,
      ...(bandwidth && { bandwidth }),
    });
    opened.push(async () => (await service.dispose(), await fresh.dispose()));
    /** The batch's rate from its first byte to its last. */
    const rateOf = (batchId: string) => {
      const moving = (samples.get(batchId) ?? []).filter((s) => s.bytes > 0);
      return rateBetween(moving[0], moving.at(-1)!);
    };
    return { service, profileId: profile.id, samples, rateOf };
  }

  it('a global download limit holds the chunks of a download in flight together, and the file is whole', async () => {
    const body = randomBytes(8 * MiB);
    await s3.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'down/big.bin', Body: body }));
    const limit = 4 * MiB;
    const { service, profileId, rateOf } = await limitedService({ bandwidth: { upload: null, download: limit } });
    const started = await service.download({
      profileId,
      bucket: bucket.name,
      targetDir: join(dir, 'down'),
      conflict: 'overwrite',
      specs: [{ key: 'down/big.bin' }],
    });
    const batch = await service.settled(started.batchId);
    expect(batch.counts.done).toBe(1);
    expectNear(rateOf(started.batchId), limit);
    expect(await sha256File(join(dir, 'down', 'big.bin'))).toBe(await sha256Object(s3, bucket.name, 'down/big.bin'));
  });

  it("a batch's own limit holds the parts of a multipart upload in flight together", async () => {
    const file = await randomFile(join(dir, 'up', 'parts.bin'), 8 * MiB);
    const limit = 4 * MiB;
    const { service, profileId, rateOf } = await limitedService();
    const started = await service.upload({ profileId, bucket: bucket.name, prefix: 'up/', conflict: 'overwrite', sources: [{ path: file }] });
    expect(service.setLimit({ selection: { batchId: started.batchId }, limit })).toEqual({ affected: 1 });
    expect(service.list().batches.find((b) => b.id === started.batchId)?.limit).toBe(limit);
    const batch = await service.settled(started.batchId);
    expect(batch.counts.done).toBe(1);
    expectNear(rateOf(started.batchId), limit);
    expect(await sha256Object(s3, bucket.name, 'up/parts.bin')).toBe(await sha256File(file));
  });

  it('through the SDK (no direct path, as for AWS): a limit of its own holds an upload and a download', async () => {
    const file = await randomFile(join(dir, 'sdk', 'one.bin'), 8 * MiB);
    const limit = 4 * MiB;
    const { service, profileId, rateOf } = await limitedService({ sdk: true });
    const up = await service.upload({ profileId, bucket: bucket.name, prefix: 'sdk/', conflict: 'overwrite', sources: [{ path: file }] });
    const [transfer] = service.list().transfers.filter((t) => t.batchId === up.batchId);
    service.setLimit({ selection: { ids: [transfer.id] }, limit });
    expect((await service.settled(up.batchId)).counts.done).toBe(1);
    expectNear(rateOf(up.batchId), limit);

    const down = await service.download({
      profileId,
      bucket: bucket.name,
      targetDir: join(dir, 'sdk-down'),
      conflict: 'overwrite',
      specs: [{ key: 'sdk/one.bin' }],
    });
    service.setLimit({ selection: { batchId: down.batchId }, limit });
    expect((await service.settled(down.batchId)).counts.done).toBe(1);
    expectNear(rateOf(down.batchId), limit);
    expect(await sha256File(join(dir, 'sdk-down', 'one.bin'))).toBe(await sha256File(file));
  });

  it('a limit changed while an upload runs applies to the bytes that follow, and taking it away lets them run free', async () => {
    const file = await randomFile(join(dir, 'live', 'live.bin'), 12 * MiB);
    const { service, profileId, samples } = await limitedService({ bandwidth: { upload: 2 * MiB, download: null } });
    const started = await service.upload({ profileId, bucket: bucket.name, prefix: 'live/', conflict: 'overwrite', sources: [{ path: file }] });
    const moved = () => samples.get(started.batchId)?.at(-1)?.bytes ?? 0;
    while (moved() < 3 * MiB) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await service.setBandwidth({ upload: 6 * MiB })).toEqual({ upload: 6 * MiB, download: null });
    const changedAt = performance.now();
    while (moved() < 9 * MiB) await new Promise((resolve) => setTimeout(resolve, 20));
    await service.setBandwidth({ upload: null });
    const freedAt = performance.now();
    expect((await service.settled(started.batchId)).counts.done).toBe(1);

    const all = samples.get(started.batchId)!.filter((s) => s.bytes > 0);
    const before = all.filter((s) => s.at < changedAt);
    const after = all.filter((s) => s.at >= changedAt + 150 && s.at < freedAt);
    expectNear(rateBetween(before[0], before.at(-1)!), 2 * MiB);
    expectNear(rateBetween(after[0], after.at(-1)!), 6 * MiB);
    expect(await sha256Object(s3, bucket.name, 'live/live.bin')).toBe(await sha256File(file));
  });
});
