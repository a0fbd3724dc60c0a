import type { Result } from '../errors';
import { REQUEST_CHANNELS, splitChannel, type EventChannel, type RequestChannel } from './channels';
import type { BridgeCallOptions, PailApi } from './api';

/** What a transport provides: send one request, listen to one event. */
export interface TransportPrimitives {
  /** Sends a request; `requestId` names it for `app:cancel`. */
  invoke(channel: RequestChannel, request: unknown, requestId?: string): Promise<Result<unknown>>;
  subscribe(event: EventChannel, listener: (payload: unknown) => void): () => void;
  transport: 'electron' | 'web';
}

/** Builds the named-method API (`api.s3.listBuckets(…)`) from a transport's two primitives. */
export function buildPailApi(primitives: TransportPrimitives): PailApi {
  const api: Record<string, unknown> = {
    transport: primitives.transport,
    on: (event: EventChannel, listener: (payload: unknown) => void) => primitives.subscribe(event, listener),
  };
  for (const channel of REQUEST_CHANNELS) {
    const [domain, verb] = splitChannel(channel);
    const methods = (api[domain] ??= {}) as Record<string, unknown>;
    methods[verb] = (request: unknown, options?: BridgeCallOptions) =>
      primitives.invoke(channel, request ?? {}, typeof options?.requestId === 'string' ? options.requestId : undefined);
  }
  return api as unknown as PailApi;
}
