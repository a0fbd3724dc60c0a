import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_META_CSP } from '../shared/csp';
import { isAppUrl, isSafeExternalUrl, mainWindowOptions, RENDERER_CSP, windowOpenAction, withAppCsp } from './window-policy';

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
    const html = readFileSync(join(__dirname, '../renderer/index.html'), 'utf8');
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
    expect(withAppCsp('file:///app/index.html', { 'Content-Security-Policy': ["default-src *"] }, 'pail-object')).toEqual({ 'Content-Security-Policy': [RENDERER_CSP] });
    const preview = { 'Content-Security-Policy': ["default-src 'none'"] };
    expect(withAppCsp('pail-object://o/t', preview, 'pail-object')).toBe(preview);
  });
});
