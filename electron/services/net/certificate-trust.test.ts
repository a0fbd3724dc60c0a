import { readFile } from 'node:fs/promises';
import { connect } from 'node:tls';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../app-services';
import { runCli } from '../../cli/commands';
import { capturedIo } from '../../test-support/cli-io';
import { cliHome, runPail } from '../../test-support/cli-process';
import { startConnectProxy } from '../../test-support/connect-proxy';
import { createTestBucket, freshServices, gateway, rawClient } from '../../test-support/gateway';
import { makeCertificate, makeTestCa, opensslFingerprint, startTlsServer, type TestTlsServer } from '../../test-support/test-certificates';
import { presignRequestSchema } from '../../../shared/sharing';
import { CertificateRefusedError, endpointTrustOf, trustedSocket } from './certificate-trust';

async function cli(services: AppServices, argv: string[], stdin = '') {
  const captured = capturedIo(stdin);
  const code = await runCli(argv, async () => services, captured.io);
  return { code, out: captured.out(), err: captured.err() };
}

/** Adds a profile for the gateway's first user at `endpoint` through the CLI, with extra flags. */
async function addProfile(services: AppServices, name: string, endpoint: string, flags: string[] = []) {
  const info = gateway();
  const user = info.users[0];
  const args = ['profile', 'add', '--name', name, '--endpoint', endpoint, '--region', info.region, '--access-key-id', user.accessKeyId, '--path-style'];
  const added = await cli(services, [...args, ...flags, '--secret-access-key-stdin'], `${user.secretAccessKey}\n`);
  expect(added.err).not.toContain('pail:');
  return services.profiles.find(name);
}

const tlsStep = async (services: AppServices, profileId: string) => (await services.connection.test({ profileId })).steps.find((s) => s.id === 'tls')!;

describe('an untrusted certificate, explained and trusted per profile (real TLS servers)', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let bucket: { name: string; cleanup: () => Promise<void> };
  const servers: TestTlsServer[] = [];
  const serve = async (...args: Parameters<typeof startTlsServer>) => {
    const server = await startTlsServer(...args);
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    bucket = await createTestBucket('pin');
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await bucket?.cleanup();
    await dispose?.();
  });

  it('a self-signed certificate: explained with its details before any byte is sent; trusted by fingerprint; another certificate on the same host is still refused', async () => {
    const first = makeCertificate({ cn: '127.0.0.1', sans: ['IP:127.0.0.1'] });
    const server = await serve(first);
    const fingerprint = opensslFingerprint(first.cert);
    const profile = await addProfile(services, 'self', `https://127.0.0.1:${server.port}`);

    const refused = await tlsStep(services, profile.id);
    expect(refused.verdict).toBe('fail');
    expect(refused.error).toMatchObject({
      code: 'UntrustedCertificate',
      message: `The certificate of 127.0.0.1:${server.port} is self-signed: no authority this computer trusts vouches for it.`,
      certificate: { subject: 'CN=127.0.0.1', issuer: 'CN=127.0.0.1', sha256: fingerprint, names: ['127.0.0.1'], problem: 'self-signed', pinnable: true },
    });
    expect(refused.error?.hint).toContain('trust this certificate for the profile');
    const listed = await cli(services, ['ls', 'self:']);
    expect(listed.code).toBe(1);
    expect(listed.err).toContain('is self-signed');
    expect(listed.err).toContain(`  SHA-256:  ${fingerprint}`);
    const tested = await cli(services, ['profile', 'test', 'self']);
    expect(tested.out).toContain(`SHA-256: ${fingerprint}`);
    expect(server.received()).toBe(0);

    // `profile trust` shows the certificate and the command; a wrong fingerprint pins nothing.
    const shown = await cli(services, ['profile', 'trust', 'self']);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain(`  SHA-256:  ${fingerprint}`);
    expect(shown.out).toContain(`pail profile trust self --fingerprint ${fingerprint}`);
    const wrong = await cli(services, ['profile', 'trust', 'self', '--fingerprint', 'AB'.repeat(32)]);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain(`presents a certificate with SHA-256 ${fingerprint}, not AB:AB`);
    expect((await services.profiles.find('self')).pinnedCertificates).toBeUndefined();

    // Pinned (typed without colons, in lower case): the test passes and requests go through.
    const pinned = await cli(services, ['profile', 'trust', 'self', '--fingerprint', fingerprint.replace(/:/g, '').toLowerCase()]);
    expect(pinned.code).toBe(0);
    expect((await services.profiles.find('self')).pinnedCertificates).toEqual([
      { sha256: fingerprint, subject: 'CN=127.0.0.1', issuer: 'CN=127.0.0.1', validTo: expect.any(String), pinnedAt: expect.any(String) },
    ]);
    const trusted = await tlsStep(services, profile.id);
    expect(trusted.verdict).toBe('pass');
    expect(trusted.detail).toContain(`trusted by its pin for this profile (SHA-256 ${fingerprint})`);
    const check = await services.links.check({ url: `https://127.0.0.1:${server.port}/x`, profileId: profile.id });
    expect(check.status).toBe(200);
    expect(server.received()).toBeGreaterThan(0);

    // Another self-signed certificate on the same host and port: refused, nothing sent.
    await server.close();
    const other = makeCertificate({ cn: '127.0.0.1', sans: ['IP:127.0.0.1'] });
    const impostor = await serve(other, server.port);
    const again = await tlsStep(services, profile.id);
    expect(again.error).toMatchObject({ code: 'UntrustedCertificate', certificate: { sha256: opensslFingerprint(other.cert) } });
    expect((await cli(services, ['ls', 'self:'])).err).toContain('is self-signed');
    expect(await services.links.check({ url: `https://127.0.0.1:${server.port}/x`, profileId: profile.id })).toMatchObject({
      verdict: 'unreachable',
      message: `The certificate of 127.0.0.1:${server.port} is self-signed: no authority this computer trusts vouches for it. Its SHA-256 fingerprint is ${opensslFingerprint(other.cert)}.`,
      hint: expect.stringContaining('trust this certificate for the profile'),
    });
    expect(impostor.received()).toBe(0);

    const untrusted = await cli(services, ['profile', 'untrust', 'self']);
    expect(untrusted.out).toContain('no longer trusts that certificate');
    expect((await services.profiles.find('self')).pinnedCertificates).toBeUndefined();
  });

  it("the gateway's certificate without its CA: an unknown authority named in the CLI; pinned, every path reaches the gateway (SDK, direct path, fetch thread, links)", async () => {
    const info = gateway();
    const fingerprint = opensslFingerprint(await readFile(join(info.dir, 'tls', 'server.pem'), 'utf8'));
    const profile = await addProfile(services, 'gwpin', info.httpsEndpoint);
    const port = new URL(info.httpsEndpoint).port;
    const refused = await cli(services, ['ls', 'gwpin:']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      `pail: UntrustedCertificate: The certificate of 127.0.0.1:${port} is issued by "Pail test CA", an authority this computer does not trust (listing buckets).`,
    );
    expect(refused.err).toMatch(/ {2}Subject: {2}CN=127\.0\.0\.1\n {2}Issuer: {3}CN=Pail test CA\n {2}Valid: {4}\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\n/);
    expect(refused.err).toContain(`  SHA-256:  ${fingerprint}`);

    expect((await cli(services, ['profile', 'trust', 'gwpin', '--fingerprint', fingerprint])).code).toBe(0);
    const listed = await cli(services, ['ls', 'gwpin:']);
    expect(listed.err).toBe('');
    expect(listed.out).toContain(bucket.name);
    const { dir } = info;
    const file = join(dir, 'ceph.conf');
    expect((await cli(services, ['cp', file, `gwpin:${bucket.name}/pinned.conf`])).err).toBe('');
    const back = await cli(services, ['cp', `gwpin:${bucket.name}/pinned.conf`, join(dir, 'pinned-back.conf')]);
    expect(back.err).toBe('');
    expect(await readFile(join(dir, 'pinned-back.conf'), 'utf8')).toBe(await readFile(file, 'utf8'));
    const presigned = await services.links.presign(
      presignRequestSchema.parse({ profileId: profile.id, bucket: bucket.name, keys: ['pinned.conf'], expiresInSeconds: 600 }),
    );
    expect(await services.links.check({ url: presigned.urls[0], profileId: profile.id })).toMatchObject({ verdict: 'works' });
  });

  it('through a proxy, a link check meets the same check: refused in words without the pin, working with it, the proxy carrying both', async () => {
    const info = gateway();
    const fingerprint = opensslFingerprint(await readFile(join(info.dir, 'tls', 'server.pem'), 'utf8'));
    const proxy = await startConnectProxy();
    try {
      const profile = await addProfile(services, 'pinproxy', info.httpsEndpoint, ['--proxy', proxy.url]);
      const port = new URL(info.httpsEndpoint).port;
      const url = `${info.httpsEndpoint}/${bucket.name}/through-proxy.txt`;
      const refused = await services.links.check({ url, profileId: profile.id });
      expect(refused).toMatchObject({ verdict: 'unreachable' });
      expect(refused.message).toContain(`The certificate of 127.0.0.1:${port} is issued by "Pail test CA", an authority this computer does not trust`);
      expect(proxy.counts.tunnels).toContain(`127.0.0.1:${port}`);

      expect((await cli(services, ['profile', 'trust', 'pinproxy', '--fingerprint', fingerprint])).code).toBe(0);
      proxy.reset();
      await rawClient().send(new PutObjectCommand({ Bucket: bucket.name, Key: 'through-proxy.txt', Body: 'carried' }));
      const pinned = await services.profiles.find('pinproxy');
      const presigned = await services.links.presign(
        presignRequestSchema.parse({ profileId: pinned.id, bucket: bucket.name, keys: ['through-proxy.txt'], expiresInSeconds: 600 }),
      );
      expect(await services.links.check({ url: presigned.urls[0], profileId: pinned.id })).toMatchObject({ verdict: 'works' });
      expect(proxy.counts.tunnels).toEqual([`127.0.0.1:${port}`]);
    } finally {
      await proxy.close();
    }
  });

  it('a certificate for another host name: names what it is for, and a pin does not override the host name', async () => {
    const ca = makeTestCa();
    const leaf = makeCertificate({ cn: 's3.other.test', sans: ['DNS:s3.other.test'], ca });
    const server = await serve(leaf);
    const profile = await addProfile(services, 'wronghost', `https://127.0.0.1:${server.port}`);
    await services.profiles.update({ id: profile.id, patch: { caBundle: ca.cert } });
    const step = await tlsStep(services, profile.id);
    expect(step.error).toMatchObject({
      code: 'UntrustedCertificate',
      message: `The certificate of 127.0.0.1:${server.port} is for another host name: it names s3.other.test.`,
      certificate: { problem: 'wrong-host', pinnable: false, issuer: 'CN=Pail other test CA' },
    });
    const sha256 = opensslFingerprint(leaf.cert);
    const pin = { sha256, subject: 'CN=s3.other.test', issuer: 'CN=Pail other test CA', validTo: '2030-01-01', pinnedAt: new Date().toISOString() };
    await services.profiles.update({ id: profile.id, patch: { pinnedCertificates: [pin] } });
    expect((await tlsStep(services, profile.id)).error).toMatchObject({ code: 'UntrustedCertificate', certificate: { problem: 'wrong-host' } });
    expect(server.received()).toBe(0);
  });

  it('an expired certificate from a trusted authority: says when it expired', async () => {
    const ca = makeTestCa();
    const server = await serve(makeCertificate({ cn: '127.0.0.1', sans: ['IP:127.0.0.1'], ca, expired: true }));
    const profile = await addProfile(services, 'expired', `https://127.0.0.1:${server.port}`);
    await services.profiles.update({ id: profile.id, patch: { caBundle: ca.cert } });
    expect((await tlsStep(services, profile.id)).error).toMatchObject({
      code: 'UntrustedCertificate',
      message: `The certificate of 127.0.0.1:${server.port} expired on 2020-02-01.`,
      certificate: { problem: 'expired', validTo: '2020-02-01T00:00:00.000Z' },
    });
  });

  it('"don\'t verify" reaches the profile\'s own endpoint only, warns on every CLI run, and shows in the test', async () => {
    const info = gateway();
    const profile = await addProfile(services, 'lab', info.httpsEndpoint, ['--dont-verify-certificates']);
    expect(profile.dontVerifyCertificates).toBe(true);
    const listed = await cli(services, ['ls', 'lab:']);
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(bucket.name);
    expect(listed.err).toBe('warning: certificates are not verified for profile lab\n');
    const step = await tlsStep(services, profile.id);
    expect(step.verdict).toBe('warn');
    expect(step.detail).toContain('NOT VERIFIED');
    // Another server (another port): still verified.
    const elsewhere = await serve(makeCertificate({ cn: '127.0.0.1', sans: ['IP:127.0.0.1'] }));
    expect((await services.links.check({ url: `https://127.0.0.1:${elsewhere.port}/x`, profileId: profile.id })).verdict).toBe('unreachable');
    expect(elsewhere.received()).toBe(0);
    expect((await cli(services, ['profile', 'edit', 'lab', '--verify-certificates'])).code).toBe(0);
    expect((await services.profiles.find('lab')).dontVerifyCertificates).toBeUndefined();
    expect((await cli(services, ['ls', 'lab:'])).err).toContain('UntrustedCertificate');
  });

  it("a URL import trusts the destination profile's CA bundle for any host", async () => {
    const info = gateway();
    const ca = makeTestCa();
    const source = await serve(makeCertificate({ cn: '127.0.0.1', sans: ['IP:127.0.0.1'], ca }));
    const gatewayCa = await readFile(info.caBundle, 'utf8');
    const profile = await addProfile(services, 'importer', info.httpsEndpoint);
    const importInto = async () => {
      const started = await services.transfers.importUrl({
        profileId: profile.id,
        bucket: bucket.name,
        prefix: 'imported/',
        url: `https://127.0.0.1:${source.port}/hello.txt`,
        conflict: 'overwrite',
      });
      await services.transfers.settled(started.batchId);
      return services.transfers.list().transfers.find((t) => t.batchId === started.batchId)!;
    };
    await services.profiles.update({ id: profile.id, patch: { caBundle: gatewayCa } });
    const refused = await importInto();
    expect(refused.state).toBe('failed');
    expect(refused.error).toMatchObject({ code: 'UntrustedCertificate', certificate: { problem: 'unknown-authority' } });
    await services.profiles.update({ id: profile.id, patch: { caBundle: `${gatewayCa}\n${ca.cert}` } });
    expect(await importInto()).toMatchObject({ state: 'done' });
    const object = await rawClient().send(new GetObjectCommand({ Bucket: bucket.name, Key: 'imported/hello.txt' }));
    expect(await object.Body?.transformToString()).toBe('ok');
  });
});

describe('trustedSocket (for TLS dialled in steps, e.g. over a proxy tunnel)', () => {
  it('hands over a pinned certificate for its endpoint, refuses it elsewhere, before anything is written', async () => {
    const certificate = makeCertificate({ cn: '127.0.0.1', sans: ['IP:127.0.0.1'] });
    const server = await startTlsServer(certificate);
    try {
      const dial = () => connect({ host: '127.0.0.1', port: server.port, rejectUnauthorized: false });
      const pinned = [{ sha256: opensslFingerprint(certificate.cert), subject: '', issuer: '', validTo: '', pinnedAt: '' }];
      const trust = endpointTrustOf({ endpoint: `https://127.0.0.1:${server.port}`, pinnedCertificates: pinned });
      const accepted = await trustedSocket(dial(), '127.0.0.1', server.port, trust);
      accepted.destroy();
      await expect(trustedSocket(dial(), '127.0.0.1', server.port, undefined)).rejects.toMatchObject({
        code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
        certificate: { problem: 'self-signed', pinnable: true },
      });
      const otherPort = endpointTrustOf({ endpoint: `https://127.0.0.1:${server.port + 1}`, pinnedCertificates: pinned });
      await expect(trustedSocket(dial(), '127.0.0.1', server.port, otherPort)).rejects.toBeInstanceOf(CertificateRefusedError);
      expect(server.received()).toBe(0);
    } finally {
      await server.close();
    }
  });
});

describe('NODE_EXTRA_CA_CERTS (the real pail process)', () => {
  it('trusts the authorities it names without a CA bundle', async () => {
    const info = gateway();
    const { home, dispose } = await cliHome({ endpoint: info.httpsEndpoint });
    try {
      const without = await runPail(home, ['ls', 'gw:'], { env: { NODE_EXTRA_CA_CERTS: '' } });
      expect(without.stderr).toContain('UntrustedCertificate');
      const withExtra = await runPail(home, ['ls', 'gw:'], { env: { NODE_EXTRA_CA_CERTS: info.caBundle } });
      expect(withExtra.stderr).toBe('');
      expect(withExtra.code).toBe(0);
    } finally {
      await dispose();
    }
  });
});
