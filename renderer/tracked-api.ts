import type { ErrorInfo, Result } from '../shared/errors';
import { ERROR_TEXT } from '../shared/error-text';
import type { PailApi, RequestMethods } from '../shared/ipc/api';
import { REQUEST_CHANNELS, splitChannel, type RequestChannel } from '../shared/ipc/channels';
import { describeRequest } from './common/request-words';
import type { PendingRequest } from './stores/requests';

/** What a caller in the renderer may pass with a request. */
export interface CallOptions {
  /** Aborting it stops the request in the main process (a page that went elsewhere); it then answers `Cancelled`. */
  signal?: AbortSignal;
}

/** The API the renderer uses: every request cancellable and tracked while it waits. */
export type RendererApi = RequestMethods<CallOptions> & Pick<PailApi, 'on' | 'transport' | 'pathForFile' | 'sendBody'>;

/** Where the tracked API reports requests in flight (the requests store). */
export interface PendingSink {
  add(request: PendingRequest): void;
  resent(key: string, sentAt: number): void;
  remove(key: string): void;
}

/** Requests that wait for the user or have their own progress: never shown as "not answering". */
const UNTRACKED = new Set<RequestChannel>(['app:cancel', 'app:chooseFolder', 'app:contextMenu', 'transfers:dragOut', 'connection:test', 'app:setTheme']);

/** The answer of a request the user (or its caller) cancelled. */
export function cancelledResult(): Result<never> {
  const error: ErrorInfo = { code: 'Cancelled', ...ERROR_TEXT.Cancelled };
  return { ok: false, error };
}

/** How the notice stops or resends a tracked request. */
export interface RequestControls {
  cancel(key: string): void;
  retry(key: string): void;
}

/**
 * Wraps the bridge (`window.pail` or the web client) so that every request
 * carries an id, is listed while it waits, and can be cancelled (by its
 * caller's signal or the user's Cancel) or sent again (Retry: the try in
 * flight is cancelled and the caller gets the new try's answer). Cancelling
 * answers the caller at once; the main process stops its server calls.
 */
export function createTrackedApi(
  bridge: PailApi,
  sink: PendingSink,
  newId: () => string = () => crypto.randomUUID(),
  now: () => number = Date.now,
): { api: RendererApi; controls: RequestControls } {
  const calls = new Map<string, { cancel(): void; retry(): void }>();
  const cancelTry = (requestId: string) => void bridge.app.cancel({ requestId });

  const send = (channel: RequestChannel, request: unknown, requestId?: string): Promise<Result<unknown>> => {
    const [domain, verb] = splitChannel(channel);
    const method = (bridge as unknown as Record<string, Record<string, (r: unknown, o?: { requestId?: string }) => Promise<Result<unknown>>>>)[domain][verb];
    return method(request, requestId ? { requestId } : undefined);
  };

  const call = (channel: RequestChannel, request: unknown, options?: CallOptions): Promise<Result<unknown>> => {
    if (UNTRACKED.has(channel)) return send(channel, request);
    if (options?.signal?.aborted) return Promise.resolve(cancelledResult());
    const key = newId();
    return new Promise((resolve) => {
      let current = '';
      let settled = false;
      const settle = (result: Result<unknown>) => {
        if (settled) return;
        settled = true;
        calls.delete(key);
        sink.remove(key);
        options?.signal?.removeEventListener('abort', cancel);
        resolve(result);
      };
      const attempt = () => {
        const requestId = newId();
        current = requestId;
        send(channel, request, requestId).then(
          (result) => current === requestId && settle(result),
          (error: unknown) =>
            current === requestId &&
            settle({ ok: false, error: { code: 'Internal', message: String((error as Error)?.message ?? error), hint: ERROR_TEXT.Internal.hint } }),
        );
      };
      const cancel = () => {
        if (settled) return;
        cancelTry(current);
        settle(cancelledResult());
      };
      const retry = () => {
        if (settled) return;
        cancelTry(current);
        sink.resent(key, now());
        attempt();
      };
      calls.set(key, { cancel, retry });
      options?.signal?.addEventListener('abort', cancel, { once: true });
      sink.add({ key, channel, label: describeRequest(channel, request), sentAt: now(), tries: 1 });
      attempt();
    });
  };

  const api: Record<string, unknown> = {
    transport: bridge.transport,
    on: bridge.on.bind(bridge),
    ...(bridge.pathForFile && { pathForFile: bridge.pathForFile.bind(bridge) }),
    ...(bridge.sendBody && { sendBody: bridge.sendBody.bind(bridge) }),
  };
  for (const channel of REQUEST_CHANNELS) {
    const [domain, verb] = splitChannel(channel);
    const methods = (api[domain] ??= {}) as Record<string, unknown>;
    methods[verb] = (request: unknown, options?: CallOptions) => call(channel, request ?? {}, options);
  }
  return {
    api: api as unknown as RendererApi,
    controls: {
      cancel: (key) => calls.get(key)?.cancel(),
      retry: (key) => calls.get(key)?.retry(),
    },
  };
}
