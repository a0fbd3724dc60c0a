import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, DeleteBucketPolicyCommand, DeletePublicAccessBlockCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorInfo, type Result } from '../../shared/errors';
import type { JobFinished } from '../../shared/jobs';
import { requestContract } from '../../shared/ipc/contract';
import { createAppServices, createHandlers, type AppServices } from '../app-services';
import { closedPortEndpoint } from '../test-support/fault-proxy';
import { addGatewayProfile, emptyAndDeleteBucket, gateway, rawClient, uniqueBucketName } from '../test-support/gateway';
import { junkArbitrary, requestArbitrary, type PropertyHints } from '../test-support/schema-arbitrary';
import { createDispatcher } from './dispatcher';

/**
 * Every request channel, fuzzed through the one dispatcher with the real
 * handlers: requests built from the channel's schema (real profile ids and
 * buckets mixed in, so they reach S3) and junk (wrong types, huge strings,
 * prototype-pollution keys). Against the real gateway, then with S3
 * unreachable. Every answer must be `{ ok: true, data }` that a transport can
 * carry, or `{ ok: false, error }` with a known code, words and a hint, no
 * stack trace and no secret; nothing may crash or reject unhandled, and
 * Object.prototype must stay clean.
 *
 * Cases run 32 or 64 at a time from `fc.sample` rather than one by one under
 * `fc.assert`: against a network service (and with S3 unreachable, where the
 * SDK backs off before each retry) sequential runs would take minutes. A
 * failure prints the channel, the seed and the request.
 */

// Per channel and mode: 300 cases per channel in all.
const CASES = Number(process.env.PAIL_FUZZ_CASES ?? 150);
/** Cases in flight at once (more with S3 unreachable, where most of the time is the SDK's backoff). */
const IN_FLIGHT = { gateway: 32, closed: 64 };
const SEED = Number(process.env.PAIL_FUZZ_SEED ?? 20_261_305);
const CHANNELS = Object.keys(requestContract) as (keyof typeof requestContract)[];
/** A stack frame ("    at f (file.js:1:2)", "at file.js:1:2"), a source line number or a module path: never shown to a user. (Paths the user gave may be.) */
const STACK_TRACE = /\n\s+at \S|\(\S+:\d+:\d+\)|\bat \S+:\d+:\d+|\.(ts|js|mjs|cjs):\d+|node_modules\/|node:internal/;
const KNOWN_CODES = new Set<string>(ERROR_CODES);
/** Property names that carry local paths or URLs: only sandboxed values go there. */
const SANDBOXED = new Set(['paths', 'targetDir', 'path', 'localDir', 'url', 'endpoint']);

interface Sandbox {
  dir: string;
  endpoint: string;
  bucket: string;
  secret: string;
}

function hintsFor(sandbox: Sandbox, profileId: string, closed: string): PropertyHints {
  const { dir, endpoint, bucket } = sandbox;
  const keys = fc.constantFrom('a.txt', 'dir/b.txt', 'dir/', 'missing.txt');
  return {
    prefer: {
      profileId: fc.constant(profileId),
      id: fc.constant(profileId),
      ids: fc.constant([profileId]),
      bucket: fc.constant(bucket),
      writeBucket: fc.constant(bucket),
      confirmName: fc.constant(bucket),
      key: keys,
      source: keys,
      keys: fc.array(keys, { maxLength: 3 }),
      prefix: fc.constantFrom('', 'dir/', 'nothing/'),
      cacheControl: fc.constantFrom('max-age=60', 'no-cache'),
      token: fc.constantFrom('fuzz-token', 'a'.repeat(64)),
      // CORS rules: origins and header names free text rarely makes (each channel still gets the schema's own).
      allowedOrigins: fc.constantFrom(['*'], ['https://app.example'], ['http://127.0.0.1:3000', 'https://*.example.org']),
      allowedHeaders: fc.constantFrom([], ['*'], ['content-type']),
      exposeHeaders: fc.constantFrom([], ['ETag']),
      tags: fc.constantFrom([], [{ key: 'team', value: 'web' }], [{ key: 'tier', value: 'hot / cold' }]),
      // A lifecycle rule kept as the server had it: its JSON (free text is refused before the handler).
      original: fc.constantFrom('{"ID":"kept","Status":"Enabled","Filter":{"Prefix":"old/"},"Expiration":{"Date":"2030-01-01T00:00:00.000Z"}}'),
      // Names without "/" (an imported object's, a profile's) often enough to reach the handler.
      name: fc.constantFrom('imported.txt', 'a b.txt', 'Fuzzed profile'),
    },
    force: {
      paths: fc.array(fc.constantFrom(join(dir, 'up', 'one.txt'), join(dir, 'up'), join(dir, 'missing.txt'), 'relative.txt'), { minLength: 1, maxLength: 3 }),
      targetDir: fc.constantFrom(join(dir, 'down'), join(dir, 'down', 'deeper'), join(dir, 'up', 'one.txt')),
      // A sync's local folder: inside the sandbox (a folder, a file, one that does not exist).
      localDir: fc.constantFrom(join(dir, 'up'), join(dir, 'sync'), join(dir, 'up', 'one.txt'), join(dir, 'missing')),
      path: fc.constantFrom(join(dir, 'aws'), join(dir, 'rclone.conf'), join(dir, 'missing'), '~', '~/nothing'),
      url: fc.constantFrom(
        `${endpoint}/${bucket}/a.txt`,
        `${endpoint}/`,
        `${closed}/x`,
        'not a url',
        'ftp://127.0.0.1/x',
        'file:///etc/hostname',
        'javascript:alert(1)',
        '',
      ),
      // Upload options: free text rarely passes their header rules, so valid ones come often enough to reach the
      // handler (the junk cases still send every other shape).
      contentType: fc.constantFrom('image/png', 'text/plain; charset=utf-8'),
      storageClass: fc.constantFrom('STANDARD', 'GLACIER'),
      contentDisposition: fc.constantFrom('inline', 'attachment; filename="a.txt"'),
      metadata: fc.constantFrom({}, { author: 'Ann' }, { 'x.y-z_1': 'é' }),
      contentTypes: fc.constantFrom({}, { webp: 'image/webp' }),
      // Encryption (an upload's, a bucket's saved upload settings', a bucket's default rule): free text rarely makes
      // a KMS key id, and one with SSE-S3 is refused.
      encryption: fc.constantFrom({ algorithm: 'AES256' }, { algorithm: 'aws:kms', kmsKeyId: 'alias/fuzz' }, { algorithm: 'aws:kms' }),
      rule: fc.constantFrom(null, { algorithm: 'AES256', bucketKey: false }, { algorithm: 'aws:kms', kmsKeyId: 'alias/fuzz', bucketKey: true }),
      // A CA bundle: none, or PEM-shaped text (a damaged certificate, which the service refuses in words).
      caBundle: fc.constantFrom('', '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n'),
      // A proxy: none, or an http(s) proxy address (a closed port, so nothing is carried).
      proxyUrl: fc.constantFrom('', 'http://127.0.0.1:1', 'https://proxy.invalid:3128'),
      // A pinned certificate's fingerprint: 32 hex bytes (with or without colons) often enough to reach the handler.
      sha256: fc.constantFrom('AB'.repeat(32), Array(32).fill('0F').join(':')),
      endpoint: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(endpoint, closed) },
        { weight: 1, arbitrary: fc.constantFrom('not a url', 'http://127.0.0.1:1', '') },
      ),
    },
  };
}

/** The harness's own guard: a request whose paths or URLs leave the sandbox is never sent. */
function leavesSandbox(value: unknown, dir: string): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  for (const [name, inner] of Object.entries(value)) {
    if (SANDBOXED.has(name)) {
      for (const item of Array.isArray(inner) ? inner : [inner]) {
        if (typeof item !== 'string') continue;
        const local = name === 'paths' || name === 'targetDir' || name === 'path' || name === 'localDir';
        if (local && item.startsWith('/') && !item.startsWith(dir)) return `${name}: ${item}`;
        if (local && (name === 'targetDir' || name === 'localDir') && !item.startsWith('/')) return `${name}: ${item}`;
        if (!local && /^[a-z]+:\/\//i.test(item) && !/^(https?:\/\/127\.0\.0\.1[:/]|file:\/\/\/etc\/hostname$|ftp:\/\/127\.0\.0\.1\/)/.test(item))
          return `${name}: ${item}`;
      }
    } else {
      const deeper = leavesSandbox(inner, dir);
      if (deeper) return deeper;
    }
  }
  return undefined;
}

/** What is wrong with an answer (or a finished job's error), if anything. */
function problemsOf(answer: Result<unknown> | undefined, secret: string): string[] {
  if (!answer || typeof answer !== 'object' || typeof answer.ok !== 'boolean') return [`not a Result: ${String(answer)}`];
  const problems: string[] = [];
  let text = '';
  try {
    text = JSON.stringify(answer);
    structuredClone(answer);
  } catch (error) {
    problems.push(`cannot cross a transport: ${(error as Error).message}`);
  }
  if (secret && text.includes(secret)) problems.push('the secret key is in the answer');
  if (answer.ok) {
    if (!('data' in answer)) problems.push('ok without data');
    return problems;
  }
  return [...problems, ...errorProblems(answer.error)];
}

function errorProblems(error: ErrorInfo | undefined): string[] {
  if (!error) return ['ok: false without an error'];
  const problems: string[] = [];
  if (!KNOWN_CODES.has(error.code)) problems.push(`unknown code ${String(error.code)}`);
  if (error.code === 'Internal') problems.push(`Internal: ${error.message}`);
  if (typeof error.message !== 'string' || !error.message.trim()) problems.push('no message');
  if (typeof error.hint !== 'string') problems.push('no hint');
  if (STACK_TRACE.test(`${error.message}\n${error.hint}`)) problems.push(`a stack trace or file path: ${error.message} ${error.hint}`);
  return problems;
}

/** A short, printable form of a request for a failure report. */
function shown(request: unknown): string {
  try {
    const text = JSON.stringify(request, (_key, value: unknown) =>
      typeof value === 'string' && value.length > 80 ? `${value.slice(0, 80)}…(${value.length})` : value,
    );
    return (text ?? String(request)).slice(0, 600);
  } catch {
    return String(request).slice(0, 600);
  }
}

async function runLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');

describe.each([
  ['the real gateway', 'gateway'],
  ['S3 unreachable (a closed port)', 'closed'],
] as const)('every request channel, fuzzed, with %s', (_title, mode) => {
  let sandbox: Sandbox;
  let closed: string;
  let home: string | undefined;
  const cleanBefore = prototypeKeys();

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    const dir = await mkdtemp(join(tmpdir(), 'pail-fuzz-'));
    // ~ is the sandbox too: profile imports read ~/.aws and rclone's config there.
    home = process.env.HOME;
    process.env.HOME = dir;
    await mkdir(join(dir, 'up', 'sub'), { recursive: true });
    await mkdir(join(dir, 'aws'), { recursive: true });
    await writeFile(join(dir, 'up', 'one.txt'), 'one');
    await writeFile(join(dir, 'up', 'sub', 'two.txt'), 'two');
    await writeFile(join(dir, 'aws', 'credentials'), '[fuzz]\naws_access_key_id = AKIAFUZZ\naws_secret_access_key = fuzz-secret-not-real\n');
    await writeFile(
      join(dir, 'rclone.conf'),
      '[remote]\ntype = s3\nprovider = Ceph\nendpoint = http://127.0.0.1:1\naccess_key_id = FUZZ\nsecret_access_key = fuzz-secret-not-real\n',
    );
    closed = await closedPortEndpoint();
    const info = gateway();
    sandbox = { dir, endpoint: mode === 'gateway' ? info.endpoint : closed, bucket: uniqueBucketName('fuzz'), secret: info.users[0].secretAccessKey };
  });
  afterAll(async () => {
    if (mode === 'gateway') await emptyAndDeleteBucket(sandbox.bucket).catch(() => undefined);
    process.off('unhandledRejection', onUnhandled);
    if (home === undefined) delete process.env.HOME;
    else process.env.HOME = home;
    await rm(sandbox.dir, { recursive: true, force: true });
  });

  it.each(CHANNELS)('%s', async (channel) => {
    const s3 = rawClient();
    if (mode === 'gateway') {
      // The bucket and its objects as every channel starts from (s3:deleteBucket and others may have removed them).
      await s3.send(new CreateBucketCommand({ Bucket: sandbox.bucket })).catch((error: { name?: string }) => {
        if (error.name !== 'BucketAlreadyOwnedByYou' && error.name !== 'BucketAlreadyExists') throw error;
      });
      // Settings an earlier channel's cases left go: which of its cases ran last is a matter of timing, and the
      // gateway refuses even its owner's PUTs while "block public ACLs" is on (Ceph 16), which failed every channel after.
      await s3.send(new DeletePublicAccessBlockCommand({ Bucket: sandbox.bucket }));
      await s3.send(new DeleteBucketPolicyCommand({ Bucket: sandbox.bucket }));
      // The folder marker's empty body goes with its length, or the SDK warns on the console about a stream of unknown length.
      for (const key of ['a.txt', 'dir/b.txt', 'dir/']) {
        const body = Buffer.from(key.endsWith('/') ? '' : `body of ${key}`);
        await s3.send(new PutObjectCommand({ Bucket: sandbox.bucket, Key: key, Body: body, ContentLength: body.length }));
      }
    }
    const box = sandbox;
    const dataDir = await mkdtemp(join(box.dir, 'data-'));
    // The Linode API is a closed port here: the fuzzer's tokens never leave this computer.
    const services: AppServices = await createAppServices(dataDir, { PAIL_SECRET_STORE: 'file', PAIL_LINODE_API_URL: closed });
    const profile = await addGatewayProfile(services, 'fuzz', 0, { endpoint: box.endpoint });
    const finishedJobs = new Map<string, JobFinished>();
    services.events.onEvent((event, payload) => {
      if (event === 'job:finished') finishedJobs.set((payload as JobFinished).jobId, payload as JobFinished);
    });
    const dispatch = createDispatcher(createHandlers(services, { version: 'fuzz', transport: 'web' }), () => true);
    const hints = hintsFor(box, profile.id, closed);
    const valid = requestArbitrary(requestContract[channel].request, hints);
    const cases = fc.sample(fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: junkArbitrary(valid, SANDBOXED) }), {
      numRuns: CASES,
      seed: SEED + CHANNELS.indexOf(channel),
    });

    const failures: string[] = [];
    const jobs: string[] = [];
    const created: string[] = [];
    let reachedHandler = 0;
    await runLimited(cases, IN_FLIGHT[mode], async (request) => {
      const escape = leavesSandbox(request, box.dir);
      if (escape) return void failures.push(`the harness generated a request leaving its sandbox (${escape}): ${shown(request)}`);
      let answer: Result<unknown> | undefined;
      try {
        answer = await dispatch(channel, request, { transport: 'web' });
      } catch (error) {
        return void failures.push(`dispatch threw ${String(error)} for ${shown(request)}`);
      }
      if (requestContract[channel].request.safeParse(request).success) reachedHandler += 1;
      for (const problem of problemsOf(answer, box.secret)) failures.push(`${problem} — request ${shown(request)}`);
      const jobId = answer?.ok ? (answer.data as { jobId?: unknown })?.jobId : undefined;
      if (typeof jobId === 'string') jobs.push(jobId);
      if (channel === 's3:createBucket' && answer?.ok) created.push((answer.data as { name: string }).name);
    });

    // Jobs go on after their answer: wait for them, and check how they ended too.
    const deadline = Date.now() + 20_000;
    while (jobs.some((id) => !finishedJobs.has(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    for (const id of jobs) {
      const job = finishedJobs.get(id);
      if (!job) failures.push(`job ${id} did not finish within 20 s`);
      else if (job.error) for (const problem of errorProblems(job.error)) failures.push(`job ${job.kind}: ${problem}`);
      for (const failure of job?.failures ?? [])
        if (STACK_TRACE.test(JSON.stringify(failure))) failures.push(`job ${job?.kind} failure with a stack trace: ${JSON.stringify(failure)}`);
    }
    // Transfers started by the cases: stopped, their work undone.
    await services.transfers.cancel({});
    await services.transfers.dispose();

    // Buckets the cases created go (the gateway keeps what is not deleted).
    for (const name of created) await emptyAndDeleteBucket(name).catch(() => undefined);
    s3.destroy();

    expect(failures.length, `${channel} (seed ${SEED + CHANNELS.indexOf(channel)}):\n${failures.slice(0, 12).join('\n')}`).toBe(0);
    expect(unhandled.map(String)).toEqual([]);
    expect(prototypeKeys()).toBe(cleanBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // The schema-built cases must pass validation often enough to test the handler at all.
    expect(reachedHandler, `${channel}: valid cases`).toBeGreaterThanOrEqual(Math.floor(CASES * 0.15));
  });
});
