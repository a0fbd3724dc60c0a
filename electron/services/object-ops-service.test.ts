import { GetObjectAclCommand, GetObjectCommand, HeadObjectCommand, PutObjectAclCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobFinished } from '../../shared/jobs';
import type { AppServices } from '../app-services';
import { addGatewayProfile, createTestBucket, freshServices, bodyOf, keysUnder, putObjects, rawClient } from '../test-support/gateway';
import { JobRunner } from './job-runner';
import { ObjectOpsService } from './object-ops-service';
import { CachedS3ClientProvider } from './s3-client-factory';

const ODD = ['a b.txt', 'plus+.txt', 'pct%41.txt', 'hash#.txt', 'q?.txt', 'ünï.txt'];

describe('object operations on the gateway', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let profileId: string;
  let bucket: { name: string; cleanup: () => Promise<void> };
  let other: { name: string; cleanup: () => Promise<void> };
  let ops: ObjectOpsService;
  const progress: number[] = [];

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    profileId = (await addGatewayProfile(services)).id;
    bucket = await createTestBucket('ops');
    other = await createTestBucket('ops-target');
    const jobs = new JobRunner({ progress: (p) => progress.push(p.done), finished: () => undefined });
    // Small limits so the multipart copy path runs on small objects.
    ops = new ObjectOpsService(new CachedS3ClientProvider(services.profiles), jobs, { singleCopyMaxBytes: 6 * 1024 * 1024, minPartBytes: 5 * 1024 * 1024 });
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await other?.cleanup();
    await dispose?.();
  });

  it('creates a folder as a 0-byte marker, and refuses bad names', async () => {
    const folder = await ops.createFolder({ profileId, bucket: bucket.name, prefix: 'docs/', name: 'new ü+#' });
    expect(folder).toEqual({ kind: 'folder', prefix: 'docs/new ü+#/', name: 'new ü+#' });
    const head = await rawClient().send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'docs/new ü+#/' }));
    expect(head.ContentLength).toBe(0);
    await expect(ops.createFolder({ profileId, bucket: bucket.name, prefix: '', name: 'a/b' })).rejects.toMatchObject({
      code: 'InvalidRequest',
      message: expect.stringMatching(/cannot contain "\/"/),
    });
    await expect(ops.createFolder({ profileId, bucket: bucket.name, prefix: '', name: '..' })).rejects.toMatchObject({ code: 'InvalidRequest' });
  });

  it('renames a folder with odd names: everything copied, originals gone, ACLs kept (past one page: past-one-page.test.ts)', async () => {
    const keys = [...ODD.map((n) => `old dir/${n}`), 'old dir/'];
    await putObjects(bucket.name, keys, (k) => `body of ${k}`);
    await rawClient().send(new PutObjectAclCommand({ Bucket: bucket.name, Key: 'old dir/a b.txt', ACL: 'public-read' }));

    const outcome = await (await ops.startRename({ profileId, bucket: bucket.name, source: 'old dir/', newName: 'new dir' })).finished;
    expect(outcome).toMatchObject({ status: 'succeeded', done: 7, failures: [] });
    expect(await keysUnder(bucket.name, 'old dir/')).toEqual([]);
    expect(await keysUnder(bucket.name, 'new dir/')).toEqual([...ODD.map((n) => `new dir/${n}`), 'new dir/'].sort());
    for (const name of ODD) expect(await bodyOf(bucket.name, `new dir/${name}`)).toBe(`body of old dir/${name}`);
    const acl = await rawClient().send(new GetObjectAclCommand({ Bucket: bucket.name, Key: 'new dir/a b.txt' }));
    expect(acl.Grants?.some((g) => g.Grantee?.URI?.endsWith('AllUsers') && g.Permission === 'READ')).toBe(true);
  });

  it('renames an object, keeping its Content-Type and metadata, and refuses to overwrite', async () => {
    await rawClient().send(
      new PutObjectCommand({ Bucket: bucket.name, Key: 'r/one.json', Body: '{}', ContentType: 'application/json', Metadata: { owner: 'me' } }),
    );
    await rawClient().send(new PutObjectCommand({ Bucket: bucket.name, Key: 'r/taken.json', Body: '{}' }));
    await expect(ops.rename({ profileId, bucket: bucket.name, source: 'r/one.json', newName: 'taken.json' })).rejects.toMatchObject({
      message: expect.stringMatching(/already exists/),
    });
    await (
      await ops.startRename({ profileId, bucket: bucket.name, source: 'r/one.json', newName: 'two #?.json' })
    ).finished;
    const head = await rawClient().send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'r/two #?.json' }));
    expect(head.ContentType).toBe('application/json');
    expect(head.Metadata).toEqual({ owner: 'me' });
    expect(await keysUnder(bucket.name, 'r/')).toEqual(['r/taken.json', 'r/two #?.json']);
  });

  it('copies a big object part by part (multipart copy), byte-identical', async () => {
    const big = Buffer.alloc(13 * 1024 * 1024, 7);
    big.write('start', 0);
    big.write('end', big.length - 3);
    await rawClient().send(
      new PutObjectCommand({ Bucket: bucket.name, Key: 'big/blob.bin', Body: big, ContentType: 'application/x-test', Metadata: { kept: 'yes' } }),
    );
    const outcome = await (
      await ops.startCopyEntries({
        source: { profileId, bucket: bucket.name, keys: ['big/blob.bin'], prefixes: [] },
        target: { profileId, bucket: other.name, prefix: 'copies/' },
        mode: 'copy',
      })
    ).finished;
    expect(outcome.status).toBe('succeeded');
    const copy = await rawClient().send(new GetObjectCommand({ Bucket: other.name, Key: 'copies/blob.bin' }));
    expect(copy.ETag).toMatch(/-3"$/); // three parts
    expect(copy.ContentType).toBe('application/x-test');
    expect(copy.Metadata).toEqual({ kept: 'yes' });
    expect(Buffer.from(await copy.Body!.transformToByteArray()).equals(big)).toBe(true);
  });

  it('moves objects and folders to another bucket; a second profile can copy across servers', async () => {
    await putObjects(bucket.name, ['m/x.txt', 'm/sub/y.txt', 'm/sub/z.txt'], (k) => k);
    const moved = await (
      await ops.startCopyEntries({
        source: { profileId, bucket: bucket.name, keys: ['m/x.txt'], prefixes: ['m/sub/'] },
        target: { profileId, bucket: other.name, prefix: 'in/' },
        mode: 'move',
      })
    ).finished;
    expect(moved).toMatchObject({ status: 'succeeded', done: 3 });
    expect(await keysUnder(other.name, 'in/')).toEqual(['in/sub/y.txt', 'in/sub/z.txt', 'in/x.txt']);
    expect(await keysUnder(bucket.name, 'm/')).toEqual([]);

    // A second profile is a separate "server" to the engine: the body is streamed through.
    const second = await addGatewayProfile(services, 'Second');
    const copied = await (
      await ops.startCopyEntries({
        source: { profileId: second.id, bucket: other.name, keys: ['in/x.txt'], prefixes: [] },
        target: { profileId, bucket: bucket.name, prefix: 'back/' },
        mode: 'copy',
      })
    ).finished;
    expect(copied.status).toBe('succeeded');
    expect(await bodyOf(bucket.name, 'back/x.txt')).toBe('m/x.txt');

    await expect(
      ops.copyEntries({
        source: { profileId, bucket: bucket.name, keys: [], prefixes: ['back/'] },
        target: { profileId, bucket: bucket.name, prefix: 'back/inner/' },
        mode: 'move',
      }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/into itself/) });
  });

  it('deletes objects and whole folders, and lists what failed (past one batch: past-one-page.test.ts)', async () => {
    await putObjects(bucket.name, [...Array.from({ length: 20 }, (_, i) => `del/many/${i}`), 'del/a.txt', 'del/b+c.txt', 'keep/me.txt']);
    const outcome: JobFinished = await ops.startDeleteEntries({
      profileId,
      bucket: bucket.name,
      keys: ['del/a.txt', 'del/b+c.txt', 'del/missing.txt'],
      prefixes: ['del/many/'],
    }).finished;
    expect(outcome.status).toBe('succeeded'); // S3 reports deleting a missing key as success
    expect(await keysUnder(bucket.name, 'del/')).toEqual([]);
    expect(await keysUnder(bucket.name, 'keep/')).toEqual(['keep/me.txt']);

    // Another user's bucket: every key fails, each one listed.
    const foreign = await createTestBucket('foreign', 1);
    try {
      const denied = await ops.startDeleteEntries({ profileId, bucket: foreign.name, keys: ['x', 'y'], prefixes: [] }).finished;
      expect(denied.status).toBe('partial');
      expect(denied.failures.map((f) => [f.key, f.error.code])).toEqual([
        ['x', 'AccessDenied'],
        ['y', 'AccessDenied'],
      ]);
    } finally {
      await foreign.cleanup();
    }
  });
});
