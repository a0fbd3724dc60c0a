import { useEffect, useState } from 'react';
import { corsRuleInWords } from '../../shared/cors';
import type { ErrorInfo } from '../../shared/errors';
import { errorOf, shownValueOf } from '../../shared/loadable';
import { loadBucketCors, saveBucketCors } from '../actions/bucket-config';
import { ErrorPanel } from '../common/ErrorPanel';
import { ConfirmDialog } from '../dialogs/ConfirmDialog';
import { selectBucketConfig, useBucketConfigStore } from '../stores/bucket-config';
import { CorsRuleDialog } from './CorsRuleDialog';
import { unsupportedWords } from './unsupported';
import { InspectorFold, useSectionOpen } from './InspectorFold';
import { countOf } from '../common/format';

/**
 * The bucket inspector's "CORS" section: each rule as a sentence, with Edit and Remove; Add rule
 * (with presets) opens the editor. Every change shows what it does before it is saved.
 */
export function CorsSection({ profileId, bucket }: { profileId: string; bucket: string }) {
  const cors = useBucketConfigStore((state) => selectBucketConfig(state, 'cors', profileId, bucket));
  const [editing, setEditing] = useState<{ index?: number }>();
  const [removing, setRemoving] = useState<number>();
  const [busy, setBusy] = useState(false);
  const [removeError, setRemoveError] = useState<ErrorInfo>();
  const rules = shownValueOf(cors)?.rules;
  const error = errorOf(cors);

  const open = useSectionOpen('cors');
  useEffect(() => {
    if (open && cors.status === 'idle') void loadBucketCors(profileId, bucket);
  }, [open, cors.status, profileId, bucket]);

  const remove = async (index: number) => {
    if (!rules) return;
    setBusy(true);
    const result = await saveBucketCors(
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
      section="cors"
      title="CORS"
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
        unsupportedWords(error, 'CORS rules') ? (
          <p className="inspector-muted">{unsupportedWords(error, 'CORS rules')}</p>
        ) : (
          <ErrorPanel title="Could not read the CORS rules" error={error} action={{ label: 'Try again', run: () => void loadBucketCors(profileId, bucket) }} />
        )
      ) : !rules ? (
        <p className="inspector-muted" role="status">
          Reading the CORS rules…
        </p>
      ) : !rules.length ? (
        <p className="inspector-note">No CORS rules: web pages on other sites may not call this bucket from a browser (links and downloads still work).</p>
      ) : (
        <ol className="cors-rules" aria-label={`CORS rules of ${bucket}`}>
          {rules.map((rule, i) => (
            <li key={i} className="cors-rule">
              <p className="cors-rule-words">
                {rule.id && <span className="cors-rule-id">{rule.id}: </span>}
                {corsRuleInWords(rule)}
              </p>
              <div className="inspector-actions">
                <button type="button" className="button button-small" aria-label={`Edit rule ${i + 1}`} onClick={() => setEditing({ index: i })}>
                  Edit
                </button>
                <button type="button" className="button button-small" aria-label={`Remove rule ${i + 1}`} onClick={() => setRemoving(i)}>
                  Remove
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      {editing && rules && <CorsRuleDialog profileId={profileId} bucket={bucket} rules={rules} index={editing.index} onClose={() => setEditing(undefined)} />}
      {removing !== undefined && rules?.[removing] && (
        <ConfirmDialog
          title={`Remove CORS rule ${removing + 1}?`}
          confirmLabel="Remove rule"
          danger
          busy={busy}
          error={removeError}
          errorTitle="Could not save the CORS rules"
          onCancel={() => {
            setRemoving(undefined);
            setRemoveError(undefined);
          }}
          onConfirm={() => void remove(removing)}
        >
          <p className="dialog-text">It says: {corsRuleInWords(rules[removing])}</p>
          <p className="dialog-text">
            {rules.length === 1
              ? `It is the only rule: afterwards web pages on other sites may not call ${bucket} from a browser.`
              : `The other ${rules.length - 1 === 1 ? 'rule stays' : `${rules.length - 1} rules stay`}.`}
          </p>
        </ConfirmDialog>
      )}
    </InspectorFold>
  );
}
