import { useEffect, useState } from 'react';
import { errorOf, shownValueOf } from '../../shared/loadable';
import { objectLockInWords } from '../../shared/object-lock';
import { loadLockSettings } from '../actions/object-lock';
import { InspectorFold, useSectionOpen } from '../bucket-inspector/InspectorFold';
import { unsupportedWords } from '../bucket-inspector/unsupported';
import { ErrorPanel } from '../common/ErrorPanel';
import { selectLockSettings, useObjectLockStore } from '../stores/object-lock';
import { DefaultRetentionDialog } from './DefaultRetentionDialog';

/** A bucket's Object Lock in words, with its default retention edited where the bucket has Object Lock. */
export function ObjectLockSection({ profileId, bucket }: { profileId: string; bucket: string }) {
  const loaded = useObjectLockStore((state) => selectLockSettings(state, profileId, bucket));
  const [editing, setEditing] = useState(false);
  const open = useSectionOpen('objectLock');
  useEffect(() => {
    if (open && loaded.status === 'idle') void loadLockSettings(profileId, bucket);
  }, [open, loaded.status, profileId, bucket]);
  const settings = shownValueOf(loaded);
  const error = errorOf(loaded);

  return (
    <InspectorFold
      section="objectLock"
      title="Object Lock"
      summary={settings && (settings.enabled ? (settings.defaultRetention ? 'On, with a default retention.' : 'On.') : 'Off.')}
      actions={
        settings?.enabled && (
          <button type="button" className="button button-small" onClick={() => setEditing(true)}>
            Edit default retention…
          </button>
        )
      }
    >
      {error ? (
        unsupportedWords(error, 'Object Lock') ? (
          <p className="inspector-muted">{unsupportedWords(error, 'Object Lock')}</p>
        ) : (
          <ErrorPanel
            title="Could not read the Object Lock settings"
            error={error}
            action={{ label: 'Try again', run: () => void loadLockSettings(profileId, bucket) }}
          />
        )
      ) : !settings ? (
        <p className="inspector-muted" role="status">
          Reading the Object Lock settings…
        </p>
      ) : (
        <p className="inspector-note">{objectLockInWords(settings)}</p>
      )}
      {editing && settings && <DefaultRetentionDialog profileId={profileId} bucket={bucket} current={settings} onClose={() => setEditing(false)} />}
    </InspectorFold>
  );
}
