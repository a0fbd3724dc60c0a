import { useProfilesStore } from '../stores/profiles';
import { useBrowserStore } from '../stores/browser';
import { clearProfile, followActivePane, forgetProfileInPanes, selectProfile } from './buckets';
import { startJobEvents } from './jobs';
import { startEditSessionEvents } from './edit-in-app';
import { startMenuCommands } from './menu-commands';
import { loadAppInfo, loadProfiles, watchProfiles } from './profiles';
import { api } from '../api';
import { startTheme } from './theme';
import { loadTransfers, startTransferEvents } from './transfers';

/**
 * Starts the app's data flow, outside React: applies the remembered theme, loads the app info and the
 * profiles, follows profile changes and job, search and transfer events, keeps
 * the sidebar on the active pane's profile, shows the first profile once at start,
 * and forgets the shown profile if it is deleted. Returns the function that stops.
 */
export function startSession(): () => void {
  startTheme();
  const stopWatching = watchProfiles();
  const stopFollowingPanes = followActivePane();
  const stopJobEvents = startJobEvents();
  const stopTransferEvents = startTransferEvents();
  const stopEditSessionEvents = startEditSessionEvents();
  const stopMenuCommands = startMenuCommands();
  // What changed while the web transport's event stream was closed (before it first opened, or during a drop)
  // is read again: a profile the CLI saved as the page loaded shows.
  const stopResync = api.on('events:opened', () => {
    void loadProfiles();
    void loadTransfers();
  });
  let firstListSeen = false;

  const stopFollowing = useProfilesStore.subscribe((state) => {
    if (state.list.status !== 'ready') return;
    const listed = state.list.value;
    const shown = useBrowserStore.getState().profileId;
    if (!firstListSeen) {
      firstListSeen = true;
      const first = listed[0];
      if (!shown && first) void selectProfile(first.id);
      return;
    }
    const known = (profileId: string) => listed.some((p) => p.id === profileId);
    if (shown && !known(shown)) clearProfile();
    // The other pane may show a profile the sidebar does not.
    forgetProfileInPanes(known);
  });

  void loadAppInfo();
  void loadProfiles();
  return () => {
    stopWatching();
    stopFollowingPanes();
    stopJobEvents();
    stopTransferEvents();
    stopEditSessionEvents();
    stopMenuCommands();
    stopResync();
    stopFollowing();
  };
}
