import type { TransferTotals } from '../../shared/transfers';
import { taskbarProgress } from '../services/transfers/engine/shell-summary';

/**
 * The taskbar / dock progress, told to the windows only when it changes by a
 * whole percent or switches between shown, indeterminate and hidden: transfer
 * events come many times a second, and each `setProgressBar` is a call into
 * the OS shell. On Linux only launchers that speak Unity's LauncherAPI show it
 * (it needs the app's .desktop file) and some keep the last value across runs
 * (libsdl-org/SDL#12976), so the first value is always sent, and so is the
 * "no bar" at the end.
 */
export class ProgressBarUpdates {
  private last: number | undefined;

  /** The value to set now (-1 none, 2 indeterminate, else 0–1 in whole percents), or undefined when nothing changed. */
  next(totals: TransferTotals): number | undefined {
    const raw = taskbarProgress(totals);
    const value = raw < 0 || raw > 1 ? raw : Math.floor(raw * 100) / 100;
    if (value === this.last) return undefined;
    this.last = value;
    return value;
  }
}
