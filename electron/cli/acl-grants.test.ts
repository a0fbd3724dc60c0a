import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { addGatewayProfile, createTestBucket, freshServices, gateway, putObjects, rawClient } from '../test-support/gateway';
import { runCliOn } from '../test-support/cli-io';

const cli = runCliOn;

describe('pail acl set --grant and acl get --json', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let bucket: { name: string; cleanup: () => Promise<void> };
  let target: string;
  const readsAsB = () =>
    rawClient(1)
      .send(new GetObjectCommand({ Bucket: bucket.name, Key: 'doc.txt' }))
      .then(
        () => true,
        () => false,
      );

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    await addGatewayProfile(services, 'ceph');
    bucket = await createTestBucket('cli-grants');
    await putObjects(bucket.name, ['doc.txt']);
    target = `ceph:${bucket.name}/doc.txt`;
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
  });

  it('grants another user read (the owner keeps full control), says what changed, and get --json goes back into set --file', async () => {
    const [a, b] = gateway().users.map((user) => user.uid);
    const dry = await cli(services, ['acl', 'set', target, '--grant', `read=id=${b}`, '--dry-run']);
    expect(dry.out).toBe(`Would save: gives ${b} read.\nNothing was changed (--dry-run).\n`);
    expect(await readsAsB()).toBe(false);
    const set = await cli(services, ['acl', 'set', target, '--grant', `read=id=${b}`]);
    expect(set.code).toBe(0);
    expect(set.out).toMatch(new RegExp(`^Saved: gives ${b} read\\.\\n {2}owner \\(.*\\): FULL_CONTROL\\n {2}.*: READ\\n$`));
    expect(await readsAsB()).toBe(true);
    const json = (await cli(services, ['acl', 'get', target, '--json'])).out;
    expect(JSON.parse(json)).toMatchObject({
      owner: { id: a },
      grants: [{ permission: 'FULL_CONTROL' }, { grantee: { type: 'user', id: b }, permission: 'READ' }],
    });
    await cli(services, ['acl', 'set', 'private', target]);
    expect(await readsAsB()).toBe(false);
    expect((await cli(services, ['acl', 'set', target, '--file', '-'], json)).code).toBe(0);
    expect(await readsAsB()).toBe(true);
  });

  it('explains a grant it cannot read, by name', async () => {
    const bad = await cli(services, ['acl', 'set', target, '--grant', 'read=group=Friends']);
    expect(bad).toMatchObject({ code: 2, err: expect.stringMatching(/--grant: "Friends" is no group S3 knows/) });
    expect((await cli(services, ['acl', 'set', target, '--grant', 'read'])).err).toMatch(/Give a grant as PERMISSION=TYPE=VALUE/);
  });
});
