import { useEffect, useState } from 'react';
import { bucketEncryptionChangeInWords, bucketEncryptionInWords, sseName } from '../../shared/encryption';
import type { ErrorInfo } from '../../shared/errors';
import { errorOf, shownValueOf } from '../../shared/loadable';
import { loadBucketEncryption, saveBucketEncryption } from '../actions/bucket-config';
import { EncryptionChoice, type EncryptionDraft, type EncryptionOption } from '../common/EncryptionChoice';
import { bucketRuleOfDraft, draftOf } from '../common/encryption-draft';
import { ErrorPanel } from '../common/ErrorPanel';
import { selectBucketConfig, useBucketConfigStore } from '../stores/bucket-config';
import { InspectorFold, useSectionOpen } from './InspectorFold';
import { EditActions } from './EditActions';
import { unsupportedWords } from './unsupported';

const OPTIONS: readonly EncryptionOption[] = [
  { value: 'none', label: 'None', help: 'Objects are encrypted only when their upload asks for it.' },
  { value: 'AES256', label: 'SSE-S3', help: 'The provider encrypts each object with keys it holds and manages.' },
  { value: 'aws:kms', label: 'SSE-KMS', help: 'Encrypted with a key in the provider’s key service (KMS): its use is logged and can be revoked.' },
  { value: 'aws:kms:dsse', label: 'DSSE-KMS', help: 'Two layers of encryption with KMS keys (AWS only).' },
];

/**
 * A bucket's default encryption: in words, and edited as a choice of algorithm (and KMS key), with
 * what saving changes said first. A server without it shows that in a plain line.
 */
export function EncryptionSection({ profileId, bucket }: { profileId: string; bucket: string }) {
  const loaded = useBucketConfigStore((state) => selectBucketConfig(state, 'encryption', profileId, bucket));
  const [draft, setDraft] = useState<EncryptionDraft>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const open = useSectionOpen('encryption');
  useEffect(() => {
    if (open && loaded.status === 'idle') void loadBucketEncryption(profileId, bucket);
  }, [open, loaded.status, profileId, bucket]);
  const saved = shownValueOf(loaded);
  const loadError = errorOf(loaded);
  const wanted = draft && bucketRuleOfDraft(draft);
  const change = saved && wanted && 'rule' in wanted ? bucketEncryptionChangeInWords(saved.rule, wanted.rule) : '';

  const save = async () => {
    if (!wanted || !('rule' in wanted) || busy || !change) return;
    setBusy(true);
    const result = await saveBucketEncryption(profileId, bucket, wanted.rule);
    setBusy(false);
    if (result.ok) {
      setDraft(undefined);
      setError(undefined);
    } else setError(result.error);
  };

  const unsupported = loadError && unsupportedWords(loadError, 'default bucket encryption');
  return (
    <InspectorFold
      section="encryption"
      title="Default encryption"
      summary={saved && (saved.rule ? sseName(saved.rule.algorithm) : 'None')}
      actions={
        saved &&
        !draft && (
          <button type="button" className="button button-small" onClick={() => setDraft(draftOf(saved.rule))}>
            Change…
          </button>
        )
      }
    >
      {loadError ? (
        unsupported ? (
          <>
            <p className="inspector-muted">{unsupported}</p>
            <p className="inspector-muted">{loadError.hint}</p>
          </>
        ) : (
          <ErrorPanel
            title="Could not read the default encryption"
            error={loadError}
            action={{ label: 'Try again', run: () => void loadBucketEncryption(profileId, bucket) }}
          />
        )
      ) : !saved ? (
        <p className="inspector-muted" role="status">
          Reading the default encryption…
        </p>
      ) : (
        <>
          <p className="inspector-note">{bucketEncryptionInWords(saved.rule)}</p>
          {draft && (
            <>
              <EncryptionChoice
                idPrefix="bucket-encryption"
                legend={`Default encryption of ${bucket}`}
                options={OPTIONS}
                draft={draft}
                onChange={setDraft}
                keyError={wanted && 'error' in wanted ? wanted.error : undefined}
                withBucketKey
              />
              <p className="inspector-note" role="status">
                {wanted && 'error' in wanted ? '' : change || 'Nothing changed yet.'}
              </p>
              {error && <ErrorPanel title="Could not save the default encryption" error={error} />}
              <EditActions
                saveLabel="Save encryption"
                busy={busy}
                disabled={!change}
                onCancel={() => {
                  setDraft(undefined);
                  setError(undefined);
                }}
                onSave={() => void save()}
              />
            </>
          )}
        </>
      )}
    </InspectorFold>
  );
}
