import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { addGatewayProfile, createTestBucket, freshServices, putObjects, strangerFetch } from '../test-support/gateway';
import { runCliOn } from '../test-support/cli-io';
import { UsageError } from './cli-kit';
import { parseExpiry } from './share-commands';

const cli = runCliOn;

describe('pail url, presign and acl', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let bucket: { name: string; cleanup: () => Promise<void> };
  let target: string;

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    await addGatewayProfile(services, 'ceph');
    bucket = await createTestBucket('cli-share');
    await putObjects(bucket.name, ['pics/a b.txt', 'pics/c.txt'], () => 'shared');
    target = `ceph:${bucket.name}`;
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
  });

  it('makes a folder public with acl set --recursive; its url then works anonymously; acl get says so', async () => {
    const url = (await cli(services, ['url', `${target}/pics/a b.txt`])).out.trim();
    expect(url).toMatch(/\/pics\/a%20b\.txt$/);
    expect((await strangerFetch(url)).status).toBe(403);

    const folder = await cli(services, ['acl', 'set', 'public', `${target}/pics`, '--recursive']);
    expect(folder).toMatchObject({ code: 0, out: 'Made 2 objects public.\n' });
    expect(await (await strangerFetch(url)).text()).toBe('shared');
    expect((await cli(services, ['acl', 'get', `${target}/pics/c.txt`])).out).toMatch(/^Public: anyone can read\n {2}Everyone: READ\n/m);

    expect((await cli(services, ['acl', 'set', 'private', `${target}/pics/a b.txt`])).code).toBe(0);
    expect((await strangerFetch(url)).status).toBe(403);
    expect((await cli(services, ['acl', 'set', 'public', `${target}/pics/`])).code).toBe(2);
  });

  it('refuses --style virtual on the gateway, an IP endpoint, saying why, instead of printing bucket.127.0.0.1', async () => {
    const virtual = await cli(services, ['url', `${target}/pics/c.txt`, '--style', 'virtual']);
    expect(virtual.code).toBe(2);
    expect(virtual.out).toBe('');
    expect(virtual.err).toContain(
      `--style virtual cannot work here. The endpoint is an IP address (127.0.0.1): a virtual-host URL would go to ${bucket.name}.127.0.0.1`,
    );
    expect(virtual.err).toContain('Use --style path.');
    const path = await cli(services, ['url', `${target}/pics/c.txt`, '--style', 'path']);
    expect(path.code).toBe(0);
    expect(path.out).toMatch(new RegExp(`^https?://127\\.0\\.0\\.1:\\d+/${bucket.name}/pics/c\\.txt\\n$`));
  });

  it('presigns a GET link with an expiry, and a PUT link with its curl command; refuses more than 7 days', async () => {
    const get = await cli(services, ['presign', `${target}/pics/c.txt`, '--expires', '15m']);
    expect(get.code).toBe(0);
    expect(get.out).toMatch(/X-Amz-Expires=900/);
    expect(get.err).toMatch(/^Expires .+\(\d{4}-\d\d-\d\dT/);
    expect(await (await strangerFetch(get.out.trim())).text()).toBe('shared');

    const put = await cli(services, ['presign', `${target}/up/new.json`, '--put', '--content-type', 'application/json']);
    expect(put.err).toMatch(/Upload with: curl -X PUT -T 'new.json' -H 'Content-Type: application\/json' '/);
    expect((await strangerFetch(put.out.trim(), { method: 'PUT', body: '{}', headers: { 'Content-Type': 'application/json' } })).status).toBe(200);

    const tooLong = await cli(services, ['presign', `${target}/pics/c.txt`, '--expires', '8d']);
    expect(tooLong.code).toBe(2);
    expect(tooLong.err).toMatch(/at most 7 days/);
  });

  it('presigns an upload link that enforces --acl and --content-type, printing the curl line that sends them', async () => {
    const put = await cli(services, ['presign', `${target}/up/pic.png`, '--put', '--acl', 'public-read', '--content-type', 'image/png']);
    expect(put.code).toBe(0);
    const url = put.out.trim();
    expect(put.err).toContain(`Upload with: curl -X PUT -T 'pic.png' -H 'Content-Type: image/png' -H 'x-amz-acl: public-read' '${url}'\n`);
    expect((await strangerFetch(url, { method: 'PUT', body: 'png', headers: { 'Content-Type': 'image/png' } })).status).toBe(403);
    expect((await strangerFetch(url, { method: 'PUT', body: 'png', headers: { 'Content-Type': 'image/png', 'x-amz-acl': 'public-read' } })).status).toBe(200);
    const plain = (await cli(services, ['url', `${target}/up/pic.png`])).out.trim();
    const anyone = await strangerFetch(plain);
    expect([anyone.status, anyone.headers.get('content-type'), await anyone.text()]).toEqual([200, 'image/png', 'png']);

    const wrong = await cli(services, ['presign', `${target}/up/pic.png`, '--put', '--acl', 'public']);
    expect(wrong).toMatchObject({ code: 2, out: '' });
    expect(wrong.err).toContain('--acl is public-read or private.');
    expect((await cli(services, ['presign', `${target}/up/pic.png`, '--acl', 'private'])).err).toContain('--acl is for upload links: add --put.');
  });

  it('reads durations', () => {
    expect([parseExpiry('90s'), parseExpiry('15m'), parseExpiry('1h'), parseExpiry('7d'), parseExpiry('3600')]).toEqual([90, 900, 3600, 604_800, 3600]);
    // A usage error: exit 2 with the usage.
    expect(() => parseExpiry('soon')).toThrow(UsageError);
    expect(() => parseExpiry('soon')).toThrow(/like 15m/);
  });
});
