#!/usr/bin/env node
// `npm test`: every check and every test, against one real Ceph gateway that
// this script starts and stops. Steps: type-check, lint, build, the package
// check (what app.asar would ship), unit and integration tests (Vitest), UI
// tests (Playwright in Chromium via the web transport). Ends with one line
// "tests: N passed, N failed, N skipped"; with CI set, any skipped test fails the run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startGateway, stopGateway } from './gateway.mjs';
import { playwrightCounts, verdict, vitestCounts } from './test-all/counts.mjs';

const root = join(import.meta.dirname, '..');
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });

function step(title, command, args, env = {}) {
  process.stdout.write(`\n=== ${title}: ${command} ${args.join(' ')}\n`);
  const started = Date.now();
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  process.stdout.write(
    `=== ${title}: ${run.status === 0 ? 'ok' : `FAILED (exit ${run.status ?? run.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return run.status === 0;
}

/**
 * A check run beside others: its output is held and printed whole when it ends, so the checks that run at
 * once (each on one core) do not interleave their lines.
 */
function quietStep(title, command, args) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const finish = (status, detail) => {
      process.stdout.write(`\n=== ${title}: ${command} ${args.join(' ')}\n${output}`);
      process.stdout.write(`=== ${title}: ${status === 0 ? 'ok' : `FAILED (${detail})`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      resolve(status === 0);
    };
    child.once('error', (error) => finish(1, error.message));
    child.once('close', (code, signal) => finish(code, `exit ${code ?? signal}`));
  });
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

// The gateway starts (mostly waiting on Ceph) while the static checks run, two at a time (each uses one core).
process.stdout.write('\n=== starting the Ceph RADOS Gateway, beside the checks\n');
const gatewayStarting = startGateway({ state: false });
gatewayStarting.catch(() => undefined);
let ok = (await Promise.all([quietStep('type-check', 'npx', ['tsc', '-b']), quietStep('lint', 'npx', ['eslint', '.'])])).every(Boolean);
ok = step('formatting (Prettier)', 'npx', ['prettier', '--check', '.']) && ok;
ok = step('build', 'npx', ['electron-vite', 'build']) && ok;
ok = step('what the package ships (electron-builder --dir, app.asar checked)', 'node', ['scripts/pack-check.mjs', '--skip-build']) && ok;
ok = step('package check rules', 'node', ['--test', 'scripts/pack/']) && ok;
ok = step("the test runner's own counting", 'node', ['--test', 'scripts/test-all/']) && ok;

let gateway;
const counts = [];
try {
  gateway = await gatewayStarting;
  process.stdout.write('\n=== the Ceph RADOS Gateway is ready\n');
  const gatewayFile = join(gateway.dir, 'gateway.json');
  if (!existsSync(gatewayFile)) writeFileSync(gatewayFile, JSON.stringify(gateway));
  const env = { PAIL_TEST_GATEWAY: gatewayFile, PAIL_E2E_SKIP_BUILD: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

  const unitJson = join(results, 'unit-results.json');
  const e2eJson = join(results, 'e2e-results.json');
  // A report left by an earlier run must not stand in for one this run failed to write.
  rmSync(unitJson, { force: true });
  rmSync(e2eJson, { force: true });
  ok = step('unit and integration tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`], env) && ok;
  counts.push(vitestCounts(readJson(unitJson)));

  ok = step('UI tests (Playwright, Chromium, web transport)', 'npx', ['playwright', 'test'], env) && ok;
  counts.push(playwrightCounts(readJson(e2eJson)));
} catch (error) {
  process.stderr.write(`npm test: ${error.message}\n`);
  ok = false;
} finally {
  if (gateway) await stopGateway(gateway).catch((e) => process.stderr.write(`could not stop the gateway: ${e.message}\n`));
}

// CI sets CI (to "true" or "1"); "0" or "false" means a run by hand.
const ci = !!process.env.CI && !/^(0|false)$/i.test(process.env.CI);
const result = verdict(counts, { stepsOk: ok, ci });
process.stdout.write(`\n${result.lines.join('\n')}\n`);
process.exit(result.ok ? 0 : 1);
