import type { IncomingMessage, ServerResponse } from 'node:http';

/** Answers with a status and a sentence, never cached. */
export function refuse(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(message + '\n');
}

/** A percent-encoded path decoded, or undefined when its encoding is broken ("%zz", a cut UTF-8 sequence). */
export function decodePath(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

/** The request's cookies by name. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) cookies[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return cookies;
}

/** A body read whole, or the news that it passed the limit. */
export type BodyRead = { ok: true; body: Buffer } | { ok: false; tooLarge: true };

/** What is thrown away after a body passed its limit before the connection is cut (see readBody). */
const DRAIN_BYTES = 8 * 1024 * 1024;

/**
 * Reads a request body of at most `limit` bytes. A body announced larger is
 * refused before a byte is read (the caller answers 413 and closes). One that
 * grows past the limit is no longer kept from there: the rest is discarded as
 * it comes, so the sender gets to read the 413 (a client still writing into a
 * closed socket loses the answer); past a few MiB more the connection is cut.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.resolve({ ok: false, tooLarge: true });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        let drained = 0;
        req.on('data', (more: Buffer) => {
          drained += more.length;
          if (drained > DRAIN_BYTES) req.destroy();
        });
        resolve({ ok: false, tooLarge: true });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve({ ok: true, body: Buffer.concat(chunks) }));
    req.once('error', reject);
  });
}
