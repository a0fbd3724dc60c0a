import { createHash, randomBytes } from 'node:crypto';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { DeleteObjectsCommand, GetObjectCommand, ListBucketsCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_TEXT } from '../../shared/error-text';
import type { ChecksumMode } from '../../shared/providers';
import { buildS3Client } from '../services/s3-client-factory';
import { toPailError } from '../services/s3-errors';
import {
  accessDeniedOnListBuckets,
  awsAclNotSupported,
  awsWrongRegion,
  b2UnsupportedChecksumHeader,
  closedPortEndpoint,
  linodeContentSha256Mismatch,
  minioMissingContentMd5,
  r2ChecksumNotImplemented,
  startFaultProxy,
  type FaultProxy,
  type FaultRule,
} from './fault-proxy';
import { burst, everyNth, headersThenStall, holdRequests, lyingEtag, seededRandom, seededShare, slowDown, truncateBody, upTo } from './fault-rules';
import { createTestBucket, gateway, rawClient } from './gateway';

function clientVia(proxy: FaultProxy, options: { checksumMode?: ChecksumMode; region?: string; deleteObjectsMd5?: boolean } = {}): S3Client {
  const { accessKeyId, secretAccessKey } = gateway().users[0];
  return buildS3Client({
    provider: 'other',
    endpoint: proxy.endpoint,
    region: options.region ?? gateway().region,
    accessKeyId,
    secretAccessKey,
    checksumMode: options.checksumMode ?? 'WHEN_REQUIRED',
    deleteObjectsMd5: options.deleteObjectsMd5 ?? false,
    pathStyle: true,
  });
}

/** The error a request ends in, as Pail words it. */
async function refusal(request: Promise<unknown>) {
  try {
    await request;
  } catch (error) {
    return toPailError(error);
  }
  throw new Error('the request succeeded');
}

describe('the fault proxy', () => {
  let bucket: { name: string; cleanup: () => Promise<void> };
  let proxy: FaultProxy;
  beforeAll(async () => {
    bucket = await createTestBucket('proxy');
  });
  afterAll(() => bucket?.cleanup());
  afterEach(() => proxy?.close());

  it('forwards signed requests unchanged, streamed bodies and the Host header included', async () => {
    proxy = await startFaultProxy({ target: gateway().endpoint });
    const client = clientVia(proxy);
    const text = 'through the proxy\n'.repeat(1000);
    await client.send(
      new PutObjectCommand({ Bucket: bucket.name, Key: 'streamed.txt', Body: Readable.from([Buffer.from(text)]), ContentLength: Buffer.byteLength(text) }),
    );
    const got = await client.send(new GetObjectCommand({ Bucket: bucket.name, Key: 'streamed.txt' }));
    expect(await got.Body!.transformToString()).toBe(text);
    const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket.name }));
    expect(listed.Contents?.map((c) => c.Key)).toContain('streamed.txt');
    await client.send(new DeleteObjectsCommand({ Bucket: bucket.name, Delete: { Objects: [{ Key: 'streamed.txt' }] } }));

    expect(proxy.log.map((entry) => `${entry.method} ${entry.answeredBy} ${entry.status}`)).toEqual([
      'PUT forwarded 200',
      'GET forwarded 200',
      'GET forwarded 200',
      'POST forwarded 200',
    ]);
    // The client signed for the proxy's address, and the gateway accepted that Host as it came.
    expect(proxy.log[0].headers.host).toBe(new URL(proxy.endpoint).host);
    client.destroy();
  });

  it.each([
    ['R2', r2ChecksumNotImplemented(), 'NotImplemented', 501, /^Header 'x-amz-checksum-crc32' with value '.+' not implemented$/],
    ['B2', b2UnsupportedChecksumHeader(), 'InvalidArgument', 400, /^Unsupported header 'x-amz-checksum-crc32' received for this API call\.$/],
    ['Linode', linodeContentSha256Mismatch(), 'XAmzContentSHA256Mismatch', 400, /^UnknownError$/],
  ])('answers %s checksum refusals only while the checksum header is sent', async (_provider, rule, code, status, sdkMessage) => {
    proxy = await startFaultProxy({ target: gateway().endpoint, rules: [rule] });
    const withChecksums = clientVia(proxy, { checksumMode: 'WHEN_SUPPORTED' });
    const error = await refusal(withChecksums.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'c.txt', Body: 'x' })));
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.message).toBe(ERROR_TEXT[code as keyof typeof ERROR_TEXT].message);
    expect((error.cause as Error).message).toMatch(sdkMessage);

    const withoutChecksums = clientVia(proxy, { checksumMode: 'WHEN_REQUIRED' });
    await withoutChecksums.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'c.txt', Body: 'x' }));
    expect(proxy.log.map((e) => e.answeredBy)).toEqual([rule.name, 'forwarded']);
    withChecksums.destroy();
    withoutChecksums.destroy();
  });

  it("answers B2's refusal of x-amz-checksum-mode on downloads", async () => {
    proxy = await startFaultProxy({ target: gateway().endpoint, rules: [b2UnsupportedChecksumHeader()] });
    const client = clientVia(proxy, { checksumMode: 'WHEN_SUPPORTED' });
    const error = await refusal(client.send(new GetObjectCommand({ Bucket: bucket.name, Key: 'c.txt' })));
    expect(error.code).toBe('InvalidArgument');
    expect((error.cause as Error).message).toBe("Unsupported header 'x-amz-checksum-mode' received for this API call.");
    client.destroy();
  });

  it("answers MinIO's MissingContentMD5 to batch deletes without Content-MD5", async () => {
    proxy = await startFaultProxy({ target: gateway().endpoint, rules: [minioMissingContentMd5()] });
    const crc = clientVia(proxy);
    const error = await refusal(crc.send(new DeleteObjectsCommand({ Bucket: bucket.name, Delete: { Objects: [{ Key: 'c.txt' }] } })));
    expect(error.code).toBe('MissingContentMD5');
    expect((error.cause as Error).message).toBe('Missing required header for this request: Content-Md5.');
    const md5 = clientVia(proxy, { deleteObjectsMd5: true });
    await md5.send(new DeleteObjectsCommand({ Bucket: bucket.name, Delete: { Objects: [{ Key: 'c.txt' }] } }));
    crc.destroy();
    md5.destroy();
  });

  it("answers AWS's wrong-region error, naming the region it expects", async () => {
    proxy = await startFaultProxy({ target: gateway().endpoint, rules: [awsWrongRegion('eu-west-1')] });
    const client = clientVia(proxy, { region: 'us-east-1' });
    const error = await refusal(client.send(new ListBucketsCommand({})));
    expect(error.code).toBe('AuthorizationHeaderMalformed');
    expect(error.hint).toBe('Set the profile\'s region to "eu-west-1", the region the server expects.');
    expect((error.cause as Error).message).toBe("The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'");
    const right = clientVia(proxy, { region: 'eu-west-1' });
    await right.send(new ListBucketsCommand({}));
    client.destroy();
    right.destroy();
  });

  it('answers AccessControlListNotSupported to uploads with an ACL, and Pail words it from its table', async () => {
    proxy = await startFaultProxy({ target: gateway().endpoint, rules: [awsAclNotSupported()] });
    const client = clientVia(proxy);
    const error = await refusal(client.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'acl.txt', Body: 'x', ACL: 'public-read' })));
    expect(error.toInfo()).toEqual({
      code: 'AccessControlListNotSupported',
      message: ERROR_TEXT.AccessControlListNotSupported.message,
      hint: ERROR_TEXT.AccessControlListNotSupported.hint,
      status: 400,
    });
    await client.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'acl.txt', Body: 'x' }));
    client.destroy();
  });

  it('answers AccessDenied to ListBuckets only', async () => {
    proxy = await startFaultProxy({ target: gateway().endpoint, rules: [accessDeniedOnListBuckets()] });
    const client = clientVia(proxy);
    expect((await refusal(client.send(new ListBucketsCommand({})))).code).toBe('AccessDenied');
    await client.send(new ListObjectsV2Command({ Bucket: bucket.name }));
    client.destroy();
  });

  it('rewrites Date headers to a skewed server clock', async () => {
    proxy = await startFaultProxy({ target: gateway().endpoint, clockOffsetSeconds: 3600 });
    const answer = await fetch(`${proxy.endpoint}/`);
    expect(Date.parse(answer.headers.get('date')!) - Date.now()).toBeGreaterThan(3590_000);
  });

  it('gives an endpoint where nothing listens, for a stopped gateway', async () => {
    const endpoint = await closedPortEndpoint();
    await expect(fetch(endpoint)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
  });
});

/** An anonymous GET through the proxy: the status, then every body byte until the body ends or breaks (and how). */
function anonymousGet(url: string, giveUpAfterMs = 5_000): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer; ending: string }> {
  return new Promise((resolve) => {
    const request = httpGet(url, { agent: false }, (res) => {
      const chunks: Buffer[] = [];
      const done = (ending: string) => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ending });
      };
      // A stalled body never ends: give up after a while, as a client's idle timeout would.
      const timer = setTimeout(() => {
        done('still waiting');
        request.destroy();
      }, giveUpAfterMs);
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done('end'));
      res.on('error', (e: NodeJS.ErrnoException) => done(e.code ?? e.message));
      res.on('aborted', () => done('aborted'));
    });
    // A reset can also come before the answer's head was read (it discards what was received).
    request.on('error', (e: NodeJS.ErrnoException) => resolve({ status: 0, headers: {}, body: Buffer.alloc(0), ending: e.code ?? e.message }));
  });
}

describe('the fault proxy, faults of the network and of overloaded servers', () => {
  const s3 = rawClient();
  const body = randomBytes(1024 * 1024);
  let bucket: { name: string; cleanup: () => Promise<void> };
  let proxy: FaultProxy;
  let url: string;
  beforeAll(async () => {
    bucket = await createTestBucket('proxyfaults');
    // Public, so plain HTTP clients can read it through the proxy without signing.
    await s3.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'public.bin', Body: body, ACL: 'public-read' }));
  });
  afterAll(() => bucket?.cleanup());
  afterEach(() => proxy?.close());
  const start = async (rules: FaultRule[] = []) => {
    proxy = await startFaultProxy({ target: gateway().endpoint, rules });
    url = `${proxy.endpoint}/${bucket.name}/public.bin`;
  };

  it('logs how much of each answer reached the client, and whether all of it did', async () => {
    await start();
    const got = await anonymousGet(url);
    expect(got).toMatchObject({ status: 200, ending: 'end' });
    expect(Buffer.compare(got.body, body)).toBe(0);
    expect(proxy.log).toMatchObject([{ method: 'GET', answeredBy: 'forwarded', status: 200, bodyBytes: body.length, complete: true }]);
  });

  it('answers 503 SlowDown to every Nth request, to a seeded share, and in bursts', async () => {
    const nth = slowDown(everyNth(3));
    await start([nth]);
    const answers = [];
    for (let i = 0; i < 7; i += 1) answers.push(await anonymousGet(url));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 503, 200, 200, 503, 200]);
    expect(answers[2].body.toString()).toMatch(/^<\?xml .*<Code>SlowDown<\/Code>/);
    expect(nth.hits()).toBe(2);

    // The same seed strikes the same requests: the draws of seededRandom(42), one per request.
    const random = seededRandom(42);
    const expected = Array.from({ length: 12 }, () => (random() < 0.5 ? 503 : 200));
    proxy.setRules([slowDown(seededShare(0.5, 42))]);
    const seeded = [];
    for (let i = 0; i < 12; i += 1) seeded.push((await anonymousGet(url)).status);
    expect(seeded).toEqual(expected);
    expect(new Set(seeded)).toEqual(new Set([200, 503]));

    proxy.setRules([slowDown(burst(2, 3))]);
    const bursty = [];
    for (let i = 0; i < 5; i += 1) bursty.push((await anonymousGet(url)).status);
    expect(bursty).toEqual([200, 503, 503, 200, 200]);

    // A share that runs out: every 2nd request, 2 times at most.
    const limited = slowDown(upTo(2, everyNth(2)));
    proxy.setRules([limited]);
    const capped = [];
    for (let i = 0; i < 8; i += 1) capped.push((await anonymousGet(url)).status);
    expect(capped).toEqual([200, 503, 200, 503, 200, 200, 200, 200]);
    expect(limited.hits()).toBe(2);
  });

  it('sends the status and headers, then stalls the body with the connection left open', async () => {
    const stall = headersThenStall(() => true);
    await start([stall]);
    const got = await anonymousGet(url, 800);
    expect(got).toMatchObject({ status: 200, ending: 'still waiting', headers: { 'content-length': String(body.length) } });
    expect(got.body.length).toBe(0);
    expect(stall.hits()).toBe(1);
    expect(proxy.log).toMatchObject([{ answeredBy: 'headersThenStall', status: 200, bodyBytes: 0, complete: false }]);

    // Or a little of the body first.
    proxy.setRules([headersThenStall(() => true, 70_000)]);
    const some = await anonymousGet(url, 800);
    expect(some).toMatchObject({ status: 200, ending: 'still waiting' });
    expect(Buffer.compare(some.body, body.subarray(0, 70_000))).toBe(0);
  });

  it('truncates a body after N bytes, with a clean close or a reset', async () => {
    await start([truncateBody(() => true, 300_000, 'close')]);
    const closed = await anonymousGet(url);
    expect(closed.body.length).toBe(300_000);
    expect(Buffer.compare(closed.body, body.subarray(0, 300_000))).toBe(0);
    // Fewer bytes than Content-Length, then the end of the connection: Node calls it "aborted".
    expect(closed.ending).toMatch(/^(aborted|ECONNRESET)$/);
    expect(proxy.log[0]).toMatchObject({ answeredBy: 'truncateBody(close)', bodyBytes: 300_000, complete: false });

    proxy.setRules([truncateBody(() => true, 100_000, 'reset')]);
    const reset = await anonymousGet(url);
    expect(reset.body.length).toBeLessThanOrEqual(100_000);
    expect(Buffer.compare(reset.body, body.subarray(0, reset.body.length))).toBe(0);
    expect(reset.ending).toMatch(/^(aborted|ECONNRESET)$/);
  });

  it('answers an ETag that is not the MD5 of what was stored', async () => {
    const lie = lyingEtag((req) => req.method === 'PUT');
    await start([lie]);
    const client = clientVia(proxy);
    const stored = Buffer.from('what was sent');
    const out = await client.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'lied.txt', Body: stored }));
    expect(out.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(out.ETag).not.toBe(`"${createHash('md5').update(stored).digest('hex')}"`);
    expect(lie.hits()).toBe(1);
    // The object itself is what was sent.
    expect(await (await s3.send(new GetObjectCommand({ Bucket: bucket.name, Key: 'lied.txt' }))).Body!.transformToString()).toBe('what was sent');
    client.destroy();
  });

  it('holds requests at the door until released', async () => {
    const hold = holdRequests(() => true);
    await start([hold]);
    let answered = false;
    const pending = anonymousGet(url).then((got) => ((answered = true), got));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(answered).toBe(false);
    expect(hold.hits()).toBe(1);
    expect(proxy.log).toEqual([]);
    hold.release();
    expect(await pending).toMatchObject({ status: 200, ending: 'end' });
  });
});
