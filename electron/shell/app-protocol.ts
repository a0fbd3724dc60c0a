import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { contentType } from 'mime-types';
import type { CustomScheme } from 'electron';

/**
 * The packaged app's page comes from `app://pail/`, served out of
 * out/renderer by the main process, instead of `file://`: the page gets a real
 * origin of its own (file:// pages share one with every local file), its CSP
 * comes as a header (Electron cannot add headers to file:// answers), and the
 * `grantFileProtocolExtraPrivileges` fuse can be off (Electron's security
 * checklist, "avoid usage of the file:// protocol"). The scheme and host key
 * the page's storage; the renderer keeps nothing there between runs today,
 * but renaming them later would lose whatever it keeps then.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'pail';
/** The URL the window loads in the packaged app. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Every privileged scheme, for the one `protocol.registerSchemesAsPrivileged`
 * call Electron takes (before `ready`; a second call replaces the first).
 * `standard` gives real origins and relative URLs, `secure` makes the page a
 * secure context (navigator.clipboard needs one). Neither is `corsEnabled`:
 * that would let any origin read them (electron/electron#52912, #51152).
 * `stream` keeps media previews streaming with Range requests.
 */
export function privilegedSchemes(objectProtocol: string): CustomScheme[] {
  return [
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    { scheme: objectProtocol, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } },
  ];
}

/** Where a request for the app's files goes: a file under the root, or a refusal with its status. */
export type AppFileTarget = { path: string; type: string } | { status: 400 | 404; reason: string };

/**
 * Maps an `app://pail/…` URL to a file under `root` (out/renderer): `/` is
 * index.html; another host, a path that leaves the root (`..`, encoded or
 * not, or a Windows drive or backslash), a NUL byte or a type the build never
 * emits is refused.
 */
export function resolveAppFile(url: string, root: string): AppFileTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { status: 400, reason: 'not a URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return { status: 404, reason: 'not the app' };
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return { status: 400, reason: 'bad percent-encoding' };
  }
  if (path.includes('\0')) return { status: 400, reason: 'NUL in the path' };
  const wanted = path === '/' || path === '' ? 'index.html' : path.replace(/^\/+/, '');
  const target = join(root, wanted);
  const inside = relative(root, target);
  if (!inside || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return { status: 404, reason: 'outside the app' };
  const type = contentType(extname(target));
  if (!type) return { status: 404, reason: 'not a file the app has' };
  return { path: target, type };
}

/** How the app's files are served: the folder, the page's CSP, and the file reader (asar-aware in Electron). */
export interface AppFiles {
  root: string;
  csp: string;
  read?: (path: string) => Promise<Buffer>;
}

const text = (status: number, message: string, extra: Record<string, string> = {}) =>
  new Response(`${message}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', ...extra } });

/**
 * Answers one request to `app://pail/` (`protocol.handle`): GET and HEAD of
 * the built files, with their MIME type (a module script with a wrong one does
 * not run), `nosniff`, and the app's CSP; 405 for other methods, 404 for what
 * is not there, 400 for a malformed path. The files are small (two assets
 * today), so each is read whole.
 */
export async function serveAppFile(request: Request, files: AppFiles): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Only GET and HEAD.', { Allow: 'GET, HEAD' });
  const target = resolveAppFile(request.url, files.root);
  if ('status' in target) return text(target.status, target.status === 400 ? 'Bad request.' : 'Not found.');
  let body: Buffer;
  try {
    body = await (files.read ?? readFile)(target.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' ? text(404, 'Not found.') : text(500, 'Could not read the app files.');
  }
  const headers = {
    'Content-Type': target.type,
    'Content-Length': String(body.length),
    'Content-Security-Policy': files.csp,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}
