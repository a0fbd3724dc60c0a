/**
 * How long Pail waits for a server before a request fails. Every S3 request,
 * URL import and link check gets a connect deadline and a response deadline
 * (no answer, or no bytes mid-body, for that long), and each fails the request
 * rather than only logging: a server that stops answering must not hang the
 * app, the web API or the CLI.
 */

/** A TCP (and TLS) connection that is not up after this long fails. */
export const CONNECT_TIMEOUT_MS = 10_000;

/** The default response timeout: no first byte, or no further bytes, for this long fails the request. */
export const DEFAULT_RESPONSE_TIMEOUT_SECONDS = 30;

/** The response timeouts a profile may set (the CLI's --timeout too). */
export const RESPONSE_TIMEOUT_LIMITS = { min: 5, max: 600 } as const;

/**
 * Tries a request that timed out gets in all (the first included): one retry
 * cures a dropped connection, more would only make a user wait minutes for a
 * server that has stopped answering. With the default, a silent server fails
 * a request after about 60 s.
 */
export const TIMEOUT_ATTEMPTS = 2;

/** After this long without an answer (or without bytes moving), the UI and the CLI say the server is not answering. */
export const SILENCE_NOTICE_MS = 5_000;
