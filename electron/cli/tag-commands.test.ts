import { GetObjectTaggingCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { addGatewayProfile, createTestBucket, freshServices, putObjects, rawClient } from '../test-support/gateway';
import { runCliOn } from '../test-support/cli-io';

const cli = runCliOn;

// A key with unicode, URL-special characters and a space: tags go in the query string of the key's URL.
const KEY = 'fotos/año +%#?.jpg';

describe('pail tag get and set', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let bucket: { name: string; cleanup: () => Promise<void> };
  let target: string;

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    await addGatewayProfile(services, 'ceph');
    bucket = await createTestBucket('cli-tags');
    await putObjects(bucket.name, [KEY]);
    target = `ceph:${bucket.name}`;
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
  });

  it('adds, changes and removes an object’s tags by name, saying what changed; the server has exactly them', async () => {
    expect((await cli(services, ['tag', 'get', `${target}/${KEY}`])).out).toBe(`${KEY} has no tags.\n`);
    expect((await cli(services, ['tag', 'set', `${target}/${KEY}`, 'team=web', 'tier=hot'])).out).toBe(
      `Saved: adds team=web, tier=hot.\n${KEY}:\n  team=web\n  tier=hot\n`,
    );
    const change = await cli(services, ['tag', 'set', `${target}/${KEY}`, 'tier=cold', '--remove', 'team']);
    expect(change.out).toBe(`Saved: changes tier from "hot" to "cold"; removes team.\n${KEY}:\n  tier=cold\n`);
    const raw = await rawClient().send(new GetObjectTaggingCommand({ Bucket: bucket.name, Key: KEY }));
    expect(raw.TagSet).toEqual([{ Key: 'tier', Value: 'cold' }]);
    const dry = await cli(services, ['tag', 'set', `${target}/${KEY}`, '--clear', '--dry-run']);
    expect(dry.out).toBe('Would save: removes tier.\nNothing was changed (--dry-run).\n');
    expect((await cli(services, ['tag', 'set', `${target}/${KEY}`, '--clear'])).out).toBe(`Saved: removes tier.\n${KEY} has no tags.\n`);
  });

  it('tags the bucket itself, and --json goes back into set --file', async () => {
    expect((await cli(services, ['tag', 'get', target])).out).toBe(`${bucket.name} has no tags.\n`);
    await cli(services, ['tag', 'set', target, 'cost-center=42', 'owner=ann@example.com']);
    const json = (await cli(services, ['tag', 'get', target, '--json'])).out;
    expect(JSON.parse(json)).toEqual({
      tags: expect.arrayContaining([
        { key: 'cost-center', value: '42' },
        { key: 'owner', value: 'ann@example.com' },
      ]),
    });
    await cli(services, ['tag', 'set', target, '--clear']);
    expect((await cli(services, ['tag', 'set', target, '--file', '-'], json)).code).toBe(0);
    expect(JSON.parse((await cli(services, ['tag', 'get', target, '--json'])).out).tags).toHaveLength(2);
  });

  it('explains tags S3 would refuse before sending them', async () => {
    expect((await cli(services, ['tag', 'set', `${target}/${KEY}`, 'bad#name=1'])).err).toMatch(/Tag names and values hold letters, digits, spaces/);
    expect((await cli(services, ['tag', 'set', `${target}/${KEY}`, 'novalue'])).err).toMatch(/Give each tag as NAME=VALUE/);
    expect((await cli(services, ['tag', 'set', `${target}/${KEY}`, '--remove', 'nothing'])).err).toMatch(/There is no tag named nothing/);
    const eleven = Array.from({ length: 11 }, (_, i) => `k${i}=v`);
    expect((await cli(services, ['tag', 'set', `${target}/${KEY}`, ...eleven])).err).toMatch(/An object holds at most 10 tags/);
    expect((await cli(services, ['tag', 'get', `${target}/missing.txt`])).err).toMatch(/NoSuchKey/);
  });
});
