import { setTimeout as sleep } from 'node:timers/promises';
import { GetObjectAclCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presignRequestSchema } from '../../shared/sharing';
import type { AppServices } from '../app-services';
import {
  awsAclNotSupported,
  awsOwnershipEnforced,
  closedPortEndpoint,
  r2AclNotImplemented,
  startFaultProxy,
  type FaultProxy,
} from '../test-support/fault-proxy';
import { addGatewayProfile, createTestBucket, freshServices, gateway, putObjects, rawClient, strangerFetch } from '../test-support/gateway';

/** An anonymous request over real HTTP, as someone given the link would make it. */
const anonymous = async (url: string, init?: Parameters<typeof strangerFetch>[1]) => {
  const response = await strangerFetch(url, init);
  return { status: response.status, body: await response.text() };
};

describe('access and links against the gateway', () => {
  const s3 = rawClient();
  let services: AppServices;
  let dispose: () => Promise<void>;
  let bucket: { name: string; cleanup: () => Promise<void> };
  let profileId: string;
  const awkward = 'odd keys/ünï cødé + plus #hash ?query 100%.txt';

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    profileId = (await addGatewayProfile(services)).id;
    bucket = await createTestBucket('sharing');
    await s3.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'doc.txt', Body: 'hello', ContentType: 'text/plain' }));
    await s3.send(new PutObjectCommand({ Bucket: bucket.name, Key: awkward, Body: 'awkward', ContentType: 'text/plain' }));
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
  });

  const urlOf = async (key: string) => (await services.links.publicUrls({ profileId, bucket: bucket.name, keys: [key], style: 'path' })).urls[0];
  const presign = (input: Parameters<typeof presignRequestSchema.parse>[0]) => services.links.presign(presignRequestSchema.parse(input));

  it('says a missing bucket is missing, not that its ACLs are not permitted', async () => {
    await expect(services.access.bucketAccess({ profileId, bucket: `${bucket.name}-gone` })).rejects.toMatchObject({ code: 'NoSuchBucket' });
  });

  it('makes an object public (an anonymous GET works) and private again (it fails), and reads both states', async () => {
    const url = await urlOf('doc.txt');
    expect((await anonymous(url)).status).toBe(403);
    const made = await services.access.startSetAccess({ profileId, bucket: bucket.name, keys: ['doc.txt'], prefixes: [], access: 'public-read' }).finished;
    expect(made).toMatchObject({ status: 'succeeded', summary: 'Made 1 object public.' });
    expect(await anonymous(url)).toEqual({ status: 200, body: 'hello' });
    expect((await services.access.objectAccess({ profileId, bucket: bucket.name, keys: ['doc.txt'] })).states['doc.txt']).toMatchObject({
      access: 'public-read',
      summary: 'Public: anyone can read',
    });

    await services.access.startSetAccess({ profileId, bucket: bucket.name, keys: ['doc.txt'], prefixes: [], access: 'private' }).finished;
    expect((await anonymous(url)).status).toBe(403);
    const state = (await services.access.objectAccess({ profileId, bucket: bucket.name, keys: ['doc.txt'] })).states['doc.txt'];
    expect(state.access).toBe('private');
    expect(state.grants).toEqual([expect.stringMatching(/^owner \(.+\): FULL_CONTROL$/)]);
  });

  it('makes a folder of 300 objects public recursively, with progress and a count', async () => {
    const keys = Array.from({ length: 300 }, (_, i) => `site/page-${String(i).padStart(3, '0')}.html`);
    await putObjects(bucket.name, keys, (key) => `<p>${key}</p>`);
    const progress: number[] = [];
    const stopListening = services.events.onEvent((event, payload) => {
      if (event === 'job:progress') progress.push((payload as { done: number }).done);
    });
    const finished = await services.access.startSetAccess({ profileId, bucket: bucket.name, keys: [], prefixes: ['site/'], access: 'public-read' }).finished;
    stopListening();
    expect(finished).toMatchObject({ status: 'succeeded', done: 300, summary: 'Made 300 objects public.' });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    for (const key of [keys[0], keys[150], keys[299]]) expect((await anonymous(await urlOf(key))).status).toBe(200);
    const acl = await s3.send(new GetObjectAclCommand({ Bucket: bucket.name, Key: keys[42] }));
    expect(acl.Grants?.some((g) => g.Grantee?.URI?.endsWith('AllUsers') && g.Permission === 'READ')).toBe(true);
  });

  it('gives public URLs that work for keys with spaces, unicode, +, #, ? and %', async () => {
    await services.access.startSetAccess({ profileId, bucket: bucket.name, keys: [awkward], prefixes: [], access: 'public-read' }).finished;
    expect(await anonymous(await urlOf(awkward))).toEqual({ status: 200, body: 'awkward' });
    const signed = await presign({ profileId, bucket: bucket.name, keys: [awkward], expiresInSeconds: 600 });
    expect(await anonymous(signed.urls[0])).toEqual({ status: 200, body: 'awkward' });
  });

  it('signs GET links that work, carry a download name, and stop working when they expire', async () => {
    const link = await presign({ profileId, bucket: bucket.name, keys: ['doc.txt'], expiresInSeconds: 3600, downloadName: 'Rapport été.txt' });
    expect(new Date(link.expiresAt).getTime() - Date.now()).toBeGreaterThan(3590_000);
    const response = await strangerFetch(link.urls[0]);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain("filename*=UTF-8''Rapport%20%C3%A9t%C3%A9.txt");
    const works = await services.links.check({ url: link.urls[0], profileId });
    expect(works).toMatchObject({ verdict: 'works', status: 206, size: 5, contentType: 'text/plain', message: 'Works: 206, text/plain, 5 B.' });
    expect(Math.abs(Date.parse(works.expiresAt!) - Date.parse(link.expiresAt))).toBeLessThan(2_000);

    const short = await presign({ profileId, bucket: bucket.name, keys: ['doc.txt'], expiresInSeconds: 1 });
    await sleep(2_100);
    expect((await anonymous(short.urls[0])).status).toBe(403);
    expect(await services.links.check({ url: short.urls[0], profileId })).toMatchObject({ verdict: 'expired', hint: expect.stringContaining('new link') });
  });

  it('ends links no later than temporary credentials expire, and refuses to sign with expired ones', async () => {
    const soon = new Date(Date.now() + 600_000).toISOString();
    await services.profiles.update({ id: profileId, patch: { credentialsExpireAt: soon } });
    try {
      const link = await presign({ profileId, bucket: bucket.name, keys: ['doc.txt'], expiresInSeconds: 86_400 });
      expect(Math.abs(new Date(link.expiresAt).getTime() - Date.parse(soon))).toBeLessThan(2_000);
      expect(Number(new URL(link.urls[0]).searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(600);
      expect(link.notes.join(' ')).toMatch(/temporary credentials expire/);
      await services.profiles.update({ id: profileId, patch: { credentialsExpireAt: new Date(Date.now() - 1_000).toISOString() } });
      await expect(presign({ profileId, bucket: bucket.name, keys: ['doc.txt'], expiresInSeconds: 60 })).rejects.toMatchObject({ code: 'ExpiredToken' });
    } finally {
      await services.profiles.update({ id: profileId, patch: { credentialsExpireAt: '' } });
    }
    expect((await services.profiles.find(profileId)).credentialsExpireAt).toBeUndefined();
  });

  it('accepts 7 days and refuses more, saying why', () => {
    expect(presignRequestSchema.safeParse({ profileId, bucket: bucket.name, keys: ['doc.txt'], expiresInSeconds: 604_800 }).success).toBe(true);
    const refused = presignRequestSchema.safeParse({ profileId, bucket: bucket.name, keys: ['doc.txt'], expiresInSeconds: 604_801 });
    expect(refused.error?.issues[0].message).toMatch(/at most 7 days/);
  });

  it('signs PUT links: the signed Content-Type uploads, another is refused, and the curl command matches', async () => {
    const link = await presign({ profileId, bucket: bucket.name, keys: ['uploads/report.csv'], method: 'PUT', contentType: 'text/csv', expiresInSeconds: 600 });
    expect(link.curl?.[0]).toMatch(/^curl -X PUT -T 'report.csv' -H 'Content-Type: text\/csv' 'https?:\/\/.+'$/);
    expect((await anonymous(link.urls[0], { method: 'PUT', body: 'a,b', headers: { 'Content-Type': 'text/plain' } })).status).toBe(403);
    expect((await anonymous(link.urls[0], { method: 'PUT', body: 'a,b', headers: { 'Content-Type': 'text/csv' } })).status).toBe(200);
    expect(await s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'uploads/report.csv' }))).toMatchObject({
      ContentType: 'text/csv',
      ContentLength: 3,
    });
  });

  it('signs a PUT link’s ACL and Content-Type as headers: the curl-equivalent upload lands public with its type; without either it is refused', async () => {
    const key = 'uploads/photo one.png';
    const link = await presign({
      profileId,
      bucket: bucket.name,
      keys: [key],
      method: 'PUT',
      contentType: 'image/png',
      acl: 'public-read',
      expiresInSeconds: 600,
    });
    expect(link.curl?.[0]).toMatch(/^curl -X PUT -T 'photo one.png' -H 'Content-Type: image\/png' -H 'x-amz-acl: public-read' 'https?:\/\/.+'$/);
    expect(link.notes.join(' ')).toContain('x-amz-acl: public-read');
    const url = new URL(link.urls[0]);
    // Kept as signed headers, not query parameters: a query ACL would not be enforced on the sender.
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-type;host;x-amz-acl');
    expect(url.searchParams.has('x-amz-acl')).toBe(false);

    const refused = async (headers: Record<string, string>) => {
      const answer = await anonymous(link.urls[0], { method: 'PUT', body: 'png', headers });
      return { status: answer.status, code: /<Code>([^<]+)<\/Code>/.exec(answer.body)?.[1] };
    };
    expect(await refused({ 'Content-Type': 'image/png' })).toEqual({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(await refused({ 'Content-Type': 'image/jpeg', 'x-amz-acl': 'public-read' })).toEqual({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(await refused({ 'Content-Type': 'image/png', 'x-amz-acl': 'private' })).toEqual({ status: 403, code: 'SignatureDoesNotMatch' });

    // The headers curl sends, sent by fetch.
    expect((await anonymous(link.urls[0], { method: 'PUT', body: 'png', headers: { 'Content-Type': 'image/png', 'x-amz-acl': 'public-read' } })).status).toBe(
      200,
    );
    expect(await s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: key }))).toMatchObject({ ContentType: 'image/png', ContentLength: 3 });
    const acl = await s3.send(new GetObjectAclCommand({ Bucket: bucket.name, Key: key }));
    expect(acl.Grants?.some((g) => g.Grantee?.URI?.endsWith('/AllUsers') && g.Permission === 'READ')).toBe(true);
    const anyone = await strangerFetch(await urlOf(key));
    expect(anyone.status).toBe(200);
    expect(anyone.headers.get('content-type')).toBe('image/png');
    expect(await anyone.text()).toBe('png');
  });

  it('tells each check-link verdict: mismatch, denied, not found, unreachable', async () => {
    const link = (await presign({ profileId, bucket: bucket.name, keys: ['doc.txt'], expiresInSeconds: 600 })).urls[0];
    // The same link at another name for the same server: the signature covered the host.
    const moved = link.replace('//127.0.0.1:', '//localhost:');
    expect(await services.links.check({ url: moved, profileId })).toMatchObject({
      verdict: 'signature-mismatch',
      status: 403,
      hint: expect.stringContaining('another host'),
    });
    expect(await services.links.check({ url: await urlOf('doc.txt'), profileId })).toMatchObject({
      verdict: 'denied',
      hint: expect.stringContaining('private'),
    });
    const missing = (await presign({ profileId, bucket: bucket.name, keys: ['nothing-here.txt'], expiresInSeconds: 600 })).urls[0];
    expect(await services.links.check({ url: missing, profileId })).toMatchObject({ verdict: 'not-found', status: 404 });
    expect(await services.links.check({ url: `${await closedPortEndpoint()}/b/k` })).toMatchObject({
      verdict: 'unreachable',
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('signs for a custom domain: the host is the domain, with the note on when it works', async () => {
    const base = 'https://cdn.example.com';
    await services.profiles.update({ id: profileId, patch: { publicUrlBases: { [bucket.name]: base } } });
    try {
      const link = await presign({ profileId, bucket: bucket.name, keys: ['doc.txt'], expiresInSeconds: 600, viaCustomDomain: true });
      const url = new URL(link.urls[0]);
      expect(`${url.origin}${url.pathname}`).toBe(`${base}/doc.txt`);
      expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
      expect(link.notes.join(' ')).toMatch(/cdn\.example\.com.*SignatureDoesNotMatch/);
      expect((await services.links.publicUrls({ profileId, bucket: bucket.name, keys: ['a b.txt'] })).urls[0]).toBe(`${base}/a%20b.txt`);
    } finally {
      await services.profiles.update({ id: profileId, patch: { publicUrlBases: {} } });
    }
  });

  it('reads and sets the bucket ACL, noting that a public bucket ACL lists but does not read', async () => {
    const made = await services.access.setBucketAccess({ profileId, bucket: bucket.name, access: 'public-read' });
    expect(made).toMatchObject({ state: { access: 'public-read' }, note: expect.stringContaining('does not make the objects readable') });
    expect((await anonymous(`${gateway().plainEndpoint}/${bucket.name}/`)).status).toBe(200);
    expect((await services.access.setBucketAccess({ profileId, bucket: bucket.name, access: 'private' })).state?.access).toBe('private');
    expect((await anonymous(`${gateway().plainEndpoint}/${bucket.name}/`)).status).toBe(403);
  });

  describe('servers without ACLs, replayed through a proxy', () => {
    let proxy: FaultProxy;
    let proxied: string;
    beforeAll(async () => {
      proxy = await startFaultProxy({ target: gateway().plainEndpoint });
      proxied = (await addGatewayProfile(services, 'proxied', 0, { endpoint: proxy.endpoint })).id;
    });
    afterAll(() => proxy?.close());

    it('AWS "bucket owner enforced": the toggles are off with the reason and what to do instead', async () => {
      proxy.setRules([awsOwnershipEnforced(), awsAclNotSupported()]);
      const answer = await services.access.bucketAccess({ profileId: proxied, bucket: bucket.name });
      expect(answer.unavailable).toMatchObject({ reason: 'ownership-enforced', hint: expect.stringContaining('bucket policy') });
      const job = await services.access.startSetAccess({ profileId: proxied, bucket: bucket.name, keys: ['doc.txt'], prefixes: [], access: 'public-read' })
        .finished;
      expect(job).toMatchObject({ status: 'failed', error: { code: 'AccessControlListNotSupported' } });
    });

    it("R2's NotImplemented: the toggles are off, and an auto profile learns it has no ACLs", async () => {
      proxy.setRules([r2AclNotImplemented()]);
      expect((await services.profiles.find(proxied)).aclSupport).toBe('auto');
      const answer = await services.access.objectAccess({ profileId: proxied, bucket: bucket.name, keys: ['doc.txt'] });
      expect(answer).toMatchObject({ states: {}, unavailable: { reason: 'provider-without-acls' } });
      expect((await services.profiles.find(proxied)).aclSupport).toBe('no');
      // Known now: the next question is answered without asking the server.
      const before = proxy.log.length;
      expect((await services.access.objectAccess({ profileId: proxied, bucket: bucket.name, keys: ['doc.txt'] })).unavailable?.reason).toBe(
        'provider-without-acls',
      );
      expect(proxy.log.length).toBe(before);
    });
  });
});
