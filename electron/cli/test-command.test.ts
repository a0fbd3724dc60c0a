import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionReport } from '../../shared/connection-test';
import { PailError } from '../../shared/errors';
import type { AppServices } from '../app-services';
import { addGatewayProfile, createTestBucket, freshServices, gateway } from '../test-support/gateway';
import { capturedIo } from '../test-support/cli-io';
import { awsBucketInRegion, startFaultProxy } from '../test-support/fault-proxy';
import { runCommandLine, UsageError } from './cli-kit';
import { formatConnectionReport, ReportedFailure, TEST_COMMANDS, TEST_USAGE } from './test-command';

/** Runs `pail profile test …` with in-memory streams; the outcome is the command's own (resolve or reject). */
async function profileTest(services: AppServices, args: string[]) {
  const captured = capturedIo();
  let failure: unknown;
  try {
    await runCommandLine('profile test', TEST_COMMANDS['profile test'], services, args, captured.io);
  } catch (error) {
    failure = error;
  }
  return { out: captured.out(), err: captured.err(), failure };
}

describe('pail profile test', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let bucket: { name: string; cleanup: () => Promise<void> };

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    bucket = await createTestBucket('clitest');
    await addGatewayProfile(services, 'ceph');
    await addGatewayProfile(services, 'wrong', 0, { secretAccessKey: 'not-the-secret-at-all-0000000000000000000' });
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
  });

  it('prints one line per step, then the summary, and succeeds', async () => {
    const { out, err, failure } = await profileTest(services, ['ceph', '--write-bucket', bucket.name]);
    expect(failure).toBeUndefined();
    expect(err).toBe('');
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe(`Testing "ceph" (${gateway().endpoint}, region ${gateway().region}) with bucket ${bucket.name}`);
    expect(out).toMatch(/^SKIP {2}Endpoint name resolves \(DNS\) +IP address$/m);
    expect(out).toMatch(/^PASS {2}Server accepts connections \(TCP\) +connected to 127\.0\.0\.1:\d+$/m);
    expect(out).toMatch(/^PASS {2}Credentials accepted \(signed request\) +\d+ buckets?/m);
    expect(out).toMatch(/^PASS {2}Delete it \(batch delete\) +deleted \.pail-connection-test-[0-9a-f]+\.txt with DeleteObjects$/m);
    expect(lines.at(-1)).toMatch(/^Connected: \d+ buckets?, clock in sync, upload, download and delete work\.$/);
  });

  it('says the bucket lives in another region, that the test followed the redirect, and which region to set', async () => {
    const proxy = await startFaultProxy({ target: gateway().endpoint, rules: [awsBucketInRegion('elsewhere-1')] });
    try {
      await addGatewayProfile(services, 'elsewhere', 0, { endpoint: proxy.endpoint });
      const { out, failure } = await profileTest(services, ['elsewhere', '--write-bucket', bucket.name]);
      expect(failure).toBeUndefined();
      expect(out).toMatch(
        /^WARN {2}Upload a small object +.*after following the server's redirect: the bucket lives in region "elsewhere-1", not "default" \(set the profile's region to "elsewhere-1"\)$/m,
      );
      expect(out).toContain('Suggested changes to the profile:\n  - Set region to elsewhere-1: The bucket lives in region "elsewhere-1"');
      expect(out.trimEnd().split('\n').at(-1)).toMatch(/the bucket lives in region "elsewhere-1" \(redirect followed\)/);
    } finally {
      await proxy.close();
    }
  });

  it('prints the message and hint under a failure, and rejects with ReportedFailure so the runner exits 1 without repeating it', async () => {
    const { out, failure } = await profileTest(services, ['wrong']);
    expect(failure).toBeInstanceOf(ReportedFailure);
    expect((failure as ReportedFailure).report.ok).toBe(false);
    expect(out).toMatch(
      /^FAIL {2}Credentials accepted \(signed request\) +SignatureDoesNotMatch \(HTTP 403\)\n {6}The server could not verify the request signature\.\n {6}Usually the secret access key is wrong/m,
    );
    expect(out).toMatch(/^SKIP {2}Upload a small object +not requested: choose a bucket to try a small upload$/m);
    expect(out.trimEnd().split('\n').at(-1)).toMatch(/^Could not sign in: the secret access key is wrong/);
    expect(out).not.toContain('not-the-secret-at-all');
  });

  it('lists suggested setting changes', () => {
    const report: ConnectionReport = {
      ok: true,
      steps: [
        { id: 'write', title: 'Upload a small object', verdict: 'warn', detail: 'uploaded 40 bytes, but only with checksum mode WHEN_REQUIRED', durationMs: 5 },
      ],
      summary: 'Connected; 2 settings should change (see the suggestions).',
      suggestions: [
        { setting: 'checksumMode', value: 'WHEN_REQUIRED', reason: 'The server refused the checksum headers.' },
        { setting: 'deleteObjectsMd5', value: true, reason: 'The server demands Content-MD5.' },
      ],
    };
    expect(formatConnectionReport(report)).toBe(
      [
        'WARN  Upload a small object  uploaded 40 bytes, but only with checksum mode WHEN_REQUIRED',
        '',
        'Suggested changes to the profile:',
        '  - Set checksum mode to WHEN_REQUIRED: The server refused the checksum headers.',
        '  - Turn on Content-MD5 on batch deletes: The server demands Content-MD5.',
        '',
        'Connected; 2 settings should change (see the suggestions).',
        '',
      ].join('\n'),
    );
  });

  it('refuses a wrong command line, and names an unknown profile', async () => {
    expect((await profileTest(services, [])).failure).toBeInstanceOf(UsageError);
    expect((await profileTest(services, ['ceph', '--bucket', 'x'])).failure).toBeInstanceOf(UsageError);
    const badBucket = (await profileTest(services, ['ceph', '--write-bucket', 'Not A Bucket'])).failure;
    expect(badBucket).toBeInstanceOf(UsageError);
    const unknown = (await profileTest(services, ['nobody'])).failure;
    expect(unknown).toBeInstanceOf(PailError);
    expect((unknown as PailError).code).toBe('ProfileNotFound');
    expect(TEST_USAGE).toMatch(/^ {2}pail profile test NAME \[--write-bucket BUCKET\]/);
  });
});
