import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PailError } from '../../shared/errors';
import { ProfileService } from './profile-service';
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
    const renamed = await profiles.update(created.id, { name: 'Paris', region: 'fr-par-2' });
    expect(renamed).toMatchObject({ name: 'Paris', region: 'fr-par-2', secretSet: true });
    expect((await profiles.withSecret(created.id)).secretAccessKey).toBe('very-secret-value');

    await profiles.update(created.id, { secretAccessKey: 'rotated' });
    expect((await profiles.withSecret(created.id)).secretAccessKey).toBe('rotated');

    expect((await profiles.list()).map((p) => p.name)).toEqual(['Paris']);
    await profiles.delete(created.id);
    expect(await profiles.list()).toEqual([]);
    expect(await readFile(join(dataDir, 'secrets.json'), 'utf8')).not.toContain('rotated');
  });

  it('keeps temporary credentials: the session token with the secret, never in profiles.json, replaced or removed on edit', async () => {
    const created = await profiles.create({ ...input, sessionToken: 'FQoGZXIvYXdzEJr-token', credentialsExpireAt: '2026-12-01T18:00:00Z' });
    expect(created).toMatchObject({ sessionTokenSet: true, credentialsExpireAt: '2026-12-01T18:00:00Z' });
    expect(await readFile(join(dataDir, 'profiles.json'), 'utf8')).not.toContain('FQoGZXIvYXdzEJr');
    expect(await profiles.withSecret(created.id)).toMatchObject({ secretAccessKey: 'very-secret-value', sessionToken: 'FQoGZXIvYXdzEJr-token' });

    // A new secret keeps the token; a new token keeps the secret.
    await profiles.update(created.id, { secretAccessKey: 'rotated' });
    expect(await profiles.withSecret(created.id)).toMatchObject({ secretAccessKey: 'rotated', sessionToken: 'FQoGZXIvYXdzEJr-token' });
    await profiles.update(created.id, { sessionToken: 'next-token' });
    expect(await profiles.withSecret(created.id)).toMatchObject({ secretAccessKey: 'rotated', sessionToken: 'next-token' });
    expect((await profiles.withSecret((await profiles.duplicate(created.id)).id)).sessionToken).toBe('next-token');

    await profiles.update(created.id, { sessionToken: '', credentialsExpireAt: '' });
    const plain = await profiles.withSecret(created.id);
    expect(plain).toEqual({ profile: expect.not.objectContaining({ credentialsExpireAt: expect.anything() }), secretAccessKey: 'rotated' });
    expect((await profiles.list()).find((p) => p.id === created.id)).not.toHaveProperty('sessionTokenSet');
    await expect(profiles.update(created.id, { credentialsExpireAt: 'next tuesday' })).rejects.toMatchObject({
      code: 'InvalidRequest',
      message: expect.stringMatching(/date and time/),
    });
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
