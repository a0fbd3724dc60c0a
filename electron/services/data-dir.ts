import { chmod, lstat, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The product name: the folder Electron's `userData` uses, shared with the web mode and the CLI. */
export const APP_FOLDER_NAME = 'Pail';

/**
 * Where Pail keeps its data: `PAIL_HOME` if set, otherwise the same folder
 * Electron's `app.getPath('userData')` gives, so the desktop app, the web mode
 * and the CLI share profiles. The app passes Electron's own answer as
 * `userData`; the web mode and the CLI work it out the same way without Electron.
 */
export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
  userData?: string,
): string {
  if (env.PAIL_HOME && env.PAIL_HOME.trim()) return env.PAIL_HOME;
  if (userData) return userData;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_FOLDER_NAME);
}

/** A data-folder item that other users must not read: the folder itself, and the files holding secrets. */
const PRIVATE_ITEMS: { name: string; mode: number; words: (path: string, access: string, now: string) => string }[] = [
  { name: '', mode: 0o700, words: (path, access, now) => `Your data folder ${path} ${access}; Pail made it private (mode ${now}).` },
  {
    name: 'secrets.json',
    mode: 0o600,
    words: (path, access, now) => `${path} holds your secret keys and ${access}; Pail made it readable only by you (mode ${now}).`,
  },
  {
    name: 'secrets.json.bak',
    mode: 0o600,
    words: (path, access, now) => `${path} holds a backup of your secret keys and ${access}; Pail made it readable only by you (mode ${now}).`,
  },
];

/**
 * Makes the data folder (0700) and the secrets files in it (0600) private when
 * group or others can read them (an old install, a copy, a hand-made folder),
 * and returns what it did in plain words, one line per fix, for the start-up
 * of the app, the web mode and the CLI to say once. Links are not followed
 * for files (a planted link must not make Pail change another file); the home
 * folder itself is only reported, never changed. POSIX modes only: on Windows
 * the folder's ACL already keeps it to the user.
 */
export async function securePermissions(dataDir: string, platform: NodeJS.Platform = process.platform, home: string = homedir()): Promise<string[]> {
  if (platform === 'win32') return [];
  const said: string[] = [];
  for (const item of PRIVATE_ITEMS) {
    const path = item.name ? join(dataDir, item.name) : dataDir;
    const info = await (item.name ? lstat(path) : stat(path)).catch(() => undefined);
    if (!info || (item.name ? !info.isFile() : !info.isDirectory())) continue;
    const mode = info.mode & 0o777;
    // Read or write for group or others; execute alone (a folder others may pass through) reveals nothing.
    if ((mode & 0o066) === 0) continue;
    const access = `could be ${mode & 0o044 ? 'read' : 'changed'} by other users (mode ${mode.toString(8)})`;
    if (!item.name && resolve(path) === resolve(home)) {
      said.push(`Your data folder is your home folder (${path}), which ${access}; Pail leaves your home folder as it is: set PAIL_HOME to a private folder.`);
      continue;
    }
    try {
      await chmod(path, item.mode);
      said.push(item.words(path, access, item.mode.toString(8)));
    } catch (error) {
      said.push(
        `${path} ${access} and Pail could not change that (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): run chmod ${item.mode.toString(8)} "${path}".`,
      );
    }
  }
  return said;
}
