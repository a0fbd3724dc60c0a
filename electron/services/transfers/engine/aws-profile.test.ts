import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsPermanentRedirect, signedRegion, startFaultProxy, type FaultProxy } from '../../../test-support/fault-proxy';
import { createTestBucket, freshServices, gateway, rawClient } from '../../../test-support/gateway';
import { unfinishedUploads } from '../../../test-support/leftovers';
import { randomFile, sha256File, sha256Object, transferFixture } from '../test-kit';

/**
 * AWS profiles keep every request in the SDK (no direct path), because AWS
 * answers a bucket in another region with a 301 and `x-amz-bucket-region`,
 * which the SDK follows and the direct path would not. Here the proxy replays
 * that answer to every request signed for the wrong region.
 */
describe('transfers of an AWS profile (every request through the SDK, region redirects followed)', () => {
  const s3 = rawClient();
  const bucketRegion = gateway().region;
  let bucket: { name: string; cleanup: () => Promise<void> };
  let proxy: FaultProxy;
  let dir: string;
  const redirect = {
    ...awsPermanentRedirect(bucketRegion),
    when: (req: Parameters<ReturnType<typeof awsPermanentRedirect>['when']>[0]) => req.path !== '/' && signedRegion(req) !== bucketRegion,
  };

  beforeAll(async () => {
    bucket = await createTestBucket('aws-path');
    proxy = await startFaultProxy({ target: gateway().endpoint, rules: [redirect] });
    dir = await mkdtemp(join(tmpdir(), 'pail-aws-path-'));
  });
  afterAll(async () => {
    await proxy?.close();
    await bucket?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it("uploads a small file and a multipart one and downloads them in chunks, byte-identical, after a 301 to the bucket's region", async () => {
    const fresh = await freshServices();
    const info = gateway();
    // An AWS profile signed for a region other than the bucket's, as a user who picked the wrong one.
    await fresh.services.profiles.create({
      name: 'aws',
      provider: 'aws',
      endpoint: proxy.endpoint,
      region: 'eu-west-3',
      accessKeyId: info.users[0].accessKeyId,
      secretAccessKey: info.users[0].secretAccessKey,
      addressingStyle: 'path',
      // Ceph takes no streamed flexible checksums (see ENVIRONMENT.md); the redirect is what is tested here.
      checksumMode: 'WHEN_REQUIRED',
    });
    const fx = await transferFixture({ services: fresh.services, dataDir: fresh.dataDir });
    const big = await randomFile(join(dir, 'up', 'big.bin'), 12 * 1024 * 1024 + 5);
    const small = await randomFile(join(dir, 'up', 'small.bin'), 3000);
    const up = await fx.engine.settled((await fx.upload(bucket.name, '', [{ path: join(dir, 'up') }])).batchId);
    expect(up.counts.done).toBe(2);
    expect(await sha256Object(s3, bucket.name, 'up/big.bin')).toBe(await sha256File(big));
    expect(await sha256Object(s3, bucket.name, 'up/small.bin')).toBe(await sha256File(small));
    expect((await s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'up/big.bin' }))).ETag).toMatch(/-3"$/);
    expect(await unfinishedUploads(s3, bucket.name)).toEqual([]);

    const target = join(dir, 'down');
    const down = await fx.engine.settled((await fx.download(bucket.name, target, [{ prefix: 'up/' }])).batchId);
    expect(down.counts.done).toBe(2);
    expect(await sha256File(join(target, 'up', 'big.bin'))).toBe(await sha256File(big));
    expect(await sha256File(join(target, 'up', 'small.bin'))).toBe(await sha256File(small));

    // The first request for the bucket met the redirect; the SDK signed the rest for the bucket's region.
    const redirected = proxy.log.filter((e) => e.answeredBy === 'awsPermanentRedirect');
    expect(redirected.length).toBeGreaterThanOrEqual(1);
    expect(redirected.every((e) => signedRegion({ ...e, path: '', query: new URLSearchParams() }) === 'eu-west-3')).toBe(true);
    const forwarded = proxy.log.filter((e) => e.answeredBy === 'forwarded');
    expect(forwarded.filter((e) => e.method === 'PUT' && e.url.includes('partNumber=')).length).toBe(3);
    expect(forwarded.filter((e) => e.method === 'GET' && e.headers.range).length).toBeGreaterThanOrEqual(3);
    for (const entry of forwarded) {
      expect(signedRegion({ ...entry, path: '', query: new URLSearchParams() }), `${entry.method} ${entry.url}`).toBe(bucketRegion);
      // The SDK's user agent on every request: none went the direct way (which says "pail/…").
      expect(String(entry.headers['user-agent']), `${entry.method} ${entry.url}`).toMatch(/^aws-sdk-js\//);
    }
    await fx.dispose();
    await fresh.dispose();
  });
});
