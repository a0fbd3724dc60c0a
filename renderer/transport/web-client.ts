import { isErrorInfo, type Result } from '../../shared/errors';
import { buildPailApi } from '../../shared/ipc/build-api';
import type { PailApi } from '../../shared/ipc/api';
import type { EventChannel, RequestChannel } from '../../shared/ipc/channels';
import { REQUEST_ID_HEADER, TOKEN_HEADER } from '../../shared/ipc/web-wire';
import { postJson } from './staged-request';

export { TOKEN_HEADER } from '../../shared/ipc/web-wire';

const TOKEN_KEY = 'pail.token';

/** Longest wait between two tries to reopen the event stream. */
const MAX_RECONNECT_MS = 10_000;

/**
 * The per-run token: from the URL the server printed (`/?token=…`), or traded
 * for the one-time code `--open` handed the browser (`/?launch=…`), then kept
 * for this tab; either is removed from the address bar so it is not left in
 * history or screenshots.
 */
async function takeToken(): Promise<string> {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  const launch = url.searchParams.get('launch');
  if (fromUrl !== null || launch !== null) {
    url.searchParams.delete('token');
    url.searchParams.delete('launch');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    return fromUrl;
  }
  if (launch) {
    const answer = await fetch('/session/launch', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: launch }).catch(() => undefined);
    const token = answer?.ok ? ((await answer.json().catch(() => ({}))) as { token?: unknown }).token : undefined;
    if (typeof token === 'string') {
      sessionStorage.setItem(TOKEN_KEY, token);
      return token;
    }
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function transportError(message: string, hint: string): Result<never> {
  return { ok: false, error: { code: 'EndpointUnreachable', message, hint } };
}

function statusHint(status: number): string {
  if (status === 403) return 'This page is not authorised: open the exact URL (with its token) that `npm run web` printed.';
  if (status === 413) return 'Select fewer items at once and try again.';
  return 'Reload the page; if it keeps happening, restart `npm run web`.';
}

/** The API over the loopback web transport: one POST per request, one SSE stream for events. */
export function createWebClient(): PailApi {
  const token = takeToken();
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  let streaming = false;

  /**
   * Opens the event stream with a fresh single-use ticket from the API, and
   * again (backing off up to 10 s) whenever it drops: EventSource's own retry
   * would reuse the spent ticket and be refused.
   */
  const connect = async (failures: number): Promise<void> => {
    const retry = () => setTimeout(() => void connect(failures + 1), Math.min(MAX_RECONNECT_MS, 500 * 2 ** failures));
    const answer = await fetch('/events/ticket', { method: 'POST', headers: { [TOKEN_HEADER]: await token } }).catch(() => undefined);
    const ticket = answer?.ok ? ((await answer.json().catch(() => ({}))) as { ticket?: unknown }).ticket : undefined;
    if (typeof ticket !== 'string') return void retry();
    const source = new EventSource(`/events?ticket=${encodeURIComponent(ticket)}`);
    source.onopen = () => {
      failures = 0;
    };
    source.onmessage = (message) => {
      const { event, payload } = JSON.parse(message.data as string) as { event: EventChannel; payload: unknown };
      listeners.get(event)?.forEach((listener) => listener(payload));
    };
    source.onerror = () => {
      source.close();
      retry();
    };
  };

  const api = buildPailApi({
    transport: 'web',
    async invoke(channel: RequestChannel, request: unknown, requestId?: string): Promise<Result<unknown>> {
      let response: Response;
      try {
        response = await postJson(fetch, `/api/${channel}`, JSON.stringify(request), {
          [TOKEN_HEADER]: await token,
          ...(requestId && { [REQUEST_ID_HEADER]: requestId }),
        });
      } catch {
        return transportError('Pail lost its connection to the local Pail server.', 'Check that `npm run web` is still running, then reload this page.');
      }
      const text = await response.text().catch(() => '');
      let body: Result<unknown> | undefined;
      try {
        body = JSON.parse(text) as Result<unknown>;
      } catch {
        body = undefined;
      }
      if (body && typeof body === 'object' && 'ok' in body) {
        if (body.ok || isErrorInfo(body.error)) return body;
      }
      // The server's refusals are a sentence of plain text: show it.
      const said = text.trim().slice(0, 300);
      return transportError(`The local Pail server answered HTTP ${response.status}${said ? `: ${said}` : '.'}`, statusHint(response.status));
    },
    subscribe(event, listener) {
      if (!streaming) {
        streaming = true;
        void connect(0);
      }
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
      headers: { 'Content-Type': 'application/octet-stream', [TOKEN_HEADER]: await token },
      body: offset > 0 ? (file as Blob).slice(offset) : (file as Blob),
    });
    if (!response.ok && response.status !== 409) throw new Error(`The local Pail server answered HTTP ${response.status}.`);
  };
  return api;
}
