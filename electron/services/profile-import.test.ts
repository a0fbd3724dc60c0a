import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PailError } from '../../shared/errors';
import { parseAwsProfiles } from './profile-import-aws';
import { parseIniSections } from './profile-import-parsers';
import { parseRcloneRemotes } from './profile-import-rclone';
import { awsSourceFiles, ProfileImportService, rcloneSourceFile, type ImportEnvironment } from './profile-import-service';
import { ProfileService } from './profile-service';
import { openSecretStores } from './secret-store';

const FIXTURES = fileURLToPath(new URL('./__fixtures__/import/', import.meta.url));
const AWS_DIR = join(FIXTURES, 'aws');
const RCLONE_FILE = join(FIXTURES, 'rclone.conf');
const fixture = (name: string) => readFile(join(FIXTURES, name), 'utf8');

/** Every secret-like value written in the fixtures, none of which may appear in anything shown. */
async function fixtureSecrets(): Promise<string[]> {
  const text = (await fixture('aws/credentials')) + (await fixture('rclone.conf'));
  return [...text.matchAll(/^\s*(?:aws_secret_access_key|aws_session_token|secret_access_key|token|password)\s*=\s*(\S.*)$/gm)].map((m) => m[1].trim());
}

const byKey = <T extends { key: string }>(items: T[]) => Object.fromEntries(items.map((i) => [i.key, i]));

describe('parseIniSections', () => {
  it('keeps values verbatim: #, ; and = inside a value, quotes, and "true"', () => {
    const sections = parseIniSections(
      '\uFEFF[profile dotted.name]  # a comment\r\nsecret = abc#def;ghi=\r\nregion = us-east-1   # the main one\r\nflag = true\r\nquoted = "x"\r\n',
    );
    expect(sections).toEqual({ 'profile dotted.name': { secret: 'abc#def;ghi=', region: 'us-east-1', flag: 'true', quoted: '"x"' } });
  });

  it('reads the AWS nesting under "s3 =" as dotted keys, without clobbering the top-level keys', () => {
    const text = '[p]\ns3 =\n  endpoint_url = http://nested:9000\n  addressing_style = path\nendpoint_url = http://top:9000\n';
    expect(parseIniSections(text, { nested: true }).p).toEqual({
      s3: '',
      's3.endpoint_url': 'http://nested:9000',
      's3.addressing_style': 'path',
      endpoint_url: 'http://top:9000',
    });
    expect(parseIniSections(text).p.endpoint_url).toBe('http://top:9000');
  });
});

describe('parseAwsProfiles', () => {
  it('reads the sample ~/.aws files into one candidate per profile', async () => {
    const parsed = parseAwsProfiles(await fixture('aws/credentials'), await fixture('aws/config'));
    expect(parsed.map((p) => p.key)).toEqual(['default', 'linode', 'wasabi', 'sso-dev', 'temp-session', 'broken', 'legacy', 'minio-lab']);
    const p = byKey(parsed);
    expect(p.default).toMatchObject({
      suggestedName: 'AWS default',
      settings: { provider: 'aws', endpoint: 'https://s3.eu-west-1.amazonaws.com', region: 'eu-west-1', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      problems: [],
      warnings: [],
    });
    expect(p.linode).toMatchObject({
      settings: { provider: 'linode', endpoint: 'https://us-east-1.linodeobjects.com', region: 'us-east-1', addressingStyle: 'path' },
      secretAccessKey: 'lnSecretEXAMPLE8f3kZ1qP9vB2nM7xC4dR6tY0uW',
      problems: [],
    });
    expect(p.wasabi).toMatchObject({
      settings: { provider: 'wasabi', endpoint: 'https://s3.eu-central-2.wasabisys.com', region: 'eu-central-2' },
      problems: [],
    });
    expect(p['sso-dev'].problems).toEqual([expect.stringMatching(/AWS SSO.*Pail needs static access keys/)]);
    expect(p['temp-session']).toMatchObject({ problems: [], warnings: [expect.stringMatching(/temporary credentials/)] });
    expect(p.broken.problems).toEqual(['No aws_secret_access_key is set for this profile.']);
    expect(p.legacy.settings).toMatchObject({ provider: 'aws', region: 'ca-central-1', endpoint: 'https://s3.ca-central-1.amazonaws.com' });
    expect(p['minio-lab']).toMatchObject({
      settings: { provider: 'other', endpoint: 'http://127.0.0.1:9000', region: 'us-east-1' },
      problems: [],
      warnings: [],
    });
  });

  it('guesses us-east-1 with a warning, and turns bad endpoints, roles and schema issues into problems', () => {
    const parsed = byKey(
      parseAwsProfiles(
        '[bare]\naws_access_key_id = AKIDBARE\naws_secret_access_key = s1\n[role]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = bare\n' +
          '[spaces]\naws_access_key_id = AKID WITH SPACE\naws_secret_access_key = s2\nregion = eu west\n',
        '[profile pathy]\naws_access_key_id = AKIDP\naws_secret_access_key = s3\nendpoint_url = https://minio.example.com/bucket\n' +
          '[profile r2]\naws_access_key_id = AKIDR\naws_secret_access_key = s4\nendpoint_url = https://0123456789ABCDEF0123456789abcdef.r2.cloudflarestorage.com\ns3 =\n  addressing_style = sideways\n',
      ),
    );
    expect(parsed.bare).toMatchObject({ settings: { region: 'us-east-1', endpoint: 'https://s3.us-east-1.amazonaws.com' }, problems: [] });
    expect(parsed.bare.warnings).toEqual([expect.stringMatching(/No region is set; using "us-east-1"/)]);
    expect(parsed.role.problems).toEqual([expect.stringMatching(/assumed role.*static access keys/)]);
    expect(parsed.spaces.problems).toEqual([
      'The region "eu west" is not one an endpoint can be built from: use a region id such as us-east-1.',
      'Access key id: The access key id cannot contain spaces.',
    ]);
    expect(parsed.pathy.problems).toEqual([expect.stringMatching(/^Endpoint: .*remove the path/)]);
    expect(parsed.r2).toMatchObject({ settings: { provider: 'cloudflare-r2', region: 'auto', accountId: '0123456789abcdef0123456789abcdef' }, problems: [] });
    expect(parsed.r2.warnings).toEqual([expect.stringMatching(/addressing_style "sideways"/)]);
  });
});

describe('parseRcloneRemotes', () => {
  it('reads the s3 remotes of the sample rclone.conf and leaves the others out', async () => {
    const parsed = parseRcloneRemotes(await fixture('rclone.conf'));
    expect(parsed.map((p) => p.key)).toEqual(['aws-backup', 'ceph-lab', 'r2-media', 'wasabi-archive', 'ec2-role']);
    const p = byKey(parsed);
    expect(p['aws-backup']).toMatchObject({
      settings: { provider: 'aws', endpoint: 'https://s3.eu-central-1.amazonaws.com', region: 'eu-central-1' },
      problems: [],
      warnings: [],
    });
    expect(p['ceph-lab']).toMatchObject({
      settings: { provider: 'ceph', endpoint: 'https://rgw.lab.example.net:7480', region: 'default', addressingStyle: 'path' },
      problems: [],
    });
    expect(p['ceph-lab'].warnings).toEqual([expect.stringMatching(/No region is set; using "default"/)]);
    expect(p['r2-media']).toMatchObject({
      settings: { provider: 'cloudflare-r2', region: 'auto', accountId: '4f1c2e8a9b7d6c5e4f3a2b1c0d9e8f7a' },
      secretAccessKey: 'r2SecretEXAMPLE0003abcdef0123456789abcdef0123456789abcdef01',
      problems: [],
    });
    expect(p['wasabi-archive']).toMatchObject({
      settings: { provider: 'wasabi', endpoint: 'https://s3.eu-central-1.wasabisys.com', region: 'eu-central-1', addressingStyle: 'virtual' },
      problems: [],
      warnings: [],
    });
    expect(p['ec2-role'].problems).toEqual([expect.stringMatching(/environment credentials \(env_auth = true\); Pail needs the keys/)]);
  });

  it('maps providers without a preset by their endpoint, and needs an endpoint where there is no standard one', () => {
    const keys = 'access_key_id = AK\nsecret_access_key = SK\n';
    const p = byKey(
      parseRcloneRemotes(
        `[idrive]\ntype = s3\nprovider = IDrive\n${keys}endpoint = x1y2.ldn.idrivee2-9.com\n` +
          `[minio]\ntype = s3\nprovider = Minio\n${keys}\n` +
          `[old]\ntype = s3\n${keys}region = eu-west-2\n` +
          `[fake-aws]\ntype = s3\nprovider = AWS\n${keys}endpoint = http://10.0.0.5:9000\n`,
      ),
    );
    expect(p.idrive).toMatchObject({ settings: { provider: 'other', endpoint: 'https://x1y2.ldn.idrivee2-9.com' }, problems: [] });
    expect(p.idrive.warnings).toContainEqual(expect.stringMatching(/no preset for rclone's provider "IDrive"/));
    expect(p.minio.problems).toEqual([expect.stringMatching(/No endpoint is set, and MinIO has no standard one/)]);
    expect(p.old.settings).toMatchObject({ provider: 'aws', endpoint: 'https://s3.eu-west-2.amazonaws.com' });
    expect(p['fake-aws']).toMatchObject({ settings: { provider: 'other', endpoint: 'http://10.0.0.5:9000' } });
    expect(p['fake-aws'].warnings).toContainEqual(expect.stringMatching(/marked as Amazon S3, but the endpoint is not Amazon's/));
  });
});

describe('source paths', () => {
  const where = (env: NodeJS.ProcessEnv, platform: NodeJS.Platform = 'linux'): ImportEnvironment => ({ env, homeDir: '/home/u', platform });

  it('finds the AWS files in ~/.aws, or where AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE say', () => {
    expect(awsSourceFiles(undefined, where({}))).toEqual({ credentials: '/home/u/.aws/credentials', config: '/home/u/.aws/config' });
    expect(awsSourceFiles(undefined, where({ AWS_SHARED_CREDENTIALS_FILE: '~/keys/creds', AWS_CONFIG_FILE: '/etc/aws.conf' }))).toEqual({
      credentials: '/home/u/keys/creds',
      config: '/etc/aws.conf',
    });
    // A path given wins over the environment.
    expect(awsSourceFiles('/srv/aws', where({ AWS_CONFIG_FILE: '/etc/aws.conf' }))).toEqual({ credentials: '/srv/aws/credentials', config: '/srv/aws/config' });
  });

  it('finds rclone.conf from RCLONE_CONFIG, XDG_CONFIG_HOME, ~/.config, or %APPDATA% on Windows', () => {
    expect(rcloneSourceFile(undefined, where({ RCLONE_CONFIG: '/opt/rclone.conf', XDG_CONFIG_HOME: '/x' }))).toBe('/opt/rclone.conf');
    expect(rcloneSourceFile(undefined, where({ XDG_CONFIG_HOME: '/x' }))).toBe('/x/rclone/rclone.conf');
    expect(rcloneSourceFile(undefined, where({}))).toBe('/home/u/.config/rclone/rclone.conf');
    expect(rcloneSourceFile(undefined, { env: { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, homeDir: 'C:\\Users\\u', platform: 'win32' })).toBe(
      'C:\\Users\\u\\AppData\\Roaming\\rclone\\rclone.conf',
    );
  });
});

describe('ProfileImportService', () => {
  let dir: string;
  let home: string;
  let profiles: ProfileService;
  let imports: ProfileImportService;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pail-import-'));
    home = join(dir, 'home');
    await mkdir(home);
    profiles = new ProfileService(join(dir, 'data'), await openSecretStores(join(dir, 'data'), { PAIL_SECRET_STORE: 'file' }));
    imports = new ProfileImportService(profiles, { env: {}, homeDir: home, platform: process.platform });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const existing = (name: string) =>
    profiles.create({ name, endpoint: 'https://keep.example.com', region: 'keep-1', accessKeyId: 'KEEPME', secretAccessKey: 'keep-secret' });
  /** Imports the entries named (source key → profile name), in that order. */
  const applyNamed = (source: 'aws' | 'rclone', path: string, names: Record<string, string>) =>
    imports.apply({ source, path, items: Object.entries(names).map(([key, name]) => ({ key, name })) });

  it('previews without writing, naming clashes " (imported)", " (imported 2)" and saying what they clash with', async () => {
    await existing('Linode');
    await existing('linode (imported)');
    await existing('AWS default');
    const preview = await imports.preview({ source: 'aws', path: AWS_DIR });
    expect(preview.files).toEqual([join(AWS_DIR, 'credentials'), join(AWS_DIR, 'config')]);
    const c = byKey(preview.candidates);
    expect(c.default).toMatchObject({ name: 'AWS default (imported)', conflict: { existingName: 'AWS default' }, hasSecret: true });
    expect(c.linode).toMatchObject({ name: 'linode (imported 2)', conflict: { existingName: 'Linode' } });
    expect(c.linode.settings.name).toBe('linode (imported 2)');
    expect(c.wasabi.name).toBe('wasabi');
    expect(c.wasabi).not.toHaveProperty('conflict');
    expect(c.broken.hasSecret).toBe(false);
    expect((await profiles.list()).length).toBe(3);
  });

  it('makes candidate names unique among themselves too', async () => {
    await writeFile(
      join(dir, 'credentials'),
      '[default]\naws_access_key_id = A1\naws_secret_access_key = s1\n[AWS default]\naws_access_key_id = A2\naws_secret_access_key = s2\n',
    );
    const preview = await imports.preview({ source: 'aws', path: dir });
    expect(preview.files).toEqual([join(dir, 'credentials')]);
    expect(preview.candidates.map((c) => [c.name, c.conflict])).toEqual([
      ['AWS default', undefined],
      ['AWS default (imported)', undefined],
    ]);
  });

  it('creates the chosen profiles with their secrets, and skips problems, unknown keys and taken names', async () => {
    await existing('Linode');
    const result = await applyNamed('aws', AWS_DIR, {
      default: 'AWS default',
      linode: 'Linode Newark',
      wasabi: 'Linode',
      broken: 'broken',
      nope: 'nope',
      'temp-session': 'temp',
    });
    expect(result.created.map((p) => p.name)).toEqual(['AWS default', 'Linode Newark', 'temp']);
    expect(result.skipped).toEqual([
      { key: 'wasabi', reason: expect.stringMatching(/A profile called "Linode" exists already; it was left as it is/) },
      { key: 'broken', reason: 'No aws_secret_access_key is set for this profile.' },
      { key: 'nope', reason: expect.stringMatching(/"nope" is not in/) },
    ]);
    expect(await profiles.withSecret('Linode Newark')).toMatchObject({
      profile: {
        provider: 'linode',
        endpoint: 'https://us-east-1.linodeobjects.com',
        region: 'us-east-1',
        addressingStyle: 'path',
        accessKeyId: 'LNDEXAMPLE0Q1W2E3R4T',
      },
      secretAccessKey: 'lnSecretEXAMPLE8f3kZ1qP9vB2nM7xC4dR6tY0uW',
    });
    expect((await profiles.withSecret('AWS default')).secretAccessKey).toBe('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    // Temporary credentials keep their session token (with the secret, in the store).
    expect((await profiles.withSecret('temp')).sessionToken).toMatch(/^IQoJb3JpZ2luX2VjEXAMPLEsessionTOKEN/);
    expect((await profiles.list()).find((p) => p.name === 'temp')).toMatchObject({ sessionTokenSet: true });
    expect(await profiles.withSecret('Linode')).toMatchObject({
      profile: { endpoint: 'https://keep.example.com', accessKeyId: 'KEEPME' },
      secretAccessKey: 'keep-secret',
    });

    // Applying again overwrites nothing: every name is taken now.
    const again = await imports.apply({ source: 'aws', path: AWS_DIR, items: [{ key: 'linode', name: 'linode newark' }] });
    expect(again.created).toEqual([]);
    expect(again.skipped[0].reason).toMatch(/exists already/);
    expect((await profiles.list()).length).toBe(4);
  });

  it('imports rclone remotes, keeping the R2 account id', async () => {
    const result = await applyNamed('rclone', RCLONE_FILE, { 'r2-media': 'R2 media', 'ec2-role': 'ec2' });
    expect(result.created).toEqual([
      expect.objectContaining({
        name: 'R2 media',
        provider: 'cloudflare-r2',
        region: 'auto',
        accountId: '4f1c2e8a9b7d6c5e4f3a2b1c0d9e8f7a',
        addressingStyle: 'path',
      }),
    ]);
    expect(result.skipped).toEqual([{ key: 'ec2-role', reason: expect.stringMatching(/env_auth/) }]);
    expect((await profiles.withSecret('R2 media')).secretAccessKey).toBe('r2SecretEXAMPLE0003abcdef0123456789abcdef0123456789abcdef01');
  });

  it('reads the default places: the environment variables, then the home folder', async () => {
    const fromEnv = new ProfileImportService(profiles, {
      env: { AWS_SHARED_CREDENTIALS_FILE: join(AWS_DIR, 'credentials'), AWS_CONFIG_FILE: join(AWS_DIR, 'config'), XDG_CONFIG_HOME: join(dir, 'xdg') },
      homeDir: home,
      platform: 'linux',
    });
    expect((await fromEnv.preview({ source: 'aws' })).candidates).toHaveLength(8);
    await cp(RCLONE_FILE, join(dir, 'xdg', 'rclone', 'rclone.conf'), { recursive: true });
    expect((await fromEnv.preview({ source: 'rclone' })).files).toEqual([join(dir, 'xdg', 'rclone', 'rclone.conf')]);

    await cp(AWS_DIR, join(home, '.aws'), { recursive: true });
    expect((await imports.preview({ source: 'aws' })).files).toEqual([join(home, '.aws', 'credentials'), join(home, '.aws', 'config')]);
    // The credentials file itself is taken as its folder.
    expect((await imports.preview({ source: 'aws', path: join(AWS_DIR, 'credentials') })).candidates).toHaveLength(8);
  });

  it('says where it looked when the source is missing, encrypted or not text, and reads UTF-16 files', async () => {
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: unknown) => error as PailError,
      );

    const noAws = await failure(imports.preview({ source: 'aws' }));
    expect(noAws).toBeInstanceOf(PailError);
    expect(noAws).toMatchObject({
      code: 'InvalidRequest',
      message: `No AWS credentials found at ${join(home, '.aws', 'credentials')} (and no config file at ${join(home, '.aws', 'config')}).`,
    });
    expect(noAws?.hint).toMatch(/folder that holds your credentials and config files/);

    const noRclone = await failure(imports.apply({ source: 'rclone', path: join(dir, 'none.conf'), items: [{ key: 'x', name: 'x' }] }));
    expect(noRclone).toMatchObject({ code: 'InvalidRequest', message: `No rclone configuration found at ${join(dir, 'none.conf')}.` });

    await writeFile(join(dir, 'enc.conf'), '# Encrypted rclone configuration File\n\nRCLONE_ENCRYPT_V0:\nXXXXbase64XXXX\n');
    expect(await failure(imports.preview({ source: 'rclone', path: join(dir, 'enc.conf') }))).toMatchObject({ message: expect.stringMatching(/is encrypted/) });

    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('[default]\r\naws_access_key_id = AKWIN\r\naws_secret_access_key = win-secret\r\n', 'utf16le'),
    ]);
    await mkdir(join(dir, 'win'));
    await writeFile(join(dir, 'win', 'credentials'), utf16);
    expect((await imports.preview({ source: 'aws', path: join(dir, 'win') })).candidates[0]).toMatchObject({ key: 'default', problems: [], hasSecret: true });

    await writeFile(join(dir, 'bin.conf'), Buffer.from([0x5b, 0x61, 0x5d, 0x0a, 0x00, 0xff, 0xfe, 0x00]));
    expect(await failure(imports.preview({ source: 'rclone', path: join(dir, 'bin.conf') }))).toMatchObject({
      message: expect.stringMatching(/is not a text file/),
    });
  });

  it('never shows a secret in a preview, warning, problem or result', async () => {
    const secrets = await fixtureSecrets();
    expect(secrets.length).toBeGreaterThanOrEqual(12);
    await existing('linode');
    const shown = JSON.stringify([
      await imports.preview({ source: 'aws', path: AWS_DIR }),
      await imports.preview({ source: 'rclone', path: RCLONE_FILE }),
      await imports.apply({
        source: 'aws',
        path: AWS_DIR,
        items: ['default', 'linode', 'broken', 'sso-dev', 'temp-session'].map((key) => ({ key, name: key })),
      }),
      await imports.apply({ source: 'rclone', path: RCLONE_FILE, items: ['aws-backup', 'ec2-role', 'gdrive', 'vault'].map((key) => ({ key, name: key })) }),
    ]);
    for (const secret of secrets) expect(shown).not.toContain(secret);
    expect(shown).not.toMatch(/secretAccessKey/);
  });
});
