import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { createTestBucket, freshServices, gateway, putObjects } from '../test-support/gateway';
import { runCliOn } from '../test-support/cli-io';

const cli = runCliOn;

describe('pail CLI', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let bucket: { name: string; cleanup: () => Promise<void> };

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    bucket = await createTestBucket('cli');
    await putObjects(bucket.name, ['docs/readme.md', 'docs/a b/c.txt', 'top.txt']);
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
  });

  it('adds a profile with the secret read from stdin, and lists it without the secret', async () => {
    const { accessKeyId, secretAccessKey } = gateway().users[0];
    const added = await cli(
      services,
      [
        'profile',
        'add',
        '--name',
        'ceph',
        '--endpoint',
        gateway().endpoint,
        '--region',
        gateway().region,
        '--access-key-id',
        accessKeyId,
        '--secret-access-key-stdin',
        '--path-style',
        ...(gateway().caPem ? ['--ca-bundle', gateway().caBundle] : []),
      ],
      `${secretAccessKey}\n`,
    );
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/Added profile "ceph"/);
    expect(added.err).toMatch(/No system keychain is reachable/);

    const list = await cli(services, ['profile', 'list']);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^ceph\s+other\s+https?:\/\/127\.0\.0\.1:\d+\s+\S+\s+path-style\s+\S+\s+secret in file/m);
    expect(list.out).not.toContain(secretAccessKey);
  });

  it('lists buckets, and one folder level with folders ending in "/"', async () => {
    const buckets = await cli(services, ['ls', 'ceph:']);
    expect(buckets.code).toBe(0);
    expect(buckets.out).toContain(`${bucket.name}/`);

    const root = await cli(services, ['ls', `ceph:${bucket.name}/`]);
    expect(
      root.out
        .trim()
        .split('\n')
        .map((l) =>
          l
            .trim()
            .split(/\s{2,}/)
            .at(-1),
        ),
    ).toEqual(['docs/', 'top.txt']);

    const docs = await cli(services, ['ls', `ceph:${bucket.name}/docs/`]);
    expect(docs.out).toMatch(/DIR\s+a b\/$/m);
    expect(docs.out).toMatch(/1 B\s+readme\.md$/m);
  });

  it('fills the endpoint from a preset and region, edits, lists presets and removes', async () => {
    const added = await cli(
      services,
      ['profile', 'add', '--name', 'paris', '--provider', 'linode', '--region', 'fr-par-1', '--access-key-id', 'AKIDLINODE', '--secret-access-key-stdin'],
      'linode-secret\n',
    );
    expect(added.code).toBe(0);
    expect(added.out).toContain('https://fr-par-1.linodeobjects.com');
    const created = await services.profiles.find('paris');
    expect(created).toMatchObject({ provider: 'linode', region: 'fr-par-1', addressingStyle: 'virtual', checksumMode: 'WHEN_REQUIRED' });

    const edited = await cli(services, ['profile', 'edit', 'paris', '--region', 'se-sto-1', '--addressing', 'auto', '--delete-md5', '--rename', 'stockholm']);
    expect(edited.code).toBe(0);
    expect(await services.profiles.find('stockholm')).toMatchObject({
      endpoint: 'https://se-sto-1.linodeobjects.com',
      addressingStyle: 'auto',
      deleteObjectsMd5: true,
    });
    expect((await services.profiles.withSecret('stockholm')).secretAccessKey).toBe('linode-secret');

    const presets = await cli(services, ['profile', 'providers']);
    expect(presets.out).toMatch(/^cloudflare-r2\s+Cloudflare R2$/m);
    expect(presets.out).toContain('https://{account}.r2.cloudflarestorage.com');

    const r2 = await cli(services, ['profile', 'add', '--name', 'r2', '--provider', 'cloudflare-r2', '--access-key-id', 'K', '--secret-access-key-stdin'], 's');
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/Missing --account-id \(or --endpoint\)/);

    const bad = await cli(services, ['profile', 'edit', 'stockholm', '--checksum-mode', 'SOMETIMES']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--checksum-mode must be one of: WHEN_REQUIRED, WHEN_SUPPORTED/);

    const removed = await cli(services, ['profile', 'rm', 'stockholm']);
    expect(removed.code).toBe(0);
    await expect(services.profiles.find('stockholm')).rejects.toMatchObject({ code: 'ProfileNotFound' });
  });

  it('makes, empties and removes buckets, and deletes objects and folders', async () => {
    const name = `${bucket.name}-mb`;
    expect((await cli(services, ['mb', `ceph:${name}`])).out).toBe(`Created bucket ${name}.\n`);
    const invalid = await cli(services, ['mb', 'ceph:Bad_Name']);
    expect(invalid.code).toBe(1);
    expect(invalid.err).toMatch(/^pail: InvalidBucketName: .*lowercase/);

    await putObjects(name, ['a/1.txt', 'a/2.txt', 'b.txt']);
    const refused = await cli(services, ['rb', `ceph:${name}`]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/BucketNotEmpty: .*3 objects.*Add --force/);

    expect((await cli(services, ['rm', `ceph:${name}/a/`])).code).toBe(2);
    expect((await cli(services, ['rm', `ceph:${name}/a`, '--recursive'])).out).toMatch(/Deleted 2 objects/);
    expect((await cli(services, ['rm', `ceph:${name}/b.txt`])).out).toMatch(/Deleted 1 object\./);
    expect((await cli(services, ['rb', `ceph:${name}`])).code).toBe(0);
    expect((await cli(services, ['ls', 'ceph:'])).out).not.toContain(`${name}/`);
  });

  it('fails with one line naming the code and the hint, and a non-zero exit', async () => {
    const missing = await cli(services, ['ls', 'nobody:']);
    expect(missing.code).toBe(1);
    expect(missing.err.trim().split('\n')).toHaveLength(1);
    expect(missing.err).toMatch(/^pail: ProfileNotFound: No profile called "nobody"\./);

    const noBucket = await cli(services, ['ls', 'ceph:pail-missing-bucket-zz/']);
    expect(noBucket.code).toBe(1);
    expect(noBucket.err).toMatch(/^pail: NoSuchBucket: /);

    const usage = await cli(services, ['profile', 'add', '--name', 'x']);
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/Missing --endpoint, --access-key-id\./);
  });
});
