import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../app-services';
import { addGatewayProfile, createTestBucket, freshServices, keysUnder, putObjects } from '../test-support/gateway';
import { JobRunner } from './job-runner';
import { ObjectOpsService } from './object-ops-service';
import { CachedS3ClientProvider } from './s3-client-factory';

/**
 * Deleting everything in a big folder (Select all, Delete): the job lists and deletes a page of 1,000 keys at a
 * time, counts as it goes, keeps the folder's own marker, and a cancel stops it between batches. Thousands of
 * objects, so it runs once, over HTTP (as past-one-page.test.ts).
 */
describe("deleting a folder's contents, on the gateway", () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let profileId: string;
  let bucket: { name: string; cleanup: () => Promise<void> };
  let ops: ObjectOpsService;
  let jobs: JobRunner;
  let onProgress: (done: number, jobId: string) => void = () => undefined;

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    profileId = (await addGatewayProfile(services)).id;
    bucket = await createTestBucket('contents');
    jobs = new JobRunner({ progress: (p) => onProgress(p.done, p.jobId), finished: () => undefined });
    ops = new ObjectOpsService(new CachedS3ClientProvider(services.profiles), jobs);
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
  });

  it('deletes 3,000 objects and a subfolder in batches, counting them, and keeps the folder and what is beside it', async () => {
    const keys = Array.from({ length: 3000 }, (_, i) => `big/k-${String(i).padStart(5, '0')}`);
    await putObjects(bucket.name, [...keys, 'big/', 'big/sub/deep +%#?', 'big-not-inside.txt', 'other/x'], () => '', 64);
    const seen: number[] = [];
    onProgress = (done) => seen.push(done);
    // Listed a moment after the last PUT, as a user would (what was written in the 2 s before the listing may be kept).
    await sleep(2100);

    const outcome = await (await ops.startDeleteFolderContents({ profileId, bucket: bucket.name, prefix: 'big/', listedMsAgo: 0 })).finished;

    expect(outcome).toMatchObject({ status: 'succeeded', done: 3001, summary: 'Deleted 3,001 objects.', failures: [] });
    expect(await keysUnder(bucket.name, 'big/')).toEqual(['big/']);
    expect(await keysUnder(bucket.name, 'big-')).toEqual(['big-not-inside.txt']);
    expect(await keysUnder(bucket.name, 'other/')).toEqual(['other/x']);
    // Progress rose batch by batch (throttled to a few events a second), never past what was there.
    expect(seen.length).toBeGreaterThan(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(3001);
  });

  it('stops between batches when cancelled: every object gone was counted, the rest are all still there', async () => {
    const keys = Array.from({ length: 3000 }, (_, i) => `stop/k-${String(i).padStart(5, '0')}`);
    await putObjects(bucket.name, keys, () => '', 64);
    await sleep(2100);
    // Cancelled as the first batch is reported, as a click on Cancel in the Activity panel would.
    onProgress = (done, jobId) => {
      if (done > 0) jobs.cancel({ jobId });
    };

    const outcome = await (await ops.startDeleteFolderContents({ profileId, bucket: bucket.name, prefix: 'stop/', listedMsAgo: 0 })).finished;

    expect(outcome.status).toBe('cancelled');
    const left = await keysUnder(bucket.name, 'stop/');
    expect(outcome.done).toBeGreaterThan(0);
    expect(outcome.done % 1000).toBe(0);
    expect(left.length).toBe(3000 - outcome.done);
    expect(left.length).toBeGreaterThanOrEqual(1000);
  });

  it("keeps what was written after the listing the user chose from began, even with this computer's clock an hour ahead", async () => {
    const old = Array.from({ length: 10 }, (_, i) => `late/old-${i}`);
    await putObjects(bucket.name, old, () => 'old', 8);
    // The job keeps what may be newer than the listing, erring by up to 2 s (whole-second Dates, a slow answer
    // on a loaded machine): the old objects are written well before the listing begins, as a user's would be.
    await sleep(4000);
    onProgress = () => undefined;
    const listingBegan = performance.now();
    // Written after the rows were listed: a new object, and a new version of a listed one.
    await putObjects(bucket.name, ['late/new-1', 'late/old-0'], () => 'new', 2);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3600_000);
    try {
      const listedMsAgo = Math.round(performance.now() - listingBegan);
      const outcome = await (await ops.startDeleteFolderContents({ profileId, bucket: bucket.name, prefix: 'late/', listedMsAgo })).finished;
      expect(outcome).toMatchObject({
        status: 'succeeded',
        done: 9,
        summary:
          'Deleted 9 objects. 2 objects were kept: written since the folder was listed (or in the second or two before), they may not be among the rows you chose. Refresh the folder to see them.',
      });
    } finally {
      vi.useRealTimers();
    }
    expect(await keysUnder(bucket.name, 'late/')).toEqual(['late/new-1', 'late/old-0']);
  });
});
