import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What `onCrash` learns of a crash. */
export interface CrashInfo {
  kind: 'uncaughtException' | 'unhandledRejection';
  message: string;
  /** The log the crash was written to. */
  logPath: string;
  /** True when the process cannot go on safely and exits once `onCrash` returns. */
  fatal: boolean;
}

/** Where the net writes, and whom it tells. */
export interface CrashNetOptions {
  /** The data folder: the log is `crash.log` in it. */
  dataDir: string;
  /** Told of every crash after it is logged (a dialog, a line on stderr); runs synchronously before a fatal exit. */
  onCrash?: (info: CrashInfo) => void;
  /** Exact values never to write (the web mode's token). */
  secrets?: readonly string[];
  /** How a fatal crash ends the process (tests replace it). */
  exit?: (code: number) => void;
}

/** The installed net. */
export interface CrashNet {
  logPath: string;
  /** What the process listeners call; exposed so the policy can be tested without crashing a test runner. */
  handle(kind: CrashInfo['kind'], error: unknown): void;
  uninstall(): void;
}

/** The log is capped: past this size it moves to crash.log.1 (replacing the older one). */
export const CRASH_LOG_MAX_BYTES = 1024 * 1024;
/** Exit code after a fatal crash (EX_SOFTWARE). */
export const CRASH_EXIT_CODE = 70;

// Credentials that can sit in a URL or a message: query values of these names are blanked.
const SECRET_PARAMS = /([?&](?:token|launch|ticket|X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|Signature|AWSAccessKeyId)=)[^&\s"']+/gi;

/**
 * Whether the process can go on after an exception nobody caught. It can when
 * the error is one operation's I/O failing — a socket reset, a broken pipe, a
 * stream torn down, an abort, a transfer error that escaped (errors with a
 * `syscall`, Node's stream/HTTP/undici codes, PailError): the stream or socket
 * it came from is already destroyed and shares no state with other work, so
 * killing every other transfer for it would lose more than it saves. Anything
 * else (a TypeError, a RangeError, an unknown throw) may have left the
 * process's own state half-changed: exit rather than go on wrong.
 */
export function survivable(error: unknown): boolean {
  const e = (error ?? {}) as { name?: unknown; code?: unknown; syscall?: unknown; cause?: { code?: unknown } };
  if (e.name === 'PailError' || e.name === 'AbortError') return true;
  if (typeof e.syscall === 'string') return true;
  const codes = [e.code, e.cause?.code].filter((c): c is string => typeof c === 'string');
  return codes.some((c) => /^(ERR_STREAM_|ERR_HTTP_|UND_ERR_|ABORT_ERR$|ECONNRESET$|ECONNABORTED$|EPIPE$|ETIMEDOUT$)/.test(c));
}

/**
 * Installs the last-resort net: `uncaughtException` and `unhandledRejection`
 * are written to `crash.log` in the data folder (one JSON line: time, kind,
 * message, stack — never a request body, secrets blanked), then `onCrash` is
 * told. An unhandled rejection never ends the process (a promise nobody
 * awaited shares no state); an exception ends it only when it is not
 * `survivable`. A net, not the fix: each crash it catches is a bug to fix
 * where the error was left unhandled.
 */
export function installCrashNet(options: CrashNetOptions): CrashNet {
  const logPath = join(options.dataDir, 'crash.log');
  const exit = options.exit ?? ((code: number) => process.exit(code));

  const scrub = (text: string) => {
    let out = text.replace(SECRET_PARAMS, '$1…');
    for (const secret of options.secrets ?? []) if (secret) out = out.split(secret).join('…');
    return out;
  };

  const write = (kind: CrashInfo['kind'], error: unknown, fatal: boolean) => {
    const e = error as { message?: unknown; stack?: unknown } | undefined;
    const message = scrub(typeof e?.message === 'string' ? e.message : String(error));
    const stack = typeof e?.stack === 'string' ? scrub(e.stack) : undefined;
    try {
      mkdirSync(options.dataDir, { recursive: true });
      const size = statSync(logPath, { throwIfNoEntry: false })?.size ?? 0;
      if (size > CRASH_LOG_MAX_BYTES) renameSync(logPath, `${logPath}.1`);
      appendFileSync(logPath, JSON.stringify({ time: new Date().toISOString(), kind, fatal, message, ...(stack && { stack }) }) + '\n', { mode: 0o600 });
    } catch {
      // A full or read-only disk must not turn one crash into a loop of them.
    }
    return message;
  };

  const handle = (kind: CrashInfo['kind'], error: unknown) => {
    const fatal = kind === 'uncaughtException' && !survivable(error);
    const message = write(kind, error, fatal);
    try {
      if (options.onCrash) options.onCrash({ kind, message, logPath, fatal });
      else process.stderr.write(`pail: ${fatal ? 'stopping after an internal error' : 'an internal error was caught'} (${message}); details in ${logPath}\n`);
    } catch {
      // The reporter failing must not hide the crash's own outcome.
    }
    if (fatal) exit(CRASH_EXIT_CODE);
  };
  const onException = (error: Error) => handle('uncaughtException', error);
  const onRejection = (reason: unknown) => handle('unhandledRejection', reason);
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return {
    logPath,
    handle,
    uninstall() {
      process.off('uncaughtException', onException);
      process.off('unhandledRejection', onRejection);
    },
  };
}
