import { useEffect, useState } from 'react';
import { policySummary } from '../../shared/bucket-policy';
import type { ErrorInfo } from '../../shared/errors';
import { errorOf, shownValueOf } from '../../shared/loadable';
import { loadBucketPolicy, saveBucketPolicy } from '../actions/bucket-config';
import { ErrorPanel } from '../common/ErrorPanel';
import { ConfirmDialog } from '../dialogs/ConfirmDialog';
import { selectBucketConfig, useBucketConfigStore } from '../stores/bucket-config';
import { PolicyDialog } from './PolicyDialog';
import { unsupportedWords } from './unsupported';
import { InspectorFold, useSectionOpen } from './InspectorFold';

/** The bucket inspector's "Policy" section: the policy in plain words, Edit (JSON, with templates) and Remove. */
export function PolicySection({ profileId, bucket }: { profileId: string; bucket: string }) {
  const loaded = useBucketConfigStore((state) => selectBucketConfig(state, 'policy', profileId, bucket));
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [busy, setBusy] = useState(false);
  const [removeError, setRemoveError] = useState<ErrorInfo>();
  const value = shownValueOf(loaded);
  const error = errorOf(loaded);

  const open = useSectionOpen('policy');
  useEffect(() => {
    if (open && loaded.status === 'idle') void loadBucketPolicy(profileId, bucket);
  }, [open, loaded.status, profileId, bucket]);

  const summary = value?.policy ? policySummary(value.policy, bucket) : undefined;
  const remove = async () => {
    setBusy(true);
    const result = await saveBucketPolicy(profileId, bucket, null);
    setBusy(false);
    if (result.ok) setRemoving(false);
    else setRemoveError(result.error);
  };

  return (
    <InspectorFold
      section="policy"
      title="Policy"
      summary={value && (value.policy === null ? 'No policy.' : summary?.join(' '))}
      actions={
        value && (
          <button type="button" className="button button-small" onClick={() => setEditing(true)}>
            {value.policy === null ? 'Add policy…' : 'Edit policy…'}
          </button>
        )
      }
    >
      {error ? (
        unsupportedWords(error, 'bucket policies') ? (
          <p className="inspector-muted">{unsupportedWords(error, 'bucket policies')}</p>
        ) : (
          <ErrorPanel title="Could not read the policy" error={error} action={{ label: 'Try again', run: () => void loadBucketPolicy(profileId, bucket) }} />
        )
      ) : !value ? (
        <p className="inspector-muted" role="status">
          Reading the policy…
        </p>
      ) : value.policy === null ? (
        <p className="inspector-note">No bucket policy: access is decided by ACLs and each user’s own permissions.</p>
      ) : (
        <>
          <ul className="policy-summary" aria-label={`Policy of ${bucket} in words`}>
            {(summary ?? ['The server holds a policy Pail cannot read; Edit shows it as it is.']).map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
          <div className="inspector-actions">
            <button type="button" className="button button-small" onClick={() => setRemoving(true)}>
              Remove policy…
            </button>
          </div>
        </>
      )}
      {editing && value && <PolicyDialog profileId={profileId} bucket={bucket} current={value.policy} onClose={() => setEditing(false)} />}
      {removing && value?.policy && (
        <ConfirmDialog
          title="Remove the bucket policy?"
          confirmLabel="Remove policy"
          danger
          busy={busy}
          error={removeError}
          errorTitle="Could not remove the policy"
          onCancel={() => {
            setRemoving(false);
            setRemoveError(undefined);
          }}
          onConfirm={() => void remove()}
        >
          <p className="dialog-text">It says: {(summary ?? []).join(' ') || 'something Pail cannot read.'}</p>
          <p className="dialog-text">Without it, access is decided by ACLs and each user’s own permissions.</p>
        </ConfirmDialog>
      )}
    </InspectorFold>
  );
}
