import { join } from 'node:path';
import { AsyncEntry } from '@napi-rs/keyring';
import { z } from 'zod';
import type { SecretStoreKind } from '../../shared/profile';
import { PailError } from '../../shared/errors';
import { readDataFile, restoreDataFile, writeDataFile, type DataFile, type NotRestored, type RestoredFile } from './atomic-file';
import { kindOf } from './data-file-words';
import { DamagedSecretError } from './secret-envelope';

/** Where profile secrets are kept: the OS keychain, or a file only the user can read. */
export interface SecretStore {
  readonly kind: SecretStoreKind;
  /** Where the secrets are, in words for the UI and the CLI. */
  readonly description: string;
  /** Said plainly to the user when the secrets are not in the OS keychain. */
  readonly warning?: string;
  /** Where a secret that could not be removed stays: a file's path, or the keychain's name. */
  readonly location: string;
  /** The stored text; a stored value that is not text throws `DamagedSecretError`. */
  get(account: string): Promise<string | undefined>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<void>;
  /** Puts back the last good version of a damaged secrets file (file store only). */
  restoreBackup?(): Promise<RestoredFile | NotRestored>;
}

/** The keychain service name every Pail secret is filed under. */
export const KEYCHAIN_SERVICE = 'Pail';

function storeFailure(action: string, error: unknown): PailError {
  return new PailError(
    {
      code: 'SecretStoreUnavailable',
      message: `Could not ${action} the secret: ${(error as Error).message ?? String(error)}`,
      hint: 'Unlock your system keychain (or log in to the desktop session) and try again.',
    },
    { cause: error },
  );
}

/**
 * Secrets in the OS keychain (macOS Keychain, Windows Credential Manager,
 * Secret Service on Linux) through @napi-rs/keyring, so a profile made in the
 * app works in the CLI too. On Linux the Secret Service is required: the
 * library's fallback, the kernel keyring, forgets secrets at logout.
 */
export class KeychainSecretStore implements SecretStore {
  readonly kind = 'keychain' as const;
  readonly description: string;
  readonly location: string;

  constructor(
    private readonly service = KEYCHAIN_SERVICE,
    platform: NodeJS.Platform = process.platform,
  ) {
    this.description =
      platform === 'darwin' ? 'the macOS Keychain' : platform === 'win32' ? 'Windows Credential Manager' : 'the system keyring (Secret Service)';
    this.location = `${this.description} (service "${service}")`;
  }

  private entry(account: string): AsyncEntry {
    return new AsyncEntry(this.service, account, { linux: { store: 'secret-service' } });
  }

  async get(account: string): Promise<string | undefined> {
    try {
      return (await this.entry(account).getPassword()) ?? undefined;
    } catch (error) {
      throw storeFailure('read', error);
    }
  }

  async set(account: string, secret: string): Promise<void> {
    try {
      await this.entry(account).setPassword(secret);
    } catch (error) {
      throw storeFailure('save', error);
    }
  }

  async delete(account: string): Promise<void> {
    try {
      await this.entry(account).deletePassword();
    } catch (error) {
      throw storeFailure('delete', error);
    }
  }

  /** True when the keychain answers a write, a read and a delete right now. */
  static async isReachable(service = KEYCHAIN_SERVICE): Promise<boolean> {
    try {
      const probe = new AsyncEntry(service, `probe-${process.pid}`, { linux: { store: 'secret-service' } });
      await probe.setPassword('probe');
      const back = await probe.getPassword();
      await probe.deletePassword();
      return back === 'probe';
    } catch {
      return false;
    }
  }
}

/**
 * secrets.json: one object, a secret per profile id. Entries are checked one by
 * one when read, so a damaged entry spoils only its own profile, and is written
 * back as it was when another entry changes.
 */
const secretsFileSchema = z.record(z.string(), z.unknown());

/**
 * Secrets in `secrets.json` in the data folder, readable only by the user
 * (mode 0600). Used where no keychain is reachable (headless Linux, CI); the
 * UI and the CLI say so. A damaged file is never written over (a write would
 * drop every secret it holds); the last good version is kept in `secrets.json.bak`.
 */
export class FileSecretStore implements SecretStore {
  readonly kind = 'file' as const;
  readonly path: string;
  readonly location: string;
  readonly description: string;
  readonly warning: string;
  private readonly file: DataFile<Record<string, unknown>>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.path = join(dataDir, 'secrets.json');
    this.location = this.path;
    this.file = { path: this.path, schema: secretsFileSchema, holds: 'the secret keys of your profiles' };
    this.description = `a file only you can read: ${this.path}`;
    this.warning =
      `No system keychain is reachable, so secret keys are stored unencrypted in ${this.path} ` +
      '(readable only by your user account). Anyone with access to your account can read them.';
  }

  /** Serialises writes so two changes never lose one another; `forget` leaves the backup without that account too. */
  private update(change: (all: Record<string, unknown>) => void, forget?: string): Promise<void> {
    const next = this.queue.then(async () => {
      const read = await readDataFile(this.file);
      const all = { ...read?.value };
      change(all);
      // A removed secret must not live on in the backup.
      const backup = read && forget !== undefined && Object.hasOwn(read.value, forget) ? JSON.stringify(without(read.value, forget), null, 2) : read?.text;
      await writeDataFile(this.path, JSON.stringify(all, null, 2), backup);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  async get(account: string): Promise<string | undefined> {
    await this.queue;
    const all = (await readDataFile(this.file))?.value ?? {};
    if (!Object.hasOwn(all, account)) return undefined;
    const value = all[account];
    if (typeof value !== 'string') throw new DamagedSecretError(`is not text: it is ${kindOf(value)}`);
    return value;
  }

  set(account: string, secret: string): Promise<void> {
    return this.update((all) => {
      all[account] = secret;
    });
  }

  delete(account: string): Promise<void> {
    return this.update((all) => {
      delete all[account];
    }, account);
  }

  /** Puts back secrets.json from secrets.json.bak when it is damaged or missing. */
  async restoreBackup(): Promise<RestoredFile | NotRestored> {
    await this.queue;
    return restoreDataFile(this.file);
  }
}

function without(all: Record<string, unknown>, account: string): Record<string, unknown> {
  const copy = { ...all };
  delete copy[account];
  return copy;
}

/** The secret stores a data folder uses: the keychain when reachable, else the file. */
export interface SecretStores {
  /** Where new secrets go. */
  preferred: SecretStore;
  /** Every store by kind, to read a secret from where it was saved. */
  byKind: Partial<Record<SecretStoreKind, SecretStore>>;
}

/**
 * Chooses the secret store: `PAIL_SECRET_STORE=file|keychain` forces one;
 * otherwise the keychain when it answers, else the file.
 */
export async function openSecretStores(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<SecretStores> {
  const file = new FileSecretStore(dataDir);
  const forced = env.PAIL_SECRET_STORE;
  const keychainOk = forced === 'file' ? false : forced === 'keychain' ? true : await KeychainSecretStore.isReachable();
  // Both stay readable: a profile saved to the keychain in an earlier run
  // still finds (or clearly fails to find) its secret there.
  const keychain = new KeychainSecretStore();
  return { preferred: keychainOk ? keychain : file, byKind: { keychain, file } };
}
