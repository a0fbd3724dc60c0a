import { GetObjectAclCommand, PutObjectAclCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { startFaultProxy, type FaultProxy } from '../test-support/fault-proxy';
import { answerLost, holdRequests, truncateBody, upTo } from '../test-support/fault-rules';
import { bodyEtag } from './text-edit-service';
import { aclLinesOf, addGatewayProfile, bodyOf, freshServices, gateway, rawClient, strangerFetch, testBuckets } from '../test-support/gateway';
import { startTcpFaultProxy, type TcpFaultProxy } from '../test-support/tcp-fault-proxy';

const KiB = 1024;
const isPut = (req: { method: string }) => req.method === 'PUT';
const isGet = (req: { method: string }) => req.method === 'GET';
/** The write of an object (not of its ACL). */
const isObjectWrite = (req: { method: string; query: URLSearchParams }) => req.method === 'PUT' && !req.query.has('acl');
const seconds = (since: number) => (Date.now() - since) / 1000;
/** A text big enough that a fault 64 KiB into the request strikes the PUT's body, not the small requests before it. */
const longText = (label: string) => `${label}\n${'línea de texto ✓\n'.repeat(12 * KiB)}`;

/**
 * Saving edited text when the network fails: client → TCP proxy (resets, silence) → HTTP proxy (held requests,
 * lost answers, cut bodies) → gateway, each test with proxies and a profile of its own (a 5 s response timeout),
 * so they run side by side. What the server holds is always read back past the proxies.
 */
describe.concurrent('editing in place through a failing network', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let bucket: string;
  const buckets = testBuckets();
  const s3 = rawClient();
  const proxies: { close: () => Promise<void> }[] = [];

  /** A profile whose requests go through their own pair of fault proxies. */
  async function rig(): Promise<{ tcp: TcpFaultProxy; http: FaultProxy; profileId: string }> {
    const http = await startFaultProxy({ target: gateway().endpoint });
    const tcp = await startTcpFaultProxy({ target: http.endpoint });
    proxies.push(tcp, http);
    const profile = await addGatewayProfile(services, `faulty-${proxies.length}`, 0, { endpoint: tcp.endpoint, responseTimeoutSeconds: 5 });
    return { tcp, http, profileId: profile.id };
  }

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    bucket = await buckets.make('edit-faults');
  });
  afterAll(async () => {
    await Promise.all(proxies.map((p) => p.close()));
    await buckets.cleanup();
    await dispose?.();
  });

  it('a server that stops answering fails the save in words within the deadline, leaves the object as it was, and the same save goes through later', async () => {
    const { http, profileId } = await rig();
    const ref = { profileId, bucket, key: 'held.txt' };
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: ref.key, Body: 'v1' }));
    const opened = await services.textEdit.open(ref);
    // The PUT never reaches the server (the HEAD before it does): a server that stops answering mid-save.
    const held = holdRequests(isPut);
    http.setRules([held]);
    const started = Date.now();
    await expect(services.textEdit.save({ ...ref, text: 'mine', etag: opened.etag })).rejects.toMatchObject({
      code: 'Timeout',
      message: expect.stringMatching(/^The server at http:\/\/127\.0\.0\.1:\d+ is not answering: nothing came back for 5 s \(saving held\.txt\)\.$/),
    });
    // Two tries of 5 s of silence (armed up to 3 s late by the SDK), no more.
    expect(seconds(started)).toBeLessThan(16);
    expect(held.hits()).toBe(2);
    expect(await bodyOf(bucket, ref.key)).toBe('v1');

    http.setRules([]);
    const saved = await services.textEdit.save({ ...ref, text: 'mine', etag: opened.etag });
    expect(await bodyOf(bucket, ref.key)).toBe('mine');
    expect(saved.etag).toMatch(/[0-9a-f]{32}/);
  }, 30_000);

  it('a connection dropped mid-body is tried again and saved; dropped on every try, the save fails in words and the object is as it was', async () => {
    const { tcp, profileId } = await rig();
    const ref = { profileId, bucket, key: 'dropped.txt' };
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: ref.key, Body: 'v1' }));
    let opened = await services.textEdit.open(ref);
    tcp.setFaults([{ direction: 'up', afterBytes: 64 * KiB, action: 'reset', times: 1 }]);
    const first = longText('first');
    const saved = await services.textEdit.save({ ...ref, text: first, etag: opened.etag });
    expect(tcp.stats.resets).toBe(1);
    expect(await bodyOf(bucket, ref.key)).toBe(first);

    opened = { ...opened, etag: saved.etag };
    tcp.setFaults([{ direction: 'up', afterBytes: 64 * KiB, action: 'reset', times: 100 }]);
    // The kept-alive connection has carried more than 64 KiB already: the next requests go on new ones.
    tcp.dropConnections();
    const error = await services.textEdit.save({ ...ref, text: longText('second'), etag: opened.etag }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'EndpointUnreachable',
      message: expect.stringMatching(
        /^The connection to the endpoint http:\/\/127\.0\.0\.1:\d+ was cut off before the request was done \(ECONNRESET\) \(saving dropped\.txt\)\.$/,
      ),
      hint: expect.stringMatching(/^The network or the server dropped the connection/),
    });
    expect(tcp.stats.resets).toBe(4);
    expect(await bodyOf(bucket, ref.key)).toBe(first);
  }, 30_000);

  it('a save whose answer is lost is tried again; lost on every try it fails, and saving again is no conflict with itself', async () => {
    const { http, profileId } = await rig();
    const ref = { profileId, bucket, key: 'lost.txt' };
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: ref.key, Body: 'v1' }));
    const opened = await services.textEdit.open(ref);
    const once = answerLost(upTo(1, isPut), 'reset');
    http.setRules([once]);
    const saved = await services.textEdit.save({ ...ref, text: 'first', etag: opened.etag });
    expect(once.hits()).toBe(1);
    expect(await bodyOf(bucket, ref.key)).toBe('first');

    // The server stores the text each time, and its answer never comes back: the save cannot be called done.
    http.setRules([answerLost(isPut, 'reset')]);
    await expect(services.textEdit.save({ ...ref, text: 'second', etag: saved.etag })).rejects.toMatchObject({
      code: 'EndpointUnreachable',
      hint: expect.stringMatching(/Your edits are kept: save again to retry\.$/),
    });
    expect(await bodyOf(bucket, ref.key)).toBe('second');
    http.setRules([]);
    // Someone who did not send those bytes finds a change; the editor that sent them saves over its own.
    await expect(services.textEdit.saveBody(ref, Buffer.from('third'), saved.etag)).rejects.toMatchObject({ code: 'EditConflict' });
    const third = await services.textEdit.saveBody(ref, Buffer.from('third'), saved.etag, { unconfirmed: [bodyEtag(Buffer.from('second'))] });
    expect(await bodyOf(bucket, ref.key)).toBe('third');

    // Saving the same text again (the page's Save, once more) finds its own bytes there: no conflict either.
    http.setRules([answerLost(isPut, 'reset')]);
    await expect(services.textEdit.save({ ...ref, text: 'fourth', etag: third.etag })).rejects.toMatchObject({ code: 'EndpointUnreachable' });
    http.setRules([]);
    await services.textEdit.save({ ...ref, text: 'fourth', etag: third.etag });
    expect(await bodyOf(bucket, ref.key)).toBe('fourth');
  }, 40_000);

  it('a save whose answer is lost every time leaves the object its grants: still public, the owner still in full control; so does saving mine over it', async () => {
    const { http, profileId } = await rig();
    const ref = { profileId, bucket, key: 'public.txt' };
    const owner = gateway().users[0].uid;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: ref.key, Body: 'v1', ACL: 'public-read' }));
    const publicRead = await aclLinesOf(bucket, ref.key);
    expect(publicRead).toEqual([`FULL_CONTROL id=${owner}`, 'READ uri=http://acs.amazonaws.com/groups/global/AllUsers', `owner ${owner}`]);
    const opened = await services.textEdit.open(ref);
    const lost = answerLost(isObjectWrite, 'reset');
    http.setRules([lost]);
    await expect(services.textEdit.save({ ...ref, text: 'mine', etag: opened.etag })).rejects.toMatchObject({ code: 'EndpointUnreachable' });
    expect(lost.hits()).toBeGreaterThanOrEqual(1);
    http.setRules([]);
    // Past the proxy: the text is there, and so are its grants, though the save never heard back.
    expect(await bodyOf(bucket, ref.key)).toBe('mine');
    expect(await aclLinesOf(bucket, ref.key)).toEqual(publicRead);
    expect((await strangerFetch(`${gateway().endpoint}/${bucket}/${ref.key}`)).status).toBe(200);
    // The next save reads those grants and keeps them.
    await services.textEdit.saveBody(ref, Buffer.from('again'), opened.etag, { unconfirmed: [bodyEtag(Buffer.from('mine'))] });
    expect(await aclLinesOf(bucket, ref.key)).toEqual(publicRead);

    // Grants no canned ACL says (another user may read it and its ACL), saved over whatever is there.
    const other = gateway().users[1].uid;
    const acl = await s3.send(new GetObjectAclCommand({ Bucket: bucket, Key: ref.key }));
    const extra = ['READ', 'READ_ACP'].map((Permission) => ({ Grantee: { Type: 'CanonicalUser' as const, ID: other }, Permission: Permission as never }));
    await s3.send(new PutObjectAclCommand({ Bucket: bucket, Key: ref.key, AccessControlPolicy: { Owner: acl.Owner, Grants: [...acl.Grants!, ...extra] } }));
    const mixed = await aclLinesOf(bucket, ref.key);
    expect(mixed).toHaveLength(5);
    http.setRules([answerLost(isObjectWrite, 'reset')]);
    await expect(services.textEdit.save({ ...ref, text: 'mine over it' })).rejects.toMatchObject({ code: 'EndpointUnreachable' });
    http.setRules([]);
    expect(await bodyOf(bucket, ref.key)).toBe('mine over it');
    expect(await aclLinesOf(bucket, ref.key)).toEqual(mixed);
  }, 40_000);

  it('opens nothing from a body cut short: the editor never shows part of a text as the whole', async () => {
    const { http, profileId } = await rig();
    const ref = { profileId, bucket, key: 'cut.md' };
    const whole = longText('whole');
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: ref.key, Body: whole }));
    for (const end of ['close', 'reset'] as const) {
      const cut = truncateBody(isGet, 100 * KiB, end);
      http.setRules([cut]);
      await expect(services.textEdit.open(ref)).rejects.toMatchObject({ message: expect.stringMatching(/\(opening cut\.md to edit\)\.$/) });
      expect(cut.hits()).toBeGreaterThanOrEqual(1);
    }
    http.setRules([]);
    expect((await services.textEdit.open(ref)).text).toBe(whole);
  }, 30_000);
});
