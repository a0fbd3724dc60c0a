import { spawn } from 'node:child_process';

/**
 * How to open a file with an application the user picked ("Edit with…"): Electron has no "open with"
 * chooser, so the app is picked with the file dialog and started with the file. On macOS an
 * application is a bundle (".app"), started through `open -a`; elsewhere the picked file is the program.
 */
export function openWithCommand(platform: NodeJS.Platform, application: string, file: string): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: ['-a', application, file] };
  return { command: application, args: [file] };
}

/** Where the file dialog starts when picking an application. */
export function applicationsFolder(platform: NodeJS.Platform): string | undefined {
  if (platform === 'darwin') return '/Applications';
  if (platform === 'win32') return process.env.ProgramFiles;
  return '/usr/bin';
}

/**
 * Starts the application with the file, detached (it outlives nothing of Pail's); answers "" once it
 * started, else why not (the program is missing or may not be run): the same shape as shell.openPath.
 */
export function startWith(platform: NodeJS.Platform, application: string, file: string): Promise<string> {
  const { command, args } = openWithCommand(platform, application, file);
  return new Promise((resolve) => {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', shell: false });
    child.once('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'ENOENT' ? `${application} was not found.` : error.code === 'EACCES' ? `${application} may not be run.` : error.message),
    );
    child.once('spawn', () => {
      child.unref();
      resolve('');
    });
  });
}
