import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  completeProfile,
  normalizeEndpoint,
  profileInputSchema,
  profilePatchSchema,
  type Profile,
  type ProfileInput,
  type ProfilePatch,
  type ProfileSummary,
} from '../../shared/profile';
import { ERROR_TEXT } from '../../shared/error-text';
import { PailError } from '../../shared/errors';
import type { ProfileExport } from '../../shared/profile-import';
import { readJsonFile, writeFileAtomic } from './atomic-file';
import { decodeSecret, encodeSecret } from './secret-envelope';
import type { SecretStores } from './secret-store';

interface ProfilesFile {
  version: 1;
  profiles: Profile[];
}

/** A profile together with its secret: only ever used inside the main process. */
export interface ProfileWithSecret {
  profile: Profile;
  secretAccessKey: string;
  /** Temporary credentials only. */
  sessionToken?: string;
}

function notFound(idOrName: string): PailError {
  return new PailError({
    code: 'ProfileNotFound',
    message: `No profile called "${idOrName}".`,
    hint: ERROR_TEXT.ProfileNotFound.hint,
  });
}

function invalid(message: string): PailError {
  return new PailError({ code: 'InvalidRequest', message, hint: ERROR_TEXT.InvalidRequest.hint });
}

/**
 * Saved connection profiles: `profiles.json` in the data folder (written
 * atomically, never holding a secret) and each profile's secret in a secret store.
 */
export class ProfileService {
  readonly path: string;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(profiles: ProfileSummary[]) => void>();

  constructor(
    dataDir: string,
    private readonly secrets: SecretStores,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.path = join(dataDir, 'profiles.json');
  }

  /** Calls `listener` with the new list after every change. */
  onChange(listener: (profiles: ProfileSummary[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async readFile(): Promise<ProfilesFile> {
    const data = (await readJsonFile(this.path)) as ProfilesFile | undefined;
    if (!data) return { version: 1, profiles: [] };
    if (Array.isArray(data.profiles)) data.profiles = data.profiles.map(completeProfile);
    else {
      throw new PailError({
        code: 'Internal',
        message: `The profiles file ${this.path} is damaged (no "profiles" list).`,
        hint: 'Restore it from a backup, or move it away to start with no profiles.',
      });
    }
    return data;
  }

  /** Runs read-modify-write changes one after another. */
  private mutate<T>(change: (file: ProfilesFile) => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      const file = await this.readFile();
      const result = await change(file);
      await writeFileAtomic(this.path, JSON.stringify(file, null, 2) + '\n', 0o600);
      return result;
    });
    this.queue = next.catch(() => undefined);
    return next.then(async (result) => {
      if (this.listeners.size) {
        const profiles = await this.list();
        this.listeners.forEach((listener) => listener(profiles));
      }
      return result;
    });
  }

  private async summarise(profile: Profile): Promise<ProfileSummary> {
    const store = this.secrets.byKind[profile.secretStore];
    let secretSet = false;
    let sessionTokenSet = false;
    try {
      const stored = store ? await store.get(profile.id) : undefined;
      secretSet = stored !== undefined;
      sessionTokenSet = stored !== undefined && decodeSecret(stored).sessionToken !== undefined;
    } catch {
      secretSet = false;
    }
    return { ...profile, secretSet, ...(sessionTokenSet && { sessionTokenSet }) };
  }

  /** Every profile, in the saved order, without secrets. */
  async list(): Promise<ProfileSummary[]> {
    await this.queue;
    const { profiles } = await this.readFile();
    return Promise.all(profiles.map((profile) => this.summarise(profile)));
  }

  /** A profile by id or (case-insensitive) name. */
  async find(idOrName: string): Promise<Profile> {
    await this.queue;
    const { profiles } = await this.readFile();
    const found =
      profiles.find((p) => p.id === idOrName) ??
      profiles.find((p) => p.name.toLowerCase() === idOrName.toLowerCase());
    if (!found) throw notFound(idOrName);
    return found;
  }

  /** A profile and its secret, for the S3 client factory. */
  async withSecret(idOrName: string): Promise<ProfileWithSecret> {
    const profile = await this.find(idOrName);
    const store = this.secrets.byKind[profile.secretStore];
    const stored = store ? await store.get(profile.id) : undefined;
    if (stored === undefined) {
      throw new PailError({
        code: 'SecretMissing',
        message: `The secret access key of profile "${profile.name}" is not in ${store?.description ?? 'the secret store'}.`,
        hint: ERROR_TEXT.SecretMissing.hint,
      });
    }
    return { profile, ...decodeSecret(stored) };
  }

  /** Creates a profile; its secret goes to the preferred secret store. */
  async create(input: ProfileInput): Promise<ProfileSummary> {
    const parsed = profileInputSchema.safeParse(input);
    if (!parsed.success) throw invalid(parsed.error.issues.map((i) => i.message).join(' '));
    const values = parsed.data;
    const store = this.secrets.preferred;
    const profile = await this.mutate(async (file) => {
      assertNameFree(file.profiles, values.name);
      const at = this.now().toISOString();
      const { secretAccessKey: _secret, sessionToken: _token, ...settings } = values;
      const created = completeProfile({
        ...withoutEmpty(settings),
        name: values.name,
        region: values.region,
        accessKeyId: values.accessKeyId,
        id: randomUUID(),
        endpoint: normalizeEndpoint(values.endpoint),
        secretStore: store.kind,
        createdAt: at,
        updatedAt: at,
      });
      // The secret is saved first: a profile is never listed without one.
      await store.set(created.id, encodeSecret({ secretAccessKey: values.secretAccessKey, ...(values.sessionToken && { sessionToken: values.sessionToken }) }));
      file.profiles.push(created);
      return created;
    });
    return { ...profile, secretSet: true, ...(values.sessionToken && { sessionTokenSet: true }) };
  }

  /** Changes a profile; an absent secret keeps the stored one. */
  async update(id: string, patch: ProfilePatch): Promise<ProfileSummary> {
    const parsed = profilePatchSchema.safeParse(patch);
    if (!parsed.success) throw invalid(parsed.error.issues.map((i) => i.message).join(' '));
    const values = parsed.data;
    const updated = await this.mutate(async (file) => {
      const index = file.profiles.findIndex((p) => p.id === id);
      if (index === -1) throw notFound(id);
      const current = file.profiles[index];
      if (values.name !== undefined && values.name.toLowerCase() !== current.name.toLowerCase()) {
        assertNameFree(file.profiles, values.name);
      }
      const { secretAccessKey: _secret, sessionToken: _token, ...settings } = values;
      const next: Profile = completeProfile({
        ...current,
        ...withoutUndefined(settings),
        ...(values.defaultBucket === '' && { defaultBucket: undefined }),
        ...(values.credentialsExpireAt === '' && { credentialsExpireAt: undefined }),
        endpoint: values.endpoint !== undefined ? normalizeEndpoint(values.endpoint) : current.endpoint,
        updatedAt: this.now().toISOString(),
      });
      if (next.defaultBucket === undefined) delete next.defaultBucket;
      if (next.credentialsExpireAt === undefined) delete next.credentialsExpireAt;
      if (values.secretAccessKey !== undefined || values.sessionToken !== undefined) {
        // One entry holds both: a new token keeps the stored secret, a new secret keeps the token unless told.
        const kept = values.secretAccessKey === undefined || values.sessionToken === undefined ? await this.storedSecret(current) : undefined;
        const secretAccessKey = values.secretAccessKey ?? kept?.secretAccessKey;
        if (secretAccessKey === undefined) throw invalid('Enter the secret access key too: none is stored for this profile.');
        const sessionToken = values.sessionToken === undefined ? kept?.sessionToken : values.sessionToken || undefined;
        const store = this.secrets.preferred;
        await store.set(id, encodeSecret({ secretAccessKey, ...(sessionToken && { sessionToken }) }));
        if (current.secretStore !== store.kind) {
          await this.secrets.byKind[current.secretStore]?.delete(id).catch(() => undefined);
        }
        next.secretStore = store.kind;
      }
      file.profiles[index] = next;
      return next;
    });
    return this.summarise(updated);
  }

  /** What the store holds for a profile, if anything. */
  private async storedSecret(profile: Profile): Promise<ReturnType<typeof decodeSecret> | undefined> {
    const stored = await this.secrets.byKind[profile.secretStore]?.get(profile.id).catch(() => undefined);
    return stored === undefined ? undefined : decodeSecret(stored);
  }

  /** Copies a profile, secret included, under a free name ("Work copy", "Work copy 2"…). */
  async duplicate(id: string): Promise<ProfileSummary> {
    const source = await this.withSecret(id);
    const names = (await this.list()).map((p) => p.name.toLowerCase());
    let name = `${source.profile.name} copy`.slice(0, 64);
    for (let n = 2; names.includes(name.toLowerCase()); n += 1) name = `${source.profile.name} copy ${n}`.slice(0, 64);
    const { id: _id, secretStore: _store, createdAt: _c, updatedAt: _u, ...settings } = source.profile;
    return this.create({ ...settings, name, secretAccessKey: source.secretAccessKey, ...(source.sessionToken && { sessionToken: source.sessionToken }) });
  }

  /** Puts the profiles in the given order; ids not named keep their relative order at the end. */
  async reorder(ids: string[]): Promise<ProfileSummary[]> {
    await this.mutate(async (file) => {
      const rank = new Map(ids.map((id, index) => [id, index]));
      const unknown = ids.filter((id) => !file.profiles.some((p) => p.id === id));
      if (unknown.length) throw notFound(unknown[0]);
      file.profiles = file.profiles
        .map((profile, index) => ({ profile, key: rank.get(profile.id) ?? ids.length + index }))
        .sort((a, b) => a.key - b.key)
        .map((entry) => entry.profile);
    });
    return this.list();
  }

  /** A profile's settings as a JSON file to share or keep: never its secret, id or secret store. */
  async export(id: string): Promise<ProfileExport> {
    const { id: _id, secretStore: _store, createdAt: _c, updatedAt: _u, ...settings } = await this.find(id);
    const slug = settings.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'profile';
    const content = JSON.stringify({ pail: { kind: 'profile', version: 1 }, profile: settings }, null, 2) + '\n';
    return { fileName: `pail-profile-${slug}.json`, content };
  }

  /** Deletes a profile and its secret. */
  async delete(id: string): Promise<{ id: string }> {
    await this.mutate(async (file) => {
      const index = file.profiles.findIndex((p) => p.id === id);
      if (index === -1) throw notFound(id);
      const [removed] = file.profiles.splice(index, 1);
      await this.secrets.byKind[removed.secretStore]?.delete(removed.id).catch(() => undefined);
    });
    return { id };
  }
}

/** Drops keys whose value is undefined, so a spread does not erase settings. */
function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Drops undefined and empty-string settings (an empty default bucket means none). */
function withoutEmpty<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}

function assertNameFree(profiles: Profile[], name: string): void {
  if (profiles.some((p) => p.name.toLowerCase() === name.toLowerCase())) {
    throw new PailError({
      code: 'ProfileNameTaken',
      message: `A profile called "${name}" already exists.`,
      hint: ERROR_TEXT.ProfileNameTaken.hint,
    });
  }
}
