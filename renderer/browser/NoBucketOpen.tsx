import { useShallow } from 'zustand/react/shallow';
import { useBrowserStore } from '../stores/browser';
import { useProfilesStore } from '../stores/profiles';
import { selectBuckets, selectHasProfiles, selectProfilesStatus } from '../stores/selectors';
import { BucketsFailed } from './BucketsFailed';
import { FirstStart } from './FirstStart';
import { usePane } from './pane-context';

/** What a pane says when no bucket is open in it (with no profile at all, the first start's welcome). */
export function NoBucketOpen() {
  const profileId = usePane((state) => state.profileId);
  const hasProfiles = useProfilesStore(selectHasProfiles);
  const profilesStatus = useProfilesStore(selectProfilesStatus);
  const sidebarProfile = useBrowserStore((state) => state.profileId);
  const { buckets, status, error } = useBrowserStore(useShallow(selectBuckets));

  if (!profileId) {
    if (hasProfiles) return <p className="empty-state">Choose a profile in the sidebar.</p>;
    return profilesStatus === 'ready' ? <FirstStart /> : null;
  }
  if (profileId !== sidebarProfile) return <p className="empty-state">Click this pane, then choose a bucket in the sidebar.</p>;
  if (status === 'error' && error) return <BucketsFailed profileId={profileId} error={error} />;
  if (status !== 'ready') return null;
  return (
    <p className="empty-state">
      {buckets.length > 0
        ? 'Choose a bucket in the sidebar to browse it.'
        : 'This key sees zero buckets. Create one with “Create bucket”, or type its name in the address bar.'}
    </p>
  );
}
