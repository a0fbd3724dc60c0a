import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../app-services';
import { capturedIo } from '../../test-support/cli-io';
import { createTestBucket, freshServices, gateway } from '../../test-support/gateway';
import { runCli } from '../../cli/commands';
import { presignRequestSchema } from '../../../shared/sharing';
import { caBundleProblem, describeCaBundle } from './ca-bundle';

async function cli(services: AppServices, argv: string[], stdin = '') {
  const captured = capturedIo(stdin);
  const code = await runCli(argv, async () => services, captured.io);
  return { code, out: captured.out(), err: captured.err() };
}

describe("a profile's CA bundle, against the gateway's HTTPS endpoint (a private test CA)", () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let bucket: { name: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    bucket = await createTestBucket('tls');
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
  });

  it('fails with a certificate error without the bundle, lists once `profile edit --ca-bundle` gives it, and fails again once removed', async () => {
    const info = gateway();
    const user = info.users[0];
    const add = ['profile', 'add', '--name', 'tls', '--endpoint', info.httpsEndpoint, '--region', info.region, '--access-key-id', user.accessKeyId];
    expect((await cli(services, [...add, '--path-style', '--secret-access-key-stdin'], `${user.secretAccessKey}\n`)).code).toBe(0);

    const untrusted = await cli(services, ['ls', 'tls:']);
    expect(untrusted.code).not.toBe(0);
    expect(untrusted.err).toContain(
      `pail: UntrustedCertificate: The certificate of ${info.httpsEndpoint.replace('https://', '')} is issued by "Pail test CA", an authority this computer does not trust (listing buckets).`,
    );
    expect(untrusted.err).toContain("give the profile its authority's certificate as the CA bundle");

    const edited = await cli(services, ['profile', 'edit', 'tls', '--ca-bundle', info.caBundle]);
    expect(edited.code).toBe(0);
    const profile = await services.profiles.find('tls');
    expect(profile.caBundle).toBe((await readFile(info.caBundle, 'utf8')).trim());
    const listed = await cli(services, ['ls', 'tls:']);
    expect(listed.err).toBe('');
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(bucket.name);
    const buckets = await services.browse.listBuckets({ profileId: profile.id });
    expect(buckets.map((b) => b.name)).toContain(bucket.name);

    expect((await cli(services, ['profile', 'edit', 'tls', '--ca-bundle', ''])).code).toBe(0);
    expect((await services.profiles.find('tls')).caBundle).toBeUndefined();
    expect((await cli(services, ['ls', 'tls:'])).code).not.toBe(0);
  });

  it('moves bytes over HTTPS with the bundle: a single PUT, a multipart upload, and downloads on the direct path', async () => {
    const info = gateway();
    expect((await cli(services, ['profile', 'edit', 'tls', '--ca-bundle', info.caBundle])).code).toBe(0);
    const dir = await mkdtemp(join(tmpdir(), 'pail-tls-'));
    try {
      const small = join(dir, 'small.txt');
      const big = join(dir, 'big.bin');
      await writeFile(small, 'over TLS\n');
      // Past the 16 MiB multipart threshold: sent in parts.
      const bigBody = randomBytes(17 * 1024 * 1024);
      await writeFile(big, bigBody);
      for (const file of [small, big]) {
        const sent = await cli(services, ['cp', file, `tls:${bucket.name}/`]);
        expect(sent.err).toBe('');
        expect(sent.code).toBe(0);
      }
      const back = join(dir, 'back');
      const fetched = await cli(services, ['cp', '--recursive', `tls:${bucket.name}/`, `${back}/`]);
      expect(fetched.err).toBe('');
      expect(fetched.code).toBe(0);
      expect(await readFile(join(back, 'small.txt'), 'utf8')).toBe('over TLS\n');
      expect((await readFile(join(back, 'big.bin'))).equals(bigBody)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("the connection test's TLS step and requests trust the bundle: an untrusted certificate fails there in words, the bundle passes", async () => {
    const info = gateway();
    const user = info.users[0];
    const add = ['profile', 'add', '--name', 'tls-test', '--endpoint', info.httpsEndpoint, '--region', info.region, '--access-key-id', user.accessKeyId];
    expect((await cli(services, [...add, '--path-style', '--secret-access-key-stdin'], `${user.secretAccessKey}\n`)).code).toBe(0);
    const { id } = await services.profiles.find('tls-test');

    const untrusted = await services.connection.test({ profileId: id });
    expect(untrusted.ok).toBe(false);
    const tls = untrusted.steps.find((s) => s.id === 'tls')!;
    expect(tls.verdict).toBe('fail');
    expect(tls.error?.message).toBe(
      `The certificate of ${info.httpsEndpoint.replace('https://', '')} is issued by "Pail test CA", an authority this computer does not trust.`,
    );
    expect(tls.error?.hint).toContain("give the profile its authority's certificate as the CA bundle");

    await services.profiles.update({ id, patch: { caBundle: await readFile(info.caBundle, 'utf8') } });
    const trusted = await services.connection.test({ profileId: id });
    expect(trusted.steps.filter((s) => s.verdict === 'fail')).toEqual([]);
    expect(trusted.ok).toBe(true);
  });

  it("a presigned link to the profile's HTTPS endpoint checks as working with the bundle, and as unreachable without it", async () => {
    const { id } = await services.profiles.find('tls');
    const presigned = await services.links.presign(
      presignRequestSchema.parse({ profileId: id, bucket: bucket.name, keys: ['small.txt'], expiresInSeconds: 600 }),
    );
    const url = presigned.urls[0];
    expect(url.startsWith(gateway().httpsEndpoint)).toBe(true);
    const checked = await services.links.check({ url, profileId: id });
    expect(checked).toMatchObject({ verdict: 'works', status: 206 });
    const withoutProfile = await services.links.check({ url });
    expect(withoutProfile.verdict).toBe('unreachable');
  });

  it('refuses a file that holds no certificate, or a damaged one, in words', async () => {
    const info = gateway();
    const refused = await cli(services, ['profile', 'edit', 'tls', '--ca-bundle', `${info.dir}/ceph.conf`]);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('The CA bundle holds no certificate: give a PEM file');
    expect(caBundleProblem('-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----')).toBe(
      'Certificate 1 of the CA bundle is damaged: it does not read as an X.509 certificate.',
    );
  });

  it("describes a bundle for the editor (from the native picker's path, or text): only its certificates come back, each with its details", async () => {
    const info = gateway();
    const fromFile = await describeCaBundle({ path: info.caBundle });
    expect(fromFile.certificates).toEqual([expect.objectContaining({ subject: 'CN=Pail test CA', issuer: 'CN=Pail test CA', names: ['Pail test CA'] })]);
    const withNoise = await describeCaBundle({ pem: `a comment line\n${fromFile.pem}trailing text` });
    expect(withNoise.pem).toBe(fromFile.pem);
    expect(withNoise.pem).not.toContain('comment');
    await expect(describeCaBundle({ path: `${info.dir}/ceph.conf` })).rejects.toThrow('The CA bundle holds no certificate');
    await expect(describeCaBundle({ path: `${info.dir}/missing.pem` })).rejects.toThrow(`Cannot read the CA bundle ${info.dir}/missing.pem`);
  });
});
