import { bandwidthLimitsSchema, NO_LIMITS, type BandwidthLimits } from '../../../../shared/bandwidth';
import { inspect, writeFileAtomic } from '../../atomic-file';

/** What the app's saved speed limits were read as: the limits, and what was wrong with the file, if anything. */
export interface SavedBandwidth {
  limits: BandwidthLimits;
  /** The file was damaged (said in words): the app starts without limits and rewrites it at the next change. */
  problem?: string;
}

/**
 * The app's global speed limits, kept in the data folder between runs (the
 * CLI does not read them: it takes `--bwlimit` per command, as rclone does).
 * A damaged file costs only the limits: it is read as none, and said.
 */
export async function readBandwidth(path: string): Promise<SavedBandwidth> {
  const found = await inspect(path, bandwidthLimitsSchema).catch((error: unknown) => ({ state: 'damaged' as const, problem: (error as Error).message }));
  if (found.state === 'good') return { limits: found.content.value };
  if (found.state === 'missing') return { limits: NO_LIMITS };
  return { limits: NO_LIMITS, problem: `${found.problem} Pail started without speed limits; setting one rewrites the file.` };
}

/** Saves the limits atomically. */
export function saveBandwidth(path: string, limits: BandwidthLimits): Promise<void> {
  return writeFileAtomic(path, `${JSON.stringify(limits, null, 2)}\n`);
}
