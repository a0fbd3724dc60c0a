import { createHash } from 'node:crypto';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBucket, gateway, rawClient } from '../../../test-support/gateway';
import { DirectS3, type DirectS3Settings } from './direct-s3';

const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest();

/** A direct path to the gateway as user 0, path-style, with its own clock. */
function directClient(overrides: Partial<DirectS3Settings> = {}): DirectS3 {
  const info = gateway();
  return new DirectS3({
    endpoint: info.endpoint,
    signingRegion: info.region,
    pathStyle: true,
    accessKeyId: info.users[0].accessKeyId,
    secretAccessKey: info.users[0].secretAccessKey,
    maxSockets: 8,
    silenceMs: 30_000,
    clock: { systemClockOffset: 0 },
    userAgent: 'pail-test',
    network: info.caPem ? { caBundle: info.caPem } : {},
    ...overrides,
  });
}

describe('the direct path (signed requests past the SDK)', () => {
  const s3 = rawClient();
  let bucket: { name: string; cleanup: () => Promise<void> };
  let dir: string;
  const direct = directClient();

  beforeAll(async () => {
    bucket = await createTestBucket('direct');
    dir = await mkdtemp(join(tmpdir(), 'pail-direct-'));
  });
  afterAll(async () => {
    direct.destroy();
    await bucket?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores and reads back keys with spaces, unicode, +, %, #, ? and ../ exactly as the SDK names them', async () => {
    const keys = ['a b/c d.txt', 'ünï/文件.txt', 'plus+sign.txt', '100% sure.txt', 'hash#tag?.txt', 'dots/../up.txt', 'tilde~(x)!*.txt'];
    for (const [i, key] of keys.entries()) {
      const body = Buffer.from(`body ${i} of ${key}`);
      const put = await direct.put({
        bucket: bucket.name,
        key,
        body,
        contentMd5: md5(body).toString('base64'),
        headers: { contentType: 'text/plain', cacheControl: 'max-age=60' },
      });
      expect(put.ETag).toBe(`"${md5(body).toString('hex')}"`);
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: key }));
      expect(head).toMatchObject({ ContentLength: body.length, ContentType: 'text/plain', CacheControl: 'max-age=60' });

      const path = join(dir, `get-${i}`);
      const file = await open(path, 'w+');
      let progressed = 0;
      const got = await direct.getInto({ bucket: bucket.name, key }, file.fd, 0, (n) => (progressed += n));
      await file.close();
      expect(got.written).toBe(body.length);
      expect(progressed).toBe(body.length);
      expect(await readFile(path)).toEqual(body);
    }
  });

  it('reads a byte range into its place in a file, and refuses a range whose ETag no longer matches', async () => {
    const body = Buffer.from('0123456789abcdefghij');
    const { ETag } = await direct.put({
      bucket: bucket.name,
      key: 'range.txt',
      body,
      contentMd5: md5(body).toString('base64'),
      headers: { contentType: 'text/plain' },
    });
    const path = join(dir, 'range');
    await writeFile(path, Buffer.alloc(20, '.'));
    const file = await open(path, 'r+');
    const got = await direct.getInto({ bucket: bucket.name, key: 'range.txt', range: { start: 5, end: 9 }, ifMatch: ETag }, file.fd, 5, () => {});
    expect(got).toMatchObject({ written: 5, headers: { 'content-range': 'bytes 5-9/20' } });
    const stale = direct.getInto(
      { bucket: bucket.name, key: 'range.txt', range: { start: 10, end: 14 }, ifMatch: '"0123456789abcdef0123456789abcdef"' },
      file.fd,
      10,
      () => {},
    );
    await expect(stale).rejects.toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
    await file.close();
    expect((await readFile(path)).toString()).toBe('.....56789..........');
  });

  it('answers errors shaped like the SDK: wrong secret, missing key, damaged body', async () => {
    const body = Buffer.from('some bytes');
    const wrongSecret = directClient({ secretAccessKey: 'not-the-secret' });
    await expect(wrongSecret.put({ bucket: bucket.name, key: 'x.txt', body, contentMd5: md5(body).toString('base64') })).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      $fault: 'client',
      $metadata: { httpStatusCode: 403 },
    });
    wrongSecret.destroy();
    const file = await open(join(dir, 'missing'), 'w+');
    await expect(direct.getInto({ bucket: bucket.name, key: 'no/such/key' }, file.fd, 0, () => {})).rejects.toMatchObject({
      name: 'NoSuchKey',
      $metadata: { httpStatusCode: 404 },
    });
    await file.close();
    // Content-MD5 of other bytes: the server refuses the body and nothing is stored.
    await expect(direct.put({ bucket: bucket.name, key: 'damaged.txt', body, contentMd5: md5(Buffer.from('other')).toString('base64') })).rejects.toMatchObject(
      { name: 'BadDigest' },
    );
    await expect(s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'damaged.txt' }))).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('corrects a skewed clock from the server date, as the SDK does, so the next request signs right', async () => {
    const clock = { systemClockOffset: 2 * 3600_000 };
    const skewed = directClient({ clock });
    const body = Buffer.from('late');
    await expect(skewed.put({ bucket: bucket.name, key: 'skew.txt', body, contentMd5: md5(body).toString('base64') })).rejects.toMatchObject({
      name: 'RequestTimeTooSkewed',
    });
    expect(Math.abs(clock.systemClockOffset)).toBeLessThan(60_000);
    await expect(skewed.put({ bucket: bucket.name, key: 'skew.txt', body, contentMd5: md5(body).toString('base64') })).resolves.toMatchObject({
      ETag: `"${md5(body).toString('hex')}"`,
    });
    skewed.destroy();
  });

  it('signs virtual-host requests with the bucket in the host name, and path-style ones with it in the path', async () => {
    const virtual = directClient({ endpoint: 'https://s3.example.test:8443/base', pathStyle: false });
    const signed = await virtual.sign('PUT', 'my-bucket', 'a b/ü.txt', { partNumber: '2', uploadId: 'x/y+z' }, { 'content-length': '0' });
    expect(signed).toMatchObject({
      protocol: 'https:',
      hostname: 'my-bucket.s3.example.test',
      port: 8443,
      path: '/base/a%20b/%C3%BC.txt?partNumber=2&uploadId=x%2Fy%2Bz',
    });
    expect(signed.headers.host).toBe('my-bucket.s3.example.test:8443');
    expect(signed.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=.*\/s3\/aws4_request, SignedHeaders=content-length;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
    expect(virtual.supports('my-bucket')).toBe(true);
    // A name that is no DNS label goes through the SDK, which knows what to do with it.
    expect(virtual.supports('my.dotted.bucket')).toBe(false);
    virtual.destroy();
    const path = await directClient().sign('GET', 'b', 'k', {}, {});
    expect(path.path).toBe('/b/k');
  });
});
