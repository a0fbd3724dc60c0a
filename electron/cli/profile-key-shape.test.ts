import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { runCliOn } from '../test-support/cli-io';
import { freshServices } from '../test-support/gateway';

const cli = runCliOn;

describe("pail profile add/edit with another provider's key", () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
  });
  afterAll(() => dispose?.());

  it('warns on stderr about an AWS key on a Linode profile, saves it all the same, and stops warning once the provider is AWS', async () => {
    const added = await cli(
      services,
      [
        'profile',
        'add',
        '--name',
        'mixed',
        '--provider',
        'linode',
        '--region',
        'fr-par-1',
        '--access-key-id',
        'AKIAIOSFODNN7EXAMPLE',
        '--secret-access-key-stdin',
      ],
      'example-secret\n',
    );
    expect(added.code).toBe(0);
    expect(added.out).toContain('Added profile "mixed"');
    expect(added.err).toContain(
      'Warning: This looks like an Amazon S3 key (AKIA… or ASIA…). Keys work only with the provider that issued them, so Linode / Akamai Object Storage will refuse it (InvalidAccessKeyId).',
    );
    expect(added.out).not.toContain('Warning');
    expect(await services.profiles.find('mixed')).toMatchObject({ provider: 'linode', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' });

    const stillMixed = await cli(services, ['profile', 'edit', 'mixed', '--region', 'se-sto-1']);
    expect(stillMixed.code).toBe(0);
    expect(stillMixed.err).toContain('Warning: This looks like an Amazon S3 key');

    const fixed = await cli(services, ['profile', 'edit', 'mixed', '--provider', 'aws', '--region', 'eu-west-1']);
    expect(fixed.code).toBe(0);
    expect(fixed.err).toBe('');
  });

  it('says nothing about a key that fits the provider, or on a self-hosted server', async () => {
    const linode = await cli(
      services,
      [
        'profile',
        'add',
        '--name',
        'fits',
        '--provider',
        'linode',
        '--region',
        'fr-par-1',
        '--access-key-id',
        'LINODEEXAMPLEKEY0001',
        '--secret-access-key-stdin',
      ],
      's\n',
    );
    expect(linode.code).toBe(0);
    expect(linode.err).not.toContain('Warning');
    const minio = await cli(
      services,
      [
        'profile',
        'add',
        '--name',
        'own',
        '--provider',
        'minio',
        '--endpoint',
        'http://minio.internal:9000',
        '--access-key-id',
        'AKIAIOSFODNN7EXAMPLE',
        '--secret-access-key-stdin',
      ],
      's\n',
    );
    expect(minio.code).toBe(0);
    expect(minio.err).not.toContain('Warning');
  });
});
