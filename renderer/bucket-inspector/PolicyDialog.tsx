import { useId, useRef, useState, type FormEvent } from 'react';
import { POLICY_TEMPLATES, policyProblem, policySummary } from '../../shared/bucket-policy';
import type { ErrorInfo } from '../../shared/errors';
import { saveBucketPolicy } from '../actions/bucket-config';
import { ErrorPanel } from '../common/ErrorPanel';
import { Modal } from '../dialogs/Modal';

/** Pretty JSON when it parses, else the text as it is. */
function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * Edits a bucket's policy as JSON: ready-made policies to start from, the text checked as typed,
 * and what it will allow in plain words beside what the current one allows, before it is saved.
 */
export function PolicyDialog({
  profileId,
  bucket,
  current,
  start,
  onClose,
}: {
  profileId: string;
  bucket: string;
  current: string | null;
  /** The text to start from (a statement added for "Make public"); else the current policy. */
  start?: string;
  onClose(): void;
}) {
  const [text, setText] = useState(() => start ?? (current === null ? '' : pretty(current)));
  const [prefix, setPrefix] = useState('public/');
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const problem = text.trim() ? policyProblem(text) : 'Write a policy, or start from one of the ready-made ones.';
  const after = problem ? undefined : policySummary(text, bucket);
  const before = current === null ? undefined : policySummary(current, bucket);
  const shownProblem = attempted || text.trim() ? problem : undefined;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (problem || busy) return;
    setBusy(true);
    const result = await saveBucketPolicy(profileId, bucket, text);
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error);
  };

  return (
    <Modal labelledBy={`${id}-title`} className="dialog-wide" initialFocus={textRef} onClose={onClose}>
      <form className="dialog-form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <h2 id={`${id}-title`} className="dialog-title">
          Bucket policy: {bucket}
        </h2>
        <div className="dialog-body">
          <p className="dialog-intro">Who may do what in {bucket}, beyond each user’s own permissions. S3 reads it as JSON; Pail says it in words below.</p>
          <div className="policy-templates" role="group" aria-label="Start from a ready-made policy">
            <span className="field-help">Start from:</span>
            <span className="policy-template-prefix">
              <label htmlFor={`${id}-prefix`}>Public read under</label>
              <input id={`${id}-prefix`} className="field-input" value={prefix} spellCheck={false} onChange={(event) => setPrefix(event.target.value)} />
              <button
                type="button"
                className="button button-small"
                aria-label={`Use public read under ${prefix || 'the whole bucket'}`}
                onClick={() => setText(POLICY_TEMPLATES['public-read'](bucket, prefix))}
              >
                Use
              </button>
            </span>
            <button type="button" className="button button-small" onClick={() => setText(POLICY_TEMPLATES['read-only'](bucket))}>
              Read-only for one user
            </button>
            <button type="button" className="button button-small" onClick={() => setText(POLICY_TEMPLATES['deny-insecure'](bucket))}>
              Refuse requests without HTTPS
            </button>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={`${id}-text`}>
              Policy (JSON)
            </label>
            <textarea
              ref={textRef}
              id={`${id}-text`}
              className="field-input policy-text"
              rows={12}
              value={text}
              spellCheck={false}
              aria-invalid={shownProblem ? true : undefined}
              aria-describedby={shownProblem ? `${id}-problem` : undefined}
              onChange={(event) => setText(event.target.value)}
            />
            {shownProblem && (
              <p id={`${id}-problem`} className="field-error">
                {shownProblem}
              </p>
            )}
          </div>
          <section className="rule-preview" aria-labelledby={`${id}-preview`}>
            <h3 id={`${id}-preview`}>What changes</h3>
            <p className="rule-before">Now: {before ? before.join(' ') : current === null ? 'no policy.' : 'a policy Pail cannot read.'}</p>
            <p role="status">{after ? `After saving: ${after.join(' ')}` : 'A valid policy shows here in words.'}</p>
          </section>
          {error && <ErrorPanel title="Could not save the policy" error={error} />}
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" aria-busy={busy || undefined}>
            Save policy
          </button>
        </div>
      </form>
    </Modal>
  );
}
