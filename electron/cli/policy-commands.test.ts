import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { addGatewayProfile, createTestBucket, freshServices, gateway, putObjects, strangerFetch } from '../test-support/gateway';
import { runCliOn } from '../test-support/cli-io';

const cli = runCliOn;

describe('pail policy get, set and rm', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let bucket: { name: string; cleanup: () => Promise<void> };
  let target: string;
  const anonymous = (key: string) => strangerFetch(`${gateway().endpoint}/${bucket.name}/${key}`).then((answer) => answer.status);

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    await addGatewayProfile(services, 'ceph');
    bucket = await createTestBucket('cli-policy');
    await putObjects(bucket.name, ['pub/a.txt', 'b.txt']);
    target = `ceph:${bucket.name}`;
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
  });

  it('sets a template, says it in words, works for anyone under the prefix only, and --json goes back into set --file', async () => {
    expect((await cli(services, ['policy', 'get', target])).out).toMatch(/has no policy/);
    expect((await cli(services, ['policy', 'get', target, '--json'])).out).toBe('null\n');
    const dry = await cli(services, ['policy', 'set', target, '--template', 'public-read', '--prefix', 'pub/', '--dry-run']);
    expect(dry.out).toBe(
      `Would save a policy. The policy of ${bucket.name} says:\n  - Anyone may read objects under pub/.\nNothing was changed (--dry-run).\n`,
    );
    expect(await anonymous('pub/a.txt')).toBe(403);
    const set = await cli(services, ['policy', 'set', target, '--template', 'public-read', '--prefix', 'pub/']);
    expect(set).toMatchObject({ code: 0, out: `Saved. The policy of ${bucket.name} says:\n  - Anyone may read objects under pub/.\n` });
    expect(await anonymous('pub/a.txt')).toBe(200);
    expect(await anonymous('b.txt')).toBe(403);
    const json = (await cli(services, ['policy', 'get', target, '--json'])).out;
    expect((await cli(services, ['policy', 'rm', target])).out).toBe(`Removed the policy of ${bucket.name}.\n`);
    expect(await anonymous('pub/a.txt')).toBe(403);
    expect((await cli(services, ['policy', 'set', target, '--file', '-'], json)).code).toBe(0);
    expect(await anonymous('pub/a.txt')).toBe(200);
    await cli(services, ['policy', 'rm', target]);
  });

  it('explains a policy that is not one, and a template missing what it needs', async () => {
    expect((await cli(services, ['policy', 'set', target, '--file', '-'], '{"Statement": {"Effect": "Allow"}}')).err).toMatch(
      /That is not a bucket policy\. Statement 1 needs an "Action"/,
    );
    expect((await cli(services, ['policy', 'set', target, '--template', 'read-only'])).err).toMatch(/needs --principal/);
    expect((await cli(services, ['policy', 'set', target, '--template', 'everything'])).err).toMatch(/--template is public-read, read-only or deny-insecure/);
  });
});
