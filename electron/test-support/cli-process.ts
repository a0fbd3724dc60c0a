import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestBucket, gateway } from './gateway';

/**
 * The real `pail` command in a subprocess (`node bin/pail.cjs`), with its own
 * data folder and secrets in a file: what a user runs, exit codes, signals and
 * printed lines included. The built CLI (out/main/cli.js) is rebuilt first
 * when any source it is built from is newer, so a test never runs stale code.
 */

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'pail.cjs');
const BUILT = join(ROOT, 'out', 'main', 'cli.js');
const LOCK = join(ROOT, 'out', '.cli-build-lock');

/** The newest modification time among the files the main-process bundle is built from (tests excluded). */
function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'test-support' && entry.name !== 'node_modules') walk(path);
      } else if (/\.(ts|js|cjs|mjs|json|wasm)$/.test(entry.name) && !/\.(test|fixture)\.ts$/.test(entry.name)) {
        newest = Math.max(newest, statSync(path).mtimeMs);
      }
    }
  };
  walk(join(ROOT, 'electron'));
  walk(join(ROOT, 'shared'));
  for (const file of ['package.json', 'electron.vite.config.ts']) newest = Math.max(newest, statSync(join(ROOT, file)).mtimeMs);
  return newest;
}

const builtAt = () => {
  try {
    return statSync(BUILT).mtimeMs;
  } catch {
    return 0;
  }
};

/**
 * Builds the app when out/main/cli.js is missing or older than its sources.
 * Test files run in parallel processes: one builds (holding a lock folder),
 * the others wait for it and then find the build fresh.
 */
export async function ensureCliBuilt(): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (builtAt() < newestSource()) {
    mkdirSync(join(ROOT, 'out'), { recursive: true });
    let locked = false;
    try {
      mkdirSync(LOCK);
      locked = true;
    } catch {
      // Another process builds; a lock older than two minutes is one that died.
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) rmdirSync(LOCK);
    }
    if (locked) {
      try {
        if (builtAt() < newestSource()) {
          const run = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8' });
          if (run.status !== 0) throw new Error(`electron-vite build failed (${run.status ?? run.signal}):\n${run.stdout}${run.stderr}`);
        }
      } finally {
        rmdirSync(LOCK);
      }
      return;
    }
    if (Date.now() > deadline) throw new Error('Waited three minutes for another test process to build the CLI.');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A running `pail` process: what it printed so far, and how it ended. */
export interface PailProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited and its output is read: the exit code (null when killed) and signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts `pail ARGS…` with PAIL_HOME set to `home` (secrets in a file there); `stdin` is written, then closed. */
export function spawnPail(home: string, args: string[], { stdin = '', env = {} }: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): PailProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, PAIL_HOME: home, PAIL_SECRET_STORE: 'file', ...env },
    stdio: 'pipe',
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  child.stdin.end(stdin);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolveExit, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolveExit({ code, signal, stdout: out, stderr: err }));
  });
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Runs `pail ARGS…` to its end: exit code, stdout, stderr. */
export function runPail(home: string, args: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) {
  return spawnPail(home, args, options).exited;
}

/** A fresh PAIL_HOME with a profile `name` for a gateway user at `endpoint` (the gateway itself by default), added through `pail profile add`. */
export async function cliHome(options: { name?: string; endpoint?: string; user?: number } = {}): Promise<{ home: string; dispose: () => Promise<void> }> {
  await ensureCliBuilt();
  const home = await mkdtemp(join(tmpdir(), 'pail-cli-home-'));
  const info = gateway();
  const user = info.users[options.user ?? 0];
  const added = await runPail(
    home,
    [
      'profile',
      'add',
      '--name',
      options.name ?? 'gw',
      '--provider',
      'ceph',
      '--endpoint',
      options.endpoint ?? info.endpoint,
      '--region',
      info.region,
      '--access-key-id',
      user.accessKeyId,
      '--secret-access-key-stdin',
      '--path-style',
      ...(info.caPem ? ['--ca-bundle', info.caBundle] : []),
    ],
    { stdin: `${user.secretAccessKey}\n` },
  );
  if (added.code !== 0) throw new Error(`pail profile add failed (${added.code}): ${added.stderr}`);
  return { home, dispose: () => rm(home, { recursive: true, force: true }) };
}

/** Resolves once `check` holds (polled every 20 ms); fails after `ms` saying what it waited for. */
export async function waitUntil(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out after ${ms} ms waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** What a CLI test against one fresh bucket needs: a `pail` home with the gateway profile "gw", the bucket and a scratch folder. */
export interface CliFixture {
  home: string;
  bucket: string;
  dir: string;
  /** Runs `pail ARGS…` in this home: exit code, stdout, stderr. */
  pail: (args: string[]) => ReturnType<typeof runPail>;
}

/** vitest's `beforeAll` and `afterAll`, as a fixture registers its set-up and clean-up with them. */
export interface SuiteHooks {
  beforeAll: (fn: () => Promise<void>) => void;
  afterAll: (fn: () => Promise<void>) => void;
}

/**
 * A `CliFixture` made before the file's tests and removed after them (bucket, home
 * and scratch folder), through the hooks given (vitest's `beforeAll` / `afterAll`).
 */
export function cliFixture(label: string, hooks: SuiteHooks): CliFixture {
  const fixture = { home: '', bucket: '', dir: '', pail: (args: string[]) => runPail(fixture.home, args) };
  let disposeHome: (() => Promise<void>) | undefined;
  let cleanupBucket: (() => Promise<void>) | undefined;
  hooks.beforeAll(async () => {
    const home = await cliHome();
    [fixture.home, disposeHome] = [home.home, home.dispose];
    const bucket = await createTestBucket(label);
    [fixture.bucket, cleanupBucket] = [bucket.name, bucket.cleanup];
    fixture.dir = await mkdtemp(join(tmpdir(), `pail-${label}-`));
  });
  hooks.afterAll(async () => {
    await cleanupBucket?.();
    await disposeHome?.();
    if (fixture.dir) await rm(fixture.dir, { recursive: true, force: true });
  });
  return fixture;
}
