import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Readable } from 'node:stream';
import { app, BrowserWindow, dialog, Menu, protocol, screen, session, shell, webContents } from 'electron';
import { version } from '../package.json';
import { createAppServices, createHandlers, OBJECT_PROTOCOL, wireEvents, type AppServices } from './app-services';
import { createDispatcher } from './ipc/dispatcher';
import { emitToRenderers, registerElectronIpc } from './ipc/electron-ipc';
import { OBJECT_CSP } from '../shared/csp';
import { isAppUrl, isSafeExternalUrl, mainWindowOptions, windowOpenAction, withAppCsp } from './window-policy';
import { electronShellHooks, showTransfersInShell } from './window-transfers';
import { applicationMenuTemplate } from './menu-template';
import { quitQuestion } from './window-quit';
import { readWindowState, restoredBounds, writeWindowState } from './window-state';

/** The page the window loads: the dev server in development, the packaged file otherwise. */
const appUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(__dirname, '../renderer/index.html')).href;

function hardenSessions(): void {
  // No permission (camera, notifications, geolocation…) is ever granted to page content.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  // Object content (previews) keeps the strict policy its protocol handler sets.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withAppCsp(details.url, details.responseHeaders, OBJECT_PROTOCOL) }));
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
      const { action, openExternally } = windowOpenAction(url);
      if (openExternally) void shell.openExternal(openExternally);
      return { action };
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

/** Opens the main window where it was last time (size, place, maximised), and remembers it on close. */
async function createWindow(dataDir: string): Promise<BrowserWindow> {
  const bounds = restoredBounds(await readWindowState(dataDir), screen.getAllDisplays().map((d) => d.workArea));
  const { maximized, ...place } = bounds;
  const window = new BrowserWindow({ ...mainWindowOptions(join(__dirname, '../preload/index.js')), ...place });
  window.once('ready-to-show', () => {
    if (maximized) window.maximize();
    window.show();
  });
  window.on('close', () => void writeWindowState(dataDir, { ...window.getNormalBounds(), maximized: window.isMaximized() }).catch(() => undefined));
  void window.loadURL(appUrl);
  return window;
}

/** The application menu: its items run the page's own actions (`menu:command`) in the focused window. */
function installMenu(): void {
  const template = applicationMenuTemplate(process.platform, {
    send: (command) => {
      const target = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
      if (target) emitToRenderers(() => [target.webContents], 'menu:command', { command });
    },
    openLink: (url) => {
      if (isSafeExternalUrl(url)) void shell.openExternal(url);
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** On quit with transfers running: asks first (they resume next time); quits at once otherwise. */
function confirmQuitWithTransfers(services: AppServices): void {
  let confirmed = false;
  app.on('before-quit', (event) => {
    const question = confirmed ? undefined : quitQuestion(services.transfers.list().totals);
    if (!question) {
      void services.transfers.dispose();
      return;
    }
    event.preventDefault();
    const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
    const asked = window ? dialog.showMessageBox(window, { type: 'question', ...question }) : dialog.showMessageBox({ type: 'question', ...question });
    void asked.then(({ response }) => {
      if (response !== 0) return;
      confirmed = true;
      app.quit();
    });
  });
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
    services.requests,
  );
  registerElectronIpc(dispatch);
  serveObjectLinks(services);
  wireEvents(services, (event, payload) => {
    emitToRenderers(() => webContents.getAllWebContents(), event, payload);
    showTransfersInShell(event, payload);
  });
  // Uploads and downloads a crash or the last quit interrupted come back paused, ready to resume.
  void services.transfers.restore();
  confirmQuitWithTransfers(services);
  installMenu();

  let main = await createWindow(dataDir);
  // A second launch focuses this one (single instance).
  app.on('second-instance', () => {
    void (async () => {
      if (main.isDestroyed()) main = await createWindow(dataDir);
      if (main.isMinimized()) main.restore();
      main.focus();
    })();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow(dataDir).then((window) => (main = window));
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

void start();
