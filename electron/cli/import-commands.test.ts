import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { freshServices } from '../test-support/gateway';
import { capturedIo } from '../test-support/cli-io';
import { runCommandLine, UsageError } from './cli-kit';
import { IMPORT_COMMANDS, IMPORT_USAGE } from './import-commands';

const FIXTURES = fileURLToPath(new URL('../services/__fixtures__/import/', import.meta.url));
const AWS_DIR = join(FIXTURES, 'aws');
const RCLONE_FILE = join(FIXTURES, 'rclone.conf');

/** Runs one command with captured output; errors are returned, not thrown. */
async function run(services: AppServices, command: string, args: string[]) {
  const captured = capturedIo();
  let error: unknown;
  try {
    await runCommandLine(command, IMPORT_COMMANDS[command], services, args, captured.io);
  } catch (caught) {
    error = caught;
  }
  return { out: captured.out(), err: captured.err(), error };
}

describe('pail profile import / export', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;

  beforeEach(async () => {
    ({ services, dispose } = await freshServices());
  });
  afterEach(() => dispose?.());

  it('has usage lines for both commands', () => {
    expect(IMPORT_USAGE).toContain('pail profile import aws|rclone [--path P] [--yes] [--only NAME,NAME]');
    expect(IMPORT_USAGE).toContain('pail profile export NAME [--output FILE]');
  });

  it('previews an AWS import as a table and creates nothing without --yes', async () => {
    const { out, error } = await run(services, 'profile import', ['aws', '--path', AWS_DIR]);
    expect(error).toBeUndefined();
    expect(out).toContain(`Read ${join(AWS_DIR, 'credentials')} and ${join(AWS_DIR, 'config')}.`);
    expect(out).toMatch(/^\s+SOURCE\s+NAME\s+PROVIDER\s+ENDPOINT\s+REGION$/m);
    expect(out).toMatch(/^ok\s+default\s+AWS default\s+aws\s+https:\/\/s3\.eu-west-1\.amazonaws\.com\s+eu-west-1$/m);
    expect(out).toMatch(/^ok\s+linode\s+linode\s+linode\s+https:\/\/us-east-1\.linodeobjects\.com\s+us-east-1$/m);
    expect(out).toMatch(/^x\s+sso-dev\s+sso-dev\s+aws\s+/m);
    expect(out).toMatch(/^\s+problem: This profile gets its keys from AWS SSO/m);
    expect(out).toMatch(/^\s+warning: These are temporary credentials/m);
    expect(out).toMatch(/\nNothing was imported\. Re-run with --yes to create the 6 profile\(s\) marked ok\.\n2 with problems \(marked x\) cannot be imported/);
    expect(await services.profiles.list()).toEqual([]);
  });

  it('creates the chosen profiles with --yes --only, never the ones with problems, and never overwrites', async () => {
    await services.profiles.create({
      name: 'wasabi',
      endpoint: 'https://keep.example.com',
      region: 'keep-1',
      accessKeyId: 'KEEP',
      secretAccessKey: 'keep-secret',
    });
    const { out, err, error } = await run(services, 'profile import', ['aws', '--path', AWS_DIR, '--yes', '--only', 'linode,wasabi,broken']);
    expect(error).toBeUndefined();
    expect(out).toMatch(/note: a profile called "wasabi" exists already; this one will be "wasabi \(imported\)"/);
    expect(out).toContain('Created profile "linode" (https://us-east-1.linodeobjects.com, us-east-1).');
    expect(out).toContain('Created profile "wasabi (imported)" (https://s3.eu-central-2.wasabisys.com, eu-central-2).');
    expect(out).toMatch(/^1 with problems \(marked x\) cannot be imported until they are fixed in the source\.$/m);
    expect(err).toMatch(/^Note: /);
    expect((await services.profiles.list()).map((p) => p.name)).toEqual(['wasabi', 'linode', 'wasabi (imported)']);
    expect((await services.profiles.withSecret('linode')).secretAccessKey).toBe('lnSecretEXAMPLE8f3kZ1qP9vB2nM7xC4dR6tY0uW');
    expect(await services.profiles.withSecret('wasabi')).toMatchObject({ profile: { endpoint: 'https://keep.example.com' }, secretAccessKey: 'keep-secret' });
    for (const secret of ['lnSecretEXAMPLE8f3kZ1qP9vB2nM7xC4dR6tY0uW', 'wsbSecretEXAMPLEq7Lm2Np4Rs6Tu8Vw0Xy3Za5Bc']) {
      expect(out + err).not.toContain(secret);
    }
  });

  it('imports rclone remotes, and refuses names the source does not have', async () => {
    const { out, error } = await run(services, 'profile import', ['rclone', '--path', RCLONE_FILE, '--yes']);
    expect(error).toBeUndefined();
    expect(out).not.toMatch(/gdrive|vault/);
    expect(out).toMatch(/^x\s+ec2-role\s+/m);
    expect((await services.profiles.list()).map((p) => p.name)).toEqual(['aws-backup', 'ceph-lab', 'r2-media', 'wasabi-archive']);

    const unknown = await run(services, 'profile import', ['rclone', '--path', RCLONE_FILE, '--only', 'gdrive']);
    expect(unknown.error).toMatchObject({
      code: 'InvalidRequest',
      message: expect.stringMatching(/has no profile called "gdrive"/),
      hint: expect.stringMatching(/It has: aws-backup, ceph-lab/),
    });
  });

  it('rejects a bad command line and reports a missing source', async () => {
    expect((await run(services, 'profile import', [])).error).toBeInstanceOf(UsageError);
    expect((await run(services, 'profile import', ['s3cmd'])).error).toBeInstanceOf(UsageError);
    const missing = await run(services, 'profile import', ['aws', '--path', join(FIXTURES, 'nowhere')]);
    expect(missing.error).toMatchObject({ code: 'InvalidRequest', message: expect.stringContaining(join(FIXTURES, 'nowhere', 'credentials')) });
  });

  it('exports a profile as JSON to stdout, or to a new file it never overwrites', async () => {
    await services.profiles.create({
      name: 'Work',
      endpoint: 'https://fr-par-1.linodeobjects.com',
      region: 'fr-par-1',
      accessKeyId: 'AKWORK',
      secretAccessKey: 'work-secret-value',
    });
    const printed = await run(services, 'profile export', ['work']);
    expect(printed.error).toBeUndefined();
    expect(JSON.parse(printed.out)).toMatchObject({
      pail: { kind: 'profile', version: 1 },
      profile: { name: 'Work', endpoint: 'https://fr-par-1.linodeobjects.com' },
    });
    expect(printed.out).not.toContain('work-secret-value');

    const dir = await mkdtemp(join(tmpdir(), 'pail-export-'));
    try {
      const file = join(dir, 'work.json');
      const written = await run(services, 'profile export', ['Work', '--output', file]);
      expect(written.out).toBe(`Exported profile "Work" to ${file} (settings only, no secret).\n`);
      expect(await readFile(file, 'utf8')).toBe(printed.out);

      await writeFile(file, 'keep me');
      const again = await run(services, 'profile export', ['Work', '--output', file]);
      expect(again.error).toMatchObject({ code: 'InvalidRequest', message: `${file} exists already; it was left as it is.` });
      expect(await readFile(file, 'utf8')).toBe('keep me');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }

    expect((await run(services, 'profile export', [])).error).toBeInstanceOf(UsageError);
    expect((await run(services, 'profile export', ['nobody'])).error).toMatchObject({ code: 'ProfileNotFound' });
  });
});
