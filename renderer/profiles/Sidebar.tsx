import { openImport } from '../actions/import';
import { openAddProfile } from '../actions/profile-editor';
import { useProfilesStore } from '../stores/profiles';
import { selectAppVersion, selectProfiles, selectProfilesStatus } from '../stores/selectors';
import { useUiStore } from '../stores/ui';
import { DataFileProblems } from './DataFileProblems';
import { ErrorPanel } from '../common/ErrorPanel';
import { ProfileList } from './ProfileList';
import { SecretStoreNotice } from './SecretStoreNotice';
import { ThemeSwitch } from '../common/ThemeSwitch';

/** What a profile action said: a status line, or the error of one that failed. */
function ProfileActionNotice() {
  const notice = useUiStore((state) => state.notice);
  const failure = useUiStore((state) => state.actionError);
  return (
    <>
      <p className="sidebar-status" role="status">
        {notice}
      </p>
      {failure && (
        <div className="sidebar-error">
          <ErrorPanel title={failure.title} error={failure.error} />
          <button type="button" className="button button-small" onClick={() => useUiStore.getState().dismissActionError()}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}

/** The left column: "Add profile", the saved profiles (the shown one with its buckets), "Import profiles", and at the foot the notes, the version and the theme. */
export function Sidebar() {
  const profiles = useProfilesStore(selectProfiles);
  const status = useProfilesStore(selectProfilesStatus);
  const version = useProfilesStore(selectAppVersion);

  return (
    <aside className="sidebar">
      <div className="sidebar-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Pail
        </span>
        <button id="add-profile-button" type="button" className="button button-small" onClick={openAddProfile}>
          Add profile
        </button>
      </div>

      <nav className="sidebar-scroll" aria-labelledby="profiles-heading">
        <div className="sidebar-heading-row">
          <h2 id="profiles-heading" className="sidebar-heading">
            Profiles
          </h2>
          <button type="button" className="link-button link-button-small" onClick={openImport}>
            Import profiles
          </button>
        </div>
        {status === 'loading' && profiles.length === 0 && <p className="sidebar-note">Loading profiles…</p>}
        {status === 'ready' && profiles.length === 0 && <p className="sidebar-note">No profiles yet. Add one, or import them from the AWS CLI or rclone.</p>}
        <DataFileProblems />
        <ProfileList />
      </nav>

      <div className="sidebar-footer">
        <ProfileActionNotice />
        <SecretStoreNotice />
        <div className="sidebar-footer-row">
          {version && <p className="sidebar-version">Pail {version}</p>}
          <ThemeSwitch />
        </div>
      </div>
    </aside>
  );
}
