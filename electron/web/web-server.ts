import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { lookup as mimeLookup } from 'mime-types';
import type { EventChannel } from '../../shared/ipc/channels';
import type { EventOf } from '../../shared/ipc/contract';
import type { Dispatch } from '../ipc/dispatcher';
import type { ObjectStreamResponse } from '../services/object-streams';
import { OBJECT_CSP, RENDERER_CSP } from '../../shared/csp';

/** The header that carries the per-run token on API requests. */
export const TOKEN_HEADER = 'x-pail-token';
/** The header that names an API request for `app:cancel`. */
export const REQUEST_ID_HEADER = 'x-pail-request-id';
/** Largest request body the API accepts. */
export const MAX_BODY_BYTES = 1024 * 1024;

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
  /** The URL to open, token included. */
  url: string;
  /** Sends an event to every open page. */
  emit<E extends EventChannel>(event: E, payload: EventOf<E>): void;
  close(): Promise<void>;
}

function sameToken(given: string | undefined | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) cookies[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return cookies;
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(message + '\n');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The loopback web transport: serves the built renderer and the same
 * dispatcher as Electron's IPC, on 127.0.0.1 only. Every request needs the
 * per-run token (in the URL for the first page, then a same-site cookie for
 * the page's assets, a header for API calls, the query for the event stream);
 * a Host other than the loopback address (DNS rebinding) or a foreign Origin
 * is refused.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const streams = new Set<ServerResponse>();
  let port = options.port;
  let cookieName = '';
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const securityHeaders = {
    'Content-Security-Policy': RENDERER_CSP,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };

  async function serveStatic(res: ServerResponse, pathname: string, setCookie: boolean): Promise<void> {
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const file = normalize(join(options.staticDir, relative));
    if (!file.startsWith(normalize(options.staticDir) + sep) || relative.includes('\0')) {
      return refuse(res, 404, 'Not found.');
    }
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return refuse(res, 404, 'Not found.');
    const headers: Record<string, string> = {
      ...securityHeaders,
      'Content-Type': mimeLookup(extname(file)) || 'application/octet-stream',
      'Content-Length': String(info.size),
      'Cache-Control': 'no-store',
    };
    if (setCookie) headers['Set-Cookie'] = `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, channel: string, origin: string): Promise<void> {
    if (req.method !== 'POST') return refuse(res, 405, 'Use POST.');
    if (!sameToken(req.headers[TOKEN_HEADER] as string | undefined, token)) {
      return refuse(res, 403, 'Missing or wrong token.');
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return refuse(res, 415, 'Send JSON.');
    }
    let request: unknown;
    try {
      const body = await readBody(req);
      request = body ? JSON.parse(body) : {};
    } catch {
      return refuse(res, 400, 'The request body is not valid JSON (or larger than 1 MiB).');
    }
    const requestId = req.headers[REQUEST_ID_HEADER];
    const result = await options.dispatch(channel, request, { transport: 'web', origin }, typeof requestId === 'string' ? requestId : undefined);
    res.writeHead(200, { ...securityHeaders, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(result));
  }

  async function streamObject(req: IncomingMessage, res: ServerResponse, ticket: string): Promise<void> {
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const answer = await options.objectStream!(ticket, req.headers.range, abort.signal);
    // An object is content, never a page of the app: nothing in it may run or load,
    // but the app's own preview frame (a PDF) may show it.
    res.writeHead(answer.status, {
      ...securityHeaders,
      'Content-Security-Policy': OBJECT_CSP,
      'X-Frame-Options': 'SAMEORIGIN',
      ...answer.headers,
    });
    if (req.method === 'HEAD' || !answer.body) {
      answer.body?.destroy();
      res.end();
      return;
    }
    answer.body.on('error', () => res.destroy());
    answer.body.pipe(res);
  }

  async function receiveUpload(req: IncomingMessage, res: ServerResponse, ticket: string): Promise<void> {
    if (req.method !== 'POST') return refuse(res, 405, 'Use POST.');
    if (!sameToken(req.headers[TOKEN_HEADER] as string | undefined, token)) return refuse(res, 403, 'Missing or wrong token.');
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
      ...securityHeaders,
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    streams.add(res);
    res.on('close', () => streams.delete(res));
  }

  const server = createServer((req, res) => {
    void (async () => {
      // DNS rebinding: a foreign page resolving its own name to 127.0.0.1 sends its own Host.
      if (!allowedHosts().has(req.headers.host ?? '')) return refuse(res, 403, 'Host not allowed.');
      const originHeader = req.headers.origin;
      if (originHeader !== undefined && !allowedOrigins().has(originHeader)) {
        return refuse(res, 403, 'Origin not allowed.');
      }
      const origin = originHeader ?? `http://${req.headers.host}`;
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      const cookieOk = sameToken(parseCookies(req.headers.cookie)[cookieName], token);
      const queryOk = sameToken(url.searchParams.get('token'), token);

      if (url.pathname.startsWith('/api/')) {
        return handleApi(req, res, decodeURIComponent(url.pathname.slice('/api/'.length)), origin);
      }
      if (url.pathname.startsWith('/upload/') && options.uploadBody) {
        return receiveUpload(req, res, decodeURIComponent(url.pathname.slice('/upload/'.length)));
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed.');
      if (url.pathname === '/events') {
        if (!queryOk) return refuse(res, 403, 'Missing or wrong token.');
        return openStream(res);
      }
      if (!queryOk && !cookieOk) {
        return refuse(res, 403, 'This Pail server needs its token: open the full URL that `npm run web` printed.');
      }
      if (url.pathname.startsWith('/object/') && options.objectStream) {
        return streamObject(req, res, url.pathname.slice('/object/'.length));
      }
      return serveStatic(res, url.pathname, queryOk);
    })().catch((error: unknown) => {
      if (!res.headersSent) refuse(res, 500, `Internal error: ${(error as Error).message}`);
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  cookieName = `pail_token_${port}`;
  const keepAlive = setInterval(() => streams.forEach((s) => s.write(': ping\n\n')), 25_000);
  keepAlive.unref();

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    emit(event, payload) {
      const data = `data: ${JSON.stringify({ event, payload })}\n\n`;
      streams.forEach((s) => s.write(data));
    },
    close() {
      clearInterval(keepAlive);
      streams.forEach((s) => s.end());
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
