import { StandardRetryStrategy } from '@smithy/core/retry';
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';
import { CONNECT_TIMEOUT_MS, DEFAULT_RESPONSE_TIMEOUT_SECONDS, TIMEOUT_ATTEMPTS } from '../../shared/timeouts';

/**
 * The SDK request handler's deadlines for a profile's response timeout: the
 * connection must be up within 10 s, and a socket that carries nothing for
 * the response timeout (no first byte of the answer, or a body that stops)
 * fails its request. `socketTimeout` is the SDK's idle timeout, which fails the
 * request; its `requestTimeout` only logs a warning unless told to throw, and
 * would also count the time a big body takes to send. (The SDK arms idle
 * timers of 6 s and more 3 s after the request starts, so a silent server
 * fails a request after the timeout plus up to 3 s.)
 */
export function handlerDeadlines(responseTimeoutSeconds = DEFAULT_RESPONSE_TIMEOUT_SECONDS): { connectionTimeout: number; socketTimeout: number } {
  return { connectionTimeout: CONNECT_TIMEOUT_MS, socketTimeout: responseTimeoutSeconds * 1000 };
}

/**
 * True for the errors a deadline raises: the SDK's idle and connect timeouts,
 * Node's ETIMEDOUT, an AbortSignal.timeout. Not for resets: the SDK names an
 * ECONNRESET or EPIPE "TimeoutError" too, but those are a dropped connection,
 * worth the usual retries.
 */
export function isTimeoutError(error: unknown): boolean {
  const e = error as { name?: string; code?: unknown } | undefined;
  if (e?.code === 'ETIMEDOUT') return true;
  return e?.name === 'TimeoutError' && typeof e.code !== 'string';
}

/**
 * The SDK's standard retries (throttling, 5xx, resets), except that a request
 * that timed out is tried at most `TIMEOUT_ATTEMPTS` times: three tries of a
 * silent server would keep a user waiting a minute and a half for an error.
 */
export class DeadlineRetryStrategy implements RetryStrategyV2 {
  private readonly standard: StandardRetryStrategy;
  private readonly timeouts = new WeakMap<RetryToken, number>();

  constructor(maxAttempts: number) {
    this.standard = new StandardRetryStrategy(maxAttempts);
  }

  acquireInitialRetryToken(scope: string): Promise<RetryToken> {
    return this.standard.acquireInitialRetryToken(scope);
  }

  async refreshRetryTokenForRetry(token: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken> {
    const timedOut = (this.timeouts.get(token) ?? 0) + (isTimeoutError(errorInfo.error) ? 1 : 0);
    // Throwing ends the retries: the SDK then fails the request with its last error.
    if (timedOut >= TIMEOUT_ATTEMPTS) throw errorInfo.error;
    const next = await this.standard.refreshRetryTokenForRetry(token as never, errorInfo);
    this.timeouts.set(next, timedOut);
    return next;
  }

  recordSuccess(token: RetryToken): void {
    this.standard.recordSuccess(token as never);
  }
}
