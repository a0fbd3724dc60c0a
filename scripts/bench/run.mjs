// The frame every benchmark script runs in: its --help, one clean-up (run at the end, on an error, and on
// Ctrl-C / SIGTERM), and what the scripts start or make, each undone by that clean-up: the gateway, a private
// copy of Pail's build, a temporary work folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { canMeasureMemory } from '../bench-transfer/timed-run.mjs';
import { cleanupOnSignals, createCleanup } from './cleanup.mjs';
import { benchGateway } from './gateway.mjs';
import { buildApp } from './pail-app.mjs';

/** Progress, to stderr: the reports go to stdout. */
export const log = (message) => process.stderr.write(`[bench] ${message}\n`);

/**
 * Runs a benchmark. `options()` parses its command line; with `help` set there, `usage` is printed and nothing
 * runs. Otherwise a missing GNU time is reported (`withoutTime` says what the report then lacks; leave it out
 * where nothing runs under time) and `measure(run)` is called, then the clean-up, however it ends. `run` holds:
 * - `opts`, what `options()` returned;
 * - `cleanup`, for the script's own steps (`cleanup.add(what, fn)`);
 * - `benchGateway()`: the gateway of `opts.gatewayFile`, or one started for the run (with `opts.gatewayStart`, startGateway's
 *   options) → `{ gateway, ownGateway }`;
 * - `buildApp(root, { skipBuild, sourcemap })`: builds the app in `root`; answers the root of a private copy;
 * - `makeWorkDir(prefix, what)`: a new temporary folder (`what` names its contents in a failed clean-up's message).
 */
export async function runBench({ usage = '', options = () => ({}), withoutTime }, measure) {
  const opts = options();
  if (opts.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const cleanup = createCleanup(log);
  cleanupOnSignals(cleanup, log);
  if (withoutTime && !canMeasureMemory()) log(`/usr/bin/time is missing (apt-get install time): ${withoutTime}`);
  try {
    await measure({
      opts,
      cleanup,
      benchGateway: () => benchGateway(opts.gatewayFile, { cleanup, log, start: opts.gatewayStart }),
      buildApp: async (root, build = {}) => {
        const appRoot = await buildApp(root, { ...build, log });
        cleanup.add('removing the app copy', () => fs.rmSync(appRoot, { recursive: true, force: true }));
        return appRoot;
      },
      makeWorkDir: (prefix, what) => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
        cleanup.add(`removing the ${what}`, () => fs.rmSync(dir, { recursive: true, force: true }));
        return dir;
      },
    });
  } finally {
    await cleanup.run();
  }
}
