import type { ErrorInfo } from '../../shared/errors';

/** Error codes by which a provider says it does not offer a call at all (S3's 501, and MethodNotAllowed for a call it refuses outright). */
const UNSUPPORTED_CODES = new Set(['NotImplemented', 'MethodNotAllowed', 'UnsupportedOperation']);

/**
 * "This provider does not support listing unfinished uploads (NotImplemented)." when the error
 * says the provider lacks the call, so a settings section shows a plain line instead of a red
 * error; undefined for any other error.
 */
export function unsupportedWords(error: ErrorInfo, what: string): string | undefined {
  const said = UNSUPPORTED_CODES.has(error.code) ? error.code : error.serverCode && UNSUPPORTED_CODES.has(error.serverCode) ? error.serverCode : undefined;
  return said && `This provider does not support ${what} (it answered ${said}).`;
}
