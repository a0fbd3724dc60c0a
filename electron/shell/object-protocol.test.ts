import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OBJECT_CSP } from '../../shared/csp';
import type { AppServices } from '../app-services';
import { objectProtocolResponse } from './object-protocol';
import { addGatewayProfile, createTestBucket, freshServices, rawClient } from '../test-support/gateway';

describe('pail-object:// requests answered from the gateway', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let profileId: string;
  let bucket: { name: string; cleanup: () => Promise<void> };
  const body = 'abcdefghijklmnopqrstuvwxyz';
  const open = (...args: Parameters<AppServices['streams']['open']>) => services.streams.open(...args);
  const request = (ticket: string, init?: RequestInit) => new Request(`pail-object://o/${ticket}`, init);

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    profileId = (await addGatewayProfile(services)).id;
    bucket = await createTestBucket('objproto');
    await rawClient().send(new PutObjectCommand({ Bucket: bucket.name, Key: 'clip.txt', Body: body, ContentType: 'text/plain' }));
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
  });

  it('streams the whole object with its type and the preview CSP', async () => {
    const ticket = services.streams.issue({ profileId, bucket: bucket.name, key: 'clip.txt' });
    const response = await objectProtocolResponse(request(ticket), open, OBJECT_CSP);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-security-policy')).toBe(OBJECT_CSP);
    expect(await response.text()).toBe(body);
  });

  it('answers a Range request with 206 and only those bytes (media seeking), and 416 past the end', async () => {
    const ticket = services.streams.issue({ profileId, bucket: bucket.name, key: 'clip.txt' });
    const part = await objectProtocolResponse(request(ticket, { headers: { Range: 'bytes=3-6' } }), open, OBJECT_CSP);
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 3-6/${body.length}`);
    expect(await part.text()).toBe('defg');
    const tail = await objectProtocolResponse(request(ticket, { headers: { Range: 'bytes=-3' } }), open, OBJECT_CSP);
    expect(await tail.text()).toBe('xyz');
    const past = await objectProtocolResponse(request(ticket, { headers: { Range: 'bytes=1000-' } }), open, OBJECT_CSP);
    expect(past.status).toBe(416);
  });

  it('answers HEAD with the headers and no body', async () => {
    const ticket = services.streams.issue({ profileId, bucket: bucket.name, key: 'clip.txt' });
    const response = await objectProtocolResponse(request(ticket, { method: 'HEAD' }), open, OBJECT_CSP);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(body.length));
    expect(response.body).toBeNull();
  });

  it('says in words when the link expired, the object is gone, or the profile is gone', async () => {
    const expired = await objectProtocolResponse(request('no-such-ticket'), open, OBJECT_CSP);
    expect(expired.status).toBe(404);
    expect(await expired.text()).toMatch(/expired/);
    const missing = await objectProtocolResponse(request(services.streams.issue({ profileId, bucket: bucket.name, key: 'gone.txt' })), open, OBJECT_CSP);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/^NoSuchKey: The object does not exist/);
    const orphan = services.streams.issue({ profileId: 'deleted-profile', bucket: bucket.name, key: 'clip.txt' });
    const noProfile = await objectProtocolResponse(request(orphan), open, OBJECT_CSP);
    expect(noProfile.status).toBe(502);
    expect(await noProfile.text()).toMatch(/^Could not read the object: /);
  });

  it('refuses other methods, hosts and malformed tickets without asking the server', async () => {
    let asked = 0;
    const counting = (...args: Parameters<typeof open>) => {
      asked += 1;
      return open(...args);
    };
    expect((await objectProtocolResponse(request('abc', { method: 'PUT', body: 'x' }), counting, OBJECT_CSP)).status).toBe(405);
    expect((await objectProtocolResponse(new Request('pail-object://evil/abc'), counting, OBJECT_CSP)).status).toBe(404);
    expect((await objectProtocolResponse(request('a%2Fb'), counting, OBJECT_CSP)).status).toBe(404);
    expect(asked).toBe(0);
  });

  it('ends the S3 request when the page drops the answer (cancelled body)', async () => {
    const big = 'x'.repeat(4 * 1024 * 1024);
    await rawClient().send(new PutObjectCommand({ Bucket: bucket.name, Key: 'big.bin', Body: big }));
    const ticket = services.streams.issue({ profileId, bucket: bucket.name, key: 'big.bin' });
    let stream: NodeJS.ReadableStream | undefined;
    const watching = async (...args: Parameters<typeof open>) => {
      const answer = await open(...args);
      stream = answer.body;
      return answer;
    };
    const response = await objectProtocolResponse(request(ticket), watching, OBJECT_CSP);
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    await expect.poll(() => (stream as unknown as { destroyed: boolean }).destroyed).toBe(true);
  });
});
