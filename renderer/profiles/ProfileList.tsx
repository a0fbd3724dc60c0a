import type { KeyboardEvent } from 'react';
import { selectProfile } from '../actions/buckets';
import { duplicateProfile, exportProfile, moveProfile } from '../actions/profile-commands';
import type { DamagedProfile, ProfileSummary } from '../../shared/profile';
import { openEditProfile } from '../actions/profile-editor';
import { endpointHost } from '../common/format';
import { useBrowserStore } from '../stores/browser';
import { useProfilesStore } from '../stores/profiles';
import { selectDamagedProfiles, selectProfileId, selectProfiles } from '../stores/selectors';
import { useUiStore } from '../stores/ui';
import { BucketList } from './BucketList';
import { ProfileActionsMenu, type MenuAction } from './ProfileActionsMenu';

/** The id of a profile's button in the sidebar, to give focus back after a move. */
export const profileButtonId = (profileId: string) => `profile-button-${profileId}`;

const ui = () => useUiStore.getState();

const actionsButtonId = (profileId: string) => `profile-actions-${profileId}`;

/** Moves a profile and puts focus back where it was (moving a node in the DOM drops focus). */
async function move(profileId: string, delta: -1 | 1, from: 'profile' | 'menu') {
  await moveProfile(profileId, delta);
  document.getElementById(from === 'profile' ? profileButtonId(profileId) : actionsButtonId(profileId))?.focus();
}

function actionsFor(profile: ProfileSummary, index: number, count: number): MenuAction[] {
  return [
    { label: 'Edit', run: () => openEditProfile(profile.id) },
    { label: 'Duplicate', run: () => void duplicateProfile(profile.id) },
    { label: 'Test connection', run: () => openEditProfile(profile.id, { runTest: true }) },
    { label: 'Export', run: () => void exportProfile(profile.id) },
    { label: 'Move up', disabled: index === 0, run: () => void move(profile.id, -1, 'menu') },
    { label: 'Move down', disabled: index === count - 1, run: () => void move(profile.id, 1, 'menu') },
    { label: 'Delete', danger: true, run: () => ui().askDelete(profile.id) },
  ];
}

function ProfileItem({ profile, index, count, selected }: { profile: ProfileSummary; index: number; count: number; selected: boolean }) {
  // Alt+Up / Alt+Down move the focused profile, as in many list editors.
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    void move(profile.id, event.key === 'ArrowUp' ? -1 : 1, 'profile');
  };
  return (
    <li>
      <div className="profile-row">
        <button
          id={profileButtonId(profile.id)}
          type="button"
          className="profile-button"
          aria-label={profile.name}
          aria-current={selected ? 'true' : undefined}
          aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
          title={profile.endpoint}
          onClick={() => void selectProfile(profile.id)}
          onKeyDown={onKeyDown}
        >
          <span className="profile-name truncate">{profile.name}</span>
          <span className="profile-host truncate">{endpointHost(profile.endpoint)}</span>
          {profile.dontVerifyCertificates && (
            <span className="profile-unverified" title="Certificates of this profile's endpoint are not verified (lab endpoints only)">
              Certificates not verified
            </span>
          )}
        </button>
        <ProfileActionsMenu profileName={profile.name} buttonId={actionsButtonId(profile.id)} actions={actionsFor(profile, index, count)} />
      </div>
      {selected && <BucketList />}
    </li>
  );
}

/** What a damaged entry is called, for its row and its Remove button. */
export const damagedEntryLabel = (entry: DamagedProfile) => (entry.name ? `Damaged profile ${entry.name}` : `Damaged profile entry ${entry.entry}`);

/**
 * An entry of profiles.json that cannot be used: what is wrong and where, and a
 * way to remove it. Not a button: there is nothing to browse.
 */
function DamagedItem({ entry }: { entry: DamagedProfile }) {
  const label = damagedEntryLabel(entry);
  return (
    <li>
      <div className="profile-row profile-damaged">
        <div className="profile-damaged-text" role="note" aria-label={label}>
          <span className="profile-name truncate">{entry.name ?? `Entry ${entry.entry}`}</span>
          <span className="profile-damaged-badge">Damaged</span>
          <span className="profile-damaged-reason">
            Entry {entry.entry} in {entry.path}: {entry.problem}. Fix it in the file and reload, or remove it.
          </span>
        </div>
        <button
          type="button"
          className="button button-small"
          aria-label={`Remove ${label.charAt(0).toLowerCase()}${label.slice(1)}`}
          onClick={() => ui().askDelete(entry.key)}
        >
          Remove
        </button>
      </div>
    </li>
  );
}

/** The saved profiles in their order, each with its actions; the shown one has its buckets beneath. Damaged entries follow, as such. */
export function ProfileList() {
  const profiles = useProfilesStore(selectProfiles);
  const damaged = useProfilesStore(selectDamagedProfiles);
  const selectedId = useBrowserStore(selectProfileId);
  return (
    <ul className="profile-list">
      {profiles.map((profile, index) => (
        <ProfileItem key={profile.id} profile={profile} index={index} count={profiles.length} selected={profile.id === selectedId} />
      ))}
      {damaged.map((entry) => (
        <DamagedItem key={entry.key} entry={entry} />
      ))}
    </ul>
  );
}
