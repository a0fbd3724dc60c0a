import { PutBucketPolicyCommand, PutObjectAclCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { withPublicRead } from '../../shared/bucket-policy';
import { NOTHING_BLOCKED } from '../../shared/public-access-block';
import { addGatewayProfile, createTestBucket, freshServices, putObjects, rawClient } from '../test-support/gateway';

describe('Block Public Access on the gateway', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let profileId: string;
  let bucket: { name: string; cleanup: () => Promise<void> };

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    profileId = (await addGatewayProfile(services)).id;
    bucket = await createTestBucket('pab');
    await putObjects(bucket.name, ['doc.txt']);
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
  });

  it('blocks public ACLs and policies on the server, says why the Public switch is off, and opens again when removed', async () => {
    const ref = { profileId, bucket: bucket.name };
    expect(await services.bucketConfig.publicAccessBlock(ref)).toEqual(NOTHING_BLOCKED);
    expect((await services.access.bucketAccess(ref)).unavailable).toBeUndefined();

    const all = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
    expect(await services.bucketConfig.setPublicAccessBlock({ ...ref, block: all })).toEqual(all);
    await expect(rawClient().send(new PutObjectAclCommand({ Bucket: bucket.name, Key: 'doc.txt', ACL: 'public-read' }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 403 },
    });
    const policy = withPublicRead(null, bucket.name, { prefix: '' });
    await expect(rawClient().send(new PutBucketPolicyCommand({ Bucket: bucket.name, Policy: policy }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 403 },
    });
    expect((await services.access.bucketAccess(ref)).unavailable).toMatchObject({
      reason: 'public-access-blocked',
      message: 'Block Public Access refuses public ACLs in this bucket ("Block public ACLs").',
      hint: expect.stringContaining('Block Public Access section (pail public-access set)'),
    });

    const ignoreOnly = { ...NOTHING_BLOCKED, ignorePublicAcls: true };
    expect(await services.bucketConfig.setPublicAccessBlock({ ...ref, block: ignoreOnly })).toEqual(ignoreOnly);
    expect((await services.access.bucketAccess(ref)).unavailable?.message).toMatch(/ignores public ACLs .*a public object would still be private/);

    expect(await services.bucketConfig.setPublicAccessBlock({ ...ref, block: null })).toEqual(NOTHING_BLOCKED);
    await expect(rawClient().send(new PutObjectAclCommand({ Bucket: bucket.name, Key: 'doc.txt', ACL: 'public-read' }))).resolves.toBeDefined();
    expect((await services.access.bucketAccess(ref)).unavailable).toBeUndefined();
  });
});
