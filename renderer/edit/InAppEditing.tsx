import { useState } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import { editWith, openInApp, overwriteFromApp, stopEditing } from '../actions/edit-in-app';
import { ErrorPanel } from '../common/ErrorPanel';
import { selectSessionOf, useEditSessionsStore } from '../stores/edit-sessions';

/**
 * The desktop's "Open": the object in the system's application, each save there sent back to the
 * bucket; the inspector says how the last save went, offers to save over a change made on the
 * server meanwhile, and to stop.
 */
export function InAppEditing({ place, name }: { place: { profileId: string; bucket: string; key: string }; name: string }) {
  const session = useEditSessionsStore(selectSessionOf(place));
  const [error, setError] = useState<ErrorInfo>();
  const [busy, setBusy] = useState(false);
  if (!session) {
    const start = (how: typeof editWith) => {
      setBusy(true);
      void how(place).then((result) => {
        setBusy(false);
        setError(result.ok ? undefined : result.error);
      });
    };
    return (
      <>
        <div className="inspector-actions">
          <button
            type="button"
            className="button button-small"
            aria-label={`Open ${name} in an application`}
            aria-busy={busy || undefined}
            onClick={() => start(openInApp)}
          >
            Open
          </button>
          <button type="button" className="button button-small" aria-label={`Edit ${name} with an application…`} onClick={() => start(editWith)}>
            Edit with…
          </button>
        </div>
        {error && <ErrorPanel title={`Could not open ${name}`} error={error} />}
      </>
    );
  }
  const last = session.last;
  return (
    <div className="in-app-editing" role="group" aria-label={`${name} is open in an application`}>
      <p className="inspector-note" role="status">
        {!last
          ? `${name} is open in an application: each save there is sent back to the bucket.`
          : last.kind === 'saved'
            ? `Saved ${name} back to the bucket.`
            : ''}
      </p>
      {last && last.kind !== 'saved' && (
        <ErrorPanel
          title={last.kind === 'conflict' ? `${name} changed on the server` : `Could not save ${name} back`}
          error={last.error}
          {...(last.kind === 'conflict' && { action: { label: 'Save mine over it', run: () => void overwriteFromApp(session.sessionId) } })}
        />
      )}
      <button type="button" className="button button-small" onClick={() => void stopEditing(session.sessionId)}>
        Stop sending saves
      </button>
    </div>
  );
}
