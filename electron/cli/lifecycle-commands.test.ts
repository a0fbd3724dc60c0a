import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { addGatewayProfile, createTestBucket, freshServices } from '../test-support/gateway';
import { runCliOn } from '../test-support/cli-io';

const cli = runCliOn;

describe('pail lifecycle get, set and rm', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let bucket: { name: string; cleanup: () => Promise<void> };
  let target: string;

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    await addGatewayProfile(services, 'ceph');
    bucket = await createTestBucket('cli-lifecycle');
    target = `ceph:${bucket.name}`;
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
  });

  it('adds rules from flags, says them in words, replaces one by name, and get --json goes back into set --file', async () => {
    expect((await cli(services, ['lifecycle', 'get', target])).out).toBe(
      `${bucket.name} has no lifecycle rules: objects, older versions and unfinished uploads stay until deleted.\n`,
    );
    const abort = await cli(services, ['lifecycle', 'set', target, '--id', 'uploads', '--abort-incomplete-days', '7']);
    expect(abort).toMatchObject({
      code: 0,
      out: `Saved. ${bucket.name} has 1 lifecycle rule:\n  uploads: For everything in the bucket: unfinished uploads are aborted 7 days after they start.\n`,
    });
    await cli(services, ['lifecycle', 'set', target, '--id', 'logs', '--prefix', 'logs/', '--expire-days', '30', '--transition', '10:STANDARD_IA']);
    const replaced = await cli(services, ['lifecycle', 'set', target, '--id', 'logs', '--prefix', 'logs/', '--expire-days', '60', '--disabled']);
    expect(replaced.out).toContain('  logs: Off. For objects under logs/: they expire 60 days after they are written.\n');
    const json = (await cli(services, ['lifecycle', 'get', target, '--json'])).out;
    expect(JSON.parse(json).rules).toHaveLength(2);
    await cli(services, ['lifecycle', 'rm', target]);
    expect((await cli(services, ['lifecycle', 'set', target, '--file', '-'], json)).code).toBe(0);
    expect((await cli(services, ['lifecycle', 'get', target, '--json'])).out).toBe(json);
  });

  it('previews with --dry-run, explains bad flags, and removes one rule by name', async () => {
    const before = (await cli(services, ['lifecycle', 'get', target, '--json'])).out;
    const dry = await cli(services, ['lifecycle', 'set', target, '--id', 'tmp', '--expire-days', '1', '--dry-run']);
    expect(dry.out).toMatch(
      /^Would save: .* has 3 lifecycle rules:\n.*\n {2}tmp: For everything in the bucket: they expire 1 day after they are written\.\nNothing was changed/s,
    );
    expect((await cli(services, ['lifecycle', 'get', target, '--json'])).out).toBe(before);
    expect((await cli(services, ['lifecycle', 'set', target, '--id', 'x'])).err).toMatch(/Say what the rule does/);
    expect((await cli(services, ['lifecycle', 'set', target, '--id', 'x', '--expire-days', 'soon'])).err).toMatch(/--expire-days takes a whole number of days/);
    expect((await cli(services, ['lifecycle', 'set', target, '--id', 'x', '--transition', 'GLACIER'])).err).toMatch(/--transition takes DAYS:CLASS/);
    expect((await cli(services, ['lifecycle', 'rm', target, '--id', 'nope'])).err).toMatch(/has no lifecycle rule named nope/);
    const removed = await cli(services, ['lifecycle', 'rm', target, '--id', 'logs']);
    expect(removed.out).toBe(
      `Removed rule logs. ${bucket.name} has 1 lifecycle rule:\n  uploads: For everything in the bucket: unfinished uploads are aborted 7 days after they start.\n`,
    );
  });
});
