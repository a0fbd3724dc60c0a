/**
 * The security-relevant choices of the app window, as plain data and pure
 * functions so tests can check them without the Electron binary.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { RENDERER_CSP as RENDERER_CSP_VALUE } from '../../shared/csp';

export { RENDERER_CSP } from '../../shared/csp';

/** Options of the main window: isolated, sandboxed, no Node in the renderer. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 780,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Pail',
    backgroundColor: '#1e1f22',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
    },
  };
}

/**
 * True when a URL (or an origin) is the app's own page: the `app://pail/`
 * origin the packaged app is served from, the dev server electron-vite
 * started, or (older builds) the `file://…/renderer/` folder. A custom scheme
 * is compared by scheme and host, not by `URL.origin`: Node gives every
 * non-http(s) URL the origin "null", so `evil://x` would equal `app://pail`.
 */
export function isAppUrl(url: string | undefined, appBaseUrl: string): boolean {
  if (!url) return false;
  try {
    const target = new URL(url);
    const base = new URL(appBaseUrl);
    if (base.protocol === 'file:') {
      const folder = base.pathname.slice(0, base.pathname.lastIndexOf('/') + 1);
      return target.protocol === 'file:' && target.pathname.startsWith(folder);
    }
    if (base.protocol === 'http:' || base.protocol === 'https:') return target.origin === base.origin;
    // Chromium lowercases the host of a standard scheme; Node leaves a custom scheme's as written.
    return target.protocol === base.protocol && !!base.host && target.host.toLowerCase() === base.host.toLowerCase() && !target.username && !target.password;
  } catch {
    return false;
  }
}

/** The app's origin as a CSP source or a permission origin: `app://pail`, `http://localhost:5173`. */
export function appOrigin(appBaseUrl: string): string {
  const base = new URL(appBaseUrl);
  return `${base.protocol}//${base.host}`;
}

/**
 * What a main-frame navigation may do: stay in the app; turn into a download
 * when it goes to a local object link (an `<a download>` to another origin is
 * a plain navigation in Chromium, whatwg/html#7718, so the object's
 * Content-Disposition can only act if the shell downloads it); anything else
 * is refused (the app never leaves its own page).
 */
export function navigationAction(url: string, appBaseUrl: string, objectProtocol: string): 'allow' | 'download' | 'deny' {
  if (isAppUrl(url, appBaseUrl)) return 'allow';
  return url.startsWith(`${objectProtocol}://`) ? 'download' : 'deny';
}

/** Schemes a frame inside the page (an object preview) never navigates to: remote pages and local files. */
const SUBFRAME_REFUSED = new Set(['http:', 'https:', 'file:', 'ftp:', 'ws:', 'wss:', 'data:', 'javascript:']);

/**
 * Whether a frame inside the page may navigate (`will-frame-navigate`;
 * `will-navigate` only sees the main frame). A link in a previewed PDF must
 * not load a web page inside the app; Chromium's own PDF viewer frames
 * (`chrome-extension:`) and `about:blank` keep working.
 */
export function subframeNavigationAllowed(url: string, appBaseUrl: string): boolean {
  if (isAppUrl(url, appBaseUrl)) return true;
  try {
    return !SUBFRAME_REFUSED.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** True for URLs that may be handed to the OS browser: http(s) only, no credentials. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}

/** What the app does when a page asks for a new window: never one; an http(s) link goes to the OS browser. */
export function windowOpenAction(url: string): { action: 'deny'; openExternally?: string } {
  return isSafeExternalUrl(url) ? { action: 'deny', openExternally: url } : { action: 'deny' };
}

/**
 * Hands an http(s) link to the OS browser through `open` (`shell.openExternal`)
 * and says whether it went. Never rejects: `openExternal` rejects when the OS
 * has no handler (macOS, Windows), and an unawaited rejection would reach the
 * process's last-resort handler; on Linux it resolves even when xdg-open
 * fails (electron/electron#13842), so `true` means "handed over", not "shown".
 */
export async function openExternalSafely(
  url: string,
  open: (url: string) => Promise<void>,
  log: (message: string) => void = () => undefined,
): Promise<boolean> {
  if (!isSafeExternalUrl(url)) {
    log(`refused to open a non-http(s) link outside the app: ${url.slice(0, 40)}`);
    return false;
  }
  try {
    await open(url);
    return true;
  } catch (error) {
    log(`the system could not open ${new URL(url).origin}: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

/**
 * The response headers the app's pages get when they come over http (the dev
 * server): its CSP on every answer, except object content (previews on the
 * `pail-object:` protocol), which keeps the stricter policy its handler sets.
 * Electron runs `onHeadersReceived` for http(s) only (electron/electron#6021):
 * the `app:` and `pail-object:` handlers set their policy themselves.
 */
export function withAppCsp(url: string, headers: Record<string, string[]> | undefined, objectProtocol: string): Record<string, string[]> | undefined {
  if (url.startsWith(`${objectProtocol}:`)) return headers;
  return { ...headers, 'Content-Security-Policy': [RENDERER_CSP_VALUE] };
}

/**
 * The policy of object content in the desktop app: the shared one, but framed
 * by the app's page rather than by 'self' (the object's own `pail-object://o`
 * origin, which is not the page's), so a PDF preview may show in its frame.
 */
export function objectCsp(baseCsp: string, appBaseUrl: string): string {
  return baseCsp.replace(/frame-ancestors [^;]*/, `frame-ancestors ${appOrigin(appBaseUrl)}`);
}
