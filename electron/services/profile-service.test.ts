import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PailError } from '../../shared/errors';
import { readDataFile } from './atomic-file';
import { ProfileService, type ProfileServiceOptions } from './profile-service';
import { ensureCliBuilt, runPail } from '../test-support/cli-process';
import { CachedS3ClientProvider } from './s3-client-factory';
import { openSecretStores } from './secret-store';

const input = {
  name: 'Linode Paris',
  endpoint: 'https://fr-par-1.linodeobjects.com/',
  region: 'fr-par-1',
  accessKeyId: 'AKIDLINODE',
  secretAccessKey: 'very-secret-value',
};

describe('ProfileService', () => {
  let dataDir: string;
  let profiles: ProfileService;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pail-profiles-'));
    profiles = new ProfileService(dataDir, await openSecretStores(dataDir, { PAIL_SECRET_STORE: 'file' }));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('creates a profile whose secret never lands in profiles.json', async () => {
    const created = await profiles.create(input);
    expect(created).toMatchObject({ name: 'Linode Paris', endpoint: 'https://fr-par-1.linodeobjects.com', secretSet: true });
    expect(created).not.toHaveProperty('secretAccessKey');
    expect(created.checksumMode).toBe('WHEN_REQUIRED');

    const file = await readFile(join(dataDir, 'profiles.json'), 'utf8');
    expect(file).toContain('Linode Paris');
    expect(file).not.toContain('very-secret-value');
    expect((await profiles.withSecret('linode paris')).secretAccessKey).toBe('very-secret-value');

    const secrets = await stat(join(dataDir, 'secrets.json'));
    expect(secrets.mode & 0o777).toBe(0o600);
  });

  it('lists, edits and deletes, keeping the secret unless a new one is given', async () => {
    const created = await profiles.create(input);
    const renamed = await profiles.update({ id: created.id, patch: { name: 'Paris', region: 'fr-par-2' } });
    expect(renamed).toMatchObject({ name: 'Paris', region: 'fr-par-2', secretSet: true });
    expect((await profiles.withSecret(created.id)).secretAccessKey).toBe('very-secret-value');

    await profiles.update({ id: created.id, patch: { secretAccessKey: 'rotated' } });
    expect((await profiles.withSecret(created.id)).secretAccessKey).toBe('rotated');

    expect((await profiles.list()).map((p) => p.name)).toEqual(['Paris']);
    await profiles.delete({ id: created.id });
    expect(await profiles.list()).toEqual([]);
    expect(await readFile(join(dataDir, 'secrets.json'), 'utf8')).not.toContain('rotated');
  });

  it('keeps temporary credentials: the session token with the secret, never in profiles.json, replaced or removed on edit', async () => {
    const created = await profiles.create({ ...input, sessionToken: 'FQoGZXIvYXdzEJr-token', credentialsExpireAt: '2026-12-01T18:00:00Z' });
    expect(created).toMatchObject({ sessionTokenSet: true, credentialsExpireAt: '2026-12-01T18:00:00Z' });
    expect(await readFile(join(dataDir, 'profiles.json'), 'utf8')).not.toContain('FQoGZXIvYXdzEJr');
    expect(await profiles.withSecret(created.id)).toMatchObject({ secretAccessKey: 'very-secret-value', sessionToken: 'FQoGZXIvYXdzEJr-token' });

    // A new secret keeps the token; a new token keeps the secret.
    await profiles.update({ id: created.id, patch: { secretAccessKey: 'rotated' } });
    expect(await profiles.withSecret(created.id)).toMatchObject({ secretAccessKey: 'rotated', sessionToken: 'FQoGZXIvYXdzEJr-token' });
    await profiles.update({ id: created.id, patch: { sessionToken: 'next-token' } });
    expect(await profiles.withSecret(created.id)).toMatchObject({ secretAccessKey: 'rotated', sessionToken: 'next-token' });
    expect((await profiles.withSecret((await profiles.duplicate({ id: created.id })).id)).sessionToken).toBe('next-token');

    await profiles.update({ id: created.id, patch: { sessionToken: '', credentialsExpireAt: '' } });
    const plain = await profiles.withSecret(created.id);
    expect(plain).toEqual({ profile: expect.not.objectContaining({ credentialsExpireAt: expect.anything() }), secretAccessKey: 'rotated' });
    expect((await profiles.list()).find((p) => p.id === created.id)).not.toHaveProperty('sessionTokenSet');
    await expect(profiles.update({ id: created.id, patch: { credentialsExpireAt: 'next tuesday' } })).rejects.toMatchObject({
      code: 'InvalidRequest',
      message: expect.stringMatching(/date and time/),
    });
  });

  it("sets one bucket's upload defaults and custom domain, keeping other buckets and the secret", async () => {
    const created = await profiles.create({ ...input, publicUrlBases: { other: 'https://other.example.com' } });
    const media = {
      acl: 'public-read',
      cacheControl: 'max-age=60',
      storageClass: 'STANDARD_IA',
      metadata: { team: 'web' },
      contentTypes: { webp: 'image/webp' },
      askOnDrop: false,
    } as const;
    const set = await profiles.setBucketSettings({ id: created.id, bucket: 'media', uploads: media, publicUrlBase: 'https://cdn.example.com' });
    expect(set.bucketUploads).toEqual({ media });
    expect(set.publicUrlBases).toEqual({ other: 'https://other.example.com', media: 'https://cdn.example.com' });

    // Absent fields are kept; empty values and null clear.
    const kept = await profiles.setBucketSettings({ id: created.id, bucket: 'media', publicUrlBase: null });
    expect(kept.bucketUploads).toEqual({ media });
    expect(kept.publicUrlBases).toEqual({ other: 'https://other.example.com' });
    const cleared = await profiles.setBucketSettings({ id: created.id, bucket: 'media', uploads: { cacheControl: '', metadata: {} } });
    expect(cleared.bucketUploads).toEqual({});
    expect((await profiles.withSecret(created.id)).secretAccessKey).toBe('very-secret-value');
    await expect(profiles.setBucketSettings({ id: '00000000-0000-4000-8000-000000000000', bucket: 'media', uploads: null })).rejects.toThrow(PailError);
  });

  it('refuses a second profile with the same name, case-insensitively', async () => {
    await profiles.create(input);
    await expect(profiles.create({ ...input, name: 'linode PARIS' })).rejects.toMatchObject({ code: 'ProfileNameTaken' });
  });

  it('keeps every change when many are made at once', async () => {
    await Promise.all(Array.from({ length: 10 }, (_, i) => profiles.create({ ...input, name: `P${i}` })));
    expect((await profiles.list()).length).toBe(10);
  });

  it('explains invalid input and unknown profiles', async () => {
    const bad = await profiles.create({ ...input, endpoint: 'linodeobjects.com' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(PailError);
    expect((bad as PailError).code).toBe('InvalidRequest');
    expect((bad as PailError).message).toMatch(/full URL/);
    await expect(profiles.find('nope')).rejects.toMatchObject({ code: 'ProfileNotFound' });
  });

  it('tells the user when a secret has gone missing from its store', async () => {
    const created = await profiles.create(input);
    await rm(join(dataDir, 'secrets.json'));
    await expect(profiles.withSecret(created.id)).rejects.toMatchObject({ code: 'SecretMissing' });
    expect((await profiles.list())[0].secretSet).toBe(false);
  });
});

describe('ProfileService reading profiles.json', () => {
  let dataDir: string;
  let reads: number;
  /** Counts each time profiles.json is read and parsed. */
  const read: ProfileServiceOptions['read'] = (file) => {
    reads += 1;
    return readDataFile(file);
  };
  const open = async () => new ProfileService(dataDir, await openSecretStores(dataDir, { PAIL_SECRET_STORE: 'file' }), { read });

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pail-profiles-cache-'));
    reads = 0;
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('parses an unchanged file once, however often it is looked at', async () => {
    const profiles = await open();
    const created = await profiles.create(input);
    reads = 0;
    await profiles.find(created.id);
    await profiles.find('linode paris');
    await profiles.list();
    await profiles.listEntries();
    expect((await profiles.withSecret(created.id)).secretAccessKey).toBe('very-secret-value');
    await Promise.all([profiles.find(created.id), profiles.listing(), profiles.withSecret('Linode Paris')]);
    expect(reads).toBe(1);
  });

  it("sees another process's edit at once, and reads the file again only then", async () => {
    const app = await open();
    const cli = await open();
    const created = await app.create(input);
    expect((await app.find(created.id)).region).toBe('fr-par-1');
    reads = 0;
    await cli.update({ id: created.id, patch: { name: 'Renamed', region: 'us-east-1' } });
    const counted = reads;
    expect(await app.find('renamed')).toMatchObject({ id: created.id, region: 'us-east-1' });
    expect((await app.withSecret('Renamed')).profile.region).toBe('us-east-1');
    expect(reads).toBe(counted + 1);
  });

  it('sees an edit the pail command makes in another process at once', async () => {
    await ensureCliBuilt();
    const app = await open();
    const created = await app.create(input);
    expect((await app.find(created.id)).name).toBe('Linode Paris');
    const edited = await runPail(dataDir, ['profile', 'edit', 'Linode Paris', '--rename', 'From the CLI']);
    expect(edited.code).toBe(0);
    expect((await app.find(created.id)).name).toBe('From the CLI');
  }, 200_000);

  it('tells a watching app when the pail command adds a profile in another process, and its own changes once', async () => {
    await ensureCliBuilt();
    const app = await open();
    const told: string[][] = [];
    app.onChange((list) => told.push(list.map((p) => p.name)));
    const stop = app.watchDisk();
    try {
      const added = await runPail(
        dataDir,
        [
          'profile',
          'add',
          '--name',
          'From the CLI',
          '--endpoint',
          'https://s3.example.com',
          '--region',
          'eu-1',
          '--access-key-id',
          'AKIDCLI',
          '--secret-access-key-stdin',
        ],
        {
          stdin: 'cli-secret\n',
        },
      );
      expect(added.code).toBe(0);
      await vi.waitFor(() => expect(told.at(-1)).toEqual(['From the CLI']), { timeout: 5_000 });
      expect((await app.listing()).profiles[0]).toMatchObject({ name: 'From the CLI', secretSet: true });

      told.length = 0;
      await app.create(input);
      // The watch sees this write too; a quiet moment later, the listeners have still heard of it once.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(told).toEqual([['From the CLI', 'Linode Paris']]);
    } finally {
      stop();
    }
  }, 200_000);

  it('keeps working without live updates when the watched folder goes away or cannot be watched', async () => {
    const app = await open();
    const stop = app.watchDisk();
    await rm(dataDir, { recursive: true, force: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
    stop();
    const elsewhere = new ProfileService(join(dataDir, 'never-made'), await openSecretStores(dataDir, { PAIL_SECRET_STORE: 'file' }));
    expect(() => elsewhere.watchDisk()()).not.toThrow();
  });

  it('sees a hand edit of the file in place at once', async () => {
    const profiles = await open();
    const created = await profiles.create(input);
    await profiles.find(created.id);
    const path = join(dataDir, 'profiles.json');
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('Linode Paris', 'Edited by hand, longer'));
    expect((await profiles.find(created.id)).name).toBe('Edited by hand, longer');
  });

  it('builds a client for a profile after one look at the file', async () => {
    const profiles = await open();
    const created = await profiles.create(input);
    const built: string[] = [];
    const provider = new CachedS3ClientProvider(profiles, (settings) => {
      built.push(settings.secretAccessKey);
      return { destroy: () => undefined } as unknown as S3Client;
    });
    reads = 0;
    const first = await provider.clientFor(created.id, 'photos');
    expect(await provider.clientFor(created.id, 'photos')).toEqual(first);
    expect(built).toEqual(['very-secret-value']);
    expect(reads).toBe(1);
  });
});
