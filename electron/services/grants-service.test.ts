import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { GROUPS, parseGrantSpec, type Grant } from '../../shared/grants';
import { addGatewayProfile, createTestBucket, freshServices, gateway, putObjects, rawClient, strangerFetch } from '../test-support/gateway';

const KEY = 'shared/año +%.txt';

describe('the grants of an ACL on the gateway', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let profileId: string;
  let bucket: { name: string; cleanup: () => Promise<void> };
  const userB = rawClient(1);
  const canRead = (client = userB) =>
    client.send(new GetObjectCommand({ Bucket: bucket.name, Key: KEY })).then(
      () => true,
      () => false,
    );

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    profileId = (await addGatewayProfile(services)).id;
    bucket = await createTestBucket('grants');
    await putObjects(bucket.name, [KEY]);
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
  });

  it('reads the owner and its full control; a READ grant to another user lets that user read, and its removal stops it', async () => {
    const first = await services.grants.grants({ profileId, bucket: bucket.name, key: KEY });
    const owner = gateway().users[0].uid;
    expect(first.owner?.id).toBe(owner);
    expect(first.grants).toEqual([{ grantee: expect.objectContaining({ type: 'user', id: owner }), permission: 'FULL_CONTROL' }]);
    expect(await canRead()).toBe(false);

    const other: Grant = { grantee: { type: 'user', id: gateway().users[1].uid }, permission: 'READ' };
    const saved = await services.grants.setGrants({ profileId, bucket: bucket.name, key: KEY, grants: [...first.grants, other] });
    expect(saved.grants.map((g) => [g.grantee.type === 'user' ? g.grantee.id : '', g.permission])).toEqual([
      [owner, 'FULL_CONTROL'],
      [gateway().users[1].uid, 'READ'],
    ]);
    expect(await canRead()).toBe(true);
    await services.grants.setGrants({ profileId, bucket: bucket.name, key: KEY, grants: first.grants });
    expect(await canRead()).toBe(false);
  });

  it('grants a group: Everyone may read, without signing', async () => {
    const url = `${gateway().endpoint}/${bucket.name}/${KEY.split('/').map(encodeURIComponent).join('/')}`;
    expect((await strangerFetch(url)).status).toBe(403);
    const { grants } = await services.grants.grants({ profileId, bucket: bucket.name, key: KEY });
    await services.grants.setGrants({ profileId, bucket: bucket.name, key: KEY, grants: [...grants, parseGrantSpec(`read=uri=${GROUPS.AllUsers}`)] });
    expect((await strangerFetch(url)).status).toBe(200);
    await services.grants.setGrants({ profileId, bucket: bucket.name, key: KEY, grants });
    expect((await strangerFetch(url)).status).toBe(403);
  });

  it('edits a bucket’s grants: any authenticated user may list it', async () => {
    const list = () =>
      userB.send(new ListObjectsV2Command({ Bucket: bucket.name })).then(
        () => true,
        () => false,
      );
    expect(await list()).toBe(false);
    const { grants } = await services.grants.grants({ profileId, bucket: bucket.name });
    await services.grants.setGrants({ profileId, bucket: bucket.name, grants: [...grants, parseGrantSpec('read=group=AuthenticatedUsers')] });
    expect(await list()).toBe(true);
    await services.grants.setGrants({ profileId, bucket: bucket.name, grants });
    expect(await list()).toBe(false);
  });

  it('a save that leaves the owner out keeps the owner’s full control: the owner still writes to the bucket and reads the object', async () => {
    const owner = gateway().users[0].uid;
    const everyone: Grant = { grantee: { type: 'group', uri: GROUPS.AllUsers }, permission: 'READ' };
    const bucketAcl = await services.grants.setGrants({ profileId, bucket: bucket.name, grants: [everyone] });
    expect(bucketAcl.grants).toHaveLength(2);
    expect(bucketAcl.grants).toEqual(
      expect.arrayContaining([{ grantee: expect.objectContaining({ type: 'user', id: owner }), permission: 'FULL_CONTROL' }, everyone]),
    );
    await expect(putObjects(bucket.name, ['still-writable.txt'])).resolves.toBeUndefined();

    const objectAcl = await services.grants.setGrants({ profileId, bucket: bucket.name, key: KEY, grants: [] });
    expect(objectAcl.grants).toEqual([{ grantee: expect.objectContaining({ type: 'user', id: owner }), permission: 'FULL_CONTROL' }]);
    expect(await canRead(rawClient(0))).toBe(true);

    // Naming the owner is the user's own choice: kept as given.
    const readOnly = await services.grants.setGrants({
      profileId,
      bucket: bucket.name,
      key: KEY,
      grants: [{ grantee: { type: 'user', id: owner }, permission: 'READ' }],
    });
    expect(readOnly.grants).toEqual([{ grantee: expect.objectContaining({ type: 'user', id: owner }), permission: 'READ' }]);
    await services.grants.setGrants({ profileId, bucket: bucket.name, grants: [] });
  });
});
