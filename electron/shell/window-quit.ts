import type { TransferTotals } from '../../shared/transfers';
import { countOf } from '../../shared/counts';

/** The question asked on quit while transfers run (a message box's options), or undefined to quit at once. */
export function quitQuestion(totals: TransferTotals): { message: string; detail: string; buttons: string[]; defaultId: number; cancelId: number } | undefined {
  const moving = totals.active + totals.queued;
  if (moving === 0) return undefined;
  const files = countOf(moving, 'transfer');
  return {
    message: `Quit while ${files} ${moving === 1 ? 'is' : 'are'} still running?`,
    detail:
      'Big uploads and downloads resume from where they stopped the next time you open Pail (they wait, paused, in the Transfers panel). Small files start over.',
    buttons: ['Quit', 'Keep Pail Open'],
    defaultId: 1,
    cancelId: 1,
  };
}

/** Where a quit stands: nothing yet; the question is open; the last work runs; the process may end. */
export type QuitPhase = 'running' | 'asking' | 'finishing' | 'done';

/** What the quit flow needs from the shell (Electron's `app`, `dialog` and the services), so it runs without Electron in tests. */
export interface QuitShell {
  totals(): TransferTotals;
  /** Shows the question; resolves with the index of the button pressed. */
  ask(question: NonNullable<ReturnType<typeof quitQuestion>>): Promise<number>;
  /** The work that must end before the process does: stop transfers (their state is saved), write the window state. */
  finish(): Promise<void>;
  /** `app.quit()` again, once the work is done. */
  quit(): void;
  /** How many windows are open, and opening one again (after "Keep Pail Open" with none left). */
  windowCount(): number;
  reopen(): void;
  log?(message: string): void;
}

/**
 * Quitting, as one small state machine for `before-quit`. Electron emits
 * `before-quit` and does not wait for promises (electron/electron#27201):
 * the first quit is prevented, the question (if transfers run) and the
 * closing work happen, then `app.quit()` runs again and goes through. Every
 * quit asked for meanwhile (Cmd+Q pressed twice, a second window closing) is
 * held, so no second dialog opens and nothing quits half-way; a closing work
 * that hangs is given `finishTimeoutMs`, then the quit goes on (transfers
 * resume next time). Windows ends a session without `before-quit` (see
 * docs/electron-shell.md): what the transfer engine saves as it goes is what
 * resumes then.
 */
export class QuitFlow {
  private current: QuitPhase = 'running';

  constructor(
    private readonly shell: QuitShell,
    private readonly finishTimeoutMs = 5_000,
  ) {}

  get phase(): QuitPhase {
    return this.current;
  }

  /** True once the quit is decided: no new window may open (a second launch, a dock click) while the app closes. */
  get quitting(): boolean {
    return this.current === 'finishing' || this.current === 'done';
  }

  /** The `before-quit` handler: true lets this quit go on, false means the event must be prevented. */
  beforeQuit(): boolean {
    if (this.current === 'done') return true;
    if (this.current !== 'running') return false;
    const question = quitQuestion(this.shell.totals());
    if (question) {
      this.current = 'asking';
      void this.askThenQuit(question);
    } else {
      this.current = 'finishing';
      void this.finishThenQuit();
    }
    return false;
  }

  private async askThenQuit(question: NonNullable<ReturnType<typeof quitQuestion>>): Promise<void> {
    let answer: number;
    try {
      answer = await this.shell.ask(question);
    } catch (error) {
      // No dialog could show (its window went away): quit, as the question's default would not lose anything either.
      this.shell.log?.(`the quit question could not be shown: ${error instanceof Error ? error.message : String(error)}`);
      answer = 0;
    }
    if (answer !== 0) {
      this.current = 'running';
      if (this.shell.windowCount() === 0) this.shell.reopen();
      return;
    }
    this.current = 'finishing';
    await this.finishThenQuit();
  }

  private async finishThenQuit(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.shell.log?.(`closing work still running after ${this.finishTimeoutMs} ms; quitting anyway`);
        resolve();
      }, this.finishTimeoutMs);
    });
    try {
      await Promise.race([
        this.shell.finish().catch((error: unknown) => this.shell.log?.(`closing work failed: ${error instanceof Error ? error.message : String(error)}`)),
        late,
      ]);
    } finally {
      clearTimeout(timer);
    }
    this.current = 'done';
    this.shell.quit();
  }
}

/**
 * What closing the main window means: on Windows and Linux it quits the app
 * (Pail has one window), so the close is held and the quit flow runs first —
 * its question then shows over the window, which stays if the user keeps
 * Pail open (closing it again while the question is open is held too). On
 * macOS the app stays in the dock, and once the quit is decided, windows just
 * close.
 */
export function closeMeansQuit(platform: NodeJS.Platform, phase: QuitPhase): boolean {
  return platform !== 'darwin' && (phase === 'running' || phase === 'asking');
}

/** A window as the second-launch decision sees it. */
export interface WindowLook {
  destroyed: boolean;
  minimized: boolean;
  visible: boolean;
}

/**
 * What a second launch does to the first (`second-instance`): nothing while
 * the app quits (a new window would outlive the services it needs,
 * apache/maka#1576) or before the first window exists (it shows itself when
 * ready); a new window when it was closed (macOS); otherwise bring it back.
 */
export function secondInstanceAction(quitting: boolean, window: WindowLook | undefined): 'ignore' | 'create' | 'restore' | 'show' | 'focus' {
  if (quitting || !window) return 'ignore';
  if (window.destroyed) return 'create';
  if (window.minimized) return 'restore';
  if (!window.visible) return 'show';
  return 'focus';
}
