import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { runCliOn } from '../test-support/cli-io';
import { freshServices } from '../test-support/gateway';

const cli = runCliOn;

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

  const keys = ['--access-key-id', 'EXAMPLEKEY0123456789', '--secret-access-key-stdin'];

  it('finds the host of a Linode region whose host is not named after it (de-fra-2 → de-fra-1.linodeobjects.com)', async () => {
    const added = await cli(services, add('fra2', 'linode', 'de-fra-2'), 's\n');
    expect(added.code).toBe(0);
    expect(await services.profiles.find('fra2')).toMatchObject({ endpoint: 'https://de-fra-1.linodeobjects.com', region: 'de-fra-1' });
  });

  it('asks which endpoint when a Linode region has several, naming them', async () => {
    const added = await cli(services, add('iad', 'linode', 'us-iad'), 's\n');
    expect(added.code).toBe(2);
    expect(added.err).toContain(
      'Linode region us-iad has several endpoints: https://us-iad-1.linodeobjects.com (E1), https://us-iad-10.linodeobjects.com. Give the one your bucket is on with --endpoint.',
    );
  });

  it('takes a Linode host pasted from Cloud Manager as the endpoint: provider and signing region come from it', async () => {
    const added = await cli(services, ['profile', 'add', '--name', 'pasted', '--endpoint', 'https://us-iad-10.linodeobjects.com', ...keys], 's\n');
    expect(added.code).toBe(0);
    expect(await services.profiles.find('pasted')).toMatchObject({ provider: 'linode', endpoint: 'https://us-iad-10.linodeobjects.com', region: 'us-iad-10' });
    // As Cloud Manager shows it: the host name alone.
    const bare = await cli(services, ['profile', 'add', '--name', 'bare', '--endpoint', 'us-lax-4.linodeobjects.com', ...keys], 's\n');
    expect(bare.code).toBe(0);
    expect(await services.profiles.find('bare')).toMatchObject({ provider: 'linode', endpoint: 'https://us-lax-4.linodeobjects.com', region: 'us-lax-4' });
  });

  it('builds an R2 endpoint in a jurisdiction, and reads the account and jurisdiction back from a pasted one', async () => {
    const account = '0123456789abcdef0123456789abcdef';
    const built = await cli(
      services,
      ['profile', 'add', '--name', 'r2eu', '--provider', 'cloudflare-r2', '--account-id', account, '--jurisdiction', 'eu', ...keys],
      's\n',
    );
    expect(built.code).toBe(0);
    expect(await services.profiles.find('r2eu')).toMatchObject({
      endpoint: `https://${account}.eu.r2.cloudflarestorage.com`,
      region: 'auto',
      jurisdiction: 'eu',
    });
    const pasted = await cli(
      services,
      ['profile', 'add', '--name', 'r2fed', '--endpoint', `https://${account}.fedramp.r2.cloudflarestorage.com`, ...keys],
      's\n',
    );
    expect(pasted.code).toBe(0);
    expect(await services.profiles.find('r2fed')).toMatchObject({ provider: 'cloudflare-r2', region: 'auto', accountId: account, jurisdiction: 'fedramp' });
    const moved = await cli(services, ['profile', 'edit', 'r2eu', '--jurisdiction', 'none']);
    expect(moved.code).toBe(0);
    const edited = await services.profiles.find('r2eu');
    expect(edited.endpoint).toBe(`https://${account}.r2.cloudflarestorage.com`);
    expect(edited.jurisdiction).toBeUndefined();
    expect((await cli(services, ['profile', 'edit', 'r2eu', '--jurisdiction', 'mars'])).err).toContain('--jurisdiction must be one of: eu, fedramp, us, none.');
  });

  it("knows OVH's 3-AZ regions, and warns that a .perf endpoint is legacy", async () => {
    const paris = await cli(services, add('paris', 'ovh', 'eu-west-par'), 's\n');
    expect(paris.code).toBe(0);
    expect(paris.err).not.toContain('Warning');
    expect(await services.profiles.find('paris')).toMatchObject({ endpoint: 'https://s3.eu-west-par.io.cloud.ovh.net' });
    const perf = await cli(services, ['profile', 'add', '--name', 'perf', '--endpoint', 'https://s3.gra.perf.cloud.ovh.net', ...keys], 's\n');
    expect(perf.code).toBe(0);
    expect(await services.profiles.find('perf')).toMatchObject({ provider: 'ovh', region: 'gra' });
    expect(perf.err).toContain('Warning: s3.gra.perf.cloud.ovh.net is OVHcloud Object Storage’s legacy endpoint, kept only for older tools');
  });
});

describe('pail profile endpoints --provider linode', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let api: Server;
  let apiUrl: string;
  const seen: { url: string; authorization?: string }[] = [];
  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    // A replayed answer of GET /v4/object-storage/endpoints, shaped as the Linode API documents it, over two pages.
    const pages = [
      {
        data: [
          { endpoint_type: 'E1', region: 'us-iad', s3_endpoint: 'us-iad-1.linodeobjects.com' },
          { endpoint_type: 'E3', region: 'us-iad', s3_endpoint: 'us-iad-10.linodeobjects.com' },
        ],
        page: 1,
        pages: 2,
        results: 3,
      },
      { data: [{ endpoint_type: 'E3', region: 'de-fra-2', s3_endpoint: 'de-fra-1.linodeobjects.com' }], page: 2, pages: 2, results: 3 },
    ];
    api = createServer((req, res) => {
      seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
      if (req.headers.authorization !== 'Bearer good-token') {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ reason: 'Invalid Token' }] }));
        return;
      }
      const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? 1);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(pages[page - 1]));
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await dispose?.();
    await new Promise((resolve) => api?.close(resolve));
  });

  it('lists the hosts Pail knows without a token', async () => {
    const listed = await cli(services, ['profile', 'endpoints', '--provider', 'linode']);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/^de-fra-2 +de-fra-1\.linodeobjects\.com$/m);
    expect(listed.out).toMatch(/^us-sea +E3 +us-sea-9\.linodeobjects\.com$/m);
    expect(seen).toEqual([]);
  });

  it("lists the account's endpoints with the token from an environment variable, every page, and never stores it", async () => {
    process.env.PAIL_TEST_LINODE_TOKEN = 'good-token';
    try {
      const listed = await cli(services, ['profile', 'endpoints', '--provider', 'linode', '--token-env', 'PAIL_TEST_LINODE_TOKEN', '--api-url', apiUrl]);
      expect(listed.code).toBe(0);
      expect(listed.out.split('\n').slice(1, 4)).toEqual([
        'de-fra-2  E3  de-fra-1.linodeobjects.com',
        'us-iad    E1  us-iad-1.linodeobjects.com',
        'us-iad    E3  us-iad-10.linodeobjects.com',
      ]);
      expect(seen.map((s) => s.url)).toEqual(['/v4/object-storage/endpoints?page=1', '/v4/object-storage/endpoints?page=2']);
      expect(listed.out + listed.err).not.toContain('good-token');
      expect(JSON.stringify(await services.profiles.listing())).not.toContain('good-token');
    } finally {
      delete process.env.PAIL_TEST_LINODE_TOKEN;
    }
  });

  it('says when the API refuses the token', async () => {
    process.env.PAIL_TEST_LINODE_TOKEN = 'expired';
    try {
      const listed = await cli(services, ['profile', 'endpoints', '--provider', 'linode', '--token-env', 'PAIL_TEST_LINODE_TOKEN', '--api-url', apiUrl]);
      expect(listed.code).not.toBe(0);
      expect(listed.err).toContain('The Linode API refused the token (HTTP 401).');
      expect(listed.err).toContain('Object Storage "read only" scope');
    } finally {
      delete process.env.PAIL_TEST_LINODE_TOKEN;
    }
  });
});
