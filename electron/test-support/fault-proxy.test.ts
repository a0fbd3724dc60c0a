import { Readable } from 'node:stream';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
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
} from './fault-proxy';
import { createTestBucket, gateway } from './gateway';

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
    expect(((error.cause as Error).message)).toMatch(sdkMessage);

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
    await expect(fetch(endpoint)).rejects.toThrow();
  });
});
