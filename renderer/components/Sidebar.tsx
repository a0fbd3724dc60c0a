import { useProfilesStore } from '../stores/profiles';
import { useBrowserStore } from '../stores/browser';
import { selectAppVersion, selectProfileId, selectProfiles, selectProfilesStatus } from '../stores/selectors';
import { endpointHost } from '../format';
import { BucketList } from './BucketList';
import { SecretStoreNotice } from './SecretStoreNotice';

/** Props of {@link Sidebar}. */
export interface SidebarProps {
  onAddProfile(): void;
}

/** The left column: the saved profiles, the shown profile's buckets beneath it, and "Add profile". */
export function Sidebar({ onAddProfile }: SidebarProps) {
  const profiles = useProfilesStore(selectProfiles);
  const status = useProfilesStore(selectProfilesStatus);
  const version = useProfilesStore(selectAppVersion);
  const selectedId = useBrowserStore(selectProfileId);

  return (
    <aside className="sidebar">
      <div className="sidebar-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Pail
        </span>
        <button type="button" className="button button-small" onClick={onAddProfile}>
          Add profile
        </button>
      </div>

      <nav className="sidebar-scroll" aria-labelledby="profiles-heading">
        <h2 id="profiles-heading" className="sidebar-heading">
          Profiles
        </h2>
        {status === 'loading' && profiles.length === 0 && <p className="sidebar-note">Loading profiles…</p>}
        {status === 'ready' && profiles.length === 0 && (
          <p className="sidebar-note">No profiles yet. Add one to connect to your storage.</p>
        )}
        <ul className="profile-list">
          {profiles.map((profile) => {
            const selected = profile.id === selectedId;
            return (
              <li key={profile.id}>
                <button
                  type="button"
                  className="profile-button"
                  aria-label={profile.name}
                  aria-current={selected ? 'true' : undefined}
                  title={profile.endpoint}
                  onClick={() => void useBrowserStore.getState().selectProfile(profile.id)}
                >
                  <span className="profile-name truncate">{profile.name}</span>
                  <span className="profile-host truncate">{endpointHost(profile.endpoint)}</span>
                </button>
                {selected && <BucketList />}
              </li>
            );
          })}
        </ul>
      </nav>

      <div className="sidebar-footer">
        <SecretStoreNotice />
        {version && <p className="sidebar-version">Pail {version}</p>}
      </div>
    </aside>
  );
}
