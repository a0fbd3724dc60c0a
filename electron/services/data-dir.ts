import { homedir } from 'node:os';
import { join } from 'node:path';

/** The product name: the folder Electron's `userData` uses, shared with the web mode and the CLI. */
export const APP_FOLDER_NAME = 'Pail';

/**
 * Where Pail keeps its data: `PAIL_HOME` if set, otherwise the same folder
 * Electron's `app.getPath('userData')` gives, so the desktop app, the web mode
 * and the CLI share profiles.
 */
export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.PAIL_HOME && env.PAIL_HOME.trim()) return env.PAIL_HOME;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_FOLDER_NAME);
}
