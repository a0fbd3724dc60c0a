import { join } from 'node:path';
import { app, BrowserWindow, dialog, Menu, protocol, screen, session, shell, webContents } from 'electron';
import { version } from '../../package.json';
import { wireEvents, type AppServices } from '../app-services';
import { startBackend } from '../backend';
import { cliRun } from '../cli/cli-switch';
import { OBJECT_PROTOCOL } from '../services/app-info-service';
import { APP_ENTRY_URL, APP_SCHEME, privilegedSchemes, serveAppFile } from './app-protocol';
import { emitToRenderers, registerElectronIpc } from './electron-ipc';
import { objectProtocolResponse } from './object-protocol';
import { OBJECT_CSP, RENDERER_CSP } from '../../shared/csp';
import { APP_USER_MODEL_ID } from './shell-notifications';
import { permissionAllowed } from './shell-permissions';
import {
  isAppUrl,
  mainWindowOptions,
  navigationAction,
  objectCsp,
  openExternalSafely,
  subframeNavigationAllowed,
  windowOpenAction,
  withAppCsp,
} from './window-policy';
import { showCrashDialog, showMessage } from './window-dialogs';
import { electronShellHooks, showTransfersInShell } from './window-transfers';
import { electronSystemProxy } from './system-proxy';
import { installCliAction, runCliInApp } from './cli-shell';
import { applicationMenuTemplate } from './menu-template';
import { closeMeansQuit, QuitFlow, secondInstanceAction } from './window-quit';
import { readWindowState, restoredBounds, WindowStateTracker, writeWindowState, type WindowState } from './window-state';

/**
 * The page the window loads: the dev server in development, the built files
 * through the `app://pail/` protocol otherwise (not file://, so the
 * grantFileProtocolExtraPrivileges fuse is off in the packages).
 */
const appUrl = process.env.ELECTRON_RENDERER_URL ?? APP_ENTRY_URL;
const log = (message: string) => console.error(`[pail] ${message}`);
const openLink = (url: string) => void openExternalSafely(url, (u) => shell.openExternal(u), log);

function hardenSessions(): void {
  const ses = session.defaultSession;
  // No permission is granted to page content but writing the clipboard from the app's own page (Copy link,
  // Copy key). Chromium checks before it asks, so both handlers hold the same policy.
  ses.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permissionAllowed({ permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame }, appUrl)),
  );
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    permissionAllowed(
      { permission, requestingOrigin, requestingUrl: details.requestingUrl, embeddingOrigin: details.embeddingOrigin, isMainFrame: details.isMainFrame },
      appUrl,
    ),
  );
  // The dev server's answers get the app's CSP (the app: and pail-object: handlers set their own).
  ses.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withAppCsp(details.url, details.responseHeaders, OBJECT_PROTOCOL) }));
}

function guardContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      const action = navigationAction(url, appUrl, OBJECT_PROTOCOL);
      if (action === 'allow') return;
      event.preventDefault();
      // "Download" on an object is a link to another origin, which Chromium navigates to rather than downloads.
      if (action === 'download') contents.downloadURL(url);
    });
    // will-navigate sees only the main frame.
    contents.on('will-frame-navigate', (event) => {
      if (!event.isMainFrame && !subframeNavigationAllowed(event.url, appUrl)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url, appUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const { action, openExternally } = windowOpenAction(url);
      if (openExternally) openLink(openExternally);
      return { action };
    });
  });
}

/** The app's own files (`app://pail/`) and local object links (`pail-object://o/<ticket>`, previews: the renderer never sees credentials). */
function serveProtocols(services: AppServices): void {
  const rendererRoot = join(__dirname, '../renderer');
  protocol.handle(APP_SCHEME, (request) => serveAppFile(request, { root: rendererRoot, csp: RENDERER_CSP }));
  const csp = objectCsp(OBJECT_CSP, appUrl);
  protocol.handle(OBJECT_PROTOCOL, (request) => objectProtocolResponse(request, (ticket, range, signal) => services.streams.open(ticket, range, signal), csp));
}

/** The main window and what must happen to it before the process ends (its place written). */
class MainWindow {
  window?: BrowserWindow;
  private readonly writes = new Set<Promise<void>>();
  private lastWritten = '';
  /** The open window's place now (undefined once it is gone). */
  private place?: () => WindowState | undefined;

  constructor(
    private readonly dataDir: string,
    private readonly quit: QuitFlow,
  ) {}

  /** Opens the window where it was last time (size, place, maximised), and follows its place until it closes. */
  async open(): Promise<BrowserWindow> {
    const bounds = restoredBounds(
      await readWindowState(this.dataDir),
      screen.getAllDisplays().map((d) => d.workArea),
    );
    const { maximized, ...place } = bounds;
    const window = new BrowserWindow({ ...mainWindowOptions(join(__dirname, '../preload/index.js')), ...place });
    this.window = window;
    const tracker = new WindowStateTracker(bounds);
    const observe = () => {
      if (!window.isDestroyed())
        tracker.observe({
          normalBounds: window.getNormalBounds(),
          maximized: window.isMaximized(),
          minimized: window.isMinimized(),
          fullScreen: window.isFullScreen(),
        });
    };
    window.on('resize', observe);
    window.on('move', observe);
    window.on('maximize', observe);
    window.on('unmaximize', observe);
    window.once('ready-to-show', () => {
      if (maximized) window.maximize();
      window.show();
      observe();
    });
    // ready-to-show never comes for a page that failed to load: show the window rather than run invisible.
    window.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
      // -3 (ERR_ABORTED) is a navigation the guards stopped, not a failed page.
      if (!isMainFrame || code === -3) return;
      log(`the app page did not load (${code} ${description}): ${url}`);
      if (!window.isDestroyed() && !window.isVisible()) window.show();
    });
    this.place = () => {
      observe();
      return tracker.state();
    };
    window.on('close', (event) => {
      observe();
      this.save(tracker.state());
      // On Windows and Linux closing the window quits: the quit flow asks first, over this window.
      if (closeMeansQuit(process.platform, this.quit.phase)) {
        event.preventDefault();
        // Not from inside the window's own close event (electron/electron#7838).
        setImmediate(() => app.quit());
      }
    });
    // Some Linux launchers keep the last progress across runs.
    window.setProgressBar(-1);
    window.loadURL(appUrl).catch((error: unknown) => log(`could not load the app page: ${error instanceof Error ? error.message : String(error)}`));
    return window;
  }

  /** Writes the window's place as it is now and waits for every write (the quit flow's closing work: Quit in a menu comes before any close). */
  async flush(): Promise<void> {
    if (this.window && !this.window.isDestroyed()) this.save(this.place?.());
    await Promise.all(this.writes);
  }

  private save(state: WindowState | undefined): void {
    const text = JSON.stringify(state ?? null);
    if (!state || text === this.lastWritten) return;
    this.lastWritten = text;
    const write = writeWindowState(this.dataDir, state).catch((error: unknown) =>
      log(`could not save the window's place: ${error instanceof Error ? error.message : String(error)}`),
    );
    this.writes.add(write);
    void write.finally(() => this.writes.delete(write));
  }
}

/** The application menu: its items run the page's own actions (`menu:command`) in the focused window. */
function installMenu(): void {
  const template = applicationMenuTemplate(process.platform, {
    send: (command) => {
      const target = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
      if (target) emitToRenderers(() => [target.webContents], 'menu:command', { command });
    },
    openLink,
    installCli: installCliAction(),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    // exit, not quit: nothing is set up yet, and quit() lets this instance run on into a window (signalapp/Signal-Desktop#2017).
    app.exit(0);
    return;
  }
  // The data folder and the last-resort handler (crash.log and a dialog, see crash-log.ts) at once; the services once Electron is ready.
  const starting = startBackend({
    version,
    transport: 'electron',
    userData: app.getPath('userData'),
    onCrash: showCrashDialog,
    ready: app.whenReady(),
    isTrusted: (sender) => sender.transport === 'electron' && isAppUrl(sender.origin, appUrl),
    shell: () => electronShellHooks(app.getPath('downloads')),
    systemProxy: electronSystemProxy,
  });
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  // Listened for at once: a second launch while this one starts must not be lost.
  const started: { main?: MainWindow; quit?: QuitFlow } = {};
  app.on('second-instance', () => {
    const window = started.main?.window;
    const look = window && {
      destroyed: window.isDestroyed(),
      minimized: !window.isDestroyed() && window.isMinimized(),
      visible: !window.isDestroyed() && window.isVisible(),
    };
    const action = secondInstanceAction(started.quit?.quitting ?? false, look);
    if (action === 'create') void started.main?.open();
    else if (action !== 'ignore' && window) {
      if (action === 'restore') window.restore();
      if (action === 'show') window.show();
      window.focus();
    }
  });
  app.enableSandbox();
  guardContents();
  await app.whenReady();
  hardenSessions();

  const { dataDir, services, dispatch } = await starting;
  registerElectronIpc(dispatch);
  serveProtocols(services);
  wireEvents(services, (event, payload) => {
    emitToRenderers(() => webContents.getAllWebContents(), event, payload);
    showTransfersInShell(event, payload);
  });
  // Uploads and downloads a crash or the last quit interrupted come back paused, ready to resume.
  void services.transfers.restore().catch((error: unknown) => log(`could not restore transfers: ${error instanceof Error ? error.message : String(error)}`));

  const flow = new QuitFlow({
    totals: () => services.transfers.list().totals,
    ask: async (question) => (await showMessage({ type: 'question', ...question })).response,
    finish: async () => {
      await Promise.all([services.transfers.dispose(), services.editSessions.dispose(), started.main?.flush()]);
    },
    quit: () => app.quit(),
    windowCount: () => BrowserWindow.getAllWindows().length,
    reopen: () => void started.main?.open(),
    log,
  });
  started.quit = flow;
  app.on('before-quit', (event) => {
    if (!flow.beforeQuit()) event.preventDefault();
  });
  installMenu();

  const main = new MainWindow(dataDir, flow);
  started.main = main;
  await main.open();
  app.on('activate', () => {
    if (!flow.quitting && BrowserWindow.getAllWindows().length === 0) void main.open();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

// `Pail --cli …` is the `pail` command (electron/cli/cli-switch.ts): it runs before anything of the app's.
const cli = cliRun({ argv: process.argv, defaultApp: process.defaultApp === true });
if (cli) runCliInApp(cli.args);
else {
  // One call, before ready: Electron takes a single registration of privileged schemes.
  protocol.registerSchemesAsPrivileged(privilegedSchemes(OBJECT_PROTOCOL));
  // A start that fails (an unreadable data folder) would leave a process with no window: say why and end it.
  start().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    log(`could not start: ${message}`);
    dialog.showErrorBox('Pail could not start', message);
    app.exit(1);
  });
}
