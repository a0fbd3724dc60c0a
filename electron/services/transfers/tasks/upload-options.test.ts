import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectAclCommand, HeadObjectCommand, type HeadObjectCommandOutput } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadOptions } from '../../../../shared/upload-options';
import { createTestBucket, gateway, rawClient } from '../../../test-support/gateway';
import { randomFile, transferFixture } from '../test-kit';

const MiB = 1024 * 1024;

/**
 * Every upload path (a file's single PUT on the direct path and through the SDK, a file's multipart
 * upload, the page's single PUT and multipart upload, a URL import sized and chunked) gives its object
 * the same headers: the profile's defaults, and a batch's options over them.
 */
describe('upload headers on every path', () => {
  const s3 = rawClient();
  let bucket: { name: string; cleanup: () => Promise<void> };
  let fx: Awaited<ReturnType<typeof transferFixture>>;
  let dir: string;
  /** What the "page" holds, by ticket. */
  const held = new Map<string, Buffer>();
  let source: { server: import('node:http').Server; base: string };

  beforeAll(async () => {
    bucket = await createTestBucket('upopts');
    fx = await transferFixture({
      bodyWanted: ({ ticket, offset }) => {
        const body = held.get(ticket);
        if (body) void fx.engine.bodies.deliver(ticket, Readable.from([body.subarray(offset)]));
      },
    });
    dir = await mkdtemp(join(tmpdir(), 'pail-upopts-'));
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => {
      const size = Number(/size=(\d+)/.exec(req.url ?? '')?.[1] ?? 0);
      const body = Buffer.alloc(size, 7);
      // "chunked" answers have no Content-Length: the import streams them as a multipart upload.
      if (req.url?.includes('chunked')) res.writeHead(200, { 'content-type': 'application/x-source' });
      else res.writeHead(200, { 'content-type': 'application/x-source', 'content-length': size });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    source = { server, base: `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}` };
  });
  afterAll(async () => {
    source?.server.closeAllConnections();
    source?.server.close();
    await fx?.dispose();
    await bucket?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  /** Uploads `size` bytes under `key` along one path, with the batch's options; answers the finished transfer. */
  async function uploadAlong(path: string, key: string, size: number, options?: UploadOptions) {
    const common = { profileId: fx.profileId, bucket: bucket.name, conflict: 'overwrite' as const, ...(options && { options }) };
    let started;
    if (path.startsWith('file')) {
      const file = await randomFile(join(dir, key), size);
      started = await fx.engine.upload({ ...common, prefix: '', sources: [{ path: file, key }] });
    } else if (path.startsWith('page')) {
      const ticket = randomUUID();
      held.set(ticket, Buffer.alloc(size, 3));
      started = await fx.engine.uploadStreams({ ...common, prefix: '', files: [{ path: key, size, ticket }], folders: [] });
    } else {
      const url = `${source.base}/${path.includes('chunked') ? 'chunked' : 'sized'}?size=${size}`;
      started = await fx.engine.importUrl({ ...common, prefix: '', url, name: key });
    }
    await fx.engine.settled(started.batchId);
    return fx.engine.list().transfers.find((t) => t.batchId === started.batchId)!;
  }

  const head = (key: string) => s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: key }));
  const publicRead = async (key: string) =>
    ((await s3.send(new GetObjectAclCommand({ Bucket: bucket.name, Key: key }))).Grants ?? []).some(
      (g) => g.Grantee?.URI?.endsWith('AllUsers') && g.Permission === 'READ',
    );

  // [path, size]: sizes pick the way the bytes go (1 MiB and less: a body in memory on the direct path).
  const PATHS: [string, number][] = [
    ['file-direct', 1000],
    ['file-sdk', 2 * MiB],
    ['file-multipart', 6 * MiB],
    ['page-single', 1000],
    ['page-multipart', 6 * MiB],
    ['import-sized', 1000],
    ['import-chunked', 1000],
  ];

  it.each(PATHS)("%s: gets the profile's Cache-Control and ACL", async (path, size) => {
    await fx.services.profiles.update({ id: fx.profileId, patch: { uploadCacheControl: 'max-age=77', defaultUploadAcl: 'public-read' } });
    const key = `defaults/${path}.bin`;
    expect(await uploadAlong(path, key, size)).toMatchObject({ state: 'done' });
    expect((await head(key)).CacheControl).toBe('max-age=77');
    expect(await publicRead(key)).toBe(true);
  });

  const OPTIONS: UploadOptions = {
    acl: 'public-read',
    contentType: 'image/x-pail-test',
    cacheControl: 'public, max-age=31536000, immutable',
    contentDisposition: 'attachment; filename="photo.png"',
    storageClass: 'STANDARD',
    metadata: { author: 'Zoë', 'Project-Id': '42' },
  };
  const expected = (out: HeadObjectCommandOutput) => {
    expect(out).toMatchObject({
      ContentType: 'image/x-pail-test',
      CacheControl: 'public, max-age=31536000, immutable',
      ContentDisposition: 'attachment; filename="photo.png"',
      // Non-ASCII metadata travels RFC 2047 encoded, as S3 documents (and returns it so).
      Metadata: { author: `=?UTF-8?B?${Buffer.from('Zoë').toString('base64')}?=`, 'project-id': '42' },
    });
    // S3 leaves x-amz-storage-class out of HEAD for STANDARD.
    expect(out.StorageClass ?? 'STANDARD').toBe('STANDARD');
  };

  it.each(PATHS)('%s: applies every per-upload option over the defaults, and public-read is readable anonymously', async (path, size) => {
    await fx.services.profiles.update({ id: fx.profileId, patch: { uploadCacheControl: 'no-cache', defaultUploadAcl: 'private' } });
    const key = `options/${path}.bin`;
    expect(await uploadAlong(path, key, size, OPTIONS)).toMatchObject({ state: 'done' });
    expected(await head(key));
    const info = gateway();
    const anonymous = await fetch(`${info.plainEndpoint}/${bucket.name}/${encodeURI(key)}`);
    expect(anonymous.status).toBe(200);
    expect((await anonymous.arrayBuffer()).byteLength).toBe(size);
  });

  it.each(PATHS.filter(([p]) => ['file-direct', 'file-multipart', 'page-single', 'import-sized'].includes(p)))(
    '%s: a storage class the server does not offer fails in words',
    async (path, size) => {
      const key = `glacier/${path}.bin`;
      const failed = await uploadAlong(path, key, size, { storageClass: 'GLACIER' });
      expect(failed).toMatchObject({ state: 'failed', error: { code: 'InvalidStorageClass', message: expect.stringContaining('storage class') } });
    },
  );

  // Ceph takes encryption headers only over TLS (as AWS does for SSE-KMS): the https project uploads with the
  // gateway's own KMS key; the http project sees the refusal, told in words.
  it.each(PATHS)('%s: SSE-KMS with a named key is stored encrypted with it over HTTPS, and refused in words over HTTP', async (path, size) => {
    const { kmsKeyId, scheme } = gateway();
    const key = `sse-kms/${path}.bin`;
    const transfer = await uploadAlong(path, key, size, { encryption: { algorithm: 'aws:kms', kmsKeyId } });
    if (scheme === 'https') {
      expect(transfer).toMatchObject({ state: 'done' });
      expect(transfer.note).toBeUndefined();
      expect(await head(key)).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: kmsKeyId, ContentLength: size });
    } else {
      expect(transfer).toMatchObject({
        state: 'failed',
        error: {
          code: 'EncryptionRefused',
          message: `The server refused SSE-KMS with key ${kmsKeyId} over plain HTTP: it takes encryption headers only over HTTPS. Nothing was stored as ${key}.`,
        },
      });
    }
  });

  it.each(PATHS.filter(([p]) => ['file-direct', 'file-multipart', 'page-single', 'import-chunked'].includes(p)))(
    '%s: a KMS key the server does not know fails in words; SSE-S3 that Ceph 16 takes without encrypting is done with a note (HTTPS), refused (HTTP)',
    async (path, size) => {
      const overTls = gateway().scheme === 'https';
      const unknownKey = `sse-unknown/${path}.bin`;
      const unknown = await uploadAlong(path, unknownKey, size, { encryption: { algorithm: 'aws:kms', kmsKeyId: 'no-such-key' } });
      // Ceph says InvalidAccessKeyId here, which alone would read as wrong credentials.
      expect(unknown).toMatchObject({
        state: 'failed',
        error: {
          code: 'EncryptionRefused',
          message: overTls
            ? `The server could not use the KMS key "no-such-key" (InvalidAccessKeyId: Failed to retrieve the actual key, kms-keyid: no-such-key). Nothing was stored as ${unknownKey}.`
            : `The server refused SSE-KMS with key no-such-key over plain HTTP: it takes encryption headers only over HTTPS. Nothing was stored as ${unknownKey}.`,
        },
      });

      // Ceph before Quincy answers an SSE-S3 PUT with 200 and stores the object as it is: Pail says so.
      const key = `sse-s3/${path}.bin`;
      const transfer = await uploadAlong(path, key, size, { encryption: { algorithm: 'AES256' } });
      if (!overTls) {
        expect(transfer).toMatchObject({
          state: 'failed',
          error: { code: 'EncryptionRefused', message: expect.stringMatching(/^The server refused SSE-S3 over plain HTTP/) },
        });
        return;
      }
      expect(transfer.state).toBe('done');
      expect((await head(key)).ServerSideEncryption).toBeUndefined();
      expect(transfer.note).toBe(
        'SSE-S3 encryption was asked for, but the server did not confirm it: the object may be stored unencrypted. Check its Encryption in the inspector, or ask the provider whether it supports SSE-S3.',
      );
    },
  );

  const BUCKET_SETTINGS = {
    acl: 'public-read' as const,
    cacheControl: 'max-age=600',
    contentDisposition: 'inline',
    storageClass: 'STANDARD',
    metadata: { owner: 'bucket' },
    contentTypes: { bin: 'image/x-bucket-type' },
  };

  it.each(PATHS)("%s: gets the bucket's own upload settings over the profile's, Content-Type by extension included", async (path, size) => {
    await fx.services.profiles.update({ id: fx.profileId, patch: { uploadCacheControl: 'no-cache', defaultUploadAcl: 'private' } });
    await fx.services.profiles.setBucketSettings({ id: fx.profileId, bucket: bucket.name, uploads: BUCKET_SETTINGS });
    try {
      const key = `bucket-settings/${path}.bin`;
      expect(await uploadAlong(path, key, size)).toMatchObject({ state: 'done' });
      expect(await head(key)).toMatchObject({
        ContentType: 'image/x-bucket-type',
        CacheControl: 'max-age=600',
        ContentDisposition: 'inline',
        Metadata: { owner: 'bucket' },
      });
      expect(await publicRead(key)).toBe(true);
      // A batch's own fields win over the bucket's, field by field; its types by extension over the bucket's.
      const over = `bucket-settings/${path}-over.bin`;
      expect(await uploadAlong(path, over, size, { acl: 'private', cacheControl: 'no-store', contentTypes: { bin: 'image/x-batch-type' } })).toMatchObject({
        state: 'done',
      });
      expect(await head(over)).toMatchObject({
        ContentType: 'image/x-batch-type',
        CacheControl: 'no-store',
        ContentDisposition: 'inline',
        Metadata: { owner: 'bucket' },
      });
      expect(await publicRead(over)).toBe(false);
    } finally {
      await fx.services.profiles.setBucketSettings({ id: fx.profileId, bucket: bucket.name, uploads: null });
    }
  });

  it('a Content-Type option wins over the one a URL import is served with', async () => {
    await uploadAlong('import-sized', 'ctype/x.bin', 10, { contentType: 'text/plain' });
    expect((await head('ctype/x.bin')).ContentType).toBe('text/plain');
  });
});
