#!/usr/bin/env node
// `npm start`: builds Pail and runs the desktop app. Electron fetches its
// binary once, online; where it cannot (offline), this says so in one line and
// starts the web mode instead, opening its URL in the default browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);

const build = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const electronInstalled = existsSync(join(root, 'node_modules', 'electron', 'path.txt'));
if (!electronInstalled) process.stdout.write('Fetching the Electron binary (once)…\n');
const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
  cwd: root,
  encoding: 'utf8',
  timeout: 10 * 60_000,
});
const electronPath = probe.status === 0 ? probe.stdout.trim() : '';

if (electronPath && existsSync(electronPath)) {
  const child = spawn(electronPath, [root, ...args], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stdout.write('The Electron binary is not available here (it downloads once, online), so Pail starts in web mode instead.\n');
  const child = spawn(process.execPath, [join(root, 'out', 'main', 'web.js'), '--open', ...args], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}
