import type { ErrorInfo } from '../../shared/errors';
import { CertificateDetails } from './CertificateDetails';
import { describeError } from './error-words';

/** Props of {@link ErrorPanel}. */
export interface ErrorPanelProps {
  /** What failed, e.g. "Could not list buckets". */
  title: string;
  error: ErrorInfo;
  /** What the user can do about it right here ("Try again"). */
  action?: { label: string; run(): void };
}

/**
 * An error as the user should read it: its code and what happened on one
 * line, what to do next below. Announced as an alert.
 */
export function ErrorPanel({ title, error, action }: ErrorPanelProps) {
  const words = describeError(error);
  return (
    <div className="error-panel" role="alert">
      <p className="error-title">{title}</p>
      <p className="error-message">
        <strong className="error-code">{words.code}</strong> — {words.message}
      </p>
      {words.hint && <p className="error-hint">{words.hint}</p>}
      {words.details && <p className="error-details">{words.details}</p>}
      {error.certificate?.sha256 && <CertificateDetails certificate={error.certificate} label="The server's certificate" />}
      {action && (
        <button type="button" className="button button-small error-action" onClick={action.run}>
          {action.label}
        </button>
      )}
    </div>
  );
}
