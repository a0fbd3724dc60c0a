import type { Readable } from 'node:stream';

/**
 * Sends a request whose body is a stream. The SDK pipes a stream body into
 * its request without listening for the stream's errors, so a file that
 * cannot be read (moved, deleted, a failing disk) would emit an 'error'
 * nobody hears — and that ends the process, every transfer with it. Here the
 * stream's error aborts the request instead, and is what the caller gets.
 */
export async function sendWithBody<T>(body: Readable | undefined, signal: AbortSignal, send: (signal: AbortSignal) => Promise<T>): Promise<T> {
  if (!body) return send(signal);
  const stop = new AbortController();
  let failed: unknown;
  body.on('error', (error) => {
    failed ??= error;
    stop.abort(error);
  });
  try {
    return await send(AbortSignal.any([signal, stop.signal]));
  } catch (error) {
    throw failed ?? error;
  } finally {
    body.destroy();
  }
}
