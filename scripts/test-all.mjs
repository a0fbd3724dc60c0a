#!/usr/bin/env node
// `npm test`: every check and every test, against one real Ceph gateway that
// this script starts and stops. Steps: type-check, lint, build, the package
// check (what app.asar would ship), unit and integration tests (Vitest), UI
// tests (Playwright in Chromium via the web transport). Ends with one line "tests: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startGateway, stopGateway } from './gateway.mjs';

const root = join(import.meta.dirname, '..');
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });

function step(title, command, args, env = {}) {
  process.stdout.write(`\n=== ${title}: ${command} ${args.join(' ')}\n`);
  const started = Date.now();
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  process.stdout.write(`=== ${title}: ${run.status === 0 ? 'ok' : `FAILED (exit ${run.status ?? run.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return run.status === 0;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

let ok = true;
ok = step('type-check', 'npx', ['tsc', '-b']) && ok;
ok = step('lint', 'npx', ['eslint', '.']) && ok;
ok = step('build', 'npx', ['electron-vite', 'build']) && ok;
ok = step('what the package ships (electron-builder --dir, app.asar checked)', 'node', ['scripts/pack-check.mjs', '--skip-build']) && ok;
ok = step('package check rules', 'node', ['--test', 'scripts/pack/']) && ok;

let gateway;
let passed = 0;
let failed = 0;
try {
  process.stdout.write('\n=== starting the Ceph RADOS Gateway\n');
  gateway = await startGateway({ state: false });
  const gatewayFile = join(gateway.dir, 'gateway.json');
  if (!existsSync(gatewayFile)) writeFileSync(gatewayFile, JSON.stringify(gateway));
  const env = { PAIL_TEST_GATEWAY: gatewayFile, PAIL_E2E_SKIP_BUILD: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

  const unitJson = join(results, 'unit-results.json');
  ok = step('unit and integration tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`], env) && ok;
  const unit = readJson(unitJson);
  if (unit) {
    passed += unit.numPassedTests ?? 0;
    failed += (unit.numFailedTests ?? 0) + (unit.numFailedTestSuites ?? 0);
  } else failed += 1;

  ok = step('UI tests (Playwright, Chromium, web transport)', 'npx', ['playwright', 'test'], env) && ok;
  const e2e = readJson(join(results, 'e2e-results.json'));
  if (e2e?.stats) {
    passed += e2e.stats.expected ?? 0;
    failed += (e2e.stats.unexpected ?? 0) + (e2e.stats.flaky ?? 0);
  } else failed += 1;
} catch (error) {
  process.stderr.write(`npm test: ${error.message}\n`);
  ok = false;
  failed += 1;
} finally {
  if (gateway) await stopGateway(gateway).catch((e) => process.stderr.write(`could not stop the gateway: ${e.message}\n`));
}

if (!ok && failed === 0) failed = 1;
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed\n`);
process.exit(ok ? 0 : 1);
