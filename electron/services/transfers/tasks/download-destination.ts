// Where a downloaded file goes on disk: the wanted path, or another name (or none) by the batch's
// conflict policy, never a path another transfer of the batch has claimed.
import { basename, dirname, join } from 'node:path';
import { entryAt } from './download-folder';
import { numberedName } from './upload-common';
import type { PathOrigin } from '../engine/destination-claims';
import type { TaskContext } from '../engine/task-types';
import { transferError } from '../engine/transfer-errors';
import { FILE_SUFFIX, suffixedName, TEMP_SUFFIX } from '../io/safe-paths';

/**
 * The destination after the conflict policy; undefined to skip. A folder
 * already on disk where the file goes is never replaced: the file is saved
 * beside it as "name (file)", as the planner does for a folder in the batch.
 * Anything at a path counts as taken, a link too (it is not followed).
 */
export async function chooseDestination(
  ctx: TaskContext,
  deps: { conflict: 'overwrite' | 'skip' | 'rename'; claim: (path: string, transferId: string, origin: PathOrigin) => Promise<boolean> },
  wanted: string,
  origin: PathOrigin,
): Promise<string | undefined> {
  const { conflict } = deps;
  const tempTaken = async (path: string) => (await entryAt(path + TEMP_SUFFIX)) !== undefined;
  const taken = async (path: string) => (await entryAt(path)) !== undefined || (await tempTaken(path));
  // What is at the wanted path, asked once: whether it is a folder, and whether it is taken.
  let there = await entryAt(wanted);
  if (there?.isDirectory()) {
    const name = suffixedName(basename(wanted), FILE_SUFFIX);
    ctx.note(`Saved as "${name}": a folder "${basename(wanted)}" is already there.`);
    wanted = join(dirname(wanted), name);
    origin = 'made';
    there = await entryAt(wanted);
  }
  if (there === undefined && !(await tempTaken(wanted)) && (await deps.claim(wanted, ctx.transferId, origin))) return wanted;
  if (conflict === 'skip') return undefined;
  if (conflict === 'overwrite' && !there?.isDirectory() && (await deps.claim(wanted, ctx.transferId, origin))) return wanted;
  const dir = dirname(wanted);
  for (let n = 1; n < 10_000; n += 1) {
    const candidate = join(dir, numberedName(basename(wanted), n));
    if (!(await taken(candidate)) && (await deps.claim(candidate, ctx.transferId, 'made'))) return candidate;
  }
  throw transferError(
    'LocalFileError',
    `No free name like "${numberedName(basename(wanted), 1)}" in ${dir}.`,
    'Choose "overwrite" or "skip", or clean up the folder.',
  );
}
