import { createAppServices } from '../app-services';
import { CRASH_EXIT_CODE, installCrashNet } from '../services/crash-log';
import { resolveDataDir } from '../services/data-dir';
import { runCli } from './commands';

// The SDK warns about Node 20 on stderr; it is noise for users, who cannot act on it here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const dataDir = resolveDataDir();
// A command whose process met an error nobody handled cannot vouch for its result: one line, non-zero.
installCrashNet({
  dataDir,
  onCrash: ({ message, logPath }) => {
    process.stderr.write(`pail: Internal: ${message} (details in ${logPath})\n`);
    process.exit(CRASH_EXIT_CODE);
  },
});

/** The `pail` command: the same services and data folder as the app. */
runCli(process.argv.slice(2), (overrides) => createAppServices(dataDir, process.env, { clientOverrides: overrides }), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`pail: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
