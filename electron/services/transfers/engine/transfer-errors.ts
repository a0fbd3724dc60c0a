import { PailError, type ErrorCode } from '../../../../shared/errors';
import { toPailError } from '../../s3-errors';

/**
 * Problems only transfers have. `shared/errors.ts` has no codes for them yet,
 * so each maps to the nearest existing code and names itself in `serverCode`
 * (the renderer shows our message and hint either way). When the union gains
 * these codes, change this table and nothing else.
 */
const PROBLEM_CODES = {
  /** Bytes on the server differ from the bytes sent or expected. */
  IntegrityMismatch: 'S3Error',
  /** The local file changed while it was being uploaded, or since an interrupted upload. */
  FileChanged: 'InvalidRequest',
  /** A local file could not be read or written (ENOENT, EACCES, ENOSPC…). */
  LocalFileError: 'InvalidRequest',
  /** An object key cannot be turned into a local path inside the chosen folder. */
  UnsafeKey: 'InvalidArgument',
  /** The URL of an import could not be read. */
  SourceUnavailable: 'EndpointUnreachable',
  /** An import is larger than the limit. */
  TooLarge: 'EntityTooLarge',
} as const satisfies Record<string, ErrorCode>;

/** A transfer-specific problem (see the table above). */
export type TransferProblem = keyof typeof PROBLEM_CODES;

/** Builds the error for a transfer-specific problem. */
export function transferError(problem: TransferProblem, message: string, hint: string, cause?: unknown): PailError {
  return new PailError({ code: PROBLEM_CODES[problem], serverCode: problem, message, hint }, { cause });
}

/** True when an error is the given transfer problem. */
export function isProblem(error: unknown, problem: TransferProblem): boolean {
  return error instanceof PailError && error.serverCode === problem;
}

const LOCAL_HINTS: Record<string, string> = {
  ENOENT: 'The file or folder is gone: it may have been moved or deleted.',
  EACCES: 'Pail may not read or write there: check the permissions.',
  EPERM: 'Pail may not read or write there: check the permissions.',
  ENOSPC: 'The disk is full: free some space and retry.',
  EISDIR: 'A folder is in the way of a file of the same name.',
  ENOTDIR: 'A file is in the way of a folder of the same name.',
  EEXIST: 'Something is already there.',
};

/**
 * Turns anything a transfer threw into a `PailError`: file-system errors
 * (which carry an errno code and a path) in plain words, the rest through
 * `toPailError` like every S3 service.
 */
export function toTransferError(error: unknown, context: string, endpoint?: string): PailError {
  if (error instanceof PailError) return error;
  const e = error as NodeJS.ErrnoException | undefined;
  // File-system errors name a path; network ones (ECONNRESET on "read") do not.
  if (e && typeof e.code === 'string' && typeof e.syscall === 'string' && (e.code in LOCAL_HINTS || e.path !== undefined)) {
    const hint = LOCAL_HINTS[e.code] ?? 'Check the file and the disk, then retry.';
    return transferError('LocalFileError', `${e.code} on ${e.path ?? 'a local file'} (${context}).`, hint, error);
  }
  return toPailError(error, context, endpoint);
}
