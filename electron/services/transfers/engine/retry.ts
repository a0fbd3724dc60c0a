import { setTimeout as sleep } from 'node:timers/promises';
import { TIMEOUT_ATTEMPTS } from '../../../../shared/timeouts';
import { isTimeoutError } from '../../request-deadlines';

/** How requests are retried. */
export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** The first backoff's ceiling, in ms; each retry doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Injected in tests for determinism. */
  random?: () => number;
}

/** Defaults: 6 tries, backoff ceilings 250 ms, 500 ms, 1 s, 2 s, 4 s (with full jitter, about 4 s of waiting on average). */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 250, maxDelayMs: 20_000 };

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'HPE_INVALID_CONSTANT',
  'HPE_UNEXPECTED_CONTENT_LENGTH',
]);

/** Server codes worth another try: throttling, transient server trouble, skew (the SDK corrects its clock on the first). */
const RETRY_SERVER_CODES = new Set([
  'SlowDown',
  'ServiceUnavailable',
  'Throttling',
  'ThrottlingException',
  'TooManyRequests',
  'RequestTimeout',
  'InternalError',
  'RequestTimeTooSkewed',
  // A body damaged on the way (Content-MD5 did its job): send it again.
  'BadDigest',
  'IncompleteBody',
]);

interface ErrorLike {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  cause?: ErrorLike;
  serverCode?: string;
  status?: number;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number };
}

/**
 * True for failures another try may cure: network errors (a reset or broken
 * pipe mid-body, timeouts), HTTP 5xx and 429, S3's throttling codes. Never for
 * an abort (the user cancelled or paused), nor for 4xx answers like AccessDenied.
 */
export function isRetryable(error: unknown): boolean {
  const e = (error ?? {}) as ErrorLike;
  if (e.name === 'AbortError') return false;
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode ?? e.status;
  const codes = [e.code, e.Code, e.name, e.serverCode, e.cause?.code, e.cause?.name].filter((c): c is string => typeof c === 'string');
  if (codes.some((c) => RETRY_SERVER_CODES.has(c))) return true;
  if (status !== undefined && status !== 0) return status >= 500 || status === 429;
  if (codes.some((c) => NETWORK_CODES.has(c) || c === 'TimeoutError')) return true;
  // Node says "aborted" / "socket hang up" for a connection cut mid-response.
  return /^(aborted|socket hang up|premature close)$/i.test(e.message ?? '') || /socket hang up|ECONNRESET|EPIPE/.test(e.message ?? '');
}

/** The wait before retry number `retry` (0-based): "full jitter", uniform in [0, min(max, base·2^retry)]. */
export function backoffDelay(retry: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor((policy.random ?? Math.random)() * ceiling);
}

/**
 * Runs one request (one part, one PUT, one ranged GET) and retries it with
 * exponential backoff and full jitter while it fails for a retryable reason.
 * A request that hit its deadline (the server stopped answering) is tried at
 * most `TIMEOUT_ATTEMPTS` times: more would keep a transfer waiting minutes
 * on a silent server. `attempt` receives the try number, so a body can be
 * opened afresh each time.
 */
export async function withRetry<T>(
  attempt: (tryNumber: number) => Promise<T>,
  options: { policy: RetryPolicy; signal?: AbortSignal; onRetry?: (error: unknown, tryNumber: number) => void; retryable?: (error: unknown) => boolean },
): Promise<T> {
  const retryable = options.retryable ?? isRetryable;
  let timeouts = 0;
  for (let tryNumber = 1; ; tryNumber += 1) {
    try {
      return await attempt(tryNumber);
    } catch (error) {
      if (isTimeoutError(error)) timeouts += 1;
      if (options.signal?.aborted || tryNumber >= options.policy.attempts || timeouts >= TIMEOUT_ATTEMPTS || !retryable(error)) throw error;
      options.onRetry?.(error, tryNumber);
      await sleep(backoffDelay(tryNumber - 1, options.policy), undefined, { signal: options.signal }).catch(() => undefined);
      if (options.signal?.aborted) throw error;
    }
  }
}
