import { runCliProcess } from './cli-process';

/** The `pail` command under Node (`npm run cli`, bin/pail.cjs): the same services and data folder as the app. */
void runCliProcess(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }).then((code) => {
  process.exitCode = code;
});
