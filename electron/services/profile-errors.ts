import { ERROR_TEXT } from '../../shared/error-text';
import { PailError } from '../../shared/errors';
import type { Profile } from '../../shared/profile';
import type { NotRestored } from './atomic-file';
import { damagedEntries, damagedProfileError, type ProfilesFile } from './profiles-file';

/** No profile of that id or name. */
export function notFound(idOrName: string): PailError {
  return new PailError({
    code: 'ProfileNotFound',
    message: `No profile called "${idOrName}".`,
    hint: ERROR_TEXT.ProfileNotFound.hint,
  });
}

/** A request whose values break the profile rules. */
export function invalid(message: string): PailError {
  return new PailError({ code: 'InvalidRequest', message, hint: ERROR_TEXT.InvalidRequest.hint });
}

/** Why no data file was restored, file by file. */
export function nothingToRestore(results: NotRestored[]): PailError {
  const why = results.map((r) =>
    r.reason === 'not-damaged'
      ? `${r.path} reads fine`
      : r.problem
        ? `${r.path} is damaged but has no good backup (${r.path}.bak)`
        : `${r.path} does not exist and has no backup`,
  );
  return new PailError({ code: 'NothingToRestore', message: `Nothing to restore: ${why.join('; ')}.`, hint: ERROR_TEXT.NothingToRestore.hint });
}

/** Not found, unless a damaged entry has that key: then it is named as damaged. */
export function missingOrDamaged(file: ProfilesFile, id: string): PailError {
  const damaged = damagedEntries(file).find((d) => d.key === id);
  return damaged ? damagedProfileError(damaged) : notFound(id);
}

/** Refuses a name another profile has (case-insensitively). */
export function assertNameFree(profiles: Profile[], name: string): void {
  if (profiles.some((p) => p.name.toLowerCase() === name.toLowerCase())) {
    throw new PailError({
      code: 'ProfileNameTaken',
      message: `A profile called "${name}" already exists.`,
      hint: ERROR_TEXT.ProfileNameTaken.hint,
    });
  }
}
