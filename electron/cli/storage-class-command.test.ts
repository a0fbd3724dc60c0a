import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { addGatewayProfile, createTestBucket, freshServices, putObjects, rawClient } from '../test-support/gateway';
import { runCliOn } from '../test-support/cli-io';

const cli = runCliOn;

// The test gateway offers STANDARD and COLD (scripts/gateway.mjs).
describe('pail storage-class', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let bucket: { name: string; cleanup: () => Promise<void> };
  let target: string;
  const classOf = async (key: string) => (await rawClient().send(new HeadObjectCommand({ Bucket: bucket.name, Key: key }))).StorageClass ?? 'STANDARD';

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    await addGatewayProfile(services, 'ceph');
    bucket = await createTestBucket('cli-class');
    await putObjects(bucket.name, ['old/a +%.log', 'old/deep/b.log', 'one.txt']);
    target = `ceph:${bucket.name}`;
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
  });

  it('moves an object, and a folder with --recursive, to another class; a class the server lacks fails in words, exit 1', async () => {
    expect(await cli(services, ['storage-class', `${target}/one.txt`, 'COLD'])).toMatchObject({ code: 0, out: 'Moved 1 object to COLD.\n' });
    expect(await classOf('one.txt')).toBe('COLD');
    expect((await cli(services, ['storage-class', `${target}/old`, 'COLD', '--recursive'])).out).toBe('Moved 2 objects to COLD.\n');
    expect([await classOf('old/a +%.log'), await classOf('old/deep/b.log')]).toEqual(['COLD', 'COLD']);

    const refused = await cli(services, ['storage-class', `${target}/one.txt`, 'GLACIER']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('failed: one.txt: InvalidStorageClass: The server does not offer the storage class "GLACIER"');
    expect(await classOf('one.txt')).toBe('COLD');
  });

  it('refuses a folder without --recursive and a class that is not a class name, with one line and the usage', async () => {
    expect(await cli(services, ['storage-class', `${target}/old/`, 'COLD'])).toMatchObject({ code: 2, err: expect.stringContaining('add --recursive') });
    expect(await cli(services, ['storage-class', `${target}/one.txt`, 'cold'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('A storage class is a name in capitals like STANDARD or STANDARD_IA.'),
    });
  });
});
