/**
 * The app binary doubles as the `pail` command: `Pail --cli <args>` runs the
 * CLI in the main process before any window, so the installers can ship the
 * command without the RunAsNode fuse (ELECTRON_RUN_AS_NODE stays off).
 */

/** The switch that turns an app launch into a CLI run. */
export const CLI_SWITCH = '--cli';

/**
 * Chromium switches the Linux launchers put before `--cli` (build/bin/pail
 * says the same): with the headless Ozone platform a CLI run needs no X
 * server or Wayland display (without it, Chromium ends the process with
 * "Missing X server or $DISPLAY" before any of Pail's code runs); with no GPU
 * it starts no GPU process it would never use; and as a command loads no web
 * content, Chromium's sandbox has nothing to guard, while it would refuse to
 * start as root or where neither user namespaces nor the SUID helper work.
 */
export const LINUX_CLI_SWITCHES = ['--ozone-platform=headless', '--disable-gpu', '--no-sandbox'] as const;

/** How the process was started: what decides where the CLI's own words begin. */
export interface LaunchShape {
  /** The process's argv: `[exe, …]` when packaged, `[electron, appPath, …]` when run as `electron .`. */
  argv: readonly string[];
  /** Electron's `process.defaultApp`: true when launched as `electron <appPath>`, so argv[1] is the app, not a word. */
  defaultApp: boolean;
}

/** A CLI run: the words the `pail` command gets, as `npm run cli -- <args>` would get them. */
export interface CliRun {
  args: string[];
}

/**
 * Whether this launch is a CLI run, and its words. `--cli` counts only among
 * the switches before the first plain word, so a file the app is asked to
 * open can never turn into a command; the switches launchers add (AppImage's
 * AppRun puts `--no-sandbox` first, our Linux scripts the headless switches)
 * may come before it. The launchers write `--cli --` so Chromium, which stops
 * reading switches at `--`, never takes a word of the command for its own
 * (electron/electron#1248); that one `--` is dropped.
 */
export function cliRun({ argv, defaultApp }: LaunchShape): CliRun | undefined {
  for (let i = defaultApp ? 2 : 1; i < argv.length; i++) {
    const word = argv[i];
    if (word === CLI_SWITCH) {
      const args = argv.slice(i + 1);
      return { args: args[0] === '--' ? args.slice(1) : args };
    }
    // A plain word, or the end of switches: this launch opens the app.
    if (word === '--' || !word.startsWith('-')) return undefined;
  }
  return undefined;
}
