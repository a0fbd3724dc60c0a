import { DeleteObjectsCommand, ListBucketsCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { addGatewayProfile, createTestBucket, freshServices, gateway, gatewayConnection } from '../test-support/gateway';
import { buildS3Client, CachedS3ClientProvider, type ClientSettings } from './s3-client-factory';

/** Records the headers and URL of every request as it leaves (after signing). */
function recordRequests(client: S3Client): { host: string; path: string; headers: Record<string, string> }[] {
  const seen: { host: string; path: string; headers: Record<string, string> }[] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { hostname: string; path: string; headers: Record<string, string> };
      seen.push({ host: request.hostname, path: request.path, headers: { ...request.headers } });
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'testRecorder' },
  );
  return seen;
}

function settings(overrides: Partial<ClientSettings> = {}): ClientSettings {
  return { ...gatewayConnection(), secretAccessKey: gateway().users[0].secretAccessKey, pathStyle: true, ...overrides };
}

describe('S3 clients built from profiles', () => {
  let bucket: { name: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    bucket = await createTestBucket('client');
  });
  afterAll(() => bucket?.cleanup());

  it('sends Content-MD5 instead of CRC32 on DeleteObjects when the profile asks, and the server accepts it', async () => {
    for (const md5 of [true, false]) {
      const client = buildS3Client(settings({ deleteObjectsMd5: md5 }));
      const seen = recordRequests(client);
      await client.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'gone.txt', Body: Buffer.from('x') }));
      const out = await client.send(new DeleteObjectsCommand({ Bucket: bucket.name, Delete: { Objects: [{ Key: 'gone.txt' }] } }));
      expect(out.Deleted?.map((d) => d.Key)).toEqual(['gone.txt']);
      const headers = seen.at(-1)!.headers;
      const checksumHeaders = Object.keys(headers).filter((h) => h.toLowerCase().startsWith('x-amz-checksum-'));
      if (md5) {
        expect(headers['content-md5']).toMatch(/^[A-Za-z0-9+/]{22}==$/);
        expect(checksumHeaders).toEqual([]);
      } else {
        expect(headers['content-md5']).toBeUndefined();
        expect(checksumHeaders.length).toBe(1);
      }
      const left = await client.send(new ListObjectsV2Command({ Bucket: bucket.name }));
      expect(left.Contents ?? []).toEqual([]);
    }
  });

  it('sends no checksum headers on a plain PUT with WHEN_REQUIRED, and does with WHEN_SUPPORTED', async () => {
    for (const mode of ['WHEN_REQUIRED', 'WHEN_SUPPORTED'] as const) {
      const client = buildS3Client(settings({ checksumMode: mode }));
      const seen = recordRequests(client);
      await client.send(new PutObjectCommand({ Bucket: bucket.name, Key: `mode-${mode}.txt`, Body: Buffer.from('hello') }));
      const sent = Object.keys(seen.at(-1)!.headers).some((h) => h.toLowerCase().startsWith('x-amz-checksum-'));
      expect(sent).toBe(mode === 'WHEN_SUPPORTED');
    }
  });

  it('signs with the session token of temporary credentials (the server sees x-amz-security-token)', async () => {
    const client = buildS3Client(settings({ sessionToken: 'temporary-token' }));
    const seen = recordRequests(client);
    // The gateway knows no such token, so it refuses; what matters is that the token was sent and signed.
    await client.send(new ListObjectsV2Command({ Bucket: bucket.name })).catch(() => undefined);
    const headers = seen.at(-1)!.headers;
    expect(headers['x-amz-security-token']).toBe('temporary-token');
    expect(headers.authorization).toMatch(/SignedHeaders=[^,]*x-amz-security-token/);
  });

  it('signs R2 requests for region "auto" whatever the profile says', async () => {
    const client = buildS3Client(settings({ provider: 'cloudflare-r2', region: 'eu' }));
    expect(await client.config.region()).toBe('auto');
  });
});

describe('client cache and auto addressing', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
  });
  afterAll(() => dispose?.());

  it('picks path style for dotted bucket names under "auto", and rebuilds after an edit', async () => {
    const profile = await addGatewayProfile(services, 'Auto');
    await services.profiles.update({ id: profile.id, patch: { addressingStyle: 'auto' } });
    const provider = new CachedS3ClientProvider(services.profiles);
    const plain = await provider.clientFor(profile.id, 'photos');
    const dotted = await provider.clientFor(profile.id, 'www.example.com');
    expect(plain.client.config.forcePathStyle).toBe(false);
    expect(dotted.client.config.forcePathStyle).toBe(true);
    expect((await provider.clientFor(profile.id, 'photos')).client).toBe(plain.client);

    await services.profiles.update({ id: profile.id, patch: { addressingStyle: 'path' } });
    const after = await provider.clientFor(profile.id, 'photos');
    expect(after.client).not.toBe(plain.client);
    expect(after.client.config.forcePathStyle).toBe(true);
  });

  it('builds one client when transfers ask together for a profile not yet cached, and destroys none that is sending', async () => {
    const profile = await addGatewayProfile(services, 'Together');
    let built = 0;
    const destroyed: S3Client[] = [];
    const provider = new CachedS3ClientProvider(services.profiles, (settings) => {
      built += 1;
      const client = buildS3Client(settings);
      const destroy = client.destroy.bind(client);
      client.destroy = () => {
        destroyed.push(client);
        destroy();
      };
      return client;
    });
    const answers = await Promise.all(Array.from({ length: 8 }, () => provider.clientFor(profile.id)));
    expect(built).toBe(1);
    expect(new Set(answers.map((a) => a.client)).size).toBe(1);
    expect(destroyed).toEqual([]);
    const listed = await answers[0].client.send(new ListBucketsCommand({}));
    expect(listed.$metadata.httpStatusCode).toBe(200);
  });

  it('keeps the clients (and what they are sending) when an edit leaves the connection as it was, e.g. a bucket’s upload settings', async () => {
    const profile = await addGatewayProfile(services, 'Kept');
    const destroyed: S3Client[] = [];
    const provider = new CachedS3ClientProvider(services.profiles, (settings) => {
      const client = buildS3Client(settings);
      const destroy = client.destroy.bind(client);
      client.destroy = () => {
        destroyed.push(client);
        destroy();
      };
      return client;
    });
    const before = await provider.clientFor(profile.id);
    await services.profiles.setBucketSettings({ id: profile.id, bucket: 'media', uploads: { acl: 'public-read', askOnDrop: false } });
    await services.profiles.update({ id: profile.id, patch: { name: 'Kept, renamed' } });
    const after = await provider.clientFor(profile.id);
    expect(after.client).toBe(before.client);
    expect(after.profile.bucketUploads).toEqual({ media: { acl: 'public-read', askOnDrop: false } });
    expect(after.profile.name).toBe('Kept, renamed');
    expect(destroyed).toEqual([]);

    // A new secret is a new connection, though no other field changed.
    await services.profiles.update({ id: profile.id, patch: { secretAccessKey: 'another-secret-value' } });
    const rebuilt = await provider.clientFor(profile.id);
    expect(rebuilt.client).not.toBe(before.client);
    expect(destroyed).toEqual([before.client]);
  });
});
