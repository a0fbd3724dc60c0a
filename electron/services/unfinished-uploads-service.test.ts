import { AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateMultipartUploadCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { heldInWords } from '../../shared/unfinished-uploads';
import { addGatewayProfile, createTestBucket, freshServices, gateway, rawClient } from '../test-support/gateway';
import { startTcpFaultProxy, type TcpFaultProxy } from '../test-support/tcp-fault-proxy';
import { JobRunner } from './job-runner';
import { CachedS3ClientProvider } from './s3-client-factory';
import { abortedInWords, UnfinishedUploadsService } from './unfinished-uploads-service';

/** Starts a multipart upload and sends parts of these sizes (unfinished parts may be any size); answers its id. */
async function startUpload(bucket: string, key: string, partSizes: number[]): Promise<string> {
  const client = rawClient();
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
  for (const [i, size] of partSizes.entries()) {
    await client.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: i + 1, Body: Buffer.alloc(size, 7), ContentLength: size }));
  }
  return UploadId!;
}

// Keys a user may have: unicode, URL-special characters, a control character, a key and a "folder" of the same name, a climb.
const KEYS = { unicode: 'fotos/ü ä +%#?.bin', control: 'tab\tand\u0001ctl.bin', a: 'a', ab: 'a/b', climb: '../up.bin' };

describe('unfinished multipart uploads on the gateway', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let profileId: string;
  let bucket: { name: string; cleanup: () => Promise<void> };
  let ids: Record<keyof typeof KEYS, string>;
  const jobs = new JobRunner({ progress: () => undefined, finished: () => undefined });
  const serviceWith = (pail = new Map<string, { filePath: string }>(), paging?: { limit: number; pageSize: number }) =>
    new UnfinishedUploadsService(new CachedS3ClientProvider(services.profiles), jobs, async () => pail, paging);

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    profileId = (await addGatewayProfile(services)).id;
    bucket = await createTestBucket('unfinished');
    ids = {
      unicode: await startUpload(bucket.name, KEYS.unicode, [1024, 3000]),
      control: await startUpload(bucket.name, KEYS.control, [10]),
      a: await startUpload(bucket.name, KEYS.a, []),
      ab: await startUpload(bucket.name, KEYS.ab, [5]),
      climb: await startUpload(bucket.name, KEYS.climb, [2048]),
    };
    // A completed upload and an aborted one hold nothing and are not listed.
    const client = rawClient();
    const done = await startUpload(bucket.name, 'done.bin', [100]);
    const part = await client.send(new UploadPartCommand({ Bucket: bucket.name, Key: 'done.bin', UploadId: done, PartNumber: 1, Body: 'x' }));
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket.name,
        Key: 'done.bin',
        UploadId: done,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
      }),
    );
    const dropped = await startUpload(bucket.name, 'dropped.bin', [100]);
    await client.send(new AbortMultipartUploadCommand({ Bucket: bucket.name, Key: 'dropped.bin', UploadId: dropped }));
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
  });

  it('lists each with its exact key, parts and bytes, the space they hold in all, and which Pail started', async () => {
    const service = serviceWith(new Map([[ids.unicode, { filePath: '/home/ann/fotos/big.bin' }]]));
    const list = await service.list({ profileId, bucket: bucket.name, prefix: '' });
    const byKey = new Map(list.uploads.map((upload) => [upload.key, upload]));
    expect([...byKey.keys()].sort()).toEqual(Object.values(KEYS).sort());
    expect(byKey.get(KEYS.unicode)).toMatchObject({ uploadId: ids.unicode, parts: 2, bytes: 4024, fromPail: { filePath: '/home/ann/fotos/big.bin' } });
    expect(byKey.get(KEYS.control)).toMatchObject({ uploadId: ids.control, parts: 1, bytes: 10 });
    expect(byKey.get(KEYS.a)).toMatchObject({ parts: 0, bytes: 0 });
    expect(byKey.get(KEYS.climb)).toMatchObject({ parts: 1, bytes: 2048 });
    expect(byKey.get(KEYS.control)?.fromPail).toBeUndefined();
    expect(Date.parse(byKey.get(KEYS.a)!.initiated!)).toBeGreaterThan(Date.now() - 10 * 60_000);
    expect(list).toMatchObject({ totalParts: 5, totalBytes: 4024 + 10 + 5 + 2048, more: false });
    expect(heldInWords(list)).toBe('5 unfinished uploads hold 5.9 KiB in 5 parts.');
  });

  it('pages on from the last upload listed, keys with "+", "%" and control characters included', async () => {
    const list = await serviceWith(undefined, { limit: 1000, pageSize: 1 }).list({ profileId, bucket: bucket.name, prefix: '' });
    expect(list.uploads.map((upload) => upload.key).sort()).toEqual(Object.values(KEYS).sort());
    expect(list.more).toBe(false);
  });

  it('stops at its limit and says there are more', async () => {
    const list = await serviceWith(undefined, { limit: 2, pageSize: 1000 }).list({ profileId, bucket: bucket.name, prefix: '' });
    expect(list.uploads).toHaveLength(2);
    expect(list.more).toBe(true);
    expect(heldInWords(list)).toMatch(/^At least 2 unfinished uploads hold /);
  });

  it('lists only those under a prefix ("a/" is not "a")', async () => {
    const list = await serviceWith().list({ profileId, bucket: bucket.name, prefix: 'a/' });
    expect(list.uploads.map((upload) => upload.key)).toEqual([KEYS.ab]);
  });

  it('aborts the chosen ones, freeing their parts, counts one gone already as gone, and leaves the rest', async () => {
    const own = await createTestBucket('abort-some');
    try {
      const keep = await startUpload(own.name, 'keep.bin', [100]);
      const drop = [await startUpload(own.name, KEYS.unicode, [100, 200]), await startUpload(own.name, KEYS.control, [1])];
      const gone = await startUpload(own.name, 'gone.bin', [1]);
      await rawClient().send(new AbortMultipartUploadCommand({ Bucket: own.name, Key: 'gone.bin', UploadId: gone }));
      const service = serviceWith();
      const started = await service.startAbort({
        profileId,
        bucket: own.name,
        uploads: [
          { key: KEYS.unicode, uploadId: drop[0] },
          { key: KEYS.control, uploadId: drop[1] },
          { key: 'gone.bin', uploadId: gone },
        ],
      });
      const outcome = await started.finished;
      expect(outcome).toMatchObject({ status: 'succeeded', done: 3, failures: [] });
      expect(outcome.summary).toBe('Aborted 2 unfinished uploads; 1 was gone already (completed or aborted elsewhere).');
      const after = await service.list({ profileId, bucket: own.name, prefix: '' });
      expect(after.uploads.map((upload) => upload.uploadId)).toEqual([keep]);
      expect(after.totalBytes).toBe(100);
    } finally {
      await own.cleanup();
    }
  });

  it('lists the failures of an abort the server refuses, and reports the job as partial', async () => {
    const own = await createTestBucket('abort-refused');
    try {
      const id = await startUpload(own.name, 'mine.bin', [1]);
      // Another user may not abort this user's upload.
      const stranger = await addGatewayProfile(services, 'Stranger', 1);
      const outcome = await (
        await serviceWith().startAbort({ profileId: stranger.id, bucket: own.name, uploads: [{ key: 'mine.bin', uploadId: id }] })
      ).finished;
      expect(outcome.status).toBe('partial');
      expect(outcome.failures).toEqual([{ key: 'mine.bin', error: expect.objectContaining({ code: 'AccessDenied' }) }]);
      expect((await serviceWith().list({ profileId, bucket: own.name, prefix: '' })).uploads).toHaveLength(1);
    } finally {
      await own.cleanup();
    }
  });

  it('says how an abort went in words', () => {
    expect(abortedInWords(1, 0, 'a.bin')).toBe('Aborted the unfinished upload of a.bin.');
    expect(abortedInWords(0, 1, 'a.bin')).toBe('The upload of a.bin was gone already (completed or aborted elsewhere).');
    expect(abortedInWords(3, 0)).toBe('Aborted 3 unfinished uploads.');
    expect(abortedInWords(1, 2)).toBe('Aborted 1 unfinished upload; 2 were gone already (completed or aborted elsewhere).');
  });

  describe('a server that stops answering', () => {
    let silent: TcpFaultProxy;
    beforeAll(async () => {
      silent = await startTcpFaultProxy({ target: gateway().endpoint, faults: [{ direction: 'up', afterBytes: 0, action: 'stall', times: 1_000 }] });
    });
    afterAll(() => silent?.close());

    it('fails the listing with Timeout in words after the profile’s deadline', async () => {
      const info = gateway();
      const profile = await services.profiles.create({
        name: 'silent',
        endpoint: silent.endpoint,
        region: info.region,
        accessKeyId: info.users[0].accessKeyId,
        secretAccessKey: info.users[0].secretAccessKey,
        addressingStyle: 'path',
        responseTimeoutSeconds: 5,
      });
      const started = Date.now();
      await expect(serviceWith().list({ profileId: profile.id, bucket: bucket.name, prefix: '' })).rejects.toMatchObject({
        code: 'Timeout',
        message: expect.stringMatching(/is not answering.*listing the unfinished uploads in/),
      });
      // Two tries of 5 s of silence each (the SDK arms its timer a little late), then the answer.
      expect(Date.now() - started).toBeLessThan(30_000);
    });
  });
});
