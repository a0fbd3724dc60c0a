import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { capturedIo } from '../test-support/cli-io';
import { freshServices } from '../test-support/gateway';
import { runCli } from './commands';

async function cli(services: AppServices, argv: string[], stdin = '') {
  const captured = capturedIo(stdin);
  const code = await runCli(argv, async () => services, captured.io);
  return { code, out: captured.out(), err: captured.err() };
}

const add = (name: string, provider: string, region: string) => [
  'profile',
  'add',
  '--name',
  name,
  '--provider',
  provider,
  '--region',
  region,
  '--access-key-id',
  'EXAMPLEKEY0123456789',
  '--secret-access-key-stdin',
];

describe('pail profile add --provider … --region … with the presets', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
  });
  afterAll(() => dispose?.());

  it('gives a Wasabi profile path-style addressing, as Wasabi recommends', async () => {
    const added = await cli(services, add('milan', 'wasabi', 'eu-south-1'), 's\n');
    expect(added.code).toBe(0);
    expect(added.err).not.toContain('Warning');
    expect(await services.profiles.find('milan')).toMatchObject({ endpoint: 'https://s3.eu-south-1.wasabisys.com', addressingStyle: 'path' });
  });

  it('warns about a Wasabi region Wasabi does not list, and saves the profile all the same', async () => {
    const added = await cli(services, add('typo', 'wasabi', 'eu-south-2'), 's\n');
    expect(added.code).toBe(0);
    expect(added.err).toContain('Warning: Wasabi does not list the region "eu-south-2"');
    expect(await services.profiles.find('typo')).toMatchObject({ region: 'eu-south-2' });
  });

  it('knows the AWS regions the SDK knows, such as Thailand', async () => {
    const added = await cli(services, add('bangkok', 'aws', 'ap-southeast-7'), 's\n');
    expect(added.code).toBe(0);
    expect(added.err).not.toContain('Warning');
    expect(await services.profiles.find('bangkok')).toMatchObject({ endpoint: 'https://s3.ap-southeast-7.amazonaws.com' });
  });
});
