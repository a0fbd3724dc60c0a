import { useMemo } from 'react';
import { restoreBackups } from '../actions/profile-commands';
import type { ErrorInfo } from '../../shared/errors';
import { useProfilesStore } from '../stores/profiles';
import { secretProblemsOf, selectProfiles, selectProfilesError } from '../stores/selectors';
import { ErrorPanel } from '../common/ErrorPanel';

function Problem({ title, error }: { title: string; error: ErrorInfo }) {
  return (
    <div className="sidebar-error">
      <ErrorPanel title={title} error={error} />
      {/* Only a damaged file as a whole has a last good version to go back to. */}
      {error.code === 'DataFileDamaged' && (
        <button type="button" className="button button-small" onClick={() => void restoreBackups()}>
          Restore the backup
        </button>
      )}
    </div>
  );
}

/**
 * Data files that cannot be read, said where the profiles are: a damaged
 * profiles.json (no list at all) or secrets.json, each with what
 * to do and, for a damaged file, a button that puts back its last good version.
 */
export function DataFileProblems() {
  const listError = useProfilesStore(selectProfilesError);
  const profiles = useProfilesStore(selectProfiles);
  // A damaged secrets.json as a whole (every profile's secret); one profile's damaged secret is said when it is used.
  const secrets = useMemo(() => secretProblemsOf(profiles).filter(({ error }) => error.code === 'DataFileDamaged'), [profiles]);
  return (
    <>
      {listError && <Problem title="Could not read your profiles" error={listError} />}
      {secrets.map(({ error, profiles: names }) => (
        <Problem key={error.message} title={`Cannot read the secrets of ${names.map((n) => `“${n}”`).join(', ')}`} error={error} />
      ))}
    </>
  );
}
