import { useEffect, useId, useState } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import { errorOf, shownValueOf } from '../../shared/loadable';
import { objectLockStateInWords } from '../../shared/object-lock';
import { loadLockSettings, loadVersionLock, saveLegalHold } from '../actions/object-lock';
import { InspectorFold, useSectionOpen } from '../bucket-inspector/InspectorFold';
import { unsupportedWords } from '../bucket-inspector/unsupported';
import { ErrorPanel } from '../common/ErrorPanel';
import { formatDate } from '../common/format';
import { selectLockSettings, selectVersionLock, useObjectLockStore, type VersionPlace } from '../stores/object-lock';
import { RetentionDialog } from './RetentionDialog';

/**
 * One version's lock: its retention and legal hold in words, the retention changed in a dialog and the hold
 * switched in place, where the bucket has Object Lock; a bucket without it says so.
 */
export function VersionLockSection({ place }: { place: VersionPlace }) {
  const { profileId, bucket, key, versionId } = place;
  const settings = useObjectLockStore((state) => selectLockSettings(state, profileId, bucket));
  const lock = useObjectLockStore((state) => selectVersionLock(state, { profileId, bucket, key, versionId }));
  const [editing, setEditing] = useState(false);
  const [holding, setHolding] = useState(false);
  const [holdError, setHoldError] = useState<ErrorInfo>();
  const holdLabel = useId();
  const open = useSectionOpen('versionLock');
  useEffect(() => {
    if (open && settings.status === 'idle') void loadLockSettings(profileId, bucket);
  }, [open, settings.status, profileId, bucket]);
  const enabled = shownValueOf(settings)?.enabled;
  useEffect(() => {
    if (open && enabled && lock.status === 'idle') void loadVersionLock({ profileId, bucket, key, versionId });
  }, [open, enabled, lock.status, profileId, bucket, key, versionId]);

  const state = shownValueOf(lock);
  const error = errorOf(settings) ?? errorOf(lock);
  const retry = () => void (errorOf(settings) ? loadLockSettings(profileId, bucket) : loadVersionLock(place));
  const toggleHold = async () => {
    if (!state || holding) return;
    setHolding(true);
    const result = await saveLegalHold(place, !state.legalHold);
    setHolding(false);
    setHoldError(result.ok ? undefined : result.error);
  };

  return (
    <InspectorFold
      section="versionLock"
      title="Object Lock"
      summary={enabled === false ? 'Not in this bucket.' : state && (state.retention || state.legalHold ? 'Locked.' : 'Not locked.')}
      actions={
        enabled &&
        state && (
          <button type="button" className="button button-small" onClick={() => setEditing(true)}>
            Change retention…
          </button>
        )
      }
    >
      {error ? (
        unsupportedWords(error, 'Object Lock') ? (
          <p className="inspector-muted">{unsupportedWords(error, 'Object Lock')}</p>
        ) : (
          <ErrorPanel title="Could not read the lock" error={error} action={{ label: 'Try again', run: retry }} />
        )
      ) : enabled === false ? (
        <p className="inspector-muted">This bucket was not created with Object Lock: its objects cannot be locked.</p>
      ) : !state ? (
        <p className="inspector-muted" role="status">
          Reading the lock…
        </p>
      ) : (
        <>
          {objectLockStateInWords(state, (iso) => formatDate(iso)).map((line) => (
            <p key={line} className="inspector-note">
              {line}
            </p>
          ))}
          <div className="access-switch-row">
            <button
              type="button"
              role="switch"
              className="access-switch"
              aria-checked={state.legalHold}
              aria-labelledby={holdLabel}
              aria-busy={holding || undefined}
              onClick={() => void toggleHold()}
            >
              <span className="access-switch-knob" aria-hidden="true" />
            </button>
            <span id={holdLabel}>Legal hold</span>
          </div>
          {holdError && <ErrorPanel title="Could not change the legal hold" error={holdError} />}
        </>
      )}
      {editing && state && <RetentionDialog place={place} current={state.retention} onClose={() => setEditing(false)} />}
    </InspectorFold>
  );
}
