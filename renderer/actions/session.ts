import { paneStores, useBrowserStore } from '../stores/browser';
import { startJobEvents } from '../stores/jobs';
import { useProfilesStore } from '../stores/profiles';
import { startMenuCommands } from './menu-commands';
import { startTransferEvents } from '../stores/transfers';

/**
 * Starts the app's data flow, outside React: loads the app info and the
 * profiles, follows profile changes and job, search and transfer events, shows the first profile once at start,
 * and forgets the shown profile if it is deleted. Returns the function that stops.
 */
export function startSession(): () => void {
  const profiles = useProfilesStore.getState();
  const stopWatching = profiles.watch();
  const stopJobEvents = startJobEvents();
  const stopTransferEvents = startTransferEvents();
  const stopMenuCommands = startMenuCommands();
  let firstListSeen = false;

  const stopFollowing = useProfilesStore.subscribe((state) => {
    if (state.status !== 'ready') return;
    const browser = useBrowserStore.getState();
    if (!firstListSeen) {
      firstListSeen = true;
      const first = state.profiles[0];
      if (!browser.profileId && first) void browser.selectProfile(first.id);
      return;
    }
    if (browser.profileId && !state.profiles.some((p) => p.id === browser.profileId)) browser.clearProfile();
    // The other pane may show a profile the sidebar does not.
    for (const pane of Object.values(paneStores)) {
      const shown = pane.getState().profileId;
      if (shown && !state.profiles.some((p) => p.id === shown)) pane.getState().forget(shown);
    }
  });

  void profiles.loadAppInfo();
  void profiles.load();
  return () => {
    stopWatching();
    stopJobEvents();
    stopTransferEvents();
    stopMenuCommands();
    stopFollowing();
  };
}
