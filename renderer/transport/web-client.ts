import { isErrorInfo, type Result } from '../../shared/errors';
import { buildPailApi } from '../../shared/ipc/build-api';
import type { PailApi } from '../../shared/ipc/api';
import type { EventChannel, RequestChannel } from '../../shared/ipc/channels';

const TOKEN_KEY = 'pail.token';
/** Header the web transport requires on every API request. */
export const TOKEN_HEADER = 'X-Pail-Token';
/** Header that names a request, so `app:cancel` can stop it. */
const REQUEST_ID_HEADER = 'X-Pail-Request-Id';

/**
 * Reads the per-run token from the URL the server printed (`/?token=…`), keeps
 * it for this tab, and removes it from the address bar so it is not left in
 * history or screenshots.
 */
function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function transportError(message: string, hint: string): Result<never> {
  return { ok: false, error: { code: 'EndpointUnreachable', message, hint } };
}

/** The API over the loopback web transport: one POST per request, one SSE stream for events. */
export function createWebClient(): PailApi {
  const token = takeToken();
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  let source: EventSource | undefined;

  const ensureStream = () => {
    if (source) return;
    source = new EventSource(`/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message) => {
      const { event, payload } = JSON.parse(message.data) as { event: EventChannel; payload: unknown };
      listeners.get(event)?.forEach((listener) => listener(payload));
    };
  };

  const api = buildPailApi({
    transport: 'web',
    async invoke(channel: RequestChannel, request: unknown, requestId?: string): Promise<Result<unknown>> {
      let response: Response;
      try {
        response = await fetch(`/api/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token, ...(requestId && { [REQUEST_ID_HEADER]: requestId }) },
          body: JSON.stringify(request),
        });
      } catch {
        return transportError(
          'Pail lost its connection to the local Pail server.',
          'Check that `npm run web` is still running, then reload this page.',
        );
      }
      const body = (await response.json().catch(() => undefined)) as Result<unknown> | undefined;
      if (body && typeof body === 'object' && 'ok' in body) {
        if (body.ok || isErrorInfo(body.error)) return body;
      }
      return transportError(
        `The local Pail server answered HTTP ${response.status}.`,
        response.status === 403
          ? 'This page is not authorised: open the exact URL (with its token) that `npm run web` printed.'
          : 'Reload the page; if it keeps happening, restart `npm run web`.',
      );
    },
    subscribe(event, listener) {
      ensureStream();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  });
  // The browser reads the File from disk as it sends it: nothing is held whole in memory.
  api.sendBody = async ({ ticket, offset }, file) => {
    const response = await fetch(`/upload/${encodeURIComponent(ticket)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', [TOKEN_HEADER]: token },
      body: offset > 0 ? (file as Blob).slice(offset) : (file as Blob),
    });
    if (!response.ok && response.status !== 409) throw new Error(`The local Pail server answered HTTP ${response.status}.`);
  };
  return api;
}
