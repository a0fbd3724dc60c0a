import { DeleteObjectCommand, GetObjectAclCommand, HeadObjectCommand, PutObjectAclCommand, PutObjectCommand, type Grant } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { GROUPS } from '../../shared/grants';
import { startFaultProxy } from '../test-support/fault-proxy';
import { aclLinesOf, addGatewayProfile, bodyOf, freshServices, gateway, gatewayProfileFields, rawClient, testBuckets } from '../test-support/gateway';

describe('editing a text object in place', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let profileId: string;
  let bucket: string;
  const buckets = testBuckets();
  const s3 = rawClient();
  const ref = (key: string) => ({ profileId, bucket, key });

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    profileId = (await addGatewayProfile(services)).id;
    bucket = await buckets.make('edit');
  });
  afterAll(async () => {
    await buckets.cleanup();
    await dispose?.();
  });

  it('opens the text with its ETag and saves it back, keeping headers, metadata and a public grant', async () => {
    const key = 'notes/año +%#?.md';
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: '# Título\n',
        ContentType: 'text/markdown; charset=utf-8',
        CacheControl: 'max-age=60',
        Metadata: { owner: 'ann' },
        ACL: 'public-read',
      }),
    );
    const opened = await services.textEdit.open(ref(key));
    expect(opened).toMatchObject({ text: '# Título\n', contentType: 'text/markdown; charset=utf-8', size: 10 });
    const saved = await services.textEdit.save({ ...ref(key), text: '# Título\n\nmás texto ✓\n', etag: opened.etag });
    expect(await bodyOf(bucket, key)).toBe('# Título\n\nmás texto ✓\n');
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(head).toMatchObject({ ContentType: 'text/markdown; charset=utf-8', CacheControl: 'max-age=60', Metadata: { owner: 'ann' }, ETag: saved.etag });
    const acl = await s3.send(new GetObjectAclCommand({ Bucket: bucket, Key: key }));
    expect(acl.Grants?.some((g) => g.Grantee?.URI?.endsWith('AllUsers') && g.Permission === 'READ')).toBe(true);
  });

  it('refuses to save over a change made since it was opened, or an object deleted since; overwriting is the user’s choice', async () => {
    const key = 'shared.txt';
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'v1' }));
    const opened = await services.textEdit.open(ref(key));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'v2 by someone else' }));
    await expect(services.textEdit.save({ ...ref(key), text: 'mine', etag: opened.etag })).rejects.toMatchObject({
      code: 'EditConflict',
      message: 'shared.txt changed on the server after you opened it (someone else saved it, or another window did). Your text was not saved.',
    });
    expect(await bodyOf(bucket, key)).toBe('v2 by someone else');
    await services.textEdit.save({ ...ref(key), text: 'mine' });
    expect(await bodyOf(bucket, key)).toBe('mine');

    const reopened = await services.textEdit.open(ref(key));
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    await expect(services.textEdit.save({ ...ref(key), text: 'again', etag: reopened.etag })).rejects.toMatchObject({
      code: 'EditConflict',
      message: 'shared.txt was deleted on the server after you opened it. Your text was not saved.',
    });
  });

  it('a save keeps every ACL exactly: private, canned, grants to users and groups, and a WRITE grant no header can carry', async () => {
    const [owner, other] = gateway().users.map((user) => user.uid);
    const user = (ID: string, Permission: string): Grant => ({ Grantee: { Type: 'CanonicalUser', ID }, Permission: Permission as never });
    const group = (URI: string, Permission: string): Grant => ({ Grantee: { Type: 'Group', URI }, Permission: Permission as never });
    const acls: Record<string, Grant[]> = {
      private: [user(owner, 'FULL_CONTROL')],
      'public-read': [user(owner, 'FULL_CONTROL'), group(GROUPS.AllUsers, 'READ')],
      mixed: [user(owner, 'FULL_CONTROL'), group(GROUPS.AuthenticatedUsers, 'READ'), user(other, 'READ'), user(other, 'READ_ACP'), user(other, 'WRITE_ACP')],
      'owner-reads-only': [user(owner, 'READ'), group(GROUPS.AllUsers, 'READ')],
      'with-write': [user(owner, 'FULL_CONTROL'), user(other, 'WRITE')],
    };
    for (const [name, grants] of Object.entries(acls)) {
      const key = `acl/${name}.txt`;
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'v1' }));
      await s3.send(new PutObjectAclCommand({ Bucket: bucket, Key: key, AccessControlPolicy: { Owner: { ID: owner }, Grants: grants } }));
      const before = await aclLinesOf(bucket, key);
      expect(before, name).toHaveLength(grants.length + 1);
      const opened = await services.textEdit.open(ref(key));
      await services.textEdit.save({ ...ref(key), text: `v2 of ${name}`, etag: opened.etag });
      expect(await bodyOf(bucket, key)).toBe(`v2 of ${name}`);
      expect(await aclLinesOf(bucket, key), name).toEqual(before);
    }
  });

  it('on a provider without ACLs, a save sends nothing about grants and still saves', async () => {
    const proxy = await startFaultProxy({ target: gateway().plainEndpoint });
    try {
      const { id } = await services.profiles.create({ ...gatewayProfileFields(), endpoint: proxy.endpoint, name: 'without ACLs', aclSupport: 'no' });
      const key = 'no-acls.txt';
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'v1', ACL: 'public-read' }));
      const opened = await services.textEdit.open({ profileId: id, bucket, key });
      await services.textEdit.save({ profileId: id, bucket, key, text: 'v2', etag: opened.etag });
      expect(await bodyOf(bucket, key)).toBe('v2');
      expect(proxy.log.filter((entry) => entry.method === 'PUT')).toHaveLength(1);
      expect(proxy.log.filter((entry) => /[?&]acl(=|&|$)/.test(entry.url))).toEqual([]);
      const aclHeaders = proxy.log.flatMap((entry) => Object.keys(entry.headers)).filter((name) => /^x-amz-(acl|grant-)/.test(name));
      expect(aclHeaders).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('opens only UTF-8 text up to 2 MiB', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'latin1.txt', Body: Buffer.from([0x63, 0x61, 0x66, 0xe9]) }));
    await expect(services.textEdit.open(ref('latin1.txt'))).rejects.toMatchObject({
      message: 'latin1.txt cannot be edited as text: its bytes are not UTF-8 text.',
    });
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'bin.dat', Body: Buffer.from([0x41, 0, 0x42]) }));
    await expect(services.textEdit.open(ref('bin.dat'))).rejects.toMatchObject({ message: expect.stringContaining('NUL bytes') });
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'big.log', Body: Buffer.alloc(2 * 1024 * 1024 + 1, 0x61) }));
    await expect(services.textEdit.open(ref('big.log'))).rejects.toMatchObject({
      message: expect.stringMatching(/^big\.log is 2(\.0)? MiB: the editor opens text objects up to 2 MiB\./),
    });
  });
});
