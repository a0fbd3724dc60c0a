import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import type { JobProgress } from '../../shared/jobs';
import { runCli } from '../cli/commands';
import { capturedIo } from '../test-support/cli-io';
import { addGatewayProfile, createTestBucket, freshServices, putObjects } from '../test-support/gateway';

describe('calculating the size of a folder or a bucket', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let profileId: string;
  let bucket: { name: string; cleanup: () => Promise<void> };

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    profileId = (await addGatewayProfile(services, 'ceph')).id;
    bucket = await createTestBucket('size');
    // 1,203 objects: more than one listing page; keys "a" and "a/b" both count.
    const keys = [...Array.from({ length: 1200 }, (_, i) => `photos/2026/${String(i).padStart(4, '0')}.jpg`), 'photos/a', 'photos/a/b', 'notes.txt'];
    await putObjects(bucket.name, keys, (key) => (key.endsWith('.jpg') ? 'x'.repeat(100) : 'yy'));
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
  });

  it('counts every object and byte under the prefix, every level down, with the totals in its progress', async () => {
    const progress: { done: number; bytes?: number }[] = [];
    const stop = services.events.onEvent((channel, payload) => {
      const event = payload as JobProgress;
      if (channel === 'job:progress' && event.kind === 'folderSize') progress.push(event);
    });
    const outcome = await (await services.folderSizes.startMeasure({ profileId, bucket: bucket.name, prefix: 'photos/' })).finished;
    stop();
    expect(outcome).toMatchObject({ status: 'succeeded', done: 1202, bytes: 120_004, summary: `${bucket.name}/photos/ holds 1,202 objects, 117 KiB.` });
    expect(progress.at(-1)).toMatchObject({ done: 1202, bytes: 120_004 });
    const whole = await (await services.folderSizes.startMeasure({ profileId, bucket: bucket.name, prefix: '' })).finished;
    expect(whole).toMatchObject({ done: 1203, bytes: 120_006 });
  });

  it('stops when cancelled, saying how far it got', async () => {
    const started = await services.folderSizes.startMeasure({ profileId, bucket: bucket.name, prefix: '' });
    services.jobs.cancel({ jobId: started.jobId });
    expect((await started.finished).status).toBe('cancelled');
  });

  it('pail du prints the same', async () => {
    const { io, out } = capturedIo();
    expect(await runCli(['du', `ceph:${bucket.name}/photos`], async () => services, io)).toBe(0);
    expect(out()).toBe(`${bucket.name}/photos/ holds 1,202 objects, 117 KiB.\n`);
  });
});
