import { capYoungGeneration } from './young-generation';

// Before the CLI's modules load (hence the import below is dynamic): their loading alone would grow the young
// generation to twice the cap.
capYoungGeneration();

/** The `pail` command under Node (`npm run cli`, bin/pail.cjs): the same services and data folder as the app. */
void import('./cli-process')
  .then(({ runCliProcess }) => runCliProcess(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }))
  .then((code) => {
    process.exitCode = code;
  });
