import type { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { createAppServices } from '../app-services';
import { CRASH_EXIT_CODE, installCrashNet } from '../services/crash-log';
import { resolveDataDir } from '../services/data-dir';
import type { CliIo } from './cli-kit';
import { runCli } from './commands';
import { capYoungGeneration } from './young-generation';

/**
 * The `pail` command as one process runs it, wherever it runs: under Node
 * (`npm run cli`, out/main/cli.js) or inside the app binary (`Pail --cli`).
 * Resolves to the exit code; the caller ends the process its own way.
 */
export async function runCliProcess(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  tuneHeapForCli();
  // The SDK warns about Node 20 on stderr; it is noise for users, who cannot act on it here.
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dataDir = resolveDataDir(env);
  // A command whose process met an error nobody handled cannot vouch for its result: one line, non-zero.
  installCrashNet({
    dataDir,
    onCrash: ({ message, logPath }) => {
      io.stderr.write(`pail: Internal: ${message} (details in ${logPath})\n`);
      process.exit(CRASH_EXIT_CODE);
    },
  });
  try {
    return await runCli(args, (overrides) => createAppServices(dataDir, env, { clientOverrides: overrides }), io);
  } catch (error) {
    io.stderr.write(`pail: ${(error as Error).message}\n`);
    return 1;
  }
}

/**
 * Lets the heap grow 20% past what the last full collection left before the
 * next one, instead of V8's default of up to 4× for a small heap. A transfer
 * command's live heap stays near 40 MB, but its garbage (a request's objects
 * promoted while in flight, thousands of them) piled up in between: \`pail
 * sync\` of 10,000 small files and 20 of 20 MiB peaked at 220–260 MB, and at
 * 183–192 MB with this, in the same time (5 runs each, HTTP and HTTPS). The
 * flag is read each time V8 sets the next collection's limit, so setting it
 * once the process runs takes effect; it is process-wide (the transfer
 * threads follow it too), and only the CLI sets it. The young generation is
 * kept small too (see capYoungGeneration).
 */
function tuneHeapForCli(): void {
  setFlagsFromString('--heap-growing-percent=20');
  capYoungGeneration();
}

/**
 * Calls `exit(code)` once everything written to the streams has been handed
 * to the OS: an exit right after the last write can cut off output still
 * queued for a pipe (`pail ls | head`), and Electron's `app.exit` ends the
 * process at once.
 */
export async function exitAfterFlush(code: number, streams: readonly Writable[], exit: (code: number) => void): Promise<void> {
  await Promise.all(
    streams.map(
      (stream) =>
        new Promise<void>((done) => {
          if (stream.destroyed || stream.writableEnded) return done();
          // A closed pipe (EPIPE) must not keep the process alive: end anyway.
          stream.once('error', () => done());
          stream.write('', () => done());
        }),
    ),
  );
  exit(code);
}
