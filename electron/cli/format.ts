import { Writable } from 'node:stream';
import { COLUMN, formatRate as formatSizeRate, formatSize } from '../../shared/sizes';
import { controlsVisible, visibleText } from '../../shared/visible-text';
import type { CliIo } from './cli-kit';

/** Sizes in the CLI's columns: 0 B, 1.5 KiB, 12 MiB (shared/sizes.ts, its column style). */
export function formatBytes(bytes: number): string {
  return formatSize(bytes, COLUMN);
}

/** Rates in the CLI's progress and summaries: "456 B/s", "1.5 MiB/s" (shared/sizes.ts, its column style). */
export function formatRate(bytesPerSecond: number): string {
  return formatSizeRate(bytesPerSecond, COLUMN);
}

/** An ISO date as `YYYY-MM-DD HH:MM` in the local time zone. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Splits `profile:bucket/prefix` into its parts. */
export function parseRemote(target: string): { profile: string; bucket?: string; prefix: string } | undefined {
  const at = target.indexOf(':');
  if (at <= 0) return undefined;
  const profile = target.slice(0, at);
  const path = target.slice(at + 1).replace(/^\/+/, '');
  if (!path) return { profile, prefix: '' };
  const slash = path.indexOf('/');
  if (slash === -1) return { profile, bucket: path, prefix: '' };
  return { profile, bucket: path.slice(0, slash), prefix: path.slice(slash + 1) };
}

/**
 * A key, name, path or server text as a CLI line prints it: control
 * characters as their Unicode pictures ("␛", "␊"), rclone's display encoding
 * (shared/visible-text.ts). Every interpolated value that did not come from
 * Pail itself goes through this, so a key cannot forge a line or a colour.
 */
export const shown = visibleText;

/** Writable that makes anything written visible, as the last line of defence (see `visibleIo`). */
class VisibleStream extends Writable {
  constructor(private readonly target: Writable) {
    super({ decodeStrings: false });
  }

  /** Whether the real stream is a terminal (the progress bar asks). */
  get isTTY(): boolean {
    return (this.target as NodeJS.WriteStream).isTTY === true;
  }

  /** Terminal control Pail writes on purpose (the progress bar's "\r" and erase-line). */
  writeControl(text: string): void {
    this.target.write(text);
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    // Line ends are Pail's own; every other control character is made visible. Passed on at once
    // (done() without waiting), so nothing queues here and `writeControl` cannot overtake a line.
    this.target.write(text.split('\n').map(controlsVisible).join('\n'));
    done();
  }
}

/**
 * The command's streams, with every control character but the line end made
 * visible on its way out: whatever a command forgets to pass through `shown`,
 * no ESC sequence or CR reaches the terminal. (A key's own LF can only be told
 * from a line end where it is interpolated, which is why `shown` is still needed.)
 */
export function visibleIo(io: CliIo): CliIo {
  return { stdin: io.stdin, stdout: new VisibleStream(io.stdout), stderr: new VisibleStream(io.stderr) };
}

/** Writes terminal control (the progress bar) past `visibleIo`'s filter, or as is to a plain stream. */
export function writeControl(stream: Writable, text: string): void {
  if (stream instanceof VisibleStream) stream.writeControl(text);
  else stream.write(text);
}
