import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_META_CSP } from '../../shared/csp';
import { OBJECT_CSP } from '../../shared/csp';
import { APP_ENTRY_URL } from './app-protocol';
import {
  isAppUrl,
  isSafeExternalUrl,
  mainWindowOptions,
  navigationAction,
  objectCsp,
  openExternalSafely,
  RENDERER_CSP,
  subframeNavigationAllowed,
  windowOpenAction,
  withAppCsp,
} from './window-policy';

describe('main window', () => {
  it('isolates and sandboxes the renderer with no Node in it', () => {
    const prefs = mainWindowOptions('/app/out/preload/index.js').webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(prefs.preload).toBe('/app/out/preload/index.js');
  });

  it('has a CSP that allows no remote content and no inline script', () => {
    expect(RENDERER_CSP).toContain("default-src 'self'");
    expect(RENDERER_CSP).toContain("script-src 'self'");
    expect(RENDERER_CSP).toContain("object-src 'none'");
    expect(RENDERER_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('is the same policy in renderer/index.html, for file:// loads', () => {
    const html = readFileSync(join(__dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(RENDERER_META_CSP);
  });
});

describe('navigation guard', () => {
  const packaged = 'file:///opt/Pail/resources/app.asar/out/renderer/index.html';
  it('allows only the app itself', () => {
    expect(isAppUrl(packaged, packaged)).toBe(true);
    expect(isAppUrl('file:///opt/Pail/resources/app.asar/out/renderer/index.html#x', packaged)).toBe(true);
    expect(isAppUrl('file:///etc/passwd', packaged)).toBe(false);
    expect(isAppUrl('https://evil.example/', packaged)).toBe(false);
    expect(isAppUrl('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isAppUrl(undefined, packaged)).toBe(false);
  });

  it('allows the app:// page by scheme and host, never another scheme whose URL origin is also "null"', () => {
    expect(isAppUrl('app://pail/index.html', APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://pail/assets/x.js?v=1#top', APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://pail', APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('APP://PAIL/index.html', APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('evil://pail/index.html', APP_ENTRY_URL)).toBe(false);
    expect(isAppUrl('pail-object://o/ticket', APP_ENTRY_URL)).toBe(false);
    expect(isAppUrl('app://evil/index.html', APP_ENTRY_URL)).toBe(false);
    expect(isAppUrl('app://pail.evil.example/', APP_ENTRY_URL)).toBe(false);
    expect(isAppUrl('app://user@pail/', APP_ENTRY_URL)).toBe(false);
    expect(isAppUrl('file:///opt/Pail/resources/app.asar/out/renderer/index.html', APP_ENTRY_URL)).toBe(false);
    expect(isAppUrl('not a url', APP_ENTRY_URL)).toBe(false);
  });

  it('turns a main-frame navigation to an object link into a download and refuses every other way out', () => {
    expect(navigationAction('app://pail/index.html#settings', APP_ENTRY_URL, 'pail-object')).toBe('allow');
    expect(navigationAction('pail-object://o/abc', APP_ENTRY_URL, 'pail-object')).toBe('download');
    expect(navigationAction('https://evil.example/', APP_ENTRY_URL, 'pail-object')).toBe('deny');
    expect(navigationAction('file:///etc/passwd', APP_ENTRY_URL, 'pail-object')).toBe('deny');
    expect(navigationAction('pail-objectx://o/abc', APP_ENTRY_URL, 'pail-object')).toBe('deny');
  });

  it('keeps frames inside the page (previews) off web pages and local files, not off the PDF viewer', () => {
    expect(subframeNavigationAllowed('pail-object://o/abc', APP_ENTRY_URL)).toBe(true);
    expect(subframeNavigationAllowed('about:blank', APP_ENTRY_URL)).toBe(true);
    expect(subframeNavigationAllowed('chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html', APP_ENTRY_URL)).toBe(true);
    expect(subframeNavigationAllowed('app://pail/index.html', APP_ENTRY_URL)).toBe(true);
    for (const url of [
      'https://evil.example/',
      'http://10.0.0.1/',
      'file:///etc/passwd',
      'data:text/html,<b>hi</b>',
      'javascript:alert(1)',
      'ftp://x/',
      'not a url',
    ]) {
      expect(subframeNavigationAllowed(url, APP_ENTRY_URL), url).toBe(false);
    }
    expect(subframeNavigationAllowed('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true);
  });

  it('hands only http(s) links to the OS browser', () => {
    expect(isSafeExternalUrl('https://docs.example.com/x')).toBe(true);
    expect(isSafeExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isSafeExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeExternalUrl('smb://host/share')).toBe(false);
    expect(isSafeExternalUrl('https://user:pw@example.com')).toBe(false);
  });
});

describe('new windows and response headers', () => {
  it('never opens a window; http(s) links go to the OS browser, anything else nowhere', () => {
    expect(windowOpenAction('https://docs.example.com/')).toEqual({ action: 'deny', openExternally: 'https://docs.example.com/' });
    expect(windowOpenAction('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(windowOpenAction('pail-object://o/ticket')).toEqual({ action: 'deny' });
  });

  it("puts the app's CSP on every answer but object previews, which keep their own stricter one", () => {
    expect(withAppCsp('file:///app/index.html', { 'Content-Security-Policy': ['default-src *'] }, 'pail-object')).toEqual({
      'Content-Security-Policy': [RENDERER_CSP],
    });
    const preview = { 'Content-Security-Policy': ["default-src 'none'"] };
    expect(withAppCsp('pail-object://o/t', preview, 'pail-object')).toBe(preview);
  });

  it("lets the app's page (another origin) frame object previews, and nothing else", () => {
    expect(OBJECT_CSP).toContain("frame-ancestors 'self'");
    const packaged = objectCsp(OBJECT_CSP, APP_ENTRY_URL);
    expect(packaged).toContain('frame-ancestors app://pail');
    expect(packaged).not.toContain("frame-ancestors 'self'");
    expect(packaged.replace('frame-ancestors app://pail', '')).toBe(OBJECT_CSP.replace("frame-ancestors 'self'", ''));
    expect(objectCsp(OBJECT_CSP, 'http://localhost:5173/')).toContain('frame-ancestors http://localhost:5173');
  });

  it('opens http(s) links outside, never rejects, and says when the system could not', async () => {
    const opened: string[] = [];
    const logged: string[] = [];
    const open = async (url: string) => void opened.push(url);
    expect(await openExternalSafely('https://docs.example.com/a', open, (m) => logged.push(m))).toBe(true);
    expect(await openExternalSafely('smb://attacker/share', open, (m) => logged.push(m))).toBe(false);
    expect(await openExternalSafely('ms-msdt:/id PCWDiagnostic', open, (m) => logged.push(m))).toBe(false);
    expect(opened).toEqual(['https://docs.example.com/a']);
    const failing = () => Promise.reject(new Error('No application is registered as handling this file'));
    expect(await openExternalSafely('https://docs.example.com/b?token=secret', failing, (m) => logged.push(m))).toBe(false);
    expect(logged.at(-1)).toBe('the system could not open https://docs.example.com: No application is registered as handling this file');
    expect(logged.join('\n')).not.toContain('secret');
  });
});
