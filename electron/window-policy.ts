import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The security-relevant choices of the app window, as plain data and pure
 * functions so tests can check them without the Electron binary.
 */

import { RENDERER_CSP as RENDERER_CSP_VALUE } from '../shared/csp';

export { RENDERER_CSP } from '../shared/csp';

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
 * True when a URL is the app's own page: the packaged `file://…/renderer/`
 * folder, or the dev server electron-vite started.
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
    return target.origin === base.origin;
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
 * The response headers the app's pages get: its CSP on every answer, except
 * object content (previews on the `pail-object:` protocol), which keeps the
 * stricter policy its handler sets.
 */
export function withAppCsp(url: string, headers: Record<string, string[]> | undefined, objectProtocol: string): Record<string, string[]> | undefined {
  if (url.startsWith(`${objectProtocol}:`)) return headers;
  return { ...headers, 'Content-Security-Policy': [RENDERER_CSP_VALUE] };
}
