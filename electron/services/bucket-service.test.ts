import { HeadBucketCommand, PutBucketVersioningCommand, PutObjectCommand, CreateMultipartUploadCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { addGatewayProfile, freshServices, putObjects, rawClient, uniqueBucketName } from '../test-support/gateway';
import { BucketService } from './bucket-service';
import { JobRunner } from './job-runner';
import { CachedS3ClientProvider } from './s3-client-factory';

describe('buckets on the gateway', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let profileId: string;
  let buckets: BucketService;

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    profileId = (await addGatewayProfile(services)).id;
    buckets = new BucketService(new CachedS3ClientProvider(services.profiles), new JobRunner({ progress: () => undefined, finished: () => undefined }));
  });
  afterAll(() => dispose?.());

  it('explains every broken naming rule before asking the server', async () => {
    await expect(buckets.create({ profileId, name: 'My_Bucket' })).rejects.toMatchObject({
      code: 'InvalidBucketName',
      message: expect.stringMatching(/lowercase letters only.*not "_"/s),
    });
  });

  it('creates a bucket and deletes it when empty', async () => {
    const name = uniqueBucketName('create');
    expect((await buckets.create({ profileId, name })).name).toBe(name);
    expect((await services.browse.listBuckets({ profileId })).map((b) => b.name)).toContain(name);
    // Bucket names are shared by every user of a server.
    const other = await addGatewayProfile(services, 'Other user', 1);
    await expect(buckets.create({ profileId: other.id, name })).rejects.toMatchObject({
      code: 'BucketAlreadyExists',
      hint: expect.stringMatching(/choose another name/),
    });
    const outcome = await (await buckets.startDelete({ profileId, bucket: name })).finished;
    expect(outcome.status).toBe('succeeded');
    await expect(rawClient().send(new HeadBucketCommand({ Bucket: name }))).rejects.toMatchObject({ name: 'NotFound', $metadata: { httpStatusCode: 404 } });
  });

  it('deletes a non-empty, versioned bucket only when its name is typed, with everything in it (past one page: past-one-page.test.ts)', async () => {
    const name = uniqueBucketName('full');
    await buckets.create({ profileId, name });
    await rawClient().send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }));
    await putObjects(name, ['k/0 ü+#', 'k/1 ü+#', 'k/2 ü+#']);
    await rawClient().send(new PutObjectCommand({ Bucket: name, Key: 'k/0 ü+#', Body: 'second version' }));
    await rawClient().send(new CreateMultipartUploadCommand({ Bucket: name, Key: 'unfinished.bin' }));

    expect(await buckets.stats({ profileId, bucket: name })).toEqual({ objects: 3, versions: 1, uploads: 1, more: false });
    await expect(buckets.delete({ profileId, bucket: name })).rejects.toMatchObject({
      code: 'BucketNotEmpty',
      message: expect.stringMatching(/3 objects, 1 older versions/),
    });
    await expect(buckets.delete({ profileId, bucket: name, confirmName: 'wrong-name' })).rejects.toMatchObject({ code: 'BucketNotEmpty' });

    const outcome = await (await buckets.startDelete({ profileId, bucket: name, confirmName: name })).finished;
    expect(outcome).toMatchObject({ status: 'succeeded', done: 4 });
    await expect(rawClient().send(new HeadBucketCommand({ Bucket: name }))).rejects.toMatchObject({ name: 'NotFound', $metadata: { httpStatusCode: 404 } });
  });
});
