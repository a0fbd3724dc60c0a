import { homedir } from 'node:os';
import { createDispatcher, type Dispatch, type SenderCheck } from './ipc/dispatcher';
import { createAppServices, createHandlers, type AppServices } from './app-services';
import type { TransportInfo } from './services/app-info-service';
import { installCrashNet, type CrashNet, type CrashNetOptions } from './services/crash-log';
import { resolveDataDir } from './services/data-dir';
import type { ShellHooks } from './services/shell-service';
import type { SystemProxyLookup } from './services/net/proxy-resolver';

/** What a front end (the Electron shell, the web mode) brings to the backend's start-up. */
export interface BackendOptions extends TransportInfo {
  /** Electron's `app.getPath('userData')`: the data folder when PAIL_HOME is not set (the web mode finds the same folder itself). */
  userData?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
  /** Told of each crash once it is logged: a dialog in the app, a line on stderr in the web mode. */
  onCrash: NonNullable<CrashNetOptions['onCrash']>;
  /** Exact values never to write to crash.log; the list may grow after start-up (the web mode's token). */
  crashSecrets?: readonly string[];
  /** How a fatal crash ends the process (tests replace it). */
  exit?: CrashNetOptions['exit'];
  /** Waited for after the crash net is up and before the services are built (Electron's `app.whenReady()`). */
  ready?: Promise<unknown>;
  /** Which senders may call the app at all: the dispatcher's lock, after the transport's own checks. */
  isTrusted: SenderCheck;
  /** What the shell around the page adds (native dialogs, drag-out); nothing in the web mode. Asked for after `ready`. */
  shell?: () => ShellHooks;
  /** Where a failed request is said (stderr unless given). */
  log?: (line: string) => void;
  /** The system's proxy for a URL (Electron's session.resolveProxy); absent in the web mode, where "system" is the environment. Asked after `ready`. */
  systemProxy?: SystemProxyLookup;
}

/** The running backend: its data folder, crash net, services, and the dispatcher a transport hands requests to. */
export interface Backend {
  dataDir: string;
  crashNet: CrashNet;
  services: AppServices;
  dispatch: Dispatch;
}

/** Writes a line on stderr. */
const toStderr = (line: string) => void process.stderr.write(`${line}\n`);

/**
 * The one start-up of the app's backend, for the desktop app and the web mode
 * alike: finds the data folder, opens the crash log (at once, before anything
 * is awaited, so the last-resort net is up as early as it can be), then builds
 * the services and the dispatcher over every channel. What stays with each
 * caller is what only it has: Electron's window and protocols, or the web
 * server, and where events go.
 */
export function startBackend(options: BackendOptions): Promise<Backend> {
  const env = options.env ?? process.env;
  const dataDir = resolveDataDir(env, options.platform ?? process.platform, options.home ?? homedir(), options.userData);
  const crashNet = installCrashNet({
    dataDir,
    onCrash: options.onCrash,
    ...(options.crashSecrets && { secrets: options.crashSecrets }),
    ...(options.exit && { exit: options.exit }),
  });
  const build = async (): Promise<Backend> => {
    await options.ready;
    const services = await createAppServices(dataDir, env, { ...(options.systemProxy && { systemProxy: options.systemProxy }) });
    const log = options.log ?? toStderr;
    const dispatch = createDispatcher(
      createHandlers(services, { version: options.version, transport: options.transport }, options.shell?.()),
      options.isTrusted,
      (channel, error) => log(`[pail] ${channel} failed: ${error.code}: ${error.message}`),
      services.requests,
    );
    return { dataDir, crashNet, services, dispatch };
  };
  return build();
}
