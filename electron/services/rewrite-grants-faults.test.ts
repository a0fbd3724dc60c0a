import { GetObjectAclCommand, HeadObjectCommand, PutObjectAclCommand, PutObjectCommand, type Grant } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUPS } from '../../shared/grants';
import type { AppServices } from '../app-services';
import { startFaultProxy, type FaultProxy, type ProxiedRequest } from '../test-support/fault-proxy';
import { answerLost } from '../test-support/fault-rules';
import { aclLinesOf, addGatewayProfile, freshServices, gateway, rawClient, testBuckets } from '../test-support/gateway';
import { JobRunner } from './job-runner';
import { ObjectDetailsService } from './object-details-service';
import { ObjectOpsService } from './object-ops-service';
import { CachedS3ClientProvider } from './s3-client-factory';

const MiB = 1024 * 1024;
/** What finishes a copy onto itself: a CopyObject, or the CompleteMultipartUpload of a copy in parts. */
const finishesCopy = (req: ProxiedRequest) =>
  (req.method === 'PUT' && req.headers['x-amz-copy-source'] !== undefined && !req.query.has('partNumber')) ||
  (req.method === 'POST' && req.query.has('uploadId'));

/**
 * A copy onto itself (a storage class change, a metadata edit) resets an object's ACL, so its grants go with the
 * copy: a copy whose answer is lost every time still leaves them, read back past the proxy.
 */
describe.concurrent('grants kept through copies onto themselves whose answers are lost', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let bucket: string;
  const buckets = testBuckets();
  const s3 = rawClient();
  const proxies: FaultProxy[] = [];
  const [owner, other] = [0, 1].map((user) => gateway().users[user].uid);

  /** A profile whose requests go through a fault proxy of their own, with a 5 s response timeout. */
  async function rig(): Promise<{ http: FaultProxy; profileId: string }> {
    const http = await startFaultProxy({ target: gateway().plainEndpoint });
    proxies.push(http);
    const profile = await addGatewayProfile(services, `faulty-${proxies.length}`, 0, { endpoint: http.endpoint, responseTimeoutSeconds: 5 });
    return { http, profileId: profile.id };
  }

  /** An object whose ACL gives Everyone read and another user read and read-ACL: no canned ACL says it. */
  async function sharedObject(key: string, body: string | Buffer = 'x'): Promise<string[]> {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    const grant = (Grantee: Grant['Grantee'], Permission: string): Grant => ({ Grantee, Permission: Permission as never });
    const user = { Type: 'CanonicalUser' as const, ID: other };
    const grants = [
      grant({ Type: 'CanonicalUser', ID: owner }, 'FULL_CONTROL'),
      grant({ Type: 'Group', URI: GROUPS.AllUsers }, 'READ'),
      grant(user, 'READ'),
      grant(user, 'READ_ACP'),
    ];
    await s3.send(new PutObjectAclCommand({ Bucket: bucket, Key: key, AccessControlPolicy: { Owner: { ID: owner }, Grants: grants } }));
    const lines = await aclLinesOf(bucket, key);
    expect(lines).toHaveLength(5);
    return lines;
  }

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    bucket = await buckets.make('rewrite-grants');
  });
  afterAll(async () => {
    await Promise.all(proxies.map((p) => p.close()));
    await buckets.cleanup();
    await dispose?.();
  });

  it('a storage class change, in one copy or in parts, whose answers are lost: the object is in the class with its grants, and the job says so', async () => {
    const { http, profileId } = await rig();
    const jobs = new JobRunner({ progress: () => undefined, finished: () => undefined });
    // Small limits so the copy in parts runs on a small object.
    const ops = new ObjectOpsService(new CachedS3ClientProvider(services.profiles), jobs, { singleCopyMaxBytes: 6 * MiB, minPartBytes: 5 * MiB });
    const small = await sharedObject('class/small.txt');
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'class/big.bin', Body: Buffer.alloc(7 * MiB, 1), ACL: 'public-read' }));
    const big = await aclLinesOf(bucket, 'class/big.bin');
    const move = () => ops.startSetStorageClass({ profileId, bucket, keys: [], prefixes: ['class/'], storageClass: 'COLD' }).finished;

    const lost = answerLost(finishesCopy, 'reset');
    http.setRules([lost]);
    // Every copy's answer is lost, but each copy happened: the job reads each object's class and counts it moved
    // (it used to report both as failed, "the rest stayed where they were").
    const moved = await move();
    expect(moved).toMatchObject({ status: 'succeeded', done: 2, summary: 'Moved 2 objects to COLD.' });
    expect(moved.failures ?? []).toEqual([]);
    expect(lost.hits()).toBeGreaterThanOrEqual(2);
    http.setRules([]);
    // Past the proxy: each copy happened, with its grants.
    for (const key of ['class/small.txt', 'class/big.bin'])
      expect((await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).StorageClass).toBe('COLD');
    expect(await aclLinesOf(bucket, 'class/small.txt')).toEqual(small);
    expect(await aclLinesOf(bucket, 'class/big.bin')).toEqual(big);
    // Run again, both are in the class already and left alone, grants and all.
    expect(await move()).toMatchObject({ status: 'succeeded', done: 0, summary: 'Moved 0 objects to COLD. 2 objects were in COLD already.' });
    expect(await aclLinesOf(bucket, 'class/small.txt')).toEqual(small);
  }, 60_000);

  it('a metadata edit: the object has the new metadata and its grants, and the edit fails in words', async () => {
    const { http, profileId } = await rig();
    const key = 'meta/report.json';
    const before = await sharedObject(key, '{}');
    http.setRules([answerLost(finishesCopy, 'reset')]);
    const edit = { contentType: 'application/json', cacheControl: 'max-age=60', contentDisposition: '', metadata: { team: 'web' } };
    await expect(
      new ObjectDetailsService(new CachedS3ClientProvider(services.profiles)).updateMetadata({ profileId, bucket, key, edit }),
    ).rejects.toMatchObject({
      code: 'EndpointUnreachable',
      message: expect.stringMatching(/\(changing the metadata of meta\/report\.json\)\.$/),
    });
    http.setRules([]);
    expect(await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).toMatchObject({ CacheControl: 'max-age=60', Metadata: { team: 'web' } });
    expect(await aclLinesOf(bucket, key)).toEqual(before);
    // The raw ACL too: the owner keeps full control.
    const acl = await s3.send(new GetObjectAclCommand({ Bucket: bucket, Key: key }));
    expect(acl.Grants).toContainEqual(expect.objectContaining({ Grantee: expect.objectContaining({ ID: owner }), Permission: 'FULL_CONTROL' }));
  }, 60_000);
});
