import { fetch, type Headers, type RequestInit } from 'undici';
import { PailError } from '../../shared/errors';
import { DEFAULT_NETWORK, proxyOf, type NetworkPolicy } from './net/network-policy';
import { proxyClosed, proxyRefused, proxyUnreachable, proxyUnusable } from './net/proxy-errors';
import { proxyRouteFor } from './net/proxy-policy';
import { dispatcherFor } from './net/undici-dispatcher';

/** How long a request may wait at each step before it fails, in ms. */
export interface Deadlines {
  /** From dialling to a connection (TLS included). */
  connectMs: number;
  /** From the request sent to the answer's headers. */
  firstByteMs: number;
  /** Without a single body byte, while the reader is waiting for one. */
  stallMs: number;
}

/** Deadlines a person accepts: a server that takes longer is not going to answer. */
export const DEFAULT_DEADLINES: Deadlines = { connectMs: 10_000, firstByteMs: 30_000, stallMs: 30_000 };

/** The part of a fetch Response that callers use; its body fails with `Timeout` when it stalls. */
export interface TimedResponse {
  status: number;
  ok: boolean;
  /** The final URL, after redirects. */
  url: string;
  headers: Headers;
  body: ReadableStream<Uint8Array> | null;
}

/** What `deadlineFetch` takes beyond fetch's own options. */
export interface DeadlineInit extends Omit<RequestInit, 'dispatcher' | 'signal'> {
  signal?: AbortSignal;
  deadlines?: Partial<Deadlines>;
  /** How to connect (a profile's CA bundle…); Node's defaults when absent. */
  network?: NetworkPolicy;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'The server';
  }
}

/** The error of a deadline that fired: code `Timeout`, naming the host. */
export function notAnswering(url: string, what: string): PailError {
  return new PailError({
    code: 'Timeout',
    message: `${hostOf(url)} is not answering: ${what}.`,
    hint: 'Check that the address is right and that the server is up and reachable from this computer, then try again.',
  });
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * fetch with deadlines that fail the request rather than wait: a connection
 * within `connectMs`, the answer's headers within `firstByteMs` of the
 * request, and then never `stallMs` without a body byte while the reader
 * waits for one. A deadline that fires rejects (or errors the body) with a
 * `PailError` of code `Timeout` saying "<host> is not answering"; other
 * failures (refused, reset, DNS) are fetch's own errors. The caller's `signal`
 * still cancels at any time.
 */
export async function deadlineFetch(url: string, init: DeadlineInit = {}): Promise<TimedResponse> {
  const d = { ...DEFAULT_DEADLINES, ...init.deadlines };
  const stop = new AbortController();
  const signal = init.signal ? AbortSignal.any([init.signal, stop.signal]) : stop.signal;
  const { deadlines: _deadlines, network, ...rest } = init;
  const route = proxyRouteFor(proxyOf(network ?? DEFAULT_NETWORK), url);
  if (route?.problem) throw proxyUnusable(route);
  let response: Awaited<ReturnType<typeof fetch>>;
  try {
    response = await fetch(url, { ...rest, signal, dispatcher: dispatcherFor(network ?? DEFAULT_NETWORK, d) });
  } catch (error) {
    const cause = (error as { cause?: Error & { code?: string } }).cause;
    const code = cause?.code;
    const proxyError = route && cause && proxyFailure(route, url, cause);
    if (proxyError) throw proxyError;
    if (code === 'UND_ERR_CONNECT_TIMEOUT') throw notAnswering(url, `no connection within ${seconds(d.connectMs)}`);
    // Through a proxy, a silent proxy and a silent server look alike here: the words name both.
    if (code === 'UND_ERR_HEADERS_TIMEOUT')
      throw notAnswering(url, `no answer within ${seconds(d.firstByteMs)} of the request${route ? `, through the proxy ${route.proxy}` : ''}`);
    throw error;
  }
  const finalUrl = response.url || url;
  return {
    status: response.status,
    ok: response.ok,
    url: finalUrl,
    headers: response.headers,
    body:
      response.body &&
      stallGuard(response.body as ReadableStream<Uint8Array>, d.stallMs, () => {
        const error = notAnswering(finalUrl, `no data for ${seconds(d.stallMs)}`);
        stop.abort(error);
        return error;
      }),
  };
}

/**
 * A proxy's refusal in words (see proxy-errors.ts), from what undici's
 * ProxyAgent threw; undefined for failures that are not the proxy's.
 */
function proxyFailure(route: NonNullable<ReturnType<typeof proxyRouteFor>>, url: string, cause: Error & { code?: string }): Error | undefined {
  const target = new URL(url);
  const where = `${target.hostname}:${target.port || (target.protocol === 'https:' ? 443 : 80)}`;
  const refused = /Proxy response \((\d+)\)/.exec(cause.message);
  if (refused) return proxyRefused(route, where, Number(refused[1]));
  if (cause.code === 'UND_ERR_SOCKET') return proxyClosed(route, where);
  if (cause.code === 'UND_ERR_CONNECT_TIMEOUT') return notAnswering(route.proxy, `the proxy did not connect to ${where} in time`);
  if (cause.code && /^E[A-Z]+$/.test(cause.code) && cause.code !== 'ECONNRESET') return proxyUnreachable(route, cause);
  return undefined;
}

/**
 * The body, failing with the error `onStall` gives when a read waits
 * `stallMs` for its bytes. Reads are passed through one at a time
 * (highWaterMark 0), so the timer runs only while the reader waits: a reader
 * that is slow (backpressure) is never taken for a silent server.
 */
function stallGuard(body: ReadableStream<Uint8Array>, stallMs: number, onStall: () => Error): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let stalled: Error | undefined;
        const timer = setTimeout(() => {
          stalled = onStall();
          reader.cancel(stalled).catch(() => undefined);
        }, stallMs);
        try {
          const { done, value } = await reader.read();
          if (stalled) controller.error(stalled);
          else if (done) controller.close();
          else controller.enqueue(value);
        } catch (error) {
          controller.error(stalled ?? error);
        } finally {
          clearTimeout(timer);
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
