import { addAbortSignal, type Readable } from 'node:stream';
import { PailError } from '../../../../shared/errors';
import { transferError } from '../engine/transfer-errors';

/**
 * A body that can be read only once (a URL import's answer, a file the page
 * sends), and who sends it, so that its failures are worded for the user.
 */
export interface OnceSource {
  stream: Readable;
  /** Who sends it, as it reads mid-sentence: "the page", "example.com". */
  from: string;
  /** What to do when it fails. */
  retryHint: string;
}

/** Node's words for a connection cut mid-body, and undici's. */
const CUT = /^(aborted|terminated|premature close|socket hang up)$/i;

/**
 * The error for a source that failed mid-body. A `PailError` passes as it is
 * (a deadline that fired, a size check); anything else means the sender
 * stopped: its connection closed or broke.
 */
export function sourceLost(source: OnceSource, key: string, error: unknown, read: number, length?: number): PailError {
  if (error instanceof PailError) return error;
  const e = error as { message?: string; cause?: { message?: string } } | undefined;
  const said = e?.cause?.message ?? e?.message ?? '';
  const reason = !said || CUT.test(said) || CUT.test(e?.message ?? '') ? 'the connection closed' : said;
  const of = length === undefined ? '' : ` of ${length}`;
  return transferError(
    'SourceUnavailable',
    `${key}: ${source.from} stopped sending after ${read}${of} bytes (${reason}). Nothing was stored.`,
    source.retryHint,
    error,
  );
}

/**
 * Ties a source to a run: a cancel destroys it, so a read waiting on a silent
 * sender ends at once instead of holding the run open.
 */
export function bindToRun(source: OnceSource, signal: AbortSignal): void {
  if (!source.stream.destroyed) addAbortSignal(signal, source.stream);
}

/** What `failWhenSilent` watches: a request body (its socket counts what arrived). */
interface SocketBody {
  socket?: { bytesRead: number } | null;
  complete?: boolean;
  readableLength: number;
  readableHighWaterMark: number;
  destroyed: boolean;
  destroy(error?: Error): void;
}

/**
 * Fails a body the page stops sending without hanging up (a frozen tab, a
 * stalled SSH tunnel): after `stallMs` in which nothing arrived on its socket
 * while Pail would have taken more, the stream is destroyed with `error()`.
 * A body held back by Pail's own pace (its buffer full: the page waits on us)
 * is not silent. Returns the function that stops watching.
 */
export function failWhenSilent(body: SocketBody, stallMs: number, error: () => Error): () => void {
  let seen = body.socket?.bytesRead ?? 0;
  let since = Date.now();
  const timer = setInterval(
    () => {
      const read = body.socket?.bytesRead ?? seen;
      if (read !== seen || body.complete || body.readableLength >= body.readableHighWaterMark) {
        seen = read;
        since = Date.now();
      } else if (Date.now() - since >= stallMs) {
        clearInterval(timer);
        if (!body.destroyed) body.destroy(error());
      }
    },
    Math.max(50, Math.min(1_000, stallMs / 5)),
  );
  timer.unref();
  return () => clearInterval(timer);
}
