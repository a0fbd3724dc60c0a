import { spawn } from 'node:child_process';

/** Opens a URL in the default browser; resolves false when no opener worked. */
export function openInBrowser(url: string, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  const [command, args] =
    platform === 'darwin' ? ['open', [url]] : platform === 'win32' ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]] : ['xdg-open', [url]];
  return new Promise((resolve) => {
    try {
      const child = spawn(command, args, { stdio: 'ignore', detached: true });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}

/**
 * Opens the app in the default browser with a one-time launch code (good
 * once, for a minute), never the token: an opener's arguments are visible to
 * every process on the machine (`ps`) while it runs.
 */
export function openApp(server: { launchUrl(): string }, opener: (url: string) => Promise<boolean> = openInBrowser): Promise<boolean> {
  return opener(server.launchUrl());
}
