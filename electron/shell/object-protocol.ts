import { PassThrough, pipeline, Readable } from 'node:stream';
import type { ObjectStreamResponse } from '../services/object-streams';

/** Opens a local object link (`ObjectStreams.open`): the ticket, the Range header, and a signal that ends the S3 request. */
export type OpenObject = (ticket: string, range: string | undefined, signal: AbortSignal) => Promise<ObjectStreamResponse>;

/** Statuses whose answer may carry no body (`new Response` throws on one with a body). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

const text = (status: number, message: string, csp: string, extra: Record<string, string> = {}) =>
  new Response(`${message}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff', ...extra },
  });

/**
 * Answers one request on the `pail-object:` protocol (`protocol.handle`):
 * `pail-object://o/<ticket>`, GET or HEAD, with the object's status and
 * headers (206 and Content-Range for a Range request, 416 for one past the
 * end) and the preview CSP. Never throws (a thrown handler only shows the
 * page a bare net::ERR_FAILED): a profile that is gone or an unreachable
 * server answers 502 with the reason in words.
 *
 * Cancellation: Electron cancels the response body when the page drops a
 * request (a video seek, a closed preview) but does not always abort
 * `request.signal` (withcoral/coral#1967), so the S3 request ends on either;
 * `Readable.toWeb` destroys the object stream when its web stream is cancelled.
 */
export async function objectProtocolResponse(request: Request, open: OpenObject, csp: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Only GET and HEAD.', csp, { Allow: 'GET, HEAD' });
  const url = new URL(request.url);
  const ticket = url.pathname.replace(/^\//, '');
  if (url.host !== 'o' || !/^[A-Za-z0-9_-]{1,200}$/.test(ticket)) return text(404, 'No such object link.', csp);

  const abort = new AbortController();
  request.signal.addEventListener('abort', () => abort.abort(request.signal.reason), { once: true });
  let answer: ObjectStreamResponse;
  try {
    answer = await open(ticket, request.headers.get('range') ?? undefined, abort.signal);
  } catch (error) {
    return text(502, `Could not read the object: ${error instanceof Error ? error.message : String(error)}`, csp);
  }
  const status = answer.status >= 200 && answer.status <= 599 ? answer.status : 502;
  const headers = { ...answer.headers, 'Content-Security-Policy': csp };
  if (request.method === 'HEAD' || NULL_BODY.has(status) || !answer.body) {
    answer.body?.destroy();
    abort.abort();
    return new Response(null, { status, headers });
  }
  // A web stream body takes bytes only: the service's own answers (an expired link, an S3 error) are
  // streams of strings, which Readable.toWeb passes on as they are and the Response then fails on.
  const body = answer.body.readableObjectMode ? pipeline(answer.body, new PassThrough(), () => undefined) : answer.body;
  // An S3 stream that fails mid-way ends the answer with an error, never the process.
  body.on('error', () => abort.abort());
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, { status, headers });
}
