import {
  GetObjectAclCommand,
  HeadBucketCommand,
  PutBucketVersioningCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  CreateMultipartUploadCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { addGatewayProfile, createTestBucket, freshServices, bodyOf, keysUnder, putObjects, rawClient, uniqueBucketName } from '../test-support/gateway';
import { BucketService } from './bucket-service';
import { JobRunner } from './job-runner';
import { ObjectOpsService } from './object-ops-service';
import { CachedS3ClientProvider } from './s3-client-factory';

/**
 * What happens past S3's first page of 1,000 keys: listing, renaming, deleting and emptying a bucket over more
 * than one page. These tests make thousands of objects, so they run once, over HTTP. Paging is not a matter of
 * the transport: the HTTPS run (vitest.config.ts) sends each of these requests through TLS in the smaller tests
 * beside the services' own.
 */

const ODD = ['a b.txt', 'plus+.txt', 'pct%41.txt', 'hash#.txt', 'q?.txt', 'ünï.txt'];

describe('past one listing page, on the gateway', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let profileId: string;
  let bucket: { name: string; cleanup: () => Promise<void> };
  let ops: ObjectOpsService;
  let buckets: BucketService;
  const progress: number[] = [];

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    profileId = (await addGatewayProfile(services)).id;
    bucket = await createTestBucket('pages');
    const jobs = new JobRunner({ progress: (p) => progress.push(p.done), finished: () => undefined });
    const clients = new CachedS3ClientProvider(services.profiles);
    ops = new ObjectOpsService(clients, jobs);
    buckets = new BucketService(clients, jobs);
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
  });

  it('pages a folder of 2,500 objects, folders first, with nothing lost or repeated', async () => {
    const keys = Array.from({ length: 2500 }, (_, i) => `big/file-${String(i).padStart(5, '0')}.txt`);
    keys.push('big/sub-a/x', 'big/sub-b/y');
    await putObjects(bucket.name, keys);

    const seen: string[] = [];
    const folders: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await services.browse.listObjects({ profileId, bucket: bucket.name, prefix: 'big/', continuationToken: token });
      seen.push(...page.objects.map((o) => o.key));
      folders.push(...page.folders.map((f) => f.prefix));
      token = page.nextContinuationToken;
      pages += 1;
    } while (token);
    expect(pages).toBe(3);
    expect(seen.length).toBe(2500);
    expect(new Set(seen).size).toBe(2500);
    expect(folders).toEqual(['big/sub-a/', 'big/sub-b/']);
  });

  it('renames a folder of 1,100 objects (two listing pages, two delete batches) with odd names: everything copied, originals gone, ACLs kept', async () => {
    const keys = [...Array.from({ length: 1094 }, (_, i) => `old dir/f-${i}.txt`), ...ODD.map((n) => `old dir/${n}`), 'old dir/'];
    await putObjects(bucket.name, keys, (k) => `body of ${k}`);
    await rawClient().send(new PutObjectAclCommand({ Bucket: bucket.name, Key: 'old dir/a b.txt', ACL: 'public-read' }));

    progress.length = 0;
    const job = await ops.startRename({ profileId, bucket: bucket.name, source: 'old dir/', newName: 'new dir' });
    const outcome = await job.finished;
    expect(outcome).toMatchObject({ status: 'succeeded', done: 1101, failures: [] });
    expect(progress.length).toBeGreaterThan(2);
    expect(await keysUnder(bucket.name, 'old dir/')).toEqual([]);
    const moved = await keysUnder(bucket.name, 'new dir/');
    expect(moved).toHaveLength(1101);
    expect(moved).toContain('new dir/');
    for (const name of ODD) expect(await bodyOf(bucket.name, `new dir/${name}`)).toBe(`body of old dir/${name}`);
    const acl = await rawClient().send(new GetObjectAclCommand({ Bucket: bucket.name, Key: 'new dir/a b.txt' }));
    expect(acl.Grants?.some((g) => g.Grantee?.URI?.endsWith('AllUsers') && g.Permission === 'READ')).toBe(true);
  }, 180_000);

  it('deletes a folder of 1,100 objects in two batches, and nothing beside it', async () => {
    await putObjects(bucket.name, [...Array.from({ length: 1100 }, (_, i) => `del/many/${i}`), 'del/many-not/kept.txt']);
    progress.length = 0;
    const outcome = await ops.startDeleteEntries({ profileId, bucket: bucket.name, keys: [], prefixes: ['del/many/'] }).finished;
    expect(outcome).toMatchObject({ status: 'succeeded', done: 1100, failures: [] });
    expect(progress.length).toBeGreaterThan(1);
    expect(await keysUnder(bucket.name, 'del/')).toEqual(['del/many-not/kept.txt']);
  });

  it('empties a versioned bucket of 1,200 objects (two pages of versions) and an unfinished upload, then deletes it', async () => {
    const name = uniqueBucketName('full');
    await buckets.create({ profileId, name });
    await rawClient().send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }));
    await putObjects(
      name,
      Array.from({ length: 1200 }, (_, i) => `k/${i} ü+#`),
    );
    await rawClient().send(new PutObjectCommand({ Bucket: name, Key: 'k/0 ü+#', Body: 'second version' }));
    await rawClient().send(new CreateMultipartUploadCommand({ Bucket: name, Key: 'unfinished.bin' }));

    expect(await buckets.stats({ profileId, bucket: name })).toEqual({ objects: 1200, versions: 1, uploads: 1, more: false });
    await expect(buckets.delete({ profileId, bucket: name })).rejects.toMatchObject({
      code: 'BucketNotEmpty',
      message: expect.stringMatching(/1,200 objects, 1 older versions/),
    });
    const outcome = await (await buckets.startDelete({ profileId, bucket: name, confirmName: name })).finished;
    expect(outcome).toMatchObject({ status: 'succeeded', done: 1201 });
    await expect(rawClient().send(new HeadBucketCommand({ Bucket: name }))).rejects.toMatchObject({ name: 'NotFound', $metadata: { httpStatusCode: 404 } });
  });
});
