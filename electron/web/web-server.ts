import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventChannel } from '../../shared/ipc/channels';
import type { EventOf } from '../../shared/ipc/contract';
import type { Dispatch } from '../ipc/dispatcher';
import type { ObjectStreamResponse } from '../services/object-streams';
import { decodePath, parseCookies, readBody, refuse } from './http-kit';
import { OneTimeCodes, randomSecret, sameSecret } from './one-time-codes';
import { StagedBodies } from './staged-bodies';
import { SECURITY_HEADERS, serveStatic, streamObject } from './web-content';
import { MAX_BODY_BYTES, REQUEST_ID_HEADER, STAGED_HEADER, TOKEN_HEADER } from '../../shared/ipc/web-wire';

export { MAX_BODY_BYTES, TOKEN_HEADER } from '../../shared/ipc/web-wire';
/** All staged bodies together: room for the largest selection the contract allows (100,000 keys of 1 KiB). */
export const MAX_STAGED_BYTES = 128 * 1024 * 1024;
/** How long an event-stream ticket works (the page uses it at once). */
export const EVENT_TICKET_MS = 30_000;
/** How long a launch code (`--open`) works. */
export const LAUNCH_CODE_MS = 60_000;

export interface WebServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** The built renderer (out/renderer). */
  staticDir: string;
  dispatch: Dispatch;
  /** Fixed token for tests; a random one otherwise. */
  token?: string;
  /** Streams a local object link (`/object/<ticket>`), passing the Range header on. */
  objectStream?: (ticket: string, range: string | undefined, signal: AbortSignal) => Promise<ObjectStreamResponse>;
  /**
   * Takes the body of a file the engine asked the page for (`POST /upload/<ticket>`):
   * false when no transfer waits for it, else resolves when the transfer is done
   * with it (undefined when stored, the error otherwise).
   */
  uploadBody?: (ticket: string, body: IncomingMessage) => false | Promise<unknown>;
}

export interface WebServer {
  port: number;
  token: string;
  /** The URL to print, token included. */
  url: string;
  /** A URL to hand a browser opener: a one-time launch code (good once, for a minute) instead of the token. */
  launchUrl(): string;
  /** Sends an event to every open page. */
  emit<E extends EventChannel>(event: E, payload: EventOf<E>): void;
  close(): Promise<void>;
}

const NEEDS_TOKEN = 'This Pail server needs its token: open the full URL that `npm run web` printed.';

/**
 * The loopback web transport: serves the built renderer and the same
 * dispatcher as Electron's IPC, on 127.0.0.1 only. Credentials, each good for
 * one thing only, because cookies are not kept apart by port (any other
 * server on 127.0.0.1 the browser visits receives them):
 * - the API token (random per run), sent as a header on API calls and uploads;
 *   the page learns it from the printed URL (`?token=`) or by trading a
 *   one-time launch code (`?launch=`, what `--open` hands the browser);
 * - an asset cookie, a separate random key that fetches the app's own files
 *   (and, with an object ticket issued through the API, an object preview,
 *   which <img>/<iframe> load without headers) and nothing else;
 * - event-stream tickets, single-use and short-lived, issued through the API
 *   (EventSource cannot send headers).
 * A Host other than the loopback address (DNS rebinding) or a foreign Origin
 * is refused.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomSecret(24);
  const assetKey = randomSecret();
  const eventTickets = new OneTimeCodes(EVENT_TICKET_MS);
  const launchCodes = new OneTimeCodes(LAUNCH_CODE_MS, Date.now, 16);
  const staged = new StagedBodies(MAX_STAGED_BYTES);
  const streams = new Set<ServerResponse>();
  let port = options.port;
  let cookieName = '';
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const json = (res: ServerResponse, value: unknown) => {
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(value));
  };
  const hasToken = (req: IncomingMessage) => sameSecret(req.headers[TOKEN_HEADER.toLowerCase()] as string | undefined, token);

  async function handleApi(req: IncomingMessage, res: ServerResponse, channel: string, origin: string): Promise<void> {
    if (req.method !== 'POST') return refuse(res, 405, 'Use POST.');
    if (!hasToken(req)) return refuse(res, 403, 'Missing or wrong token.');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, 'Send JSON.');
    const stageId = req.headers[STAGED_HEADER.toLowerCase()] as string | undefined;
    let body: Buffer;
    if (stageId !== undefined) {
      req.resume();
      const whole = staged.take(stageId);
      if (!whole) return refuse(res, 409, 'The pieces of this request are gone (sent too long ago, or never): send the request again.');
      body = whole;
    } else {
      const read = await readBody(req, MAX_BODY_BYTES);
      if (!read.ok) return refuse(res, 413, tooLarge(), closeIfAnnounced(req));
      body = read.body;
    }
    let request: unknown;
    try {
      request = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      return refuse(res, 400, 'The request body is not valid JSON.');
    }
    const requestId = req.headers[REQUEST_ID_HEADER.toLowerCase()];
    json(res, await options.dispatch(channel, request, { transport: 'web', origin }, typeof requestId === 'string' ? requestId : undefined));
  }

  /** One piece of a big request's body (`POST /stage/<id>`), each within the per-request limit. */
  async function stagePiece(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    if (req.method !== 'POST') return refuse(res, 405, 'Use POST.');
    if (!hasToken(req)) return refuse(res, 403, 'Missing or wrong token.');
    if (!StagedBodies.validId(id)) return refuse(res, 400, 'A stage is named by a UUID.');
    const read = await readBody(req, MAX_BODY_BYTES);
    if (!read.ok) return refuse(res, 413, tooLarge(), closeIfAnnounced(req));
    if (!staged.append(id, read.body)) {
      return refuse(res, 413, `Requests being sent add up to more than ${MAX_STAGED_BYTES / 1024 / 1024} MiB: select fewer items at once.`);
    }
    res.writeHead(204, { 'Cache-Control': 'no-store' });
    res.end();
  }

  async function receiveUpload(req: IncomingMessage, res: ServerResponse, ticket: string): Promise<void> {
    if (req.method !== 'POST') return refuse(res, 405, 'Use POST.');
    if (!hasToken(req)) return refuse(res, 403, 'Missing or wrong token.');
    const taken = options.uploadBody!(ticket, req);
    if (taken === false) {
      req.resume();
      return refuse(res, 409, 'No transfer is waiting for this file.');
    }
    const error = await taken;
    if (res.writableEnded || res.destroyed) return;
    // The answer may come before the page sent everything (a pause, a cancel): the connection then closes.
    res.setHeader('Connection', 'close');
    if (error === undefined) {
      res.writeHead(204, { 'Cache-Control': 'no-store' });
      res.end();
    } else refuse(res, 409, `Not stored: ${(error as Error).message}`);
  }

  function openStream(res: ServerResponse): void {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    // Events raised before this stream opened (the page loading, or reconnecting after a drop) are lost to it.
    res.write(`data: ${JSON.stringify({ event: 'events:opened', payload: {} })}\n\n`);
    streams.add(res);
    res.on('close', () => streams.delete(res));
    // A write to a page that just went away must not become an 'error' nobody hears.
    res.on('error', () => streams.delete(res));
  }
  const broadcast = (data: string) => {
    for (const s of streams) {
      if (s.writableEnded || s.destroyed) streams.delete(s);
      else s.write(data);
    }
  };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding: a foreign page resolving its own name to 127.0.0.1 sends its own Host.
    if (!allowedHosts().has(req.headers.host ?? '')) return refuse(res, 403, 'Host not allowed.');
    const originHeader = req.headers.origin;
    if (originHeader !== undefined && !allowedOrigins().has(originHeader)) return refuse(res, 403, 'Origin not allowed.');
    const origin = originHeader ?? `http://${req.headers.host}`;
    // Parsed against our own origin: a request target like "//elsewhere/x" stays a path.
    let url: URL;
    try {
      url = new URL(`http://127.0.0.1${(req.url ?? '/').startsWith('/') ? req.url : '/'}`);
    } catch {
      return refuse(res, 400, 'The request target is not a valid URL.');
    }
    const path = decodePath(url.pathname);
    if (path === undefined) return refuse(res, 400, `The address has broken percent-encoding (${url.pathname.slice(0, 200)}): check the link.`);

    if (path.startsWith('/api/')) return handleApi(req, res, path.slice('/api/'.length), origin);
    if (path.startsWith('/stage/')) return stagePiece(req, res, path.slice('/stage/'.length));
    if (path.startsWith('/upload/') && options.uploadBody) return receiveUpload(req, res, path.slice('/upload/'.length));
    if (path === '/events/ticket') {
      if (req.method !== 'POST') return refuse(res, 405, 'Use POST.');
      if (!hasToken(req)) return refuse(res, 403, 'Missing or wrong token.');
      req.resume();
      return json(res, { ticket: eventTickets.issue() });
    }
    if (path === '/session/launch') {
      if (req.method !== 'POST') return refuse(res, 405, 'Use POST.');
      const read = await readBody(req, 1024);
      // The body is the code itself.
      const code = read.ok ? read.body.toString('utf8').trim() : undefined;
      if (!launchCodes.take(code)) {
        return refuse(res, 403, 'This launch link was used already or has expired: open the full URL that `npm run web` printed.');
      }
      return json(res, { token });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed.');
    if (path === '/events') {
      if (!eventTickets.take(url.searchParams.get('ticket'))) return refuse(res, 403, 'Missing, used or expired event ticket: ask the API for a new one.');
      return openStream(res);
    }
    const cookieOk = sameSecret(parseCookies(req.headers.cookie)[cookieName], assetKey);
    if (path.startsWith('/object/') && options.objectStream) {
      // The ticket (issued through the API, unguessable) names the object; the cookie says it is our page asking.
      if (!cookieOk) return refuse(res, 403, NEEDS_TOKEN);
      const ticket = path.slice('/object/'.length);
      return streamObject(req, res, (signal) => options.objectStream!(ticket, req.headers.range, signal));
    }
    // The first page load carries the token or a launch code; its assets, and reloads, the asset cookie.
    const entry = sameSecret(url.searchParams.get('token'), token) || launchCodes.has(url.searchParams.get('launch'));
    if (!entry && !cookieOk) return refuse(res, 403, NEEDS_TOKEN);
    return serveStatic(res, options.staticDir, path, entry ? `${cookieName}=${assetKey}; HttpOnly; SameSite=Strict; Path=/` : undefined);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) refuse(res, 500, `Internal error: ${(error as Error).message}`);
      else res.destroy();
    });
  });
  // A socket error (a page that reset its connection) belongs to that request alone.
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  cookieName = `pail_assets_${port}`;
  const keepAlive = setInterval(() => broadcast(': ping\n\n'), 25_000);
  keepAlive.unref();

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    launchUrl: () => `http://127.0.0.1:${port}/?launch=${launchCodes.issue()}`,
    emit(event, payload) {
      broadcast(`data: ${JSON.stringify({ event, payload })}\n\n`);
    },
    close() {
      clearInterval(keepAlive);
      streams.forEach((s) => s.end());
      streams.clear();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function tooLarge(): string {
  return `The request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB, the most one request may carry: send it in pieces (the page does), or select fewer items.`;
}

/** A body announced too large is never read: the connection closes after the answer. */
function closeIfAnnounced(req: IncomingMessage): Record<string, string> {
  return Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES ? { Connection: 'close' } : {};
}
