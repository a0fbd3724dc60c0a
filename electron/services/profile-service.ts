// Saved connection profiles: profiles.json read once per change on disk, changes one at a time, each
// profile's secret in a secret store. Making, changing and exporting one record is in profile-edits.
import { randomUUID } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  profileInputSchema,
  profilePatchSchema,
  type DamagedProfile,
  type Profile,
  type ProfileDeleted,
  type ProfileInput,
  type ProfileListEntry,
  type ProfileSummary,
  type RestoredBackups,
} from '../../shared/profile';
import { Sequencer } from '../../shared/async';
import { ERROR_TEXT } from '../../shared/error-text';
import { PailError } from '../../shared/errors';
import type { ParsedRequestOf } from '../../shared/ipc/contract';
import type { ProfileExport } from '../../shared/profile-import';
import { readDataFile, restoreDataFile, writeDataFile, type DataFile, type DataFileContent, type NotRestored, type RestoredFile } from './atomic-file';
import { caBundleProblem } from './net/ca-bundle';
import { FileCache, fileStamp } from './file-cache';
import { newProfile, patchedProfile, profileExport } from './profile-edits';
import { assertNameFree, invalid, missingOrDamaged, nothingToRestore, notFound } from './profile-errors';
import { readProfileSecret, removeEntrySecret } from './profile-secrets';
import { damagedEntries, damagedProfileError, goodProfiles, parseEntries, profilesDataFile, serialise, type ProfilesFile } from './profiles-file';
import { encodeSecret } from './secret-envelope';
import type { SecretStores } from './secret-store';

/** A profile together with its secret: only ever used inside the main process. */
export interface ProfileWithSecret {
  profile: Profile;
  secretAccessKey: string;
  /** Temporary credentials only. */
  sessionToken?: string;
  /** The password of the profile's proxy, if one is stored. */
  proxyPassword?: string;
}

/** What a ProfileService may be given besides its folder and secret stores (tests give a clock or count reads). */
export interface ProfileServiceOptions {
  /** The clock for createdAt / updatedAt. */
  now?: () => Date;
  /** Reads and checks profiles.json (`readDataFile` unless given). */
  read?: <T>(file: DataFile<T>) => Promise<DataFileContent<T> | undefined>;
}

/** What a list of profiles shows: the usable ones, and the damaged entries in the file. */
export interface ProfileListing {
  profiles: ProfileSummary[];
  damaged: DamagedProfile[];
}

/**
 * Saved connection profiles: `profiles.json` in the data folder (written
 * atomically, never holding a secret, its last good version kept in
 * `profiles.json.bak`) and each profile's secret in a secret store. Each entry
 * is checked on its own: a damaged one is reported and kept as it is, and the
 * others work. A damaged file as a whole is never written over.
 */
export class ProfileService {
  readonly path: string;
  /** Changes (and restores) run one at a time; reads wait for the changes queued before them. */
  private readonly changes = new Sequencer();
  /** profiles.json as last parsed, read again only when the file changed on disk. */
  private readonly file: FileCache<ProfilesFile>;
  private readonly now: () => Date;
  private readonly listeners = new Set<(profiles: ProfileSummary[], damaged: DamagedProfile[]) => void>();
  /** profiles.json's stamp when the listeners were last told (see `watchDisk`). */
  private toldStamp: string | undefined;

  constructor(
    dataDir: string,
    private readonly secrets: SecretStores,
    { now = () => new Date(), read = readDataFile }: ProfileServiceOptions = {},
  ) {
    this.path = join(dataDir, 'profiles.json');
    this.now = now;
    this.file = new FileCache(this.path, async () => {
      const content = await read(profilesDataFile(this.path));
      if (!content) return { entries: [], rest: { version: 1 } };
      const { profiles, ...rest } = content.value;
      return { entries: parseEntries(profiles, this.path), rest, text: content.text };
    });
  }

  /** Calls `listener` with the new list (and the damaged entries) after every change. */
  onChange(listener: (profiles: ProfileSummary[], damaged: DamagedProfile[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The file as it is once the changes queued so far are written (shared with other readers: not to be changed). */
  private readFile(): Promise<ProfilesFile> {
    return this.changes.queue(() => this.file.get());
  }

  /**
   * Runs read-modify-write changes one after another. A damaged file fails the
   * read, so a change is refused rather than written over it: the file may be
   * mended by hand or from its backup, and a write would lose what it holds.
   */
  private async mutate<T>(change: (file: ProfilesFile) => Promise<T>): Promise<T> {
    const result = await this.changes.queue(async () => {
      const read = await this.file.get();
      // The cached file is shared with readers: the change gets its own list to edit.
      const file: ProfilesFile = { ...read, entries: [...read.entries] };
      const result = await change(file);
      this.file.forget();
      await writeDataFile(this.path, serialise(file), file.text);
      return result;
    });
    await this.tellListeners();
    return result;
  }

  /**
   * Tells the listeners when profiles.json changes on disk by another hand: a profile that `pail profile add`
   * saved, another window's change, a hand edit. The open app shows it without a restart. The folder is
   * watched, not the file: an atomic write puts a new file in its place, which a watch on the old one would
   * miss. A burst of events is one look, and a file this service just wrote is not told twice. Where the
   * system refuses a watch (inotify's limits, a folder gone), only the live update is lost: every read still
   * sees the file as it is. Returns the function that stops watching.
   */
  watchDisk(): () => void {
    let watcher: FSWatcher;
    try {
      watcher = watch(dirname(this.path), { persistent: false });
    } catch {
      return () => undefined;
    }
    let settle: NodeJS.Timeout | undefined;
    const name = basename(this.path);
    watcher.on('change', (_event, filename) => {
      if (filename !== null && String(filename) !== name) return;
      clearTimeout(settle);
      settle = setTimeout(() => void this.tellIfChangedOnDisk(), 50);
    });
    watcher.on('error', () => watcher.close());
    return () => {
      clearTimeout(settle);
      watcher.close();
    };
  }

  private async tellIfChangedOnDisk(): Promise<void> {
    const stamp = await fileStamp(this.path).catch(() => undefined);
    if (stamp === this.toldStamp) return;
    await this.tellListeners();
  }

  /** Gives the listeners the list as it is now (a list that cannot be read tells them nothing). */
  private async tellListeners(): Promise<void> {
    this.toldStamp = await fileStamp(this.path).catch(() => undefined);
    if (!this.listeners.size) return;
    const listing = await this.listing().catch(() => undefined);
    if (listing) this.listeners.forEach((listener) => listener(listing.profiles, listing.damaged));
  }

  private async summarise(profile: Profile): Promise<ProfileSummary> {
    try {
      const stored = await readProfileSecret(this.secrets, profile);
      return {
        ...profile,
        secretSet: stored !== undefined,
        ...(stored?.sessionToken !== undefined && { sessionTokenSet: true }),
        ...(stored?.proxyPassword !== undefined && { proxyPasswordSet: true }),
      };
    } catch (error) {
      const info =
        error instanceof PailError
          ? error.toInfo()
          : { code: 'SecretStoreUnavailable' as const, message: (error as Error).message, hint: ERROR_TEXT.SecretStoreUnavailable.hint };
      return { ...profile, secretSet: false, secretError: info };
    }
  }

  /** Every usable profile, in the saved order, without secrets. */
  async list(): Promise<ProfileSummary[]> {
    return (await this.listing()).profiles;
  }

  /** The usable profiles and the damaged entries of profiles.json. */
  async listing(): Promise<ProfileListing> {
    const file = await this.readFile();
    return { profiles: await Promise.all(goodProfiles(file).map((profile) => this.summarise(profile))), damaged: damagedEntries(file) };
  }

  /** Every entry in file order, damaged ones in their place: what `profiles:list` answers. */
  async listEntries(): Promise<ProfileListEntry[]> {
    const file = await this.readFile();
    return Promise.all(file.entries.map((entry) => ('profile' in entry ? this.summarise(entry.profile) : { damaged: entry.damaged })));
  }

  /** A profile by id or (case-insensitive) name; a damaged entry of that id or name is named as damaged. */
  async find(idOrName: string): Promise<Profile> {
    const file = await this.readFile();
    const profiles = goodProfiles(file);
    const lower = idOrName.toLowerCase();
    const found = profiles.find((p) => p.id === idOrName) ?? profiles.find((p) => p.name.toLowerCase() === lower);
    if (found) return found;
    const damaged = damagedEntries(file).find((d) => d.key === idOrName || d.name?.toLowerCase() === lower);
    if (damaged) throw damagedProfileError(damaged);
    throw notFound(idOrName);
  }

  /** A profile and its secret in one call (one look at profiles.json), for the S3 client factory. */
  async withSecret(idOrName: string): Promise<ProfileWithSecret> {
    return this.secretOf(await this.find(idOrName));
  }

  /** The secret of a profile already found (a client cache that checked the profile first need not look it up again). */
  async secretOf(profile: Profile): Promise<ProfileWithSecret> {
    const stored = await readProfileSecret(this.secrets, profile);
    if (stored === undefined) {
      const store = this.secrets.byKind[profile.secretStore];
      throw new PailError({
        code: 'SecretMissing',
        message: `The secret access key of profile "${profile.name}" is not in ${store?.description ?? 'the secret store'}.`,
        hint: ERROR_TEXT.SecretMissing.hint,
      });
    }
    return { profile, ...stored };
  }

  /** Creates a profile; its secret goes to the preferred secret store. */
  async create(input: ProfileInput): Promise<ProfileSummary> {
    const parsed = profileInputSchema.safeParse(input);
    if (!parsed.success) throw invalid(parsed.error.issues.map((i) => i.message).join(' '));
    const values = parsed.data;
    assertCaBundleReads(values.caBundle);
    assertProxyComplete(values);
    const store = this.secrets.preferred;
    const profile = await this.mutate(async (file) => {
      assertNameFree(goodProfiles(file), values.name);
      const created = newProfile(values, randomUUID(), store.kind, this.now().toISOString());
      // The secret is saved first: a profile is never listed without one.
      await store.set(
        created.id,
        encodeSecret({
          secretAccessKey: values.secretAccessKey,
          ...(values.sessionToken && { sessionToken: values.sessionToken }),
          ...(values.proxyPassword && { proxyPassword: values.proxyPassword }),
        }),
      );
      file.entries.push({ profile: created });
      return created;
    });
    return { ...profile, secretSet: true, ...(values.sessionToken && { sessionTokenSet: true }), ...(values.proxyPassword && { proxyPasswordSet: true }) };
  }

  /** Changes a profile; an absent secret keeps the stored one. */
  async update({ id, patch }: ParsedRequestOf<'profiles:update'>): Promise<ProfileSummary> {
    const parsed = profilePatchSchema.safeParse(patch);
    if (!parsed.success) throw invalid(parsed.error.issues.map((i) => i.message).join(' '));
    const values = parsed.data;
    assertCaBundleReads(values.caBundle);
    const updated = await this.mutate(async (file) => {
      const index = file.entries.findIndex((e) => 'profile' in e && e.profile.id === id);
      if (index === -1) throw missingOrDamaged(file, id);
      const current = (file.entries[index] as { profile: Profile }).profile;
      if (values.name !== undefined && values.name.toLowerCase() !== current.name.toLowerCase()) {
        assertNameFree(goodProfiles(file), values.name);
      }
      const next = patchedProfile(current, values, this.now().toISOString());
      assertProxyComplete(next);
      if (values.secretAccessKey !== undefined || values.sessionToken !== undefined || values.proxyPassword !== undefined) {
        // One entry holds all three: a new token keeps the stored secret, a new secret keeps the token (and proxy password) unless told.
        const kept =
          values.secretAccessKey === undefined || values.sessionToken === undefined || values.proxyPassword === undefined
            ? await readProfileSecret(this.secrets, current).catch(() => undefined)
            : undefined;
        const secretAccessKey = values.secretAccessKey ?? kept?.secretAccessKey;
        if (secretAccessKey === undefined) throw invalid('Enter the secret access key too: none is stored for this profile.');
        const sessionToken = values.sessionToken === undefined ? kept?.sessionToken : values.sessionToken || undefined;
        const proxyPassword = values.proxyPassword === undefined ? kept?.proxyPassword : values.proxyPassword || undefined;
        const store = this.secrets.preferred;
        await store.set(id, encodeSecret({ secretAccessKey, ...(sessionToken && { sessionToken }), ...(proxyPassword && { proxyPassword }) }));
        if (current.secretStore !== store.kind) {
          await this.secrets.byKind[current.secretStore]?.delete(id).catch(() => undefined);
        }
        next.secretStore = store.kind;
      }
      file.entries[index] = { profile: next };
      return next;
    });
    return this.summarise(updated);
  }

  /** Sets one bucket's own settings (upload defaults, custom domain), leaving the rest of the profile as it is. */
  async setBucketSettings({ id, bucket, uploads, publicUrlBase }: ParsedRequestOf<'profiles:setBucketSettings'>): Promise<ProfileSummary> {
    const updated = await this.mutate(async (file) => {
      const index = file.entries.findIndex((e) => 'profile' in e && e.profile.id === id);
      if (index === -1) throw missingOrDamaged(file, id);
      const current = (file.entries[index] as { profile: Profile }).profile;
      const next: Profile = {
        ...current,
        bucketUploads: withBucketValue(current.bucketUploads, bucket, uploads && withoutEmptyValues(uploads)),
        publicUrlBases: withBucketValue(current.publicUrlBases, bucket, publicUrlBase),
        updatedAt: this.now().toISOString(),
      };
      file.entries[index] = { profile: next };
      return next;
    });
    return this.summarise(updated);
  }

  /** Copies a profile, secret included, under a free name ("Work copy", "Work copy 2"…). */
  async duplicate({ id }: ParsedRequestOf<'profiles:duplicate'>): Promise<ProfileSummary> {
    const source = await this.withSecret(id);
    const names = (await this.list()).map((p) => p.name.toLowerCase());
    let name = `${source.profile.name} copy`.slice(0, 64);
    for (let n = 2; names.includes(name.toLowerCase()); n += 1) name = `${source.profile.name} copy ${n}`.slice(0, 64);
    const { id: _id, secretStore: _store, createdAt: _c, updatedAt: _u, ...settings } = source.profile;
    return this.create({
      ...settings,
      name,
      secretAccessKey: source.secretAccessKey,
      ...(source.sessionToken && { sessionToken: source.sessionToken }),
      ...(source.proxyPassword && { proxyPassword: source.proxyPassword }),
    });
  }

  /** Puts the profiles in the given order; ids not named keep their relative order at the end; damaged entries keep their places. */
  async reorder({ ids }: ParsedRequestOf<'profiles:reorder'>): Promise<ProfileSummary[]> {
    await this.mutate(async (file) => {
      const profiles = goodProfiles(file);
      const rank = new Map(ids.map((id, index) => [id, index]));
      const unknown = ids.filter((id) => !profiles.some((p) => p.id === id));
      if (unknown.length) throw missingOrDamaged(file, unknown[0]);
      const ordered = profiles
        .map((profile, index) => ({ profile, key: rank.get(profile.id) ?? ids.length + index }))
        .sort((a, b) => a.key - b.key)
        .map((entry) => entry.profile);
      let next = 0;
      file.entries = file.entries.map((entry) => ('profile' in entry ? { profile: ordered[next++] } : entry));
    });
    return this.list();
  }

  /** A profile's settings as a JSON file to share or keep: never its secret, id or secret store. */
  async export({ id }: ParsedRequestOf<'profiles:export'>): Promise<ProfileExport> {
    return profileExport(await this.find(id));
  }

  /**
   * Deletes a profile (or a damaged entry, by the key the list shows), then its
   * secret. The answer says whether the secret went too, and if not, where it
   * stayed and why: a profile is gone even when its secret could not be removed.
   */
  async delete({ id }: ParsedRequestOf<'profiles:delete'>): Promise<ProfileDeleted> {
    const removed = await this.mutate(async (file) => {
      const index = file.entries.findIndex((e) => ('profile' in e ? e.profile.id === id : e.damaged.key === id));
      if (index === -1) throw notFound(id);
      return file.entries.splice(index, 1)[0];
    });
    return { id, ...(await removeEntrySecret(removed, this.secrets)) };
  }

  /**
   * Puts back the last good versions of damaged (or missing) profiles.json and
   * secrets.json from their `.bak`, keeping each damaged file beside it;
   * `NothingToRestore` (saying why for each file) when neither could be.
   */
  async restoreBackups(): Promise<RestoredBackups> {
    const results = await this.changes.queue(async () => {
      const results: (RestoredFile | NotRestored)[] = [await restoreDataFile(profilesDataFile(this.path), this.now())];
      this.file.forget();
      const file = this.secrets.byKind.file;
      if (file?.restoreBackup) results.push(await file.restoreBackup());
      return results;
    });
    const restored = results.filter((r): r is RestoredFile => 'from' in r);
    if (!restored.length) throw nothingToRestore(results as NotRestored[]);
    await this.tellListeners();
    return { restored };
  }
}

/** `record` with `bucket`'s value replaced (`value`), removed (null or an empty object) or kept (undefined). */
function withBucketValue<T>(record: Record<string, T>, bucket: string, value: T | null | undefined): Record<string, T> {
  if (value === undefined) return record;
  const { [bucket]: _old, ...rest } = record;
  const empty = value === null || (typeof value === 'object' && Object.keys(value).length === 0);
  return empty ? rest : { ...rest, [bucket]: value };
}

/** Drops fields that say nothing (undefined, "", an empty record), so an emptied form clears the bucket's settings. */
function withoutEmptyValues<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== '' && !(typeof v === 'object' && v !== null && Object.keys(v).length === 0)),
  ) as T;
}

/** Refuses a CA bundle whose certificates do not parse ("" removes the bundle and passes). */
function assertCaBundleReads(caBundle: string | undefined): void {
  const problem = caBundle ? caBundleProblem(caBundle) : undefined;
  if (problem) throw invalid(problem);
}

/** A profile whose proxy is "url" must name the proxy. */
function assertProxyComplete(settings: { proxyMode?: string; proxyUrl?: string }): void {
  if (settings.proxyMode === 'url' && !settings.proxyUrl)
    throw invalid('Enter the proxy URL (e.g. http://proxy.example.com:3128), or choose another proxy setting.');
}
