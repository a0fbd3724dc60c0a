import { createAppServices } from '../app-services';
import { resolveDataDir } from '../services/data-dir';
import { runCli } from './commands';

// The SDK warns about Node 20 on stderr; it is noise for users, who cannot act on it here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** The `pail` command: the same services and data folder as the app. */
runCli(process.argv.slice(2), (overrides) => createAppServices(resolveDataDir(), process.env, { clientOverrides: overrides }), {
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
