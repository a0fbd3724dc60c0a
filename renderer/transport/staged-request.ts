import { MAX_BODY_BYTES, STAGED_HEADER } from '../../shared/ipc/web-wire';

/** The most one API request may carry. */
export const MAX_REQUEST_BYTES = MAX_BODY_BYTES;

/** Fetch as the page has it (tests pass one bound to a server). */
export type FetchLike = (path: string, init: RequestInit) => Promise<Response>;

/**
 * POSTs a JSON request to the web server. One that fits in `limit` bytes goes
 * as it is; a bigger one (deleting 30,000 selected keys of up to 1 KiB each)
 * goes as pieces that each fit (`POST /stage/<id>`), then as the request
 * naming them (`X-Pail-Staged`), so the server still sees one request — one
 * job, one progress — and never reads an over-limit body. Returns the answer
 * to the request, or the first piece that failed.
 */
export async function postJson(
  fetchImpl: FetchLike,
  path: string,
  json: string,
  headers: Record<string, string>,
  limit = MAX_REQUEST_BYTES,
): Promise<Response> {
  const bytes = new TextEncoder().encode(json);
  if (bytes.length <= limit) return fetchImpl(path, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: bytes });
  const id = crypto.randomUUID();
  // Cut at byte offsets, not characters: the server joins the bytes before it reads the text.
  for (let at = 0; at < bytes.length; at += limit) {
    const piece = await fetchImpl(`/stage/${id}`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/octet-stream' },
      body: bytes.subarray(at, at + limit),
    });
    if (!piece.ok) return piece;
  }
  return fetchImpl(path, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json', [STAGED_HEADER]: id } });
}
