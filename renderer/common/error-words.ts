import type { ErrorInfo } from '../../shared/errors';
import { ERROR_TEXT } from '../../shared/error-text';

/** An error as the UI shows it. */
export interface ErrorWords {
  code: string;
  message: string;
  hint: string;
  /** HTTP status and the server's own code, when they add something. */
  details?: string;
}

/**
 * The one place the renderer turns an error value into words. The main process
 * already sends a message and a hint; the shared table fills in either when a
 * transport left it empty.
 */
export function describeError(error: ErrorInfo): ErrorWords {
  const fallback = ERROR_TEXT[error.code] as { message: string; hint: string } | undefined;
  const details: string[] = [];
  if (error.status !== undefined) details.push(`HTTP ${error.status}`);
  if (error.serverCode && error.serverCode !== error.code) details.push(`server code ${error.serverCode}`);
  return {
    code: error.code,
    message: error.message || fallback?.message || 'Something went wrong.',
    hint: error.hint || fallback?.hint || '',
    ...(details.length > 0 && { details: details.join(' · ') }),
  };
}
