import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../app-services';
import { startConnectProxy, type ConnectProxy } from '../../test-support/connect-proxy';
import { createTestBucket, freshServices, gateway } from '../../test-support/gateway';
import { cli, hostOf, proxyEnvironment } from '../../test-support/proxy-kit';
import { connectionTestRequestSchema } from '../../../shared/connection-test';

describe("a profile's own proxy, over the environment's", () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let guarded: ConnectProxy;
  let other: ConnectProxy;
  let bucket: { name: string; cleanup: () => Promise<void> };

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    guarded = await startConnectProxy({ credentials: { username: 'pail', password: 'pässword:1' } });
    other = await startConnectProxy();
    bucket = await createTestBucket('proxy-auth');
    const info = gateway();
    const user = info.users[0];
    const add = ['profile', 'add', '--name', 'guarded', '--endpoint', info.httpsEndpoint, '--region', info.region, '--access-key-id', user.accessKeyId];
    expect((await cli(services, [...add, '--path-style', '--ca-bundle', info.caBundle, '--secret-access-key-stdin'], `${user.secretAccessKey}\n`)).code).toBe(
      0,
    );
  });
  afterAll(async () => {
    proxyEnvironment({});
    delete process.env.PAIL_PROXY_PASSWORD;
    await bucket?.cleanup();
    await guarded?.close();
    await other?.close();
    await dispose?.();
  });

  it('asks for credentials in words (407) without them, and goes through with the user and the password from PAIL_PROXY_PASSWORD', async () => {
    // The environment names another proxy: the profile's own wins.
    proxyEnvironment({ HTTPS_PROXY: other.url });
    expect((await cli(services, ['profile', 'edit', 'guarded', '--proxy', guarded.url])).code).toBe(0);
    const refused = await cli(services, ['ls', 'guarded:']);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain(
      `pail: ProxyRefused: The proxy ${guarded.url} refused to connect to ${hostOf(gateway().httpsEndpoint)}: it asks for a user name and password (407 Proxy Authentication Required).`,
    );
    expect(refused.err).toContain("Give the proxy's user name and password in the profile's proxy settings");

    process.env.PAIL_PROXY_PASSWORD = 'pässword:1';
    const edited = await cli(services, ['profile', 'edit', 'guarded', '--proxy-user', 'pail']);
    delete process.env.PAIL_PROXY_PASSWORD;
    expect(edited.code).toBe(0);
    const profile = await services.profiles.find('guarded');
    expect(profile).toMatchObject({ proxyMode: 'url', proxyUrl: guarded.url, proxyUser: 'pail' });
    // The password is with the secret, never in the profile or what the renderer gets.
    expect(JSON.stringify(profile)).not.toContain('pässword');
    const [summary] = await services.profiles.list();
    expect(summary).toMatchObject({ proxyPasswordSet: true });
    expect(JSON.stringify(summary)).not.toContain('pässword');
    expect((await services.profiles.export({ id: profile.id })).content).not.toContain('pässword');
    expect((await cli(services, ['profile', 'list'])).out).toContain(`proxy pail@${guarded.url} (password saved)`);

    guarded.reset();
    other.reset();
    const listed = await cli(services, ['ls', 'guarded:']);
    expect(listed.err).toBe('');
    expect(listed.out).toContain(bucket.name);
    expect(guarded.counts.tunnels).toContain(hostOf(gateway().httpsEndpoint));
    expect(other.counts.connections).toBe(0);
  });

  it('the connection test dials the proxy, says which one and from where, and explains one that refuses CONNECT', async () => {
    const { id } = await services.profiles.find('guarded');
    await services.profiles.update({ id, patch: { proxyMode: 'url', proxyUrl: guarded.url, proxyUser: 'pail' } });
    const through = await services.connection.test({ profileId: id });
    expect(through.steps.filter((s) => s.verdict === 'fail')).toEqual([]);
    const step = (report: typeof through, stepId: string) => report.steps.find((s) => s.id === stepId)!;
    expect(step(through, 'dns').detail).toBe(`through the proxy ${guarded.url} (from the profile's proxy setting): the proxy resolves the server's name`);
    expect(step(through, 'tcp').detail).toBe(
      `connected through the proxy ${guarded.url} (from the profile's proxy setting), which opened a tunnel to ${hostOf(gateway().httpsEndpoint)}`,
    );
    expect(step(through, 'tls').verdict).toBe('pass');
    expect(JSON.stringify(through)).not.toContain('pässword');

    // Without the password (typed as empty in the editor: the saved one is not used), the proxy asks for credentials.
    const user = gateway().users[0];
    const settings = {
      endpoint: gateway().httpsEndpoint,
      region: gateway().region,
      accessKeyId: user.accessKeyId,
      caBundle: await readFile(gateway().caBundle, 'utf8'),
    };
    const unauthorised = await services.connection.test(
      connectionTestRequestSchema.parse({ settings: { ...settings, proxyMode: 'url', proxyUrl: guarded.url }, secretAccessKey: user.secretAccessKey }),
    );
    expect(step(unauthorised, 'tcp')).toMatchObject({ verdict: 'fail', error: { code: 'ProxyRefused' } });
    expect(step(unauthorised, 'tcp').error?.message).toContain('it asks for a user name and password (407 Proxy Authentication Required)');
    expect(step(unauthorised, 'auth').verdict).toBe('skip');

    // The environment's proxy, refusing CONNECT.
    other.setBehaviour('refuse');
    proxyEnvironment({ HTTPS_PROXY: other.url });
    const refused = await services.connection.test(connectionTestRequestSchema.parse({ settings, secretAccessKey: user.secretAccessKey }));
    expect(step(refused, 'tcp')).toMatchObject({ verdict: 'fail', detail: `through the proxy ${other.url} (from the environment's HTTPS_PROXY / HTTP_PROXY)` });
    expect(step(refused, 'tcp').error).toMatchObject({
      code: 'ProxyRefused',
      message: `The proxy ${other.url} refused to connect to ${hostOf(gateway().httpsEndpoint)}: it answered 403 Forbidden.`,
      hint: "Ask whoever runs the proxy to allow CONNECT to this host and port (many allow only port 443), or add the host to NO_PROXY, or set the profile's proxy to None to connect directly.",
    });
    expect(refused.ok).toBe(false);
    other.setBehaviour('carry');
    proxyEnvironment({});
  });

  it('goes through an https:// proxy, trusting its certificate as the profile trusts the server (its CA bundle)', async () => {
    const tlsDir = join(gateway().dir, 'tls');
    const secure = await startConnectProxy({
      tls: { cert: await readFile(join(tlsDir, 'server.pem'), 'utf8'), key: await readFile(join(tlsDir, 'server.key'), 'utf8') },
    });
    try {
      const { id } = await services.profiles.find('guarded');
      await services.profiles.update({ id, patch: { proxyMode: 'url', proxyUrl: secure.url, proxyUser: '' } });
      const listed = await cli(services, ['ls', 'guarded:']);
      expect(listed.err).toBe('');
      expect(listed.out).toContain(bucket.name);
      expect(secure.counts.tunnels).toContain(hostOf(gateway().httpsEndpoint));
    } finally {
      await secure.close();
    }
  });

  it('explains a proxy that refuses CONNECT (403) or closes, and fails a silent one within the connect deadline', async () => {
    const { id } = await services.profiles.find('guarded');
    for (const [behaviour, words] of [
      ['refuse', `refused to connect to ${hostOf(gateway().httpsEndpoint)}: it answered 403 Forbidden.`],
      ['close', `closed the connection instead of connecting to ${hostOf(gateway().httpsEndpoint)}.`],
    ] as const) {
      other.setBehaviour(behaviour);
      await services.profiles.update({ id, patch: { proxyMode: 'url', proxyUrl: other.url, proxyUser: '' } });
      const failed = await cli(services, ['ls', 'guarded:']);
      expect(failed.code).not.toBe(0);
      expect(failed.err).toContain(`pail: ProxyRefused: The proxy ${other.url} ${words}`);
    }
    other.setBehaviour('silent');
    const started = Date.now();
    const silent = await cli(services, ['ls', 'guarded:']);
    expect(silent.code).not.toBe(0);
    expect(silent.err).toContain(`pail: Timeout: The proxy ${other.url} did not connect to ${hostOf(gateway().httpsEndpoint)} within 9500 ms.`);
    // A link check through it fails within its connect deadline too, naming the proxy.
    const url = `${gateway().httpsEndpoint}/${bucket.name}/nothing.txt`;
    const checked = await services.links.check({ url, profileId: id });
    expect(checked).toMatchObject({ verdict: 'unreachable' });
    expect(checked.message).toContain(`, through the proxy ${other.url}.`);
    // Two tries of the connect deadline at most, and one for the link check.
    expect(Date.now() - started).toBeLessThan(35_000);
    other.setBehaviour('carry');
  }, 50_000);
});

describe("a profile's System proxy, as the app's shell answers it (Electron's resolveProxy)", () => {
  let services: AppServices;
  let dataDir: string;
  let proxy: ConnectProxy;
  let answer = 'DIRECT';
  const asked: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pail-system-proxy-'));
    proxy = await startConnectProxy();
    services = await createAppServices(
      dataDir,
      { PAIL_SECRET_STORE: 'file' },
      { report: () => undefined, systemProxy: async (url) => (asked.push(url), answer) },
    );
    const info = gateway();
    const user = info.users[0];
    const add = ['profile', 'add', '--name', 'system', '--endpoint', info.endpoint, '--region', info.region, '--access-key-id', user.accessKeyId];
    const added = await cli(services, [...add, '--path-style', '--proxy', 'system', '--secret-access-key-stdin'], `${user.secretAccessKey}\n`);
    expect(added.code).toBe(0);
    // The CLI says what "system" means where it runs.
    expect(added.err).toContain('Note: outside the app, "system" uses the proxies of the environment');
  });
  afterAll(async () => {
    await proxy?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("goes through the proxy the system names for the endpoint, and the connection test says it is the system's", async () => {
    answer = `PROXY ${new URL(proxy.url).host}; DIRECT`;
    const { id } = await services.profiles.find('system');
    const report = await services.connection.test({ profileId: id });
    expect(report.steps.find((s) => s.id === 'tcp')?.detail).toBe(
      `connected through the proxy ${proxy.url} (from the system's proxy settings), which opened a tunnel to ${hostOf(gateway().endpoint)}`,
    );
    expect(report.ok).toBe(true);
    expect(asked).toContain(gateway().endpoint);
    proxy.reset();
    expect((await cli(services, ['ls', 'system:'])).code).toBe(0);
    expect(proxy.counts.tunnels).toContain(hostOf(gateway().endpoint));
  });

  it('connects directly when the system names only a SOCKS proxy, and the connection test says why', async () => {
    answer = 'SOCKS5 127.0.0.1:1080';
    const { id } = await services.profiles.find('system');
    // A new version of the profile: its clients ask the system again.
    await services.profiles.update({ id, patch: { name: 'system' } });
    proxy.reset();
    expect((await cli(services, ['ls', 'system:'])).code).toBe(0);
    expect(proxy.counts.connections).toBe(0);
    const report = await services.connection.test({ profileId: id });
    expect(report.steps.find((s) => s.id === 'dns')).toMatchObject({
      verdict: 'warn',
      detail: "IP address; the system's proxy settings name SOCKS5 127.0.0.1:1080, which Pail cannot use, so it connects directly",
    });
  });
});
