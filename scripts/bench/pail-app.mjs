// Pail's side of the listing benchmark, part 1: a private copy of the build, the web mode
// running from it, and a profile created through the web API.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Copies out/{main,preload,renderer} to a new folder; throws if the page's assets are not all there. */
function copyBuild(root) {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'pail-bench-app-'));
  try {
    for (const part of ['main', 'preload', 'renderer']) {
      fs.cpSync(path.join(root, 'out', part), path.join(copy, 'out', part), { recursive: true });
    }
    const html = fs.readFileSync(path.join(copy, 'out/renderer/index.html'), 'utf8');
    for (const [, asset] of html.matchAll(/(?:src|href)="\/?(assets\/[^"]+)"/g)) {
      if (!fs.existsSync(path.join(copy, 'out/renderer', asset))) throw new Error(`out/renderer/${asset} is missing`);
    }
    if (!fs.existsSync(path.join(copy, 'out/main/web.js'))) throw new Error('out/main/web.js is missing');
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
    return copy;
  } catch (error) {
    fs.rmSync(copy, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Builds the app (`electron-vite build`, with source maps for a CPU profile) and copies the
 * output to a folder of its own, so an engineer rebuilding `out/` while the benchmark runs cannot
 * swap the files it serves. A build elsewhere caught half-written is waited out (a few tries).
 * Returns the copy's root (holding `out/` and a `node_modules` link to the repo's).
 */
export async function buildApp(root, { skipBuild = false, sourcemap = false, log = () => {} } = {}) {
  if (!skipBuild) {
    const started = performance.now();
    const args = ['electron-vite', 'build', '--logLevel', 'warn', ...(sourcemap ? ['--sourcemap'] : [])];
    const run = spawnSync('npx', args, {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      timeout: 180_000,
    });
    if (run.status !== 0) {
      const output = `${run.stdout}${run.stderr}`
        .split('\n')
        .filter((l) => !/^\s+at /.test(l))
        .slice(0, 40)
        .join('\n');
      throw new Error(`electron-vite build in ${root} failed (${run.status ?? run.signal}):\n${output}`);
    }
    log(`built the app in ${Math.round(performance.now() - started)} ms`);
  }
  for (let attempt = 1; ; attempt += 1) {
    try {
      return copyBuild(root);
    } catch (error) {
      if (attempt >= 5) throw new Error(`could not copy a whole build from out/: ${error.message}`);
      log(`out/ looks half-written (${error.message}; another build running?): trying again in 3 s`);
      await new Promise((r) => setTimeout(r, 3_000));
    }
  }
}

/**
 * Starts `node out/main/web.js --port 0` from the copy with a fresh data folder and the file
 * secret store; resolves with the URL it prints and a `stop()`.
 */
export function startWebMode(appRoot) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pail-bench-home-'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(appRoot, 'out/main/web.js'), '--port', '0'], {
      env: { ...process.env, PAIL_HOME: dataDir, PAIL_SECRET_STORE: 'file', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`web mode printed no URL in 20 s:\n${output}`));
    }, 20_000);
    let found = false;
    const onData = (chunk) => {
      // Kept (the tail only) for the error message should the server fail later.
      output = (output + chunk.toString()).slice(-20_000);
      const match = found ? null : /(http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))/.exec(output);
      if (match) {
        found = true;
        clearTimeout(timer);
        resolve({ url: match[1], origin: `http://127.0.0.1:${match[2]}`, token: match[3], pid: child.pid, stop, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => (output = (output + c.toString()).slice(-20_000)));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`web mode exited with ${code ?? signal}:\n${output}`));
    });
  });
}

/** Calls one channel of the web API; returns `data` or throws with the error's code and message. */
export async function callApi(web, channel, body) {
  const res = await fetch(`${web.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Pail-Token': web.token },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let result;
  try {
    result = JSON.parse(text);
  } catch {
    throw new Error(`${channel}: HTTP ${res.status}: ${text.slice(0, 300)}`);
  }
  if (!result.ok) throw new Error(`${channel}: ${result.error?.code}: ${result.error?.message}`);
  return result.data;
}

/** Creates the benchmark's profile for the gateway's first user; returns its id. */
export async function createProfile(web, gateway, name) {
  const user = gateway.users[0];
  const profile = await callApi(web, 'profiles:create', {
    name,
    endpoint: gateway.endpoint,
    region: gateway.region,
    accessKeyId: user.accessKeyId,
    secretAccessKey: user.secretAccessKey,
    addressingStyle: 'path',
    // Over HTTPS the profile trusts the gateway's test CA, as a user's profile for a private CA would.
    ...(gateway.endpoint.startsWith('https:') && { caBundle: fs.readFileSync(gateway.caBundle, 'utf8') }),
  });
  return profile.id;
}
