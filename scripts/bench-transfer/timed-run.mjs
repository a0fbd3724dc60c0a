// Runs one client command under GNU time: wall time (measured here, around the spawn), peak
// memory and the CPU it spent (from time's report of the process it waited for).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const TIME = '/usr/bin/time';

/** True when a command is on PATH (or is a path that exists and may be run). */
export function installed(command) {
  const dirs = command.includes('/') ? [''] : (process.env.PATH ?? '').split(path.delimiter);
  return dirs.some((dir) => {
    try {
      fs.accessSync(path.join(dir, command), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** True when GNU time is there to report peak memory. */
export const canMeasureMemory = () => installed(TIME);

/**
 * Runs `command args` with `env` and resolves with `{ ms, peakBytes, cpuSeconds, code, stdout,
 * stderr, stdoutLines }`: stdout and stderr keep their last 20,000 characters, `stdoutLines`
 * counts every line (a listing's check); `peakBytes` is the maximum resident set of the process
 * (GNU time's %M, which for a process that starts others is the largest of them). Never rejects
 * for a failing command: the caller marks its row FAIL with `code` and `stderr`; a run past
 * `timeoutMs` is killed.
 */
export function timedRun(command, args, { env = process.env, cwd, timeoutMs = 15 * 60_000 } = {}) {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pail-bench-time-')), 'time.txt');
  const wrapped = canMeasureMemory() ? [TIME, ['-f', '%e %M %U %S', '-o', report, command, ...args]] : [command, args];
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(wrapped[0], wrapped[1], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stdoutLines = 0;
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (c) => {
      for (let i = c.indexOf(10); i !== -1; i = c.indexOf(10, i + 1)) stdoutLines += 1;
      stdout = (stdout + c).slice(-20_000);
    });
    child.stderr.on('data', (c) => (stderr = (stderr + c).slice(-20_000)));
    const done = (code, error) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      let peakBytes;
      let cpuSeconds;
      try {
        // GNU time writes "Command exited with non-zero status N" first when the command failed.
        const last = fs.readFileSync(report, 'utf8').trim().split('\n').pop();
        const [, maxRssKb, user, system] = last.split(/\s+/).map(Number);
        if (Number.isFinite(maxRssKb)) peakBytes = maxRssKb * 1024;
        if (Number.isFinite(user) && Number.isFinite(system)) cpuSeconds = user + system;
      } catch {
        // No report: the command could not start, or time is not installed.
      }
      fs.rmSync(path.dirname(report), { recursive: true, force: true });
      if (timedOut) stderr += `\n(killed after ${Math.round(timeoutMs / 1000)} s)`;
      if (error) stderr += `\n${error.message}`;
      resolve({ ms, peakBytes, cpuSeconds, code: timedOut ? 'timeout' : code, stdout, stderr, stdoutLines });
    };
    child.on('error', (error) => done('error', error));
    child.on('close', (code, signal) => done(code ?? signal));
  });
}

/** A failed run's error text, short enough for one report line. */
export function failureText(run) {
  const lines = `${run.stderr}\n${run.stdout}`
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return `exit ${run.code}: ${lines.slice(-3).join(' | ').slice(0, 300)}`;
}
