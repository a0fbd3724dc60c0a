/** A window as a dialog's parent needs it. */
export interface DialogParentCandidate {
  isDestroyed(): boolean;
  isVisible(): boolean;
  isMinimized(): boolean;
}

/**
 * The window a dialog attaches to, or undefined for an app-wide dialog: a
 * destroyed window throws "Object has been destroyed", and on macOS a dialog
 * attached to a hidden or minimised window is a sheet nobody sees, so its
 * promise never settles (apache/maka#4474). The first live, shown window wins.
 */
export function dialogParent<W extends DialogParentCandidate>(candidates: readonly (W | null | undefined)[]): W | undefined {
  return candidates.find((w): w is W => !!w && !w.isDestroyed() && w.isVisible() && !w.isMinimized());
}

/** What a crash dialog says, drawn from whatever the crash logger reports. */
export interface CrashReport {
  /** "uncaughtException" or "unhandledRejection", when known. */
  kind?: string;
  message: string;
  /** Where the crash log was written. */
  logFile?: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined);

/**
 * Reads the crash logger's report (`installCrashNet`'s `onCrash` argument,
 * from electron/services/crash-log.ts): an Error, a message, or an object with
 * `error`/`reason`/`message`, `kind`/`origin`/`type` and `logFile`/`file`/`path`.
 */
export function describeCrash(info: unknown): CrashReport {
  if (info instanceof Error) return { message: info.message || info.name };
  if (typeof info !== 'object' || info === null) return { message: text(info) ?? String(info) };
  const fields = info as Record<string, unknown>;
  const cause = fields.error ?? fields.reason;
  const message = text(fields.message) ?? (cause instanceof Error ? cause.message || cause.name : text(cause)) ?? 'An unknown error';
  const kind = text(fields.kind) ?? text(fields.origin) ?? text(fields.type);
  const logFile = text(fields.logPath) ?? text(fields.logFile) ?? text(fields.file) ?? text(fields.path);
  return { message, ...(kind && { kind }), ...(logFile && { logFile }) };
}

/** The buttons of the crash dialog, in order; `crashChoice` maps the pressed index back. */
const CRASH_BUTTONS = ['Quit Pail', 'Keep Pail Open', 'Show Log File'] as const;

/** One line, no query strings (a presigned URL's signature), at most 300 characters. */
function safeLine(message: string): string {
  const line = message.split(/\r?\n/, 1)[0].replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s?#]+)[?#]\S*/gi, '$1?…');
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/**
 * The message box shown when the last-resort handler catches an error in the
 * main process: what happened in one line, that transfers resume, where the
 * log is; Quit (the safe choice after an unexpected error), Keep Pail Open
 * (the default: work in progress may still finish) and Show Log File.
 */
export function crashDialogOptions(report: CrashReport) {
  const when = report.kind === 'unhandledRejection' ? 'A background task failed' : 'Something went wrong';
  const where = report.logFile ? `\n\nThe details are in ${report.logFile}.` : '';
  return {
    type: 'error' as const,
    title: 'Pail ran into a problem',
    message: `${when} inside Pail.`,
    detail: `${safeLine(report.message)}${where}\n\nIf you quit, uploads and downloads resume the next time you open Pail.`,
    buttons: report.logFile ? [...CRASH_BUTTONS] : CRASH_BUTTONS.slice(0, 2),
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}

/** What the pressed button of the crash dialog asks for. */
export function crashChoice(response: number): 'quit' | 'keep' | 'show-log' {
  return response === 0 ? 'quit' : response === 2 ? 'show-log' : 'keep';
}

/**
 * At most one crash dialog at a time, and none again for `quietMs` after one
 * closed: an error that repeats (a timer failing every second) would
 * otherwise stack dialogs (electron/electron#4279 saw 30–40 in a row). The
 * crash log keeps every one.
 */
export class CrashDialogGate {
  private open = false;
  private closedAt = -Infinity;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly quietMs = 60_000,
  ) {}

  /** True when a dialog may show now; the caller then calls `closed()` when it is dismissed. */
  tryOpen(): boolean {
    if (this.open || this.now() - this.closedAt < this.quietMs) return false;
    this.open = true;
    return true;
  }

  closed(): void {
    this.open = false;
    this.closedAt = this.now();
  }
}
