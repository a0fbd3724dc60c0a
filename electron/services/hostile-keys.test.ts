import { CreateBucketCommand, HeadBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { addGatewayProfile, createTestBucket, freshServices, rawClient, uniqueBucketName } from '../test-support/gateway';
import { BucketService } from './bucket-service';
import { needsSingleDelete } from './delete-keys';
import { JobRunner } from './job-runner';
import { ObjectOpsService } from './object-ops-service';
import { CachedS3ClientProvider } from './s3-client-factory';
import { listAllObjects } from './s3-keys';
import { HOSTILE_NAMES } from '../test-support/hostile-names';

async function keysIn(bucket: string, prefix = ''): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of listAllObjects(rawClient(), bucket, prefix)) keys.push(...page.map((o) => o.key));
  return keys.sort();
}

async function putAll(bucket: string, keys: string[]): Promise<void> {
  for (const key of keys) await rawClient().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.from(`body of ${key}`) }));
}

describe('keys with control characters and other hostile names', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let profileId: string;
  let ops: ObjectOpsService;
  let buckets: BucketService;
  let bucket: { name: string; cleanup: () => Promise<void> };

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    profileId = (await addGatewayProfile(services)).id;
    const jobs = new JobRunner({ progress: () => undefined, finished: () => undefined });
    const clients = new CachedS3ClientProvider(services.profiles);
    ops = new ObjectOpsService(clients, jobs);
    buckets = new BucketService(clients, jobs);
    bucket = await createTestBucket('hostile-keys');
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
  });

  it('sends only the keys XML cannot carry one by one', () => {
    for (const key of ['esc\x1b', 'soh\x01', 'line\n', 'cr\r', 'tab\t', 'x\ufffe', 'half\ud800']) expect(needsSingleDelete(key)).toBe(true);
    for (const key of ['del\x7f', 'ünï 😀', '+%#?', '../up', 'a/b']) expect(needsSingleDelete(key)).toBe(false);
  });

  it('lists every hostile key exactly, then deletes them all in one batch delete (keys and a folder)', async () => {
    const keys = [...HOSTILE_NAMES.map((k) => `sel/${k}`), ...HOSTILE_NAMES.map((k) => `dir/${k}`), 'dir/'];
    await putAll(bucket.name, keys);
    expect(await keysIn(bucket.name)).toEqual([...keys].sort());
    // The browse listing (EncodingType=url) names each one exactly.
    const page = await services.browse.listObjects({ profileId, bucket: bucket.name, prefix: 'sel/' });
    expect(page.objects.map((o) => o.name).sort()).toEqual(HOSTILE_NAMES.filter((k) => !k.includes('/')).sort());
    expect(page.folders.map((f) => f.name).sort()).toEqual(['..', 'a']);

    const job = ops.startDeleteEntries({ profileId, bucket: bucket.name, keys: HOSTILE_NAMES.map((k) => `sel/${k}`), prefixes: ['dir/'] });
    const outcome = await job.finished;
    expect(outcome).toMatchObject({ status: 'succeeded', done: keys.length, failures: [], summary: `Deleted ${keys.length} objects.` });
    expect(await keysIn(bucket.name)).toEqual([]);
  });

  it('moves and renames keys with control characters: copies land exactly, originals go', async () => {
    const keys = HOSTILE_NAMES.map((k) => `from/${k}`);
    await putAll(bucket.name, keys);
    const moved = await (
      await ops.startCopyEntries({
        source: { profileId, bucket: bucket.name, keys: [], prefixes: ['from/'] },
        target: { profileId, bucket: bucket.name, prefix: 'to/' },
        mode: 'move',
      })
    ).finished;
    expect(moved).toMatchObject({ status: 'succeeded', done: keys.length, failures: [] });
    expect(await keysIn(bucket.name)).toEqual(HOSTILE_NAMES.map((k) => `to/from/${k}`).sort());

    const renamed = await (await ops.startRename({ profileId, bucket: bucket.name, source: 'to/from/esc\x1b[31mred', newName: 'still\x1bhere' })).finished;
    expect(renamed).toMatchObject({ status: 'succeeded', done: 1 });
    const after = await keysIn(bucket.name, 'to/from/');
    expect(after).toContain('to/from/still\x1bhere');
    expect(after).not.toContain('to/from/esc\x1b[31mred');
    await (
      await ops.startDeleteEntries({ profileId, bucket: bucket.name, keys: [], prefixes: ['to/'] })
    ).finished;
    expect(await keysIn(bucket.name)).toEqual([]);
  });

  it('reports a key the server refuses by its code, and deletes the rest', async () => {
    await putAll(bucket.name, ['keep/ok.txt', 'keep/esc\x1b']);
    // Another user may not delete here: every key fails with AccessDenied, each named.
    const other = await addGatewayProfile(services, 'Other user', 1);
    const denied = await ops.startDeleteEntries({ profileId: other.id, bucket: bucket.name, keys: ['keep/ok.txt', 'keep/esc\x1b'], prefixes: [] }).finished;
    expect(denied.status).toBe('partial');
    expect(denied.failures.map((f) => [f.key, f.error.code]).sort()).toEqual([
      ['keep/esc\x1b', 'AccessDenied'],
      ['keep/ok.txt', 'AccessDenied'],
    ]);
    expect(await keysIn(bucket.name)).toEqual(['keep/esc\x1b', 'keep/ok.txt']);
    expect((await ops.startDeleteEntries({ profileId, bucket: bucket.name, keys: ['keep/ok.txt', 'keep/esc\x1b'], prefixes: [] }).finished).status).toBe(
      'succeeded',
    );
  });

  it('empties and deletes a bucket that holds keys with control characters', async () => {
    const name = uniqueBucketName('hostile-rb');
    await rawClient().send(new CreateBucketCommand({ Bucket: name }));
    await putAll(name, HOSTILE_NAMES);
    const outcome = await (await buckets.startDelete({ profileId, bucket: name, confirmName: name })).finished;
    expect(outcome).toMatchObject({ status: 'succeeded', failures: [] });
    await expect(rawClient().send(new HeadBucketCommand({ Bucket: name }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
  });
});
