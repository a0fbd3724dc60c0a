import { GetObjectAclCommand, HeadObjectCommand, PutObjectAclCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { addGatewayProfile, createTestBucket, freshServices, putObjects, rawClient } from '../test-support/gateway';

// The test gateway offers STANDARD and COLD (scripts/gateway.mjs).
describe('changing the storage class on the gateway', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let profileId: string;
  let bucket: { name: string; cleanup: () => Promise<void> };
  const head = (key: string) => rawClient().send(new HeadObjectCommand({ Bucket: bucket.name, Key: key }));

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    profileId = (await addGatewayProfile(services)).id;
    bucket = await createTestBucket('class');
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
  });

  it('moves an object and a folder (every level down) to COLD, keeping headers, metadata and grants; one already there is left alone', async () => {
    await rawClient().send(
      new PutObjectCommand({ Bucket: bucket.name, Key: 'report ü+%.pdf', Body: 'pdf', ContentType: 'application/pdf', Metadata: { author: 'ann' } }),
    );
    await putObjects(bucket.name, ['logs/a.log', 'logs/deep/b.log', 'logs-not/c.log']);
    await rawClient().send(new PutObjectCommand({ Bucket: bucket.name, Key: 'logs/cold.log', Body: 'x', StorageClass: 'COLD' as never }));
    await rawClient().send(new PutObjectAclCommand({ Bucket: bucket.name, Key: 'logs/a.log', ACL: 'public-read' }));

    const outcome = await services.objects.startSetStorageClass({
      profileId,
      bucket: bucket.name,
      keys: ['report ü+%.pdf'],
      prefixes: ['logs/'],
      storageClass: 'COLD',
    }).finished;
    expect(outcome).toMatchObject({ status: 'succeeded', done: 3, failures: [], summary: 'Moved 3 objects to COLD. 1 object was in COLD already.' });
    for (const key of ['report ü+%.pdf', 'logs/a.log', 'logs/deep/b.log', 'logs/cold.log']) expect((await head(key)).StorageClass).toBe('COLD');
    expect((await head('logs-not/c.log')).StorageClass ?? 'STANDARD').toBe('STANDARD');
    expect(await head('report ü+%.pdf')).toMatchObject({ ContentType: 'application/pdf', Metadata: { author: 'ann' } });
    const grants = (await rawClient().send(new GetObjectAclCommand({ Bucket: bucket.name, Key: 'logs/a.log' }))).Grants ?? [];
    expect(grants.some((g) => g.Grantee?.URI?.endsWith('AllUsers') && g.Permission === 'READ')).toBe(true);

    const back = await services.objects.startSetStorageClass({
      profileId,
      bucket: bucket.name,
      keys: ['report ü+%.pdf'],
      prefixes: [],
      storageClass: 'STANDARD',
    }).finished;
    expect(back).toMatchObject({ status: 'succeeded', done: 1 });
    expect((await head('report ü+%.pdf')).StorageClass ?? 'STANDARD').toBe('STANDARD');
  });

  it('lists each object a class the server does not offer refused, in words, and leaves it as it was', async () => {
    const outcome = await services.objects.startSetStorageClass({ profileId, bucket: bucket.name, keys: [], prefixes: ['logs-not/'], storageClass: 'GLACIER' })
      .finished;
    expect(outcome.status).not.toBe('succeeded');
    expect(outcome.summary).toBe('Moved 0 of 1 object to GLACIER; the rest failed (listed).');
    expect(outcome.failures).toEqual([
      {
        key: 'logs-not/c.log',
        error: expect.objectContaining({
          code: 'InvalidStorageClass',
          message: expect.stringMatching(/^The server does not offer the storage class "GLACIER"/),
        }),
      },
    ]);
    expect((await head('logs-not/c.log')).StorageClass ?? 'STANDARD').toBe('STANDARD');
  });
});
