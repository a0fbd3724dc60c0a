import { ERROR_TEXT } from '../../shared/error-text';
import { PailError } from '../../shared/errors';
import type { Profile, ProfileDeleted } from '../../shared/profile';
import type { ProfileEntry } from './profiles-file';
import { DamagedSecretError, decodeSecret, type StoredSecret } from './secret-envelope';
import type { SecretStore, SecretStores } from './secret-store';

/**
 * A profile's secret as its store holds it, checked; undefined when none is
 * stored. A stored value that is not a secret (a number in secrets.json, a
 * broken envelope in the keychain) is named with its profile and what to do.
 */
export async function readProfileSecret(secrets: SecretStores, profile: Profile): Promise<StoredSecret | undefined> {
  const store = secrets.byKind[profile.secretStore];
  if (!store) return undefined;
  try {
    const stored = await store.get(profile.id);
    return stored === undefined ? undefined : decodeSecret(stored);
  } catch (error) {
    if (error instanceof DamagedSecretError) throw damagedSecret(profile, store, error.problem);
    throw error;
  }
}

/**
 * Removes the secret of a deleted entry and says whether it went: if not,
 * where it stayed and why. A damaged entry's secret is found only when the
 * entry still says which id and store it had.
 */
export async function removeEntrySecret(removed: ProfileEntry, secrets: SecretStores): Promise<Omit<ProfileDeleted, 'id'>> {
  if ('damaged' in removed) {
    const raw = removed.raw as Partial<Profile> | null;
    const store = secrets.byKind[raw?.secretStore ?? 'file'];
    const account = typeof raw?.id === 'string' && raw.id === removed.damaged.key ? raw.id : undefined;
    if (account && store) return removeSecret(store, account);
    return {
      secretRemoved: false,
      secretError: {
        code: 'DataFileDamaged',
        message: 'The damaged entry did not say which secret was its own, so no secret was removed.',
        hint: `If it had one, it stays in ${secrets.byKind.file?.location ?? 'the secret file'} or the system keychain under the entry's old id.`,
      },
    };
  }
  const store = secrets.byKind[removed.profile.secretStore];
  if (store) return removeSecret(store, removed.profile.id);
  return {
    secretRemoved: false,
    secretError: {
      code: 'SecretStoreUnavailable',
      message: `Its secret store (${removed.profile.secretStore}) is not available here, so its secret was not removed.`,
      hint: ERROR_TEXT.SecretStoreUnavailable.hint,
    },
  };
}

async function removeSecret(store: SecretStore, account: string): Promise<Omit<ProfileDeleted, 'id'>> {
  try {
    await store.delete(account);
    return { secretRemoved: true };
  } catch (error) {
    return {
      secretRemoved: false,
      secretError: {
        code: error instanceof PailError ? error.code : 'SecretStoreUnavailable',
        message: `Its secret was NOT removed: it stays in ${store.location} under "${account}". ${(error as Error).message}`,
        hint: `Remove that entry yourself once the store can be written again${store.kind === 'file' ? ' (for a damaged file: after fixing it, or restoring it with "pail profile restore-backup")' : ''}.`,
      },
    };
  }
}

/**
 * A secret that is there but cannot be used, named with its profile and what
 * to do. `SecretDamaged`, not `DataFileDamaged`: the file as a whole is fine,
 * restoring it would not help, entering the secret again does.
 */
function damagedSecret(profile: Profile, store: SecretStore, problem: string): PailError {
  const inFile = store.kind === 'file';
  return new PailError({
    code: 'SecretDamaged',
    message: inFile
      ? `The secret of profile "${profile.name}" (entry "${profile.id}" in ${store.location}) ${problem}.`
      : `The secret of profile "${profile.name}" in ${store.location} ${problem}.`,
    hint: `Enter the secret again, which replaces it: pail profile edit ${shellWord(profile.name)} --secret-access-key-stdin (or Edit in the app).`,
  });
}

/** A profile name as one shell word. */
function shellWord(name: string): string {
  return /^[\w.@%+=:,/-]+$/.test(name) ? name : `'${name.replace(/'/g, `'\\''`)}'`;
}
