import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Readable } from 'node:stream';
import { app, BrowserWindow, protocol, session, shell, webContents } from 'electron';
import { version } from '../package.json';
import { createAppServices, createHandlers, OBJECT_PROTOCOL, wireEvents, type AppServices } from './app-services';
import { createDispatcher } from './ipc/dispatcher';
import { emitToRenderers, registerElectronIpc } from './ipc/electron-ipc';
import { OBJECT_CSP } from '../shared/csp';
import { isAppUrl, isSafeExternalUrl, mainWindowOptions, RENDERER_CSP } from './window-policy';
import { electronShellHooks, showTransfersInShell } from './window-transfers';

/** The page the window loads: the dev server in development, the packaged file otherwise. */
const appUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(__dirname, '../renderer/index.html')).href;

function hardenSessions(): void {
  // No permission (camera, notifications, geolocation…) is ever granted to page content.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    // Object content (previews) keeps the strict policy its protocol handler sets.
    if (details.url.startsWith(`${OBJECT_PROTOCOL}:`)) return callback({ responseHeaders: details.responseHeaders });
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } });
  });
}

function guardContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, appUrl)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url, appUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isSafeExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

// Local object links (previews) stream through the main process: the renderer never sees credentials.
protocol.registerSchemesAsPrivileged([{ scheme: OBJECT_PROTOCOL, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } }]);

function serveObjectLinks(services: AppServices): void {
  protocol.handle(OBJECT_PROTOCOL, async (request) => {
    const ticket = new URL(request.url).pathname.replace(/^\//, '');
    const answer = await services.streams.open(ticket, request.headers.get('range') ?? undefined, request.signal);
    const body = answer.body ? (Readable.toWeb(answer.body) as ReadableStream) : null;
    return new Response(body, { status: answer.status, headers: { ...answer.headers, 'Content-Security-Policy': OBJECT_CSP } });
  });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.js')));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appUrl);
  return window;
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.enableSandbox();
  guardContents();
  await app.whenReady();
  hardenSessions();

  const dataDir = process.env.PAIL_HOME || app.getPath('userData');
  const services = await createAppServices(dataDir);
  const dispatch = createDispatcher(
    createHandlers(services, { version, transport: 'electron' }, electronShellHooks(app.getPath('downloads'))),
    (sender) => sender.transport === 'electron' && isAppUrl(sender.origin, appUrl),
    (channel, error) => console.error(`[pail] ${channel} failed: ${error.code}: ${error.message}`),
  );
  registerElectronIpc(dispatch);
  serveObjectLinks(services);
  wireEvents(services, (event, payload) => {
    emitToRenderers(() => webContents.getAllWebContents(), event, payload);
    showTransfersInShell(event, payload);
  });
  // Uploads and downloads a crash or the last quit interrupted come back paused, ready to resume.
  void services.transfers.restore();
  app.on('before-quit', () => void services.transfers.dispose());

  let main = createWindow();
  app.on('second-instance', () => {
    if (main.isDestroyed()) main = createWindow();
    if (main.isMinimized()) main.restore();
    main.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) main = createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

void start();
