import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetPublicAccessBlockCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { addGatewayProfile, createTestBucket, freshServices, rawClient } from '../test-support/gateway';
import { runCliOn } from '../test-support/cli-io';

const cli = runCliOn;

describe('pail public-access get, set and rm', () => {
  let services: AppServices;
  let dataDir: string;
  let dispose: () => Promise<void>;
  let bucket: { name: string; cleanup: () => Promise<void> };
  let target: string;
  const onServer = async () => (await rawClient().send(new GetPublicAccessBlockCommand({ Bucket: bucket.name }))).PublicAccessBlockConfiguration;

  beforeAll(async () => {
    ({ services, dataDir, dispose } = await freshServices());
    await addGatewayProfile(services, 'ceph');
    bucket = await createTestBucket('cli-pab');
    target = `ceph:${bucket.name}`;
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
  });

  it('turns switches on and off by name, says what changed, and get --json goes back into set --file', async () => {
    expect((await cli(services, ['public-access', 'get', target])).out).toBe(
      `${bucket.name}: Block Public Access is off: ACLs and policies may make this bucket’s objects public.\n` +
        '  Block public ACLs: off\n  Ignore public ACLs: off\n  Block public policies: off\n  Restrict public buckets: off\n',
    );
    const dry = await cli(services, ['public-access', 'set', target, '--all', 'on', '--dry-run']);
    expect(dry.out).toBe(
      'Would save: Turns on block public ACLs, ignore public ACLs, block public policies, restrict public buckets.\nNothing was changed (--dry-run).\n',
    );
    const set = await cli(services, ['public-access', 'set', target, '--block-acls', 'on', '--block-policy', 'on']);
    expect(set.out).toMatch(
      /^Saved: Turns on block public ACLs, block public policies\.\n.*: Block Public Access: new public ACLs \(Public, public-read uploads\) are refused \(Ceph-based storage refuses every upload\); a bucket policy that opens the bucket to anyone is refused\.\n/,
    );
    expect(await onServer()).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: false });

    const json = (await cli(services, ['public-access', 'get', target, '--json'])).out;
    expect(JSON.parse(json)).toEqual({ blockPublicAcls: true, ignorePublicAcls: false, blockPublicPolicy: true, restrictPublicBuckets: false });
    expect((await cli(services, ['public-access', 'rm', target])).out).toMatch(
      /^Removed the configuration: turns off block public ACLs, block public policies\.\n/,
    );
    const file = join(dataDir, 'pab.json');
    await writeFile(file, json);
    expect((await cli(services, ['public-access', 'set', target, '--file', file])).out).toMatch(/^Saved: Turns on block public ACLs, block public policies\./);
    expect(await onServer()).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: false });
    await cli(services, ['public-access', 'rm', target]);
  });

  it('refuses a command line that says nothing, or a switch that is not on or off, with one line and the usage', async () => {
    expect(await cli(services, ['public-access', 'set', target])).toMatchObject({ code: 2, err: expect.stringContaining('Say what to change') });
    expect(await cli(services, ['public-access', 'set', target, '--block-acls', 'yes'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('--block-acls takes on or off.'),
    });
    expect(await cli(services, ['public-access', 'get', `${target}/key`])).toMatchObject({ code: 2, err: expect.stringContaining('without a key') });
  });
});
