import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from './app-protocol';
import { CLIPBOARD_WRITE_PERMISSION, permissionAllowed, type PermissionQuery } from './shell-permissions';

const app = APP_ENTRY_URL;
const dev = 'http://localhost:5173/';

describe('the permission policy (request and check handlers)', () => {
  // permission × who asks × frame → granted?
  const table: [label: string, granted: boolean, query: PermissionQuery, appUrl: string][] = [
    [
      'clipboard write, app page, main frame (request)',
      true,
      { permission: CLIPBOARD_WRITE_PERMISSION, requestingUrl: 'app://pail/index.html', isMainFrame: true },
      app,
    ],
    [
      'clipboard write, app origin, main frame (check)',
      true,
      { permission: CLIPBOARD_WRITE_PERMISSION, requestingOrigin: 'app://pail', isMainFrame: true },
      app,
    ],
    [
      'clipboard write, app origin with a slash, url too (check)',
      true,
      { permission: CLIPBOARD_WRITE_PERMISSION, requestingOrigin: 'app://pail/', requestingUrl: 'app://pail/index.html#x', isMainFrame: true },
      app,
    ],
    [
      'clipboard write, dev server page',
      true,
      { permission: CLIPBOARD_WRITE_PERMISSION, requestingUrl: 'http://localhost:5173/', requestingOrigin: 'http://localhost:5173', isMainFrame: true },
      dev,
    ],
    ['clipboard write from a preview frame', false, { permission: CLIPBOARD_WRITE_PERMISSION, requestingUrl: 'pail-object://o/t1', isMainFrame: false }, app],
    [
      'clipboard write, app URL but not the main frame',
      false,
      { permission: CLIPBOARD_WRITE_PERMISSION, requestingUrl: 'app://pail/index.html', isMainFrame: false },
      app,
    ],
    [
      'clipboard write, cross-origin subframe embedded by the app',
      false,
      { permission: CLIPBOARD_WRITE_PERMISSION, requestingOrigin: 'app://pail', embeddingOrigin: 'app://pail', isMainFrame: true },
      app,
    ],
    ['clipboard write from a web page', false, { permission: CLIPBOARD_WRITE_PERMISSION, requestingUrl: 'https://evil.example/', isMainFrame: true }, app],
    ['clipboard write from another custom scheme', false, { permission: CLIPBOARD_WRITE_PERMISSION, requestingOrigin: 'evil://pail', isMainFrame: true }, app],
    [
      'clipboard write from another host of app:',
      false,
      { permission: CLIPBOARD_WRITE_PERMISSION, requestingUrl: 'app://evil/index.html', isMainFrame: true },
      app,
    ],
    [
      'clipboard write from a local file',
      false,
      { permission: CLIPBOARD_WRITE_PERMISSION, requestingUrl: 'file:///tmp/x.html', requestingOrigin: 'file:///', isMainFrame: true },
      app,
    ],
    [
      'clipboard write, app URL but a foreign origin',
      false,
      { permission: CLIPBOARD_WRITE_PERMISSION, requestingUrl: 'app://pail/index.html', requestingOrigin: 'https://evil.example', isMainFrame: true },
      app,
    ],
    ['clipboard write, neither URL nor origin given', false, { permission: CLIPBOARD_WRITE_PERMISSION, isMainFrame: true }, app],
    [
      'clipboard write, another dev server port',
      false,
      { permission: CLIPBOARD_WRITE_PERMISSION, requestingUrl: 'http://localhost:5174/', isMainFrame: true },
      dev,
    ],
    ['clipboard read, app page', false, { permission: 'clipboard-read', requestingUrl: 'app://pail/index.html', isMainFrame: true }, app],
    ['"clipboard-write" (not an Electron name)', false, { permission: 'clipboard-write', requestingUrl: 'app://pail/index.html', isMainFrame: true }, app],
    ['notifications, app page', false, { permission: 'notifications', requestingUrl: 'app://pail/index.html', isMainFrame: true }, app],
    ['media, app page', false, { permission: 'media', requestingOrigin: 'app://pail', isMainFrame: true }, app],
    ['openExternal (a mailto: link), app page', false, { permission: 'openExternal', requestingUrl: 'app://pail/index.html', isMainFrame: true }, app],
    ['geolocation from a web page', false, { permission: 'geolocation', requestingUrl: 'https://evil.example/', isMainFrame: true }, app],
  ];
  it.each(table)('%s → granted: %s', (_label, granted, query, appUrl) => {
    expect(permissionAllowed(query, appUrl)).toBe(granted);
  });
});
