import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The worker threads with entries of their own: electron.vite.config.ts builds each as out/main/<name>.js. */
export type ThreadName = 'fetch-thread' | 'file-thread' | 'md5-thread';

/**
 * Starts a worker thread from its entry file.
 *
 * Built (the app, the web mode and the CLI, which all run out/main): the
 * entry sits beside this code, because the main build writes its chunks
 * into out/main too (electron.vite.config.ts), so `__dirname` is out/main
 * wherever the bundler placed this module. Inside the packaged app that
 * folder is in app.asar: Electron reads asar files in worker threads since
 * version 17 (electron/electron#33216), so the entries need no asarUnpack.
 *
 * From source (Vitest runs the TypeScript without a build): the thread
 * loads its .ts entry through tsx's require hook. Not `--import tsx`: on
 * Node 20 loader hooks given in a worker's execArgv do not apply to the
 * worker's own entry, which then fails as an unknown ".ts" file
 * (nodejs/node#47747, privatenumber/tsx#354).
 */
export function startThread(name: ThreadName, options: WorkerOptions = {}): Worker {
  if (!__filename.endsWith('.ts')) return new Worker(join(__dirname, `${name}.js`), options);
  const tsx = createRequire(__filename).resolve('tsx/cjs');
  return new Worker(join(__dirname, `${name}.ts`), { ...options, execArgv: [...(options.execArgv ?? []), '--require', tsx] });
}
