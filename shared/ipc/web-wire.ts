/**
 * The web transport's wire names, shared by its server (electron/web/) and the
 * page's client (renderer/transport/), so the two cannot spell them apart.
 * HTTP header names are case-insensitive: Node gives them in lower case, so the
 * server reads them with `.toLowerCase()`.
 */

/** Carries the per-run token on API calls, uploads and ticket requests. */
export const TOKEN_HEADER = 'X-Pail-Token';
/** Names an API request, so `app:cancel` can stop it. */
export const REQUEST_ID_HEADER = 'X-Pail-Request-Id';
/** Names a body sent before in pieces (staged) instead of carrying one. */
export const STAGED_HEADER = 'X-Pail-Staged';
/** The most one request body may carry; bigger ones are staged in pieces of at most this. */
export const MAX_BODY_BYTES = 1024 * 1024;
