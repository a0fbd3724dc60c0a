import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { CLI_SWITCH, LINUX_CLI_SWITCHES } from './cli-switch';

/**
 * "Install Command-Line Tool…" (the AppImage's and the dmg's menu item): a
 * small `pail` script in a bin folder that runs the app binary with `--cli`.
 * The deb links /usr/bin/pail at install time and the Windows installer adds
 * a PATH entry, so neither needs the item.
 */

/** The first line after the shebang of every script this writes: how a later install knows the file is Pail's to replace. */
export const CLI_SCRIPT_MARKER = "# Pail's command-line tool";

/** What the plan is made from (Electron's and the OS's answers, passed in so it is tested without either). */
export interface CliInstallContext {
  platform: NodeJS.Platform;
  /** `app.isPackaged`: a development run has no launcher worth writing down. */
  packaged: boolean;
  /** `process.execPath`: inside an AppImage, a mount point that is gone once the app quits. */
  execPath: string;
  env: NodeJS.ProcessEnv;
  home: string;
}

/** Where the script goes and what it says. */
export interface CliInstallPlan {
  /** The program the script runs: the AppImage file itself, or the app bundle's binary. */
  launcher: string;
  target: string;
  script: string;
  /** macOS: /usr/local/bin is often the administrator's; on "permission denied" ask for their password (VS Code's "Install 'code' command in PATH" does the same). */
  privilegedFallback: boolean;
  /** The bin folder is on every shell's PATH whatever this process's PATH says (macOS's /etc/paths lists /usr/local/bin; an app started from Finder gets a shorter PATH). */
  binDirOnPath: boolean;
  /** Why no script should be written from this copy of the app (it runs from a place that goes away). */
  blocked?: string;
}

/**
 * Whether a macOS app runs from a place that goes away: the dmg it came on
 * (/Volumes/…), or the random copy Gatekeeper's App Translocation runs a
 * quarantined app from until it is moved in Finder. A script naming such a
 * path breaks at the next start (the same trap VS Code's, Atom's and Zed's
 * command installers fell into: microsoft/vscode#209356, zed-industries/zed#5276).
 */
export function transientAppPath(execPath: string): boolean {
  return execPath.startsWith('/Volumes/') || execPath.includes('/AppTranslocation/');
}

/** A word for a POSIX shell, single-quoted (a `'` inside becomes `'\''`). */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The script: runs the launcher as the `pail` command, exit code, stdin and output passed through. */
export function cliScript(launcher: string, platform: NodeJS.Platform): string {
  const switches = platform === 'linux' ? [...LINUX_CLI_SWITCHES, CLI_SWITCH] : [CLI_SWITCH];
  return `#!/bin/sh\n${CLI_SCRIPT_MARKER}: runs the app as \`pail\`. Written by Install Command-Line Tool; run it again if the app moves.\nexec ${shellQuote(launcher)} ${switches.join(' ')} -- "$@"\n`;
}

/**
 * Where and what to write, or undefined where the item has no work: a
 * development run, the deb (its package owns /usr/bin/pail), Windows (its
 * installer's PATH entry). Linux: the AppImage file (`$APPIMAGE`, not
 * execPath) into ~/.local/bin, the user's own bin folder (systemd's
 * file-hierarchy). macOS: the app's binary into /usr/local/bin.
 */
export function cliInstallPlan(context: CliInstallContext): CliInstallPlan | undefined {
  if (!context.packaged) return undefined;
  if (context.platform === 'linux') {
    const appImage = context.env.APPIMAGE;
    if (!appImage) return undefined;
    return {
      launcher: appImage,
      target: join(context.home, '.local', 'bin', 'pail'),
      script: cliScript(appImage, 'linux'),
      privilegedFallback: false,
      binDirOnPath: false,
    };
  }
  if (context.platform === 'darwin') {
    return {
      launcher: context.execPath,
      target: '/usr/local/bin/pail',
      script: cliScript(context.execPath, 'darwin'),
      privilegedFallback: true,
      binDirOnPath: true,
      ...(transientAppPath(context.execPath) && {
        blocked:
          'Pail is running from the disk image or from a temporary copy macOS made of it. Move Pail to Applications in Finder, open it from there, and choose Install Command-Line Tool again.',
      }),
    };
  }
  return undefined;
}

/** Whether a folder is on a PATH value (trailing slashes aside), so the message can say what is still to do. */
export function onPath(dir: string, pathValue: string | undefined): boolean {
  const clean = (p: string) => p.replace(/\/+$/, '');
  return (pathValue ?? '').split(delimiter).some((entry) => entry && clean(entry) === clean(dir));
}

/**
 * The command an administrator's prompt runs to put the script in place:
 * copy from a file the app wrote, then make it runnable by everyone.
 */
export function privilegedCopyCommand(source: string, target: string): string {
  return `mkdir -p ${shellQuote(dirname(target))} && cp ${shellQuote(source)} ${shellQuote(target)} && chmod 755 ${shellQuote(target)}`;
}

/** An AppleScript string literal (for `osascript -e 'do shell script "…" with administrator privileges'`). */
export function appleScriptString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** How an install ended, in words for the dialog. */
export type CliInstallResult = { ok: true; path: string; onPath: boolean; binDir: string } | { ok: false; message: string };

/** What the installer needs from outside: the administrator prompt (macOS), and a scratch folder for what it copies. */
export interface CliInstallerDeps {
  /** Runs a shell command as the administrator (osascript's prompt); rejects when they cancel. */
  runPrivileged?(command: string): Promise<void>;
  tempDir: string;
  pathValue: string | undefined;
  /** Puts a runnable script in place (`writeScriptFile` unless a test stands in for the file system). */
  writeScript?(target: string, script: string): Promise<void>;
}

/**
 * Writes a runnable script: beside the target first, then renamed over it, so
 * a `pail` running at that moment never reads half a script.
 */
export async function writeScriptFile(target: string, script: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  await writeFile(partial, script, { mode: 0o755 });
  // The mode given to writeFile passes through the umask.
  await chmod(partial, 0o755);
  await rename(partial, target);
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code;

/** Writes the plan's script, refusing to replace a `pail` that is not Pail's own. */
export class CliInstaller {
  constructor(private readonly deps: CliInstallerDeps) {}

  async install(plan: CliInstallPlan): Promise<CliInstallResult> {
    if (plan.blocked) return { ok: false, message: plan.blocked };
    const existing = await readFile(plan.target, 'utf8').catch((error: unknown) => (errorCode(error) === 'ENOENT' ? undefined : ''));
    if (existing !== undefined && !existing.includes(CLI_SCRIPT_MARKER)) {
      return {
        ok: false,
        message: `${plan.target} already exists and is not Pail's: remove it first, or keep it and run Pail's command as \`${plan.launcher} --cli\`.`,
      };
    }
    const binDir = dirname(plan.target);
    const done = (): CliInstallResult => ({ ok: true, path: plan.target, binDir, onPath: plan.binDirOnPath || onPath(binDir, this.deps.pathValue) });
    try {
      await (this.deps.writeScript ?? writeScriptFile)(plan.target, plan.script);
      return done();
    } catch (error) {
      const denied = errorCode(error) === 'EACCES' || errorCode(error) === 'EPERM';
      if (!denied || !plan.privilegedFallback || !this.deps.runPrivileged) {
        return { ok: false, message: `Could not write ${plan.target}: ${(error as Error).message}` };
      }
    }
    const source = join(this.deps.tempDir, 'pail');
    await writeFile(source, plan.script, { mode: 0o755 });
    try {
      await this.deps.runPrivileged(privilegedCopyCommand(source, plan.target));
      return done();
    } catch (error) {
      return { ok: false, message: `${plan.target} was not written (${(error as Error).message.trim() || 'the administrator prompt was cancelled'}).` };
    }
  }
}

/** The dialog's words for a result: what now works, and what is still the user's to do. */
export function cliInstallMessage(result: CliInstallResult): { title: string; detail: string } {
  if (!result.ok) return { title: 'The command-line tool was not installed', detail: result.message };
  const next = result.onPath
    ? 'Open a new terminal and run `pail --help`.'
    : `${result.binDir} is not on your PATH yet: add it (for example in ~/.profile), or log in again if your system adds it by itself, then run \`pail --help\`.`;
  return { title: `Installed ${result.path}`, detail: next };
}
