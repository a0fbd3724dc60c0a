// Local write errors in words: a download that fails because of the disk (full, read-only, not ours)
// says so, and its partial file is deleted rather than kept for a resume.
import { transferError } from '../engine/transfer-errors';

/** Write errors that say the disk, not the network, failed: the partial file is deleted, not kept for a resume. */
const LOCAL_WRITE_WORDS: Record<string, string> = {
  ENOSPC: 'The disk is full',
  EDQUOT: 'The disk quota is used up',
  EFBIG: 'The file is larger than this disk or this process may write',
  EROFS: 'The folder is on a read-only disk',
  EACCES: 'Pail may not write in this folder',
  EPERM: 'Pail may not write in this folder',
};

/** The errno code of a local write error (also when the fetch worker reports it as a plain Error with a code). */
function localWriteCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && code in LOCAL_WRITE_WORDS ? code : undefined;
}

/** A local write error in words ("The disk is full: …"), or undefined for any other error. */
export function localWriteError(error: unknown, path: string) {
  const code = localWriteCode(error);
  if (!code) return undefined;
  const space = code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG';
  return transferError(
    'LocalFileError',
    `${LOCAL_WRITE_WORDS[code]}: ${path} could not be written (${code}); no partial file was left.`,
    space ? 'Free some space on that disk or choose another folder, then retry.' : 'Choose a folder you may write in, then retry.',
    error,
  );
}
