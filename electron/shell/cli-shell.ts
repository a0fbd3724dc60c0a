import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { app } from 'electron';
import { appleScriptString, CliInstaller, cliInstallMessage, cliInstallPlan } from '../cli/cli-install';
import { exitAfterFlush, runCliProcess } from '../cli/cli-process';
import { showMessage } from './window-dialogs';

/** The folder, inside the app's, that holds Chromium's own files during a CLI run. */
const CLI_CHROMIUM_FOLDER = 'CLI';

/**
 * `Pail --cli <args>`: the `pail` command inside the app binary. Called
 * before anything else in the main process: no single-instance lock (a
 * command must run beside an open app, and must not wake it), no window, no
 * `whenReady`; the process ends with the command's exit code once its output
 * is flushed.
 */
export function runCliInApp(args: string[]): void {
  // Chromium does not support two processes on one profile folder (electron/electron#4727) and the app may be
  // open: a command's Chromium files go in a folder of their own. Pail's data folder (profiles) is found by
  // resolveDataDir, not by Electron, so the command still shares it with the app.
  app.setPath('userData', join(app.getPath('userData'), CLI_CHROMIUM_FOLDER));
  // macOS gives every process of an app bundle a Dock icon; a command should not bounce one.
  app.dock?.hide();
  // Must come before ready; a command draws nothing, so Chromium need not start a GPU process for it.
  app.disableHardwareAcceleration();
  const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
  void runCliProcess(args, io).then((code) => exitAfterFlush(code, [process.stdout, process.stderr], (c) => app.exit(c)));
}

/** Runs a shell command as the administrator through macOS's own password prompt. */
function runAsAdministrator(command: string): Promise<void> {
  const script = `do shell script ${appleScriptString(command)} with administrator privileges`;
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/osascript', ['-e', script], (error, _stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve()));
  });
}

/**
 * The menu's "Install Command-Line Tool…" action, or undefined where the
 * item has nothing to do (a development run, the deb, Windows).
 */
export function installCliAction(): (() => void) | undefined {
  const plan = cliInstallPlan({
    platform: process.platform,
    packaged: app.isPackaged,
    execPath: process.execPath,
    env: process.env,
    home: app.getPath('home'),
  });
  if (!plan) return undefined;
  const install = async () => {
    const tempDir = await mkdtemp(join(app.getPath('temp'), 'pail-cli-'));
    try {
      const installer = new CliInstaller({
        tempDir,
        pathValue: process.env.PATH,
        runPrivileged: process.platform === 'darwin' ? runAsAdministrator : undefined,
      });
      return cliInstallMessage(await installer.install(plan));
    } finally {
      await rm(tempDir, { recursive: true, force: true });
    }
  };
  return () =>
    void install()
      .catch((error: unknown) => cliInstallMessage({ ok: false, message: error instanceof Error ? error.message : String(error) }))
      .then(({ title, detail }) => showMessage({ type: 'info', message: title, detail }));
}
