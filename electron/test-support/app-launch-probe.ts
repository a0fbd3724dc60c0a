import { exitAfterFlush, runCliProcess } from '../cli/cli-process';
import { cliRun } from '../cli/cli-switch';

/**
 * A stand-in for the packaged app binary in tests of the launch scripts: it
 * takes its argv as the packaged app would (`[exe, …]`) and does what
 * electron/shell/main.ts does before Electron matters — a CLI run goes to the
 * same CLI with the same exit, anything else would open a window (exit 99).
 */
const cli = cliRun({ argv: [process.env.PROBE_EXE ?? 'Pail', ...process.argv.slice(2)], defaultApp: false });
if (!cli) {
  process.stderr.write(`would open the app: ${JSON.stringify(process.argv.slice(2))}\n`);
  process.exit(99);
}
void runCliProcess(cli.args, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }).then((code) =>
  exitAfterFlush(code, [process.stdout, process.stderr], (c) => process.exit(c)),
);
