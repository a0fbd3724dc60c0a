import { useEffect, useState } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import { lifecycleRuleInWords, type LifecycleRule } from '../../shared/lifecycle';
import { errorOf, shownValueOf } from '../../shared/loadable';
import { loadBucketLifecycle, saveBucketLifecycle } from '../actions/bucket-config';
import { ErrorPanel } from '../common/ErrorPanel';
import { ConfirmDialog } from '../dialogs/ConfirmDialog';
import { selectBucketConfig, useBucketConfigStore } from '../stores/bucket-config';
import { LifecycleRuleDialog } from './LifecycleRuleDialog';
import { unsupportedWords } from './unsupported';
import { InspectorFold, useSectionOpen } from './InspectorFold';
import { countOf } from '../common/format';

/** The lifecycle rules of a bucket, read when `wanted` (an open section; the unfinished uploads' "clean up automatically"). */
export function useBucketLifecycle(profileId: string, bucket: string, wanted: boolean) {
  const lifecycle = useBucketConfigStore((state) => selectBucketConfig(state, 'lifecycle', profileId, bucket));
  useEffect(() => {
    if (wanted && lifecycle.status === 'idle') void loadBucketLifecycle(profileId, bucket);
  }, [wanted, lifecycle.status, profileId, bucket]);
  return lifecycle;
}

/**
 * The bucket inspector's "Lifecycle" section: each rule in words, with Edit (rules using settings
 * Pail does not edit are kept as they are) and Remove; Add rule opens the editor.
 */
export function LifecycleSection({ profileId, bucket }: { profileId: string; bucket: string }) {
  const lifecycle = useBucketLifecycle(profileId, bucket, useSectionOpen('lifecycle'));
  const [editing, setEditing] = useState<{ index?: number; start?: LifecycleRule }>();
  const [removing, setRemoving] = useState<number>();
  const [busy, setBusy] = useState(false);
  const [removeError, setRemoveError] = useState<ErrorInfo>();
  const rules = shownValueOf(lifecycle)?.rules;
  const error = errorOf(lifecycle);

  const remove = async (index: number) => {
    if (!rules) return;
    setBusy(true);
    const result = await saveBucketLifecycle(
      profileId,
      bucket,
      rules.filter((_, i) => i !== index),
    );
    setBusy(false);
    if (result.ok) setRemoving(undefined);
    else setRemoveError(result.error);
  };

  return (
    <InspectorFold
      section="lifecycle"
      title="Lifecycle"
      summary={rules && (rules.length ? countOf(rules.length, 'rule') : 'No rules.')}
      actions={
        rules && (
          <button type="button" className="button button-small" onClick={() => setEditing({})}>
            Add rule…
          </button>
        )
      }
    >
      {error ? (
        unsupportedWords(error, 'lifecycle rules') ? (
          <p className="inspector-muted">{unsupportedWords(error, 'lifecycle rules')}</p>
        ) : (
          <ErrorPanel
            title="Could not read the lifecycle rules"
            error={error}
            action={{ label: 'Try again', run: () => void loadBucketLifecycle(profileId, bucket) }}
          />
        )
      ) : !rules ? (
        <p className="inspector-muted" role="status">
          Reading the lifecycle rules…
        </p>
      ) : !rules.length ? (
        <p className="inspector-note">No lifecycle rules: objects, older versions and unfinished uploads stay until someone deletes them.</p>
      ) : (
        <ul className="rule-list" aria-label={`Lifecycle rules of ${bucket}`}>
          {rules.map((rule, i) => (
            <li key={rule.id} className="rule-item">
              <p className="rule-words">
                <span className="rule-id">{rule.id}</span> {lifecycleRuleInWords(rule)}
              </p>
              <div className="inspector-actions">
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`Edit rule ${rule.id}`}
                  aria-disabled={rule.original !== undefined || undefined}
                  title={rule.original !== undefined ? 'This rule uses settings Pail does not edit; it is kept as it is.' : undefined}
                  onClick={() => rule.original === undefined && setEditing({ index: i })}
                >
                  Edit
                </button>
                <button type="button" className="button button-small" aria-label={`Remove rule ${rule.id}`} onClick={() => setRemoving(i)}>
                  Remove
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {editing && rules && (
        <LifecycleRuleDialog
          profileId={profileId}
          bucket={bucket}
          rules={rules}
          index={editing.index}
          start={editing.start}
          onClose={() => setEditing(undefined)}
        />
      )}
      {removing !== undefined && rules?.[removing] && (
        <ConfirmDialog
          title={`Remove lifecycle rule ${rules[removing].id}?`}
          confirmLabel="Remove rule"
          danger
          busy={busy}
          error={removeError}
          errorTitle="Could not save the lifecycle rules"
          onCancel={() => {
            setRemoving(undefined);
            setRemoveError(undefined);
          }}
          onConfirm={() => void remove(removing)}
        >
          <p className="dialog-text">It says: {lifecycleRuleInWords(rules[removing])}</p>
          <p className="dialog-text">Nothing is deleted by removing it; the server just stops doing this.</p>
        </ConfirmDialog>
      )}
    </InspectorFold>
  );
}
