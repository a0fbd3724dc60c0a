import { DeleteObjectCommand, GetObjectAclCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { addGatewayProfile, bodyOf, freshServices, rawClient, testBuckets } from '../test-support/gateway';

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
