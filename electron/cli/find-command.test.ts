import { PutObjectTaggingCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { addGatewayProfile, createTestBucket, freshServices, putObjects, rawClient } from '../test-support/gateway';
import { runCliOn } from '../test-support/cli-io';

const cli = runCliOn;

describe('pail find', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let bucket: { name: string; cleanup: () => Promise<void> };
  let target: string;

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    await addGatewayProfile(services, 'ceph');
    bucket = await createTestBucket('cli-find');
    await putObjects(bucket.name, ['logs/2026/Report-1.csv', 'logs/report-2.csv', 'logs/other.txt', 'logs/reports/', 'top-report.csv']);
    for (const key of ['logs/2026/Report-1.csv', 'logs/other.txt', 'top-report.csv'])
      await rawClient().send(new PutObjectTaggingCommand({ Bucket: bucket.name, Key: key, Tagging: { TagSet: [{ Key: 'keep', Value: 'yes' }] } }));
    target = `ceph:${bucket.name}`;
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
  });

  it('prints the keys below a prefix whose names match, one per line, with the summary on stderr', async () => {
    const result = await cli(services, ['find', `${target}/logs/`, 'report']);
    expect(result.code).toBe(0);
    expect(result.out.split('\n').filter(Boolean).sort()).toEqual(['logs/2026/Report-1.csv', 'logs/report-2.csv', 'logs/reports/']);
    expect(result.err).toBe('Found 3 matches in 4 objects.\n');
  });

  it('finds by tag, alone or with a name, and prints JSON lines with --json', async () => {
    const tagged = await cli(services, ['find', target, '--tag', 'keep=yes']);
    expect(tagged.out.split('\n').filter(Boolean).sort()).toEqual(['logs/2026/Report-1.csv', 'logs/other.txt', 'top-report.csv']);
    const both = await cli(services, ['find', `${target}/logs/`, 'report', '--tag', 'keep', '--json']);
    expect(
      both.out
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([{ key: 'logs/2026/Report-1.csv', size: expect.any(Number), lastModified: expect.any(String) }]);
    expect((await cli(services, ['find', target, '--tag', 'keep=no'])).err).toBe('Found 0 matches in 5 objects.\n');
  });

  it('asks what to find, and refuses an empty tag name', async () => {
    expect(await cli(services, ['find', target])).toMatchObject({
      code: 2,
      err: expect.stringContaining('Say what to find: TEXT in names, or --tag NAME[=VALUE].'),
    });
    expect((await cli(services, ['find', target, '--tag', '=x'])).err).toContain('Name the tag to search for.');
  });
});
