import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { lookup as mimeLookup } from 'mime-types';
import { OBJECT_CSP, RENDERER_CSP } from '../../shared/csp';
import type { ObjectStreamResponse } from '../services/object-streams';
import { refuse } from './http-kit';

/** Headers on every answer of the web transport's own. */
export const SECURITY_HEADERS = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Serves a file of the built renderer (a decoded path; "/" is index.html), never one outside its folder. */
export async function serveStatic(res: ServerResponse, staticDir: string, path: string, setCookie?: string): Promise<void> {
  const relative = path === '/' ? 'index.html' : path.replace(/^\/+/, '');
  const file = normalize(join(staticDir, relative));
  if (!file.startsWith(normalize(staticDir) + sep) || relative.includes('\0')) return refuse(res, 404, 'Not found.');
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return refuse(res, 404, 'Not found.');
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'Content-Type': mimeLookup(extname(file)) || 'application/octet-stream',
    'Content-Length': String(info.size),
    'Cache-Control': 'no-store',
  };
  if (setCookie) headers['Set-Cookie'] = setCookie;
  res.writeHead(200, headers);
  // A file that vanishes mid-read ends this answer only.
  await pipeline(createReadStream(file), res).catch(() => undefined);
}

/** Streams an object's answer (a local object link); the page going away stops the read from the server. */
export async function streamObject(req: IncomingMessage, res: ServerResponse, open: (signal: AbortSignal) => Promise<ObjectStreamResponse>): Promise<void> {
  const abort = new AbortController();
  res.on('close', () => abort.abort());
  const answer = await open(abort.signal);
  // An object is content, never a page of the app: nothing in it may run or load,
  // but the app's own preview frame (a PDF) may show it.
  res.writeHead(answer.status, {
    ...SECURITY_HEADERS,
    'Content-Security-Policy': OBJECT_CSP,
    'X-Frame-Options': 'SAMEORIGIN',
    ...answer.headers,
  });
  if (req.method === 'HEAD' || !answer.body) {
    answer.body?.destroy();
    res.end();
    return;
  }
  // The server dropping mid-object, or the page going away, ends this answer only.
  await pipeline(answer.body, res).catch(() => undefined);
}
