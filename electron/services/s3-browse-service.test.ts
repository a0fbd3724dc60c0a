import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import type { AppServices } from '../app-services';
import { startFaultProxy } from '../test-support/fault-proxy';
import { headersThenStall, isListing, truncateBody, upTo } from '../test-support/fault-rules';
import { HOSTILE_NAMES } from '../test-support/hostile-names';
import { addGatewayProfile, createTestBucket, freshServices, gateway, gatewayProfileFields, putObjects, rawClient } from '../test-support/gateway';

const deleteKey = (bucket: string, key: string) => rawClient().send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));

/** Keys that break naive URL and XML handling. */
const ODD_NAMES = ['with space', 'plus+sign', 'percent%20literal', 'hash#tag', 'question?mark', 'ünïcødé 日本', 'amp&lt;', 'tilde~quote\'"', 'semi;colon=eq'];

describe('browsing buckets and folders on the gateway', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let profileId: string;
  let bucket: { name: string; cleanup: () => Promise<void> };

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    profileId = (await addGatewayProfile(services)).id;
    bucket = await createTestBucket('browse');
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
  });

  it('lists the buckets of the profile', async () => {
    const buckets = await services.browse.listBuckets({ profileId });
    expect(buckets.map((b) => b.name)).toContain(bucket.name);
    expect(buckets.find((b) => b.name === bucket.name)?.createdAt).toMatch(/^\d{4}-/);
  });

  it('round-trips keys and folder names with special characters exactly', async () => {
    const keys = [
      ...ODD_NAMES.map((n) => `odd/${n}.txt`),
      ...ODD_NAMES.map((n) => `odd/${n}/inside.txt`),
      'odd/', // the folder's own 0-byte marker
      'odd/empty-folder/',
    ];
    await putObjects(bucket.name, keys, (k) => (k.endsWith('/') ? '' : k));

    const page = await services.browse.listObjects({ profileId, bucket: bucket.name, prefix: 'odd/' });
    expect(page.objects.map((o) => o.key).sort()).toEqual(ODD_NAMES.map((n) => `odd/${n}.txt`).sort());
    expect(page.objects.map((o) => o.name).sort()).toEqual(ODD_NAMES.map((n) => `${n}.txt`).sort());
    expect(page.folders.map((f) => f.name).sort()).toEqual([...ODD_NAMES, 'empty-folder'].sort());

    // Entering a folder with odd characters finds its content.
    for (const name of ODD_NAMES) {
      const inside = await services.browse.listObjects({ profileId, bucket: bucket.name, prefix: `odd/${name}/` });
      expect(inside.objects.map((o) => o.key)).toEqual([`odd/${name}/inside.txt`]);
      expect(inside.objects[0].size).toBe(Buffer.byteLength(`odd/${name}/inside.txt`));
    }
    // A 0-byte folder marker shows as an empty folder, not as an object in itself.
    const empty = await services.browse.listObjects({ profileId, bucket: bucket.name, prefix: 'odd/empty-folder/' });
    expect(empty.objects).toEqual([]);
    expect(empty.folders).toEqual([]);
  });

  it('pages a folder with the next page read ahead, and a listing started again never shows a page read before it', async () => {
    await putObjects(bucket.name, ['ahead/a', 'ahead/b', 'ahead/c', 'ahead/d', 'ahead/e']);
    const list = async () => {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await services.browse.listObjects({ profileId, bucket: bucket.name, prefix: 'ahead/', maxKeys: 2, continuationToken: token });
        keys.push(...page.objects.map((o) => o.key));
        token = page.nextContinuationToken;
      } while (token);
      return keys;
    };
    expect(await list()).toEqual(['ahead/a', 'ahead/b', 'ahead/c', 'ahead/d', 'ahead/e']);

    // The first page of a listing that then stops: its second page is read ahead, and nobody asks for it.
    await services.browse.listObjects({ profileId, bucket: bucket.name, prefix: 'ahead/', maxKeys: 2 });
    await services.browse.listObjects({ profileId, bucket: bucket.name, prefix: 'other/', maxKeys: 2 });
    await deleteKey(bucket.name, 'ahead/c');
    expect(await list()).toEqual(['ahead/a', 'ahead/b', 'ahead/d', 'ahead/e']);
  });

  it('lists a folder of hostile keys page by page exactly, each page asked for once, its token read before the answer is parsed', async () => {
    // Ceph's continuation token is the last key as it is (not URL-encoded), escaped for XML where needed.
    const names = [...ODD_NAMES, ...HOSTILE_NAMES];
    await putObjects(
      bucket.name,
      names.map((n) => `early/${n}`),
    );
    const proxy = await startFaultProxy({ target: gateway().plainEndpoint });
    try {
      const proxied = (await addGatewayProfile(services, 'early tokens', 0, { endpoint: proxy.endpoint })).id;
      const keys: string[] = [];
      let pages = 0;
      let token: string | undefined;
      do {
        const page = await services.browse.listObjects({ profileId: proxied, bucket: bucket.name, prefix: 'early/', maxKeys: 1, continuationToken: token });
        keys.push(...page.objects.map((o) => o.key), ...page.folders.map((f) => f.prefix));
        pages += 1;
        token = page.nextContinuationToken;
      } while (token);
      const expected = [...new Set(names.map((n) => (n.includes('/') ? `early/${n.slice(0, n.indexOf('/') + 1)}` : `early/${n}`)))];
      expect([...keys].sort()).toEqual(expected.sort());
      expect(keys).toHaveLength(expected.length);
      // One listing request a page: no page is asked for twice.
      const listings = proxy.log.filter((entry) => entry.method === 'GET' && entry.url.includes('list-type=2'));
      expect(listings).toHaveLength(pages);
      expect(new Set(listings.map((entry) => new URL(entry.url, 'http://x').searchParams.get('continuation-token'))).size).toBe(pages);
    } finally {
      await proxy.close();
    }
  });

  it("lists on when a page's answer is cut short (tried again), and says the server stopped answering when one stops halfway", async () => {
    await putObjects(bucket.name, ['cut/1', 'cut/2', 'cut/3']);
    const proxy = await startFaultProxy({ target: gateway().plainEndpoint });
    try {
      const proxied = (await addGatewayProfile(services, 'cut answers', 0, { endpoint: proxy.endpoint, responseTimeoutSeconds: 5 })).id;
      const listCut = async () => {
        const keys: string[] = [];
        let token: string | undefined;
        do {
          const page = await services.browse.listObjects({ profileId: proxied, bucket: bucket.name, prefix: 'cut/', maxKeys: 1, continuationToken: token });
          keys.push(...page.objects.map((o) => o.key));
          token = page.nextContinuationToken;
        } while (token);
        return keys;
      };
      // The first page's answer, and the second's, each break off after 200 bytes once.
      const cut = truncateBody(upTo(2, isListing), 200, 'reset');
      proxy.setRules([cut]);
      expect(await listCut()).toEqual(['cut/1', 'cut/2', 'cut/3']);
      expect(cut.hits()).toBe(2);

      const stall = headersThenStall(isListing, 200);
      proxy.setRules([stall]);
      const started = Date.now();
      await expect(services.browse.listObjects({ profileId: proxied, bucket: bucket.name, prefix: 'cut/', maxKeys: 1 })).rejects.toMatchObject({
        code: 'Timeout',
        message: expect.stringMatching(/is not answering: nothing came back for 5 s/),
      });
      expect(Date.now() - started).toBeLessThan(25_000);
    } finally {
      await proxy.close();
    }
  }, 40_000);

  it('explains a wrong secret, an unknown key and an unreachable endpoint', async () => {
    const wrongSecret = await addGatewayProfile(services, 'Wrong secret', 0, { secretAccessKey: 'not-the-secret' });
    await expect(services.browse.listBuckets({ profileId: wrongSecret.id })).rejects.toMatchObject({
      code: 'SignatureDoesNotMatch',
      hint: expect.stringMatching(/secret access key/),
    });

    const unknownKey = await services.profiles.create({
      ...gatewayProfileFields(),
      name: 'Unknown key',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'x',
    });
    await expect(services.browse.listBuckets({ profileId: unknownKey.id })).rejects.toMatchObject({
      code: 'InvalidAccessKeyId',
      hint: expect.stringMatching(/an AWS key does not work on Linode/),
    });

    const closed = await services.profiles.create({
      name: 'Closed port',
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      accessKeyId: 'A',
      secretAccessKey: 'x',
    });
    await expect(services.browse.listBuckets({ profileId: closed.id })).rejects.toMatchObject({ code: 'EndpointUnreachable' });
  });

  it("does not show another user's bucket, and says access is denied when opened", async () => {
    const other = await createTestBucket('other', 1);
    try {
      expect((await services.browse.listBuckets({ profileId })).map((b) => b.name)).not.toContain(other.name);
      await expect(services.browse.listObjects({ profileId, bucket: other.name, prefix: '' })).rejects.toMatchObject({ code: 'AccessDenied' });
      await expect(services.browse.listObjects({ profileId, bucket: 'pail-no-such-bucket-x', prefix: '' })).rejects.toMatchObject({ code: 'NoSuchBucket' });
    } finally {
      await other.cleanup();
    }
  });
});
