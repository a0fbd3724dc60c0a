import { REQUEST_CHANNELS, type RequestChannel } from '../../shared/ipc/channels';
import { requestContract, type ParsedRequestOf, type ResponseOf } from '../../shared/ipc/contract';
import { ERROR_TEXT } from '../../shared/error-text';
import { PailError, type ErrorInfo, type Result } from '../../shared/errors';
import { InFlightRequests } from './in-flight-requests';

/** What a handler gets besides its request. */
export interface HandlerContext {
  /** Fires when the caller cancels the request (`app:cancel`): pass it to every server call. */
  signal: AbortSignal;
}

/** One handler per request channel, receiving the validated request. */
export type Handlers = {
  [C in RequestChannel]: (request: ParsedRequestOf<C>, context: HandlerContext) => Promise<ResponseOf<C>>;
};

/** Who sent a request, as each transport describes it. */
export interface SenderInfo {
  transport: 'electron' | 'web';
  /** The URL of the frame that sent it (Electron), or the request's Origin (web). */
  origin?: string;
}

/** Decides whether a sender may call the app at all. */
export type SenderCheck = (sender: SenderInfo) => boolean;

/** Logs a failure without its request body: requests can carry secrets. */
export type FailureLogger = (channel: string, error: ErrorInfo, cause: unknown) => void;

/** Dispatches one request: check the sender, validate, call the handler, return a `Result`. `requestId` lets `app:cancel` stop it. */
export type Dispatch = (channel: string, request: unknown, sender: SenderInfo, requestId?: string) => Promise<Result<unknown>>;

function fail(info: ErrorInfo): Result<never> {
  return { ok: false, error: info };
}

/** Turns zod issues into one readable sentence naming each field. */
function describeIssues(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues.map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message)).join(' ');
}

/**
 * The one dispatcher both transports (Electron IPC and the loopback web
 * server) call, so validation and error handling cannot differ between them.
 */
export function createDispatcher(
  handlers: Handlers,
  isTrusted: SenderCheck,
  logFailure?: FailureLogger,
  inFlight: InFlightRequests = new InFlightRequests(),
): Dispatch {
  const known = new Set<string>(REQUEST_CHANNELS);
  return async (channel, request, sender, requestId) => {
    if (!isTrusted(sender)) {
      return fail({ code: 'UntrustedSender', ...ERROR_TEXT.UntrustedSender });
    }
    if (!known.has(channel)) {
      return fail({
        code: 'UnknownChannel',
        message: `There is no operation called "${channel}".`,
        hint: ERROR_TEXT.UnknownChannel.hint,
      });
    }
    const name = channel as RequestChannel;
    const parsed = requestContract[name].request.safeParse(request);
    if (!parsed.success) {
      return fail({
        code: 'InvalidRequest',
        message: describeIssues(parsed.error.issues),
        hint: ERROR_TEXT.InvalidRequest.hint,
      });
    }
    const { signal, end } = inFlight.begin(typeof requestId === 'string' ? requestId : undefined);
    try {
      const handler = handlers[name] as (req: unknown, context: HandlerContext) => Promise<unknown>;
      return { ok: true, data: await handler(parsed.data, { signal }) };
    } catch (error) {
      // Whatever a cancelled call threw on its way out, the caller asked for this.
      if (signal.aborted) return fail({ code: 'Cancelled', ...ERROR_TEXT.Cancelled });
      const info =
        error instanceof PailError
          ? error.toInfo()
          : {
              code: 'Internal' as const,
              message: `${ERROR_TEXT.Internal.message} (${(error as Error)?.message ?? String(error)})`,
              hint: ERROR_TEXT.Internal.hint,
            };
      logFailure?.(channel, info, error);
      return fail(info);
    } finally {
      end();
    }
  };
}
