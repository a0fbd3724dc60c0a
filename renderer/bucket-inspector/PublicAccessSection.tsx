import { useEffect, useId, useState } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import { errorOf, shownValueOf } from '../../shared/loadable';
import {
  PUBLIC_ACCESS_FLAGS,
  PUBLIC_ACCESS_WORDS,
  publicAccessBlockInWords,
  publicAccessChangesInWords,
  type PublicAccessBlock,
} from '../../shared/public-access-block';
import { loadPublicAccessBlock, savePublicAccessBlock } from '../actions/bucket-config';
import { ErrorPanel } from '../common/ErrorPanel';
import { selectBucketConfig, useBucketConfigStore } from '../stores/bucket-config';
import { InspectorFold, useSectionOpen } from './InspectorFold';
import { EditActions } from './EditActions';
import { unsupportedWords } from './unsupported';

/**
 * A bucket's Block Public Access: in words, and its four switches as checkboxes, saved together with what
 * the save turns on and off said first. The Public switches read their reason again after a save.
 */
export function PublicAccessSection({ profileId, bucket }: { profileId: string; bucket: string }) {
  const loaded = useBucketConfigStore((state) => selectBucketConfig(state, 'publicAccess', profileId, bucket));
  const [draft, setDraft] = useState<PublicAccessBlock>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const id = useId();
  const open = useSectionOpen('publicAccess');
  useEffect(() => {
    if (open && loaded.status === 'idle') void loadPublicAccessBlock(profileId, bucket);
  }, [open, loaded.status, profileId, bucket]);
  const saved = shownValueOf(loaded);
  const loadError = errorOf(loaded);
  const shown = draft ?? saved;
  const change = saved && draft ? publicAccessChangesInWords(saved, draft) : '';

  const save = async () => {
    if (!draft || busy) return;
    setBusy(true);
    const result = await savePublicAccessBlock(profileId, bucket, draft);
    setBusy(false);
    if (result.ok) {
      setDraft(undefined);
      setError(undefined);
    } else setError(result.error);
  };

  return (
    <InspectorFold section="publicAccess" title="Block Public Access" summary={saved && publicAccessBlockInWords(saved)}>
      {loadError ? (
        unsupportedWords(loadError, 'Block Public Access') ? (
          <p className="inspector-muted">{unsupportedWords(loadError, 'Block Public Access')}</p>
        ) : (
          <ErrorPanel
            title="Could not read the Block Public Access settings"
            error={loadError}
            action={{ label: 'Try again', run: () => void loadPublicAccessBlock(profileId, bucket) }}
          />
        )
      ) : !shown || !saved ? (
        <p className="inspector-muted" role="status">
          Reading the Block Public Access settings…
        </p>
      ) : (
        <>
          <p className="inspector-note">{publicAccessBlockInWords(saved)}</p>
          <fieldset className="field-group">
            <legend className="visually-hidden">Block Public Access of {bucket}</legend>
            {PUBLIC_ACCESS_FLAGS.map((flag) => (
              <div key={flag} className="field field-check">
                <input
                  id={`${id}-${flag}`}
                  type="checkbox"
                  checked={shown[flag]}
                  aria-describedby={`${id}-${flag}-help`}
                  onChange={(event) => setDraft({ ...shown, [flag]: event.target.checked })}
                />
                <label htmlFor={`${id}-${flag}`}>{PUBLIC_ACCESS_WORDS[flag].label}</label>
                <p id={`${id}-${flag}-help`} className="field-help">
                  When on, {PUBLIC_ACCESS_WORDS[flag].when}.
                </p>
              </div>
            ))}
          </fieldset>
          {draft && (
            <>
              <p className="inspector-note" role="status">
                {change ? `Saving ${change}` : 'Nothing changed yet.'}
              </p>
              {error && <ErrorPanel title="Could not save the Block Public Access settings" error={error} />}
              <EditActions
                saveLabel="Save Block Public Access"
                busy={busy}
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
