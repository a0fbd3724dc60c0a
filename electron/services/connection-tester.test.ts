import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionReport, ConnectionSettings, ConnectionStepId, Verdict } from '../../shared/connection-test';
import { ERROR_TEXT } from '../../shared/error-text';
import {
  accessDeniedOnListBuckets,
  awsBucketInRegion,
  awsPermanentRedirect,
  awsRequestTimeTooSkewed,
  awsWrongRegion,
  b2UnsupportedChecksumHeader,
  closedPortEndpoint,
  linodeContentSha256Mismatch,
  minioMissingContentMd5,
  r2ChecksumNotImplemented,
  startFaultProxy,
  type FaultProxy,
  type FaultRule,
} from '../test-support/fault-proxy';
import { addGatewayProfile, createTestBucket, freshServices, gateway, gatewayConnection, rawClient } from '../test-support/gateway';
import { ConnectionTester, type ConnectionTesterDeps } from './connection-tester';

const secret = () => gateway().users[0].secretAccessKey;

function settings(overrides: Partial<ConnectionSettings> = {}): ConnectionSettings {
  return { ...gatewayConnection(), addressingStyle: 'path', ...overrides };
}

/** A tester for typed settings: no saved profiles behind it. */
function tester(deps: Partial<ConnectionTesterDeps> = {}): ConnectionTester {
  const none = () => Promise.reject(new Error('this test uses no saved profile'));
  return new ConnectionTester({ profiles: { find: none, withSecret: none }, ...deps });
}

function verdicts(report: ConnectionReport): Partial<Record<ConnectionStepId, Verdict>> {
  return Object.fromEntries(report.steps.map((s) => [s.id, s.verdict]));
}

function stepOf(report: ConnectionReport, id: ConnectionStepId) {
  const step = report.steps.find((s) => s.id === id);
  if (!step) throw new Error(`no ${id} step`);
  return step;
}

function expectNoSecret(report: ConnectionReport, ...secrets: string[]): void {
  const text = JSON.stringify(report);
  for (const s of [secret(), ...secrets]) expect(text).not.toContain(s);
}

/** Test objects a run left behind (there must be none). */
async function leftovers(bucket: string): Promise<string[]> {
  const out = await rawClient().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: '.pail-connection-test-' }));
  return (out.Contents ?? []).map((c) => c.Key!);
}

const ALL_PASS_ON_LOOPBACK = { dns: 'skip', tcp: 'pass', tls: 'skip', auth: 'pass', clock: 'pass', write: 'pass', read: 'pass', delete: 'pass' };

describe('connection test against the gateway', () => {
  let bucket: { name: string; cleanup: () => Promise<void> };
  let proxy: FaultProxy | undefined;
  beforeAll(async () => {
    bucket = await createTestBucket('conn');
  });
  afterAll(() => bucket?.cleanup());
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
    expect(await leftovers(bucket.name)).toEqual([]);
  });

  async function viaProxy(rules: FaultRule[], clockOffsetSeconds = 0): Promise<string> {
    proxy = await startFaultProxy({ target: gateway().endpoint, rules, clockOffsetSeconds });
    return proxy.endpoint;
  }

  it('passes every step with the right settings: buckets listed, clock in sync, upload, read and batch delete', async () => {
    const report = await tester().test({ settings: settings(), secretAccessKey: secret(), writeBucket: bucket.name });
    expect(verdicts(report)).toEqual(ALL_PASS_ON_LOOPBACK);
    expect(report.ok).toBe(true);
    expect(report.buckets).toContain(bucket.name);
    expect(report.suggestions).toEqual([]);
    expect(Math.abs(report.clockSkewSeconds!)).toBeLessThanOrEqual(2);
    expect(stepOf(report, 'dns').detail).toBe('IP address');
    expect(stepOf(report, 'tcp').detail).toBe(`connected to ${new URL(gateway().endpoint).host}`);
    expect(stepOf(report, 'tls').detail).toMatch(/^plain HTTP: traffic is not encrypted/);
    expect(stepOf(report, 'read').detail).toMatch(/^read back \d+ identical bytes$/);
    expect(report.summary).toMatch(/^Connected: \d+ buckets?, clock in sync, upload, download and delete work\.$/);
    for (const step of report.steps) expect(step.durationMs).toBeGreaterThanOrEqual(0);
    expectNoSecret(report);
  });

  it('tests a saved profile, and typed settings with the saved secret', async () => {
    const { services, dispose } = await freshServices();
    try {
      const profile = await addGatewayProfile(services, 'Saved');
      const saved = await services.connection.test({ profileId: profile.id, writeBucket: bucket.name });
      expect(saved.ok).toBe(true);
      expect(verdicts(saved)).toEqual(ALL_PASS_ON_LOOPBACK);

      const edited = await services.connection.test({ profileId: profile.id, settings: settings() });
      expect(edited.ok).toBe(true);

      const typed = await services.connection.test({ profileId: profile.id, secretAccessKey: 'typed-but-wrong-secret' });
      expect(stepOf(typed, 'auth').error?.code).toBe('SignatureDoesNotMatch');
      expectNoSecret(typed, 'typed-but-wrong-secret');
    } finally {
      await dispose();
    }
  });

  it('explains a wrong secret (SignatureDoesNotMatch), and never shows the secret', async () => {
    const wrong = 'Wr0ngSecretWr0ngSecretWr0ngSecretWr0ngSe';
    const report = await tester().test({ settings: settings(), secretAccessKey: wrong, writeBucket: bucket.name });
    const auth = stepOf(report, 'auth');
    expect(auth.verdict).toBe('fail');
    expect(auth.detail).toBe('SignatureDoesNotMatch (HTTP 403)');
    expect(auth.error).toMatchObject({ code: 'SignatureDoesNotMatch', message: ERROR_TEXT.SignatureDoesNotMatch.message, status: 403 });
    expect(auth.error?.hint).toMatch(/secret access key is wrong/);
    // The error answer carried a Date: the clock can still be checked.
    expect(stepOf(report, 'clock').verdict).toBe('pass');
    expect(['write', 'read', 'delete'].map((id) => stepOf(report, id as ConnectionStepId).detail)).toEqual(Array(3).fill('skipped: sign-in failed'));
    expect(report.ok).toBe(false);
    expect(report.summary).toMatch(/^Could not sign in: the secret access key is wrong/);
    expectNoSecret(report, wrong);
  });

  it("says a refused signature on a host name that is no provider's may be a custom domain, and where the domain belongs", async () => {
    // AWS's answer when the signed host is not the one it serves the bucket under (a CNAME or a CDN in front).
    const cnameRefusal: FaultRule = {
      name: 'cnameSignatureDoesNotMatch',
      when: () => true,
      respond: {
        status: 403,
        headers: { server: 'AmazonS3' },
        body: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message></Error>',
      },
    };
    const viaIp = await viaProxy([cnameRefusal]);
    // "vm" is this machine's name in /etc/hosts: a host name that is neither an IP address, localhost nor a provider's.
    const byName = viaIp.replace('127.0.0.1', 'vm');
    const report = await tester().test({ settings: settings({ endpoint: byName }), secretAccessKey: secret() });
    const auth = stepOf(report, 'auth');
    expect(auth.detail).toBe('SignatureDoesNotMatch (HTTP 403)');
    expect(auth.error?.hint).toContain(
      "If vm is a custom domain (a CNAME to the storage), that is the cause: signed requests must go to the provider's own endpoint. Set the profile's endpoint to the provider's S3 host. Custom domains are for links: put it in Bucket settings → Custom domain (the bucket's Public URL base).",
    );
    expect(report.summary).toBe("Could not sign in: the secret access key is wrong, or vm is a custom domain (a CNAME) rather than the provider's endpoint.");

    // The same answer from an IP address says nothing of domains.
    const atIp = await tester().test({ settings: settings({ endpoint: viaIp }), secretAccessKey: secret() });
    expect(stepOf(atIp, 'auth').error?.hint).toBe(ERROR_TEXT.SignatureDoesNotMatch.hint);
    expect(atIp.summary).toMatch(/^Could not sign in: the secret access key is wrong, or something between here and the server changed the signed request\.$/);
  });

  it('says an endpoint that answers with a web page is a CDN or custom domain, not the S3 host, and where the domain belongs', async () => {
    // What a CDN or website in front of the storage answers a signed S3 request with: its own HTML page.
    const site = createHttpServer((req, res) => {
      res.writeHead(403, { 'content-type': 'text/html; charset=UTF-8', server: 'cloudflare', date: new Date().toUTCString() });
      res.end('<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head><body>Sorry, you have been blocked</body></html>');
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    try {
      const port = (site.address() as AddressInfo).port;
      const report = await tester().test({
        settings: settings({ provider: 'aws', region: 'eu-west-1', endpoint: `http://vm:${port}` }),
        secretAccessKey: secret(),
      });
      const auth = stepOf(report, 'auth');
      expect(auth.verdict).toBe('fail');
      expect(auth.detail).toBe('web page instead of S3 (HTTP 403)');
      expect(auth.error).toMatchObject({
        code: 'EndpointNotS3',
        message:
          "vm answered with a web page (HTTP 403, text/html; charset=UTF-8), not with S3: it is a website, a CDN or a custom domain, not the provider's S3 endpoint.",
        hint: "The endpoint must be the provider's S3 host (for Amazon S3 in eu-west-1: https://s3.eu-west-1.amazonaws.com). Custom domains are for links: put it in Bucket settings → Custom domain (the bucket's Public URL base).",
      });
      expect(report.summary).toBe(
        "Could not sign in: vm answered with a web page (HTTP 403, text/html; charset=UTF-8), not with S3: it is a website, a CDN or a custom domain, not the provider's S3 endpoint.",
      );
    } finally {
      await new Promise((resolve) => site.close(resolve));
    }
  });

  it('explains an access key the server does not know (InvalidAccessKeyId)', async () => {
    const report = await tester().test({ settings: settings({ accessKeyId: 'NOSUCHKEY0000000000' }), secretAccessKey: secret() });
    const auth = stepOf(report, 'auth');
    expect(auth.error?.code).toBe('InvalidAccessKeyId');
    expect(auth.error?.message).toBe(ERROR_TEXT.InvalidAccessKeyId.message);
    expect(auth.error?.hint).toMatch(/an AWS key does not work on Linode/);
    expect(report.summary).toBe('Could not sign in: this server does not know the access key id.');
    expectNoSecret(report);
  });

  it('fails fast at TCP on a stopped gateway, and says why the later steps did not run', async () => {
    const endpoint = await closedPortEndpoint();
    const started = Date.now();
    const report = await tester().test({ settings: settings({ endpoint }), secretAccessKey: secret(), writeBucket: bucket.name });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(verdicts(report)).toEqual({ dns: 'skip', tcp: 'fail', tls: 'skip', auth: 'skip', clock: 'skip', write: 'skip', read: 'skip', delete: 'skip' });
    const tcp = stepOf(report, 'tcp');
    expect(tcp.error).toMatchObject({ code: 'EndpointUnreachable', serverCode: 'ECONNREFUSED' });
    expect(tcp.error?.message).toBe(`Nothing is listening on ${new URL(endpoint).host} (ECONNREFUSED).`);
    expect(tcp.error?.hint).toMatch(/not running, or the port is wrong/);
    expect(stepOf(report, 'auth').detail).toBe(`skipped: could not connect to ${new URL(endpoint).host}`);
    expect(report.summary).toMatch(/^Could not connect: nothing is listening on/);
  });

  it('says a firewall may drop connections when TCP times out', async () => {
    const report = await tester({ probes: { connectTcp: () => Promise.reject(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })) } }).test({
      settings: settings({ endpoint: 'https://198.51.100.7' }),
      secretAccessKey: secret(),
    });
    expect(stepOf(report, 'tcp').error).toMatchObject({
      code: 'Timeout',
      message: '198.51.100.7:443 did not accept a connection within 10 s.',
      hint: 'A firewall or VPN may be dropping the connection, or the port is wrong (the URL names no port, so https uses 443).',
    });
  });

  it('fails at DNS for a host name that does not exist', async () => {
    const report = await tester().test({ settings: settings({ endpoint: 'https://no-such-host.invalid' }), secretAccessKey: secret() });
    expect(verdicts(report)).toMatchObject({ dns: 'fail', tcp: 'skip', tls: 'skip', auth: 'skip', clock: 'skip' });
    expect(stepOf(report, 'dns').error).toMatchObject({
      code: 'EndpointNotFound',
      message: 'The host name "no-such-host.invalid" does not exist (DNS: ENOTFOUND).',
    });
    expect(stepOf(report, 'tcp').detail).toBe('skipped: the host name no-such-host.invalid does not resolve');
    expect(report.summary).toBe('Could not find the endpoint: the host name "no-such-host.invalid" does not exist (DNS: ENOTFOUND).');
  });

  it('names the region a preset endpoint was built from when its host does not resolve', async () => {
    const report = await tester({ probes: { lookup: () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' })) } }).test({
      settings: settings({ provider: 'linode', endpoint: 'https://xx-nowhere-9.linodeobjects.com', region: 'xx-nowhere-9' }),
      secretAccessKey: secret(),
    });
    expect(stepOf(report, 'dns').error?.hint).toMatch(
      /built from the region "xx-nowhere-9": check that Linode \/ Akamai Object Storage has a region called that/,
    );
  });

  it('names the endpoint of a Linode region typed as a host (de-fra-2 is served by de-fra-1.linodeobjects.com)', async () => {
    const report = await tester({ probes: { lookup: () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' })) } }).test({
      settings: settings({ provider: 'linode', endpoint: 'https://de-fra-2.linodeobjects.com', region: 'de-fra-2' }),
      secretAccessKey: secret(),
    });
    expect(stepOf(report, 'dns').error?.hint).toBe(
      'de-fra-2 is a Linode region, not an endpoint host: its endpoint is de-fra-1.linodeobjects.com (Cloud Manager shows the one your bucket is on).',
    );
  });

  describe.each([
    ['R2', r2ChecksumNotImplemented(), 'NotImplemented'],
    ['B2', b2UnsupportedChecksumHeader(), 'InvalidArgument'],
    ['Linode', linodeContentSha256Mismatch(), 'XAmzContentSHA256Mismatch'],
  ])('when %s refuses the checksum headers', (_provider, rule, code) => {
    it('retries the upload with WHEN_REQUIRED, warns, and suggests that checksum mode', async () => {
      const endpoint = await viaProxy([rule]);
      const report = await tester().test({
        settings: settings({ endpoint, checksumMode: 'WHEN_SUPPORTED' }),
        secretAccessKey: secret(),
        writeBucket: bucket.name,
      });
      const write = stepOf(report, 'write');
      expect(write.verdict).toBe('warn');
      expect(write.detail).toMatch(/, but only with checksum mode WHEN_REQUIRED: WHEN_SUPPORTED was refused/);
      expect(write.error?.code).toBe(code);
      expect(verdicts(report)).toMatchObject({ auth: 'pass', read: 'pass', delete: 'pass' });
      expect(report.suggestions).toEqual([{ setting: 'checksumMode', value: 'WHEN_REQUIRED', reason: expect.stringContaining(code) }]);
      expect(report.ok).toBe(true);
      expect(report.summary).toMatch(/1 setting should change/);
      // The refused upload carried the CRC32 header; the one that worked did not.
      const puts = proxy!.log.filter((e) => e.method === 'PUT');
      expect(puts.map((e) => [e.answeredBy, e.headers['x-amz-checksum-crc32'] !== undefined])).toEqual([
        [rule.name, true],
        ['forwarded', false],
      ]);
      expectNoSecret(report);
    });
  });

  it("turns on Content-MD5 for batch deletes when the server demands it (MinIO's MissingContentMD5)", async () => {
    const endpoint = await viaProxy([minioMissingContentMd5()]);
    const report = await tester().test({ settings: settings({ endpoint }), secretAccessKey: secret(), writeBucket: bucket.name });
    expect(verdicts(report)).toMatchObject({ write: 'pass', read: 'pass', delete: 'warn' });
    expect(stepOf(report, 'delete').error?.code).toBe('MissingContentMD5');
    expect(stepOf(report, 'delete').detail).toMatch(/but only with Content-MD5/);
    expect(report.suggestions).toEqual([{ setting: 'deleteObjectsMd5', value: true, reason: expect.stringContaining('MissingContentMD5') }]);
    expect(report.ok).toBe(true);
  });

  it('tries Content-MD5 too when batch deletes refuse the CRC32 header whatever the checksum mode', async () => {
    const b2Everywhere: FaultRule = {
      ...b2UnsupportedChecksumHeader(),
      name: 'b2Everywhere',
      when: (req) => req.headers['x-amz-checksum-crc32'] !== undefined,
    };
    const endpoint = await viaProxy([b2Everywhere]);
    const report = await tester().test({ settings: settings({ endpoint }), secretAccessKey: secret(), writeBucket: bucket.name });
    expect(verdicts(report)).toMatchObject({ write: 'pass', read: 'pass', delete: 'warn' });
    expect(report.suggestions.map((s) => [s.setting, s.value])).toEqual([['deleteObjectsMd5', true]]);
  });

  it("names the region the server expects (AWS's AuthorizationHeaderMalformed) and suggests it", async () => {
    const endpoint = await viaProxy([awsWrongRegion('eu-west-1')]);
    const report = await tester().test({ settings: settings({ endpoint, region: 'us-east-1' }), secretAccessKey: secret(), writeBucket: bucket.name });
    const auth = stepOf(report, 'auth');
    expect(auth.error?.code).toBe('AuthorizationHeaderMalformed');
    expect(auth.error?.hint).toBe('Set the profile\'s region to "eu-west-1", the region the server expects.');
    expect(report.suggestions).toEqual([{ setting: 'region', value: 'eu-west-1', reason: expect.stringContaining('"eu-west-1"') }]);
    expect(report.summary).toBe('Could not sign in: the region is wrong; the server expects "eu-west-1".');
    expect(stepOf(report, 'write').verdict).toBe('skip');
  });

  it('suggests the region of a bucket that lives elsewhere (PermanentRedirect on the upload)', async () => {
    const endpoint = await viaProxy([awsPermanentRedirect('eu-west-1')]);
    const report = await tester().test({ settings: settings({ endpoint }), secretAccessKey: secret(), writeBucket: bucket.name });
    expect(verdicts(report)).toMatchObject({ auth: 'pass', write: 'fail', read: 'skip', delete: 'skip' });
    expect(stepOf(report, 'write').error).toMatchObject({ code: 'PermanentRedirect', status: 301 });
    expect(stepOf(report, 'write').error?.hint).toBe('Set the profile\'s region to "eu-west-1", the region the server expects.');
    expect(report.suggestions).toEqual([{ setting: 'region', value: 'eu-west-1', reason: expect.any(String) }]);
    expect(report.summary).toMatch(/^Connected, but the test upload failed: this bucket lives in another region/);
  });

  const bucketElsewhere = () => awsBucketInRegion('elsewhere-1');

  it('follows a redirect to the region the bucket lives in, says so, and suggests that region (upload)', async () => {
    const endpoint = await viaProxy([bucketElsewhere()]);
    const report = await tester().test({ settings: settings({ endpoint, region: 'us-east-1' }), secretAccessKey: secret(), writeBucket: bucket.name });
    expect(verdicts(report)).toMatchObject({ auth: 'pass', write: 'warn', read: 'pass', delete: 'pass' });
    const write = stepOf(report, 'write');
    expect(write.detail).toMatch(
      /after following the server's redirect: the bucket lives in region "elsewhere-1", not "us-east-1" \(set the profile's region to "elsewhere-1"\)$/,
    );
    expect(write.error).toMatchObject({ code: 'PermanentRedirect', status: 301 });
    expect(report.suggestions).toEqual([{ setting: 'region', value: 'elsewhere-1', reason: expect.stringContaining('lives in region "elsewhere-1"') }]);
    expect(report.ok).toBe(true);
    expect(report.summary).toMatch(/the bucket lives in region "elsewhere-1" \(redirect followed\).*1 setting should change/);
    // The upload was redirected once, then signed for the bucket's region and forwarded.
    const puts = proxy!.log.filter((e) => e.method === 'PUT').map((e) => e.answeredBy);
    expect(puts).toEqual(['awsBucketInRegion', 'forwarded']);
  });

  it('follows the redirect at sign-in when the default bucket lives in another region', async () => {
    const endpoint = await viaProxy([bucketElsewhere()]);
    const report = await tester().test({ settings: settings({ endpoint, region: 'us-east-1', defaultBucket: bucket.name }), secretAccessKey: secret() });
    const auth = stepOf(report, 'auth');
    expect(auth.verdict).toBe('warn');
    expect(auth.detail).toBe(
      `bucket "${bucket.name}" is reachable, after following the server's redirect: the bucket lives in region "elsewhere-1", not "us-east-1" (set the profile's region to "elsewhere-1")`,
    );
    expect(report.suggestions.map((s) => [s.setting, s.value])).toEqual([['region', 'elsewhere-1']]);
  });

  it('says when bucket host names do not resolve with virtual-host addressing, and goes on in path style', async () => {
    const gatewayPort = new URL(gateway().endpoint).port;
    const seen: string[] = [];
    // Like a real resolver for a server without wildcard DNS: its own name resolves, "<bucket>.<name>" does not.
    const lookup = async (host: string) => {
      seen.push(host);
      if (host === 'vm') return [{ address: '127.0.0.1', family: 4 }];
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    };
    const report = await tester({ probes: { lookup } }).test({
      settings: settings({ endpoint: `http://vm:${gatewayPort}`, addressingStyle: 'virtual' }),
      secretAccessKey: secret(),
      writeBucket: bucket.name,
    });
    expect(seen).toEqual(['vm', `${bucket.name}.vm`]);
    const dns = stepOf(report, 'dns');
    expect(dns.verdict).toBe('warn');
    expect(dns.detail).toBe(`127.0.0.1; ${bucket.name}.vm does not resolve: the test goes on in path style`);
    expect(dns.error).toMatchObject({ code: 'EndpointNotFound', serverCode: 'ENOTFOUND' });
    expect(dns.error?.message).toContain(`"${bucket.name}.vm" does not (DNS: ENOTFOUND)`);
    expect(dns.error?.hint).toMatch(/^Use path-style addressing/);
    expect(report.suggestions).toEqual([{ setting: 'addressingStyle', value: 'path', reason: expect.stringContaining(`bucket "${bucket.name}"`) }]);
    // In path style the rest works (the real SDK requests went to vm, not to the bucket's name).
    expect(verdicts(report)).toMatchObject({ tcp: 'pass', auth: 'pass', write: 'pass', read: 'pass', delete: 'pass' });
    expect(report.ok).toBe(true);
  });

  it('warns when the key may not list buckets, and suggests the bucket it can open as the default bucket', async () => {
    const endpoint = await viaProxy([accessDeniedOnListBuckets()]);
    const report = await tester().test({ settings: settings({ endpoint }), secretAccessKey: secret(), writeBucket: bucket.name });
    const auth = stepOf(report, 'auth');
    expect(auth.verdict).toBe('warn');
    expect(auth.detail).toBe(
      `this key cannot list buckets (it is scoped to buckets): open a bucket by name, or set a default bucket; bucket "${bucket.name}" is reachable`,
    );
    expect(auth.error?.code).toBe('AccessDenied');
    expect(report.suggestions).toEqual([{ setting: 'defaultBucket', value: bucket.name, reason: expect.any(String) }]);
    expect(verdicts(report)).toMatchObject({ write: 'pass', read: 'pass', delete: 'pass' });
    expect(report.buckets).toBeUndefined();
    expect(report.ok).toBe(true);

    const noBucket = await tester().test({ settings: settings({ endpoint }), secretAccessKey: secret() });
    expect(stepOf(noBucket, 'auth').verdict).toBe('warn');
    expect(noBucket.suggestions).toEqual([]);
    expect(noBucket.summary).toBe('Connected: this key cannot list buckets (open one by name), clock in sync.');
  });

  it('signs in with HeadBucket on the default bucket, and names a missing one', async () => {
    const report = await tester().test({ settings: settings({ defaultBucket: bucket.name }), secretAccessKey: secret() });
    expect(stepOf(report, 'auth')).toMatchObject({ verdict: 'pass', detail: `bucket "${bucket.name}" is reachable` });
    expect(report.summary).toMatch(new RegExp(`^Connected: bucket "${bucket.name}" reachable, clock in sync\\.$`));

    const missing = await tester().test({ settings: settings({ defaultBucket: 'pail-no-such-bucket-zz' }), secretAccessKey: secret() });
    // HeadBucket's answer has no body; the follow-up listing names the cause.
    expect(stepOf(missing, 'auth').error?.code).toBe('NoSuchBucket');
  });

  it('warns about a clock a few minutes off', async () => {
    const endpoint = await viaProxy([], 300);
    const report = await tester().test({ settings: settings({ endpoint }), secretAccessKey: secret() });
    const clock = stepOf(report, 'clock');
    expect(clock.verdict).toBe('warn');
    expect(clock.detail).toBe("your clock is 5 minutes behind the server's; requests fail beyond 15 minutes: turn on automatic time");
    expect(report.clockSkewSeconds).toBeGreaterThanOrEqual(298);
    expect(report.ok).toBe(true);
  });

  it('fails a clock more than 15 minutes off, naming the offset', async () => {
    const report = await tester({ now: () => new Date(Date.now() + 20 * 60_000) }).test({ settings: settings(), secretAccessKey: secret() });
    expect(stepOf(report, 'auth').verdict).toBe('pass');
    const clock = stepOf(report, 'clock');
    expect(clock).toMatchObject({ verdict: 'fail', detail: "your clock is 20 minutes ahead of the server's" });
    expect(clock.error).toMatchObject({
      code: 'RequestTimeTooSkewed',
      message: "Your clock is 20 minutes ahead of the server's: servers refuse signed requests more than 15 minutes off.",
    });
    expect(clock.error?.hint).toMatch(/automatic time/);
    expect(report.ok).toBe(false);
    expect(report.summary).toBe("Connected, but your clock is 20 minutes ahead of the server's: servers refuse signed requests more than 15 minutes off.");
  });

  it('explains RequestTimeTooSkewed with the measured offset', async () => {
    const endpoint = await viaProxy([awsRequestTimeTooSkewed(-1200)], -1200);
    const report = await tester().test({ settings: settings({ endpoint }), secretAccessKey: secret() });
    const auth = stepOf(report, 'auth');
    expect(auth.error?.code).toBe('RequestTimeTooSkewed');
    expect(auth.error?.message).toBe("The server refused the request: your clock is 20 minutes ahead of the server's, more than the 15 minutes allowed.");
    expect(stepOf(report, 'clock').verdict).toBe('fail');
    expect(report.clockSkewSeconds).toBeLessThanOrEqual(-1195);
    expect(report.summary).toMatch(/^Could not sign in: the server refused the request: your clock is 20 minutes ahead/);
  });

  it('keeps the whole test within its time budget when the server accepts connections but never answers', async () => {
    const held: Socket[] = [];
    const silent: Server = createTcpServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
      const started = Date.now();
      const report = await tester({ timeouts: { stepMs: 1_000, totalMs: 2_500 } }).test({
        settings: settings({ endpoint }),
        secretAccessKey: secret(),
        writeBucket: bucket.name,
      });
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(stepOf(report, 'auth').error).toMatchObject({ code: 'Timeout', message: 'The server did not answer the ListBuckets request within 1 s.' });
      expect(stepOf(report, 'clock').detail).toBe('no answer from the server to read its clock from');
      expect(verdicts(report)).toMatchObject({ tcp: 'pass', auth: 'fail', write: 'skip' });
    } finally {
      held.forEach((socket) => socket.destroy());
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe('connection test over TLS', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pail-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '2',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost',
      ],
      { stdio: 'ignore' },
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says when an https endpoint points at a port that speaks plain HTTP', async () => {
    const endpoint = gateway().endpoint.replace('http:', 'https:');
    const report = await tester().test({ settings: settings({ endpoint }), secretAccessKey: secret() });
    expect(stepOf(report, 'tls').error).toMatchObject({ code: 'TlsError', hint: 'Use http:// in the endpoint, or the port that serves https.' });
    expect(stepOf(report, 'tls').error?.message).toMatch(/does not speak TLS/);
    expect(verdicts(report)).toMatchObject({ tcp: 'pass', tls: 'fail', auth: 'skip' });
  });

  it('explains a self-signed certificate', async () => {
    const server = createTlsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `https://localhost:${(server.address() as { port: number }).port}`;
      const report = await tester().test({ settings: settings({ endpoint }), secretAccessKey: secret() });
      const tls = stepOf(report, 'tls');
      expect(tls.error).toMatchObject({ code: 'UntrustedCertificate', serverCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
      expect(tls.error?.message).toBe(
        `The certificate of ${endpoint.replace('https://', '')} is self-signed: no authority this computer trusts vouches for it.`,
      );
      expect(report.summary).toMatch(/^Could not open a secure connection: the certificate of localhost:\d+ is self-signed/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('warns that a bucket name with dots breaks the wildcard certificate with virtual-host addressing', async () => {
    const report = await tester({
      probes: {
        lookup: async () => [{ address: '192.0.2.10', family: 4 }],
        connectTcp: async () => ({ address: '192.0.2.10' }),
        connectTls: async () => ({
          protocol: 'TLSv1.3',
          certificate: {
            subject: { CN: '*.s3.example.test' } as never,
            subjectaltname: 'DNS:*.s3.example.test, DNS:s3.example.test',
            valid_to: 'Jan  1 00:00:00 2030 GMT',
          },
        }),
      },
      // No real S3 behind this fake network: every request fails at once.
      buildClient: () => {
        throw Object.assign(new Error('offline'), { code: 'ECONNREFUSED' });
      },
    }).test({
      settings: settings({ endpoint: 'https://s3.example.test', addressingStyle: 'virtual' }),
      secretAccessKey: secret(),
      writeBucket: 'my.dotted.bucket',
    });
    const tls = stepOf(report, 'tls');
    expect(tls.verdict).toBe('warn');
    expect(tls.detail).toBe(
      'TLSv1.3, certificate valid for *.s3.example.test, s3.example.test until 2030-01-01; not valid for my.dotted.bucket.s3.example.test',
    );
    expect(tls.error?.hint).toMatch(/use path style/);
    expect(report.suggestions).toContainEqual({ setting: 'addressingStyle', value: 'path', reason: expect.any(String) });
  });
});
