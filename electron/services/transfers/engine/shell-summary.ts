import type { BatchSnapshot, TransferTotals } from '../../../../shared/transfers';
import { countOf } from '../../../../shared/counts';

/**
 * The taskbar / dock progress for all transfers: a fraction of the bytes
 * moved, 2 ("indeterminate") while only sizeless work runs, -1 (no bar) when
 * nothing runs — the values `BrowserWindow.setProgressBar` takes.
 */
export function taskbarProgress(totals: TransferTotals): number {
  if (totals.active + totals.queued === 0) return -1;
  if (totals.total <= 0) return 2;
  return Math.min(1, Math.max(0, totals.bytes / totals.total));
}

/** The notification for a finished batch: what worked, what did not, and where to look. */
export function batchNotice(batch: BatchSnapshot): { title: string; body: string } {
  const { done, skipped, failed, cancelled } = batch.counts;
  const verb = batch.direction === 'download' ? 'Download' : batch.direction === 'import' ? 'Import' : 'Upload';
  const parts = [`${countOf(done, 'file')} ${batch.direction === 'download' ? 'downloaded' : 'stored'}`];
  if (skipped) parts.push(`${countOf(skipped, 'file')} skipped`);
  if (cancelled) parts.push(`${countOf(cancelled, 'file')} cancelled`);
  if (failed) parts.push(`${countOf(failed, 'file')} failed — see the Transfers panel`);
  return { title: failed ? `${verb} finished with errors` : `${verb} finished`, body: `${batch.title}: ${parts.join(', ')}.` };
}
