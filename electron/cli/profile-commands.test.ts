import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../app-services';
import { capturedIo } from '../test-support/cli-io';
import { gateway } from '../test-support/gateway';
import { runCli } from './commands';

/**
 * Damaged data files, as a user meets them in the CLI: each run is a fresh set
 * of services over one real data folder, as each `pail` command is.
 */
describe('pail profile commands with damaged data files', () => {
  let dataDir: string;
  let profilesPath: string;
  let secretsPath: string;

  async function pail(argv: string[], stdin = '') {
    const captured = capturedIo(stdin);
    const code = await runCli(argv, () => createAppServices(dataDir, { PAIL_SECRET_STORE: 'file' }, { report: () => undefined }), captured.io);
    return { code, out: captured.out(), err: captured.err() };
  }

  /** Adds a profile for the test gateway (its real keys). */
  async function addGatewayProfile(name: string) {
    const { endpoint, region, users } = gateway();
    const added = await pail(
      [
        'profile',
        'add',
        '--name',
        name,
        '--endpoint',
        endpoint,
        '--region',
        region,
        '--access-key-id',
        users[0].accessKeyId,
        '--secret-access-key-stdin',
        '--path-style',
      ],
      users[0].secretAccessKey,
    );
    expect(added.code).toBe(0);
  }

  async function addOtherProfile(name: string, secret = `${name}-secret`) {
    const added = await pail(
      [
        'profile',
        'add',
        '--name',
        name,
        '--provider',
        'linode',
        '--region',
        'fr-par-1',
        '--access-key-id',
        `AKID${name.toUpperCase()}`,
        '--secret-access-key-stdin',
      ],
      secret,
    );
    expect(added.code).toBe(0);
  }

  const profilesFile = async () => JSON.parse(await readFile(profilesPath, 'utf8')) as { profiles: Record<string, unknown>[] };

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pail-damaged-'));
    profilesPath = join(dataDir, 'profiles.json');
    secretsPath = join(dataDir, 'secrets.json');
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('names a truncated profiles.json, says where it breaks and what to do, and never writes over it', async () => {
    await addOtherProfile('paris');
    await addOtherProfile('amsterdam');
    const full = await readFile(profilesPath, 'utf8');
    const truncated = full.slice(0, 300);
    await writeFile(profilesPath, truncated);

    const list = await pail(['profile', 'list']);
    expect(list.code).toBe(1);
    expect(list.err).toContain(`pail: DataFileDamaged: ${profilesPath} is not valid JSON`);
    expect(list.err).toMatch(/line \d+, column \d+/);
    // The last good version is named as the way back.
    expect(list.err).toContain('pail profile restore-backup');
    expect(list.err).toContain(`${profilesPath}.bak`);

    const add = await pail(
      ['profile', 'add', '--name', 'berlin', '--provider', 'linode', '--region', 'de-fra-2', '--access-key-id', 'AKIDB', '--secret-access-key-stdin'],
      'berlin-secret',
    );
    expect(add.code).toBe(1);
    expect(add.err).toContain(`pail: DataFileDamaged: ${profilesPath}`);
    expect(add.err).toMatch(/did not save|left .* untouched|as it is/);
    expect(await readFile(profilesPath, 'utf8')).toBe(truncated);
    // The secret of the refused profile was not left behind either.
    expect(await readFile(secretsPath, 'utf8')).not.toContain('berlin-secret');
  });

  it('names an empty profiles.json as damaged rather than starting over', async () => {
    await addOtherProfile('paris');
    await writeFile(profilesPath, '');
    const list = await pail(['profile', 'list']);
    expect(list.code).toBe(1);
    expect(list.err).toContain(`pail: DataFileDamaged: ${profilesPath} is empty`);
    const rm = await pail(['profile', 'rm', 'paris']);
    expect(rm.code).toBe(1);
    expect(await readFile(profilesPath, 'utf8')).toBe('');
  });

  it('shows an entry with wrong types as damaged while the other profiles keep working', async () => {
    await addGatewayProfile('ceph');
    await addOtherProfile('paris');
    await addOtherProfile('tokyo');
    const file = await profilesFile();
    file.profiles[1].name = 42;
    file.profiles[2].endpoint = 'not a url';
    await writeFile(profilesPath, JSON.stringify(file, null, 2));

    const list = await pail(['profile', 'list']);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^ceph\s+other\s+http/m);
    expect(list.out).toMatch(/^! entry 2 is damaged: name: expected a string, got a number\b/m);
    expect(list.out).toMatch(/^! entry 3 \("tokyo"\) is damaged: endpoint: /m);

    // The good profile still reaches its server.
    const ls = await pail(['ls', 'ceph:']);
    expect(ls.code).toBe(0);
    // The damaged one is named as damaged, not as missing.
    const tokyo = await pail(['ls', 'tokyo:']);
    expect(tokyo.code).toBe(1);
    expect(tokyo.err).toContain(`pail: DataFileDamaged: Profile "tokyo" (entry 3 in ${profilesPath}) is damaged: endpoint:`);

    // A change to a good profile keeps the damaged entries as they were.
    expect((await pail(['profile', 'edit', 'ceph', '--region', 'us-east-1'])).code).toBe(0);
    const after = await profilesFile();
    expect(after.profiles[1].name).toBe(42);
    expect(after.profiles[2].endpoint).toBe('not a url');

    // A damaged entry can be removed by the key the list shows.
    const key = /pail profile rm (\S+)/.exec(list.out.split('\n').find((l) => l.startsWith('! entry 2'))!)![1];
    const removed = await pail(['profile', 'rm', key]);
    expect(removed.code).toBe(0);
    expect(removed.out).toMatch(/Removed damaged entry 2/);
    expect((await profilesFile()).profiles).toHaveLength(2);
  });

  it('does not count unknown extra fields as damage, and keeps them on the next write', async () => {
    await addOtherProfile('paris');
    const file = await profilesFile();
    (file as Record<string, unknown>).writtenBy = 'a newer Pail';
    file.profiles[0].futureSetting = { speed: 'fast' };
    await writeFile(profilesPath, JSON.stringify(file));

    const list = await pail(['profile', 'list']);
    expect(list.code).toBe(0);
    expect(list.out).not.toMatch(/damaged/i);
    await addOtherProfile('tokyo');
    const after = await profilesFile();
    expect((after as Record<string, unknown>).writtenBy).toBe('a newer Pail');
    expect(after.profiles[0].futureSetting).toEqual({ speed: 'fast' });
  });

  it('refuses to add a profile when secrets.json is not an object, instead of dropping the secret', async () => {
    await writeFile(secretsPath, '[]', { mode: 0o600 });
    const add = await pail(
      ['profile', 'add', '--name', 'paris', '--provider', 'linode', '--region', 'fr-par-1', '--access-key-id', 'AKIDP', '--secret-access-key-stdin'],
      'paris-secret',
    );
    expect(add.code).toBe(1);
    expect(add.out).not.toMatch(/Added/);
    expect(add.err).toContain(`pail: DataFileDamaged: ${secretsPath} is damaged: it is a list, where Pail keeps an object`);
    expect(await readFile(secretsPath, 'utf8')).toBe('[]');
    expect((await pail(['profile', 'list'])).out).toMatch(/No profiles yet/);
  });

  it('names a numeric secret as damaged, in the list and when the profile is used', async () => {
    await addGatewayProfile('ceph');
    const secrets = JSON.parse(await readFile(secretsPath, 'utf8')) as Record<string, unknown>;
    const [id] = Object.keys(secrets);
    await writeFile(secretsPath, JSON.stringify({ [id]: 12345 }));

    const ls = await pail(['ls', 'ceph:']);
    expect(ls.code).toBe(1);
    expect(ls.err).toContain(`pail: SecretDamaged: The secret of profile "ceph" (entry "${id}" in ${secretsPath}) is not text: it is a number.`);
    expect(ls.err).toMatch(/pail profile edit ceph --secret-access-key-stdin/);

    const list = await pail(['profile', 'list']);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^ceph .* secret UNREADABLE/m);
  });

  it('says when profile rm could not remove the secret, and where it stayed', async () => {
    await addOtherProfile('paris');
    const secrets = await readFile(secretsPath, 'utf8');
    const damaged = secrets.slice(0, -3);
    await writeFile(secretsPath, damaged);

    const rm = await pail(['profile', 'rm', 'paris']);
    expect(rm.code).toBe(1);
    expect(rm.out).toMatch(/^Deleted profile "paris"\.$/m);
    expect(rm.out).not.toMatch(/and its secret/);
    expect(rm.err).toContain(`Its secret was NOT removed: it stays in ${secretsPath}`);
    expect(rm.err).toMatch(/not valid JSON/);
    expect(await readFile(secretsPath, 'utf8')).toBe(damaged);

    // Adding another profile would need the damaged file: refused, by name.
    const add = await pail(
      ['profile', 'add', '--name', 'tokyo', '--provider', 'linode', '--region', 'jp-osa-1', '--access-key-id', 'AKIDT', '--secret-access-key-stdin'],
      'tokyo-secret',
    );
    expect(add.code).toBe(1);
    expect(add.err).toContain(`pail: DataFileDamaged: ${secretsPath} is not valid JSON`);
  });

  it('says a removed profile took its secret with it', async () => {
    await addOtherProfile('paris', 'paris-secret-value');
    await addOtherProfile('tokyo');
    const rm = await pail(['profile', 'rm', 'paris']);
    expect(rm.code).toBe(0);
    expect(rm.out).toMatch(/Deleted profile "paris" and its secret/);
    // Neither the file nor its backup keeps the removed secret.
    expect(await readFile(secretsPath, 'utf8')).not.toContain('paris-secret-value');
    expect(await readFile(`${secretsPath}.bak`, 'utf8')).not.toContain('paris-secret-value');
  });

  it('keeps a private .bak of the last good version on every write, and restores it on request', async () => {
    await addOtherProfile('paris');
    expect((await readdir(dataDir)).filter((n) => n.endsWith('.bak'))).toEqual([]);
    await addOtherProfile('tokyo');
    const bak = JSON.parse(await readFile(`${profilesPath}.bak`, 'utf8')) as { profiles: { name: string }[] };
    expect(bak.profiles.map((p) => p.name)).toEqual(['paris']);
    expect((await stat(`${profilesPath}.bak`)).mode & 0o777).toBe(0o600);
    expect((await stat(`${secretsPath}.bak`)).mode & 0o777).toBe(0o600);
    expect(await readFile(`${secretsPath}.bak`, 'utf8')).toContain('paris-secret');

    await writeFile(profilesPath, '{"version":1,"profiles":[{"id":');
    const restore = await pail(['profile', 'restore-backup']);
    expect(restore.code).toBe(0);
    const aside = (await readdir(dataDir)).find((n) => /^profiles\.json\.damaged-\d{8}-\d{6}$/.test(n));
    expect(aside).toBeDefined();
    expect(restore.out).toContain(`Restored ${profilesPath} from ${profilesPath}.bak`);
    expect(restore.out).toContain(join(dataDir, aside!));
    expect(await readFile(join(dataDir, aside!), 'utf8')).toBe('{"version":1,"profiles":[{"id":');
    const list = await pail(['profile', 'list']);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^paris /m);

    // Nothing damaged: nothing is restored, and the command says so.
    const again = await pail(['profile', 'restore-backup']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/pail: NothingToRestore: /);
  });

  it('makes a readable secrets.json and data folder private at start-up, and says so once', async () => {
    await addOtherProfile('paris');
    await chmod(secretsPath, 0o644);
    await chmod(dataDir, 0o755);
    const notes: string[] = [];
    await createAppServices(dataDir, { PAIL_SECRET_STORE: 'file' }, { report: (line) => notes.push(line) });
    expect((await stat(secretsPath)).mode & 0o777).toBe(0o600);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect(notes).toEqual([
      `Your data folder ${dataDir} could be read by other users (mode 755); Pail made it private (mode 700).`,
      `${secretsPath} holds your secret keys and could be read by other users (mode 644); Pail made it readable only by you (mode 600).`,
    ]);
    const again: string[] = [];
    await createAppServices(dataDir, { PAIL_SECRET_STORE: 'file' }, { report: (line) => again.push(line) });
    expect(again).toEqual([]);
  });
});
