import type { TransferTotals } from '../shared/transfers';
import { formatCount } from '../shared/counts';

/** The question asked on quit while transfers run (a message box's options), or undefined to quit at once. */
export function quitQuestion(totals: TransferTotals): { message: string; detail: string; buttons: string[]; defaultId: number; cancelId: number } | undefined {
  const moving = totals.active + totals.queued;
  if (moving === 0) return undefined;
  const files = `${formatCount(moving)} transfer${moving === 1 ? '' : 's'}`;
  return {
    message: `Quit while ${files} ${moving === 1 ? 'is' : 'are'} still running?`,
    detail: 'Big uploads and downloads resume from where they stopped the next time you open Pail (they wait, paused, in the Transfers panel). Small files start over.',
    buttons: ['Quit', 'Keep Pail Open'],
    defaultId: 1,
    cancelId: 1,
  };
}
