import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../app-services';
import { startConnectProxy, type ConnectProxy } from '../../test-support/connect-proxy';
import { createTestBucket, freshServices, gateway } from '../../test-support/gateway';
import { cli, hostOf, proxyEnvironment } from '../../test-support/proxy-kit';
import { presignRequestSchema } from '../../../shared/sharing';
import { importUrlRequestSchema } from '../../../shared/transfers';

describe.each([
  { scheme: 'HTTP', endpoint: () => gateway().endpoint, variable: 'HTTP_PROXY', caBundle: false },
  { scheme: 'HTTPS', endpoint: () => gateway().httpsEndpoint, variable: 'HTTPS_PROXY', caBundle: true },
])('through the environment proxy ($variable), against the gateway over $scheme', ({ endpoint, variable, caBundle }) => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let proxy: ConnectProxy;
  let bucket: { name: string; cleanup: () => Promise<void> };
  let dir: string;
  const name = `via-${variable.toLowerCase()}`;

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    proxy = await startConnectProxy();
    bucket = await createTestBucket('proxy');
    dir = await mkdtemp(join(tmpdir(), 'pail-proxy-'));
    const info = gateway();
    const user = info.users[0];
    const add = ['profile', 'add', '--name', name, '--endpoint', endpoint(), '--region', info.region, '--access-key-id', user.accessKeyId, '--path-style'];
    const added = await cli(services, [...add, ...(caBundle ? ['--ca-bundle', info.caBundle] : []), '--secret-access-key-stdin'], `${user.secretAccessKey}\n`);
    expect(added.code).toBe(0);
  });
  afterEach(() => proxyEnvironment({}));
  afterAll(async () => {
    proxyEnvironment({});
    await bucket?.cleanup();
    await proxy?.close();
    await rm(dir, { recursive: true, force: true });
    await dispose?.();
  });

  it('lists, uploads (single and multipart, direct path) and downloads (fetch thread) through the proxy, every byte through a CONNECT tunnel', async () => {
    proxyEnvironment({ [variable]: proxy.url });
    const listed = await cli(services, ['ls', `${name}:`]);
    expect(listed.err).toBe('');
    expect(listed.out).toContain(bucket.name);
    expect(proxy.counts.tunnels).toContain(hostOf(endpoint()));
    // Kept alive through the proxy: more requests, no more tunnels.
    const tunnels = proxy.counts.tunnels.length;
    for (let i = 0; i < 3; i++) expect((await cli(services, ['ls', `${name}:${bucket.name}/`])).code).toBe(0);
    expect(proxy.counts.tunnels.length).toBe(tunnels);

    const small = join(dir, 'small.txt');
    const big = join(dir, 'big.bin');
    const bigBody = randomBytes(17 * 1024 * 1024);
    await writeFile(small, 'through the proxy\n');
    await writeFile(big, bigBody);
    proxy.reset();
    for (const file of [small, big]) {
      const sent = await cli(services, ['cp', file, `${name}:${bucket.name}/`]);
      expect(sent.err).toBe('');
      expect(sent.code).toBe(0);
    }
    expect(proxy.counts.bytesUp).toBeGreaterThan(bigBody.length);

    proxy.reset();
    const back = join(dir, 'back');
    const fetched = await cli(services, ['cp', '--recursive', `${name}:${bucket.name}/`, `${back}/`]);
    expect(fetched.err).toBe('');
    expect(await readFile(join(back, 'small.txt'), 'utf8')).toBe('through the proxy\n');
    expect((await readFile(join(back, 'big.bin'))).equals(bigBody)).toBe(true);
    expect(proxy.counts.bytesDown).toBeGreaterThan(bigBody.length);
    expect(proxy.counts.tunnels.every((t) => t === hostOf(endpoint()))).toBe(true);
  });

  it('checks a presigned link and imports a URL through the proxy', async () => {
    proxyEnvironment({ [variable]: proxy.url });
    const { id } = await services.profiles.find(name);
    const url = (await services.links.presign(presignRequestSchema.parse({ profileId: id, bucket: bucket.name, keys: ['small.txt'], expiresInSeconds: 600 })))
      .urls[0];
    proxy.reset();
    expect(await services.links.check({ url, profileId: id })).toMatchObject({ verdict: 'works', status: 206 });
    expect(proxy.counts.tunnels).toEqual([hostOf(endpoint())]);

    // The import reads a plain-HTTP source of its own (an import's source is any server, not the profile's).
    const source = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 9 }).end('imported\n'));
    await new Promise<void>((resolve) => source.listen(0, '127.0.0.1', resolve));
    const sourceHost = `127.0.0.1:${(source.address() as AddressInfo).port}`;
    try {
      proxyEnvironment({ HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url });
      proxy.reset();
      const started = await services.transfers.importUrl(
        importUrlRequestSchema.parse({
          profileId: id,
          bucket: bucket.name,
          prefix: 'imported/',
          url: `http://${sourceHost}/x`,
          name: 'copy.txt',
          conflict: 'overwrite',
        }),
      );
      await services.transfers.settled(started.batchId);
      expect(services.transfers.list().transfers.find((t) => t.batchId === started.batchId)).toMatchObject({ state: 'done', key: 'imported/copy.txt' });
      expect(proxy.counts.tunnels).toContain(sourceHost);
    } finally {
      source.closeAllConnections();
      source.close();
    }
  });

  it('refuses in words a SOCKS proxy in the environment, rather than going around it', async () => {
    proxyEnvironment({ [variable]: 'socks5://127.0.0.1:1080' });
    const failed = await cli(services, ['ls', `${name}:`]);
    expect(failed.code).not.toBe(0);
    expect(failed.err).toContain(
      'pail: ProxyRefused: The proxy socks5://127.0.0.1:1080 is a SOCKS5 proxy: Pail speaks to HTTP and HTTPS proxies only (http:// or https://).',
    );
  });

  it('goes directly to a host NO_PROXY names (the proxy carries nothing), and so does a profile whose proxy is None', async () => {
    const host = new URL(endpoint()).hostname;
    for (const noProxy of [host, `${host}:${new URL(endpoint()).port}`, '*', 'localhost,.example.com, 127.0.0.1']) {
      proxyEnvironment({ [variable]: proxy.url, NO_PROXY: noProxy });
      proxy.reset();
      // A new profile version each round: the clients are built anew under this environment.
      const listed = await cli(services, ['ls', `${name}:${bucket.name}/`]);
      expect(listed.err).toBe('');
      expect({ noProxy, ...proxy.counts }).toMatchObject({ noProxy, connections: 0, tunnels: [] });
    }

    proxyEnvironment({ [variable]: proxy.url });
    expect((await cli(services, ['profile', 'edit', name, '--proxy', 'none'])).code).toBe(0);
    proxy.reset();
    const listed = await cli(services, ['ls', `${name}:${bucket.name}/`]);
    expect(listed.err).toBe('');
    expect(listed.out).toContain('small.txt');
    const back = join(dir, 'direct');
    expect((await cli(services, ['cp', '--recursive', `${name}:${bucket.name}/`, `${back}/`])).code).toBe(0);
    expect(proxy.counts.connections).toBe(0);
    expect((await cli(services, ['profile', 'edit', name, '--proxy', 'env'])).code).toBe(0);
  });
});
