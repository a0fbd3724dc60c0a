#!/usr/bin/env node
// A real S3 server for tests: a one-node Ceph cluster (one monitor, one OSD on the in-memory
// `memstore` object store) plus a RADOS Gateway, everything inside one folder.
//
//   node scripts/gateway.mjs start [--dir <folder>] [--no-state]
//   node scripts/gateway.mjs stop  [--dir <folder>]
//
// `start` prints the gateway info as one JSON line (the last line on stdout) and writes it to
// <dir>/gateway.json and (unless --no-state) to `${os.tmpdir()}/pail-gateway-current.json`.
// Progress goes to stderr, prefixed "[gateway]".
//
// From other Node scripts:
//   import { startGateway, stopGateway } from './gateway.mjs';
//   const info = await startGateway({ dir, state: false });
//   ...
//   await stopGateway(info);
//
// Only Node built-ins are used. Every external command runs with a timeout.

import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { testCaArgs } from './test-ca.mjs';

export const STATE_FILE = path.join(os.tmpdir(), 'pail-gateway-current.json');

const CEPH_PACKAGES = ['ceph-mon', 'ceph-osd', 'radosgw', 'ceph-common'];
const GIB = 1024 * 1024 * 1024;
const DEFAULT_MEMSTORE_BYTES = 3 * GIB;

/** "1G", "1GiB", "512m", "1073741824" → bytes (binary units); `flag` names the option in the error. */
export function parseSize(text, flag) {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?$/i.exec(String(text).trim());
  if (!match) throw new Error(`${flag}: "${text}" is not a size (e.g. 1G, 256M, 1048576)`);
  const scale = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 }[match[2].toLowerCase()];
  return Math.round(Number(match[1]) * scale);
}
const DEFAULT_READY_TIMEOUT_MS = 90_000;
const CMD_TIMEOUT_MS = 60_000;
const APT_TIMEOUT_MS = 15 * 60_000;

// Daemons in the order they are stopped (gateway first, monitor last).
const DAEMONS = [
  { key: 'rgw', name: 'client.rgw', bin: 'radosgw' },
  { key: 'osd', name: 'osd.0', bin: 'ceph-osd' },
  { key: 'mon', name: 'mon.a', bin: 'ceph-mon' },
];

// Files and folders that start creates inside the folder (used to clean a caller-supplied folder).
const OWN_ENTRIES = ['ceph.conf', 'monmap', 'keyring', 'run', 'log', 'mon', 'osd', 'tls', 'gateway.json'];

function log(msg) {
  process.stderr.write(`[gateway] ${msg}\n`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs fn up to `attempts` times. Ceph clients and daemons that start while the machine is busy
 * sometimes send their first monitor command before they know the cluster's fsid and get
 * "wrong fsid" (EPERM) back; trying again works.
 */
async function retry(what, fn, attempts = 3) {
  for (let i = 1; ; i++) {
    try {
      return await fn(i);
    } catch (err) {
      if (i >= attempts || err.noRetry) throw err;
      log(`${what} failed (attempt ${i} of ${attempts}), retrying: ${String(err.message).split('\n')[0]}`);
      await sleep(500 * i);
    }
  }
}

function tail(text, lines = 40) {
  const all = String(text ?? '')
    .trimEnd()
    .split('\n');
  return all.slice(-lines).join('\n');
}

function tailFile(file, lines = 40) {
  try {
    return tail(fs.readFileSync(file, 'utf8'), lines);
  } catch {
    return `(no ${file})`;
  }
}

/**
 * Runs a command synchronously with a timeout. Throws with the output's tail on failure.
 * `logFile`: send stdout/stderr to that file instead of capturing them (for daemons that fork:
 * a captured pipe inherited by the daemon would keep spawnSync waiting).
 */
function run(cmd, args, { timeout = CMD_TIMEOUT_MS, logFile, daemonLog, allowFail = false, env } = {}) {
  let fd;
  let stdio = ['ignore', 'pipe', 'pipe'];
  if (logFile) {
    fd = fs.openSync(logFile, 'a');
    stdio = ['ignore', fd, fd];
  }
  let res;
  try {
    res = spawnSync(cmd, args, {
      stdio,
      timeout,
      killSignal: 'SIGKILL',
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: env ?? process.env,
    });
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  let output = logFile ? tailFile(logFile, 20) : `${res.stdout ?? ''}${res.stderr ?? ''}`;
  if (daemonLog) output = `${output}\n--- ${daemonLog} (tail) ---\n${tailFile(daemonLog, 15)}`;
  let problem;
  if (res.error) {
    problem = res.error.code === 'ETIMEDOUT' ? `timed out after ${timeout / 1000} s` : res.error.message;
  } else if (res.status !== 0) {
    problem = res.signal ? `killed by ${res.signal}` : `exit code ${res.status}`;
  }
  if (problem && !allowFail) {
    const shown = [cmd, ...args].map((a) => (/[\s'"]/.test(a) ? JSON.stringify(a) : a)).join(' ');
    throw new Error(`command failed (${problem}): ${shown}\n${tail(output, 40)}`);
  }
  return { ok: !problem, stdout: res.stdout ?? '', stderr: res.stderr ?? '', problem };
}

function onPath(bin) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    try {
      fs.accessSync(path.join(dir, bin), fs.constants.X_OK);
      return true;
    } catch {
      // keep looking
    }
  }
  return false;
}

function ensureCeph() {
  const missing = ['radosgw', 'ceph-mon', 'ceph-osd', 'ceph', 'monmaptool', 'ceph-authtool', 'radosgw-admin'].filter((b) => !onPath(b));
  if (missing.length === 0) return;
  log(`installing Ceph (${missing.join(', ')} not on PATH): apt-get install ${CEPH_PACKAGES.join(' ')}`);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = isRoot ? [] : ['sudo', '-n'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const exec = (args) =>
    run(sudo[0] ?? args[0], sudo.length ? [...sudo.slice(1), ...args] : args.slice(1), {
      timeout: APT_TIMEOUT_MS,
      env,
    });
  exec(['apt-get', 'update']);
  exec(['apt-get', 'install', '-y', '--no-install-recommends', ...CEPH_PACKAGES]);
  if (!onPath('radosgw')) throw new Error('radosgw is still not on PATH after installing the Ceph packages');
}

/** Finds `count` distinct free TCP ports on 127.0.0.1 (binding port 0, holding them all until done). */
async function freePorts(count) {
  const servers = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
      });
      servers.push(server);
    }
    return servers.map((s) => s.address().port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(() => resolve()))));
  }
}

function httpStatus(url, timeoutMs = 3000) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
      res.on('error', () => resolve(res.statusCode));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(undefined));
  });
}

/**
 * Makes a private test CA and a server certificate it signs for 127.0.0.1 and localhost, in
 * `<dir>/tls`; returns the CA's PEM path (what a client must trust to reach the HTTPS endpoint).
 */
function makeTestCertificates(dir) {
  const tls = path.join(dir, 'tls');
  fs.mkdirSync(tls, { recursive: true });
  const at = (name) => path.join(tls, name);
  run('openssl', testCaArgs('Pail test CA', at('ca.key'), at('ca.pem')));
  run('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-subj', '/CN=127.0.0.1', '-keyout', at('server.key'), '-out', at('server.csr')]);
  // Clients match the host against subjectAltName only (the CN is ignored).
  fs.writeFileSync(
    at('server.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n',
  );
  run('openssl', [
    'x509',
    '-req',
    '-sha256',
    '-days',
    '30',
    '-in',
    at('server.csr'),
    '-CA',
    at('ca.pem'),
    '-CAkey',
    at('ca.key'),
    '-CAcreateserial',
    '-extfile',
    at('server.ext'),
    '-out',
    at('server.pem'),
  ]);
  return at('ca.pem');
}

/** The HTTP status of a GET over HTTPS trusting only `ca`, or undefined when it does not connect. */
function httpsStatus(url, ca, timeoutMs = 3000) {
  return new Promise((resolve) => {
    const req = https.get(url, { timeout: timeoutMs, ca }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
      res.on('error', () => resolve(res.statusCode));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(undefined));
  });
}

const ALNUM_UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomString(length, alphabet) {
  let out = '';
  while (out.length < length) {
    for (const byte of crypto.randomBytes(length * 2)) {
      // Rejection sampling keeps the distribution uniform.
      if (byte < 256 - (256 % alphabet.length)) out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

/** The one SSE-KMS key id the test gateway knows (its key is random per gateway). */
export const KMS_KEY_ID = 'pail-test-key';

function confText({ dir, fsid, monPort, rgwPort, rgwTlsPort, memstoreBytes, tcpNoDelay }) {
  return `[global]
fsid = ${fsid}
mon initial members = a
mon host = v1:127.0.0.1:${monPort}
public addr = 127.0.0.1
auth cluster required = none
auth service required = none
auth client required = none
auth allow insecure global id reclaim = true
keyring = ${dir}/keyring
run dir = ${dir}/run
admin socket = ${dir}/run/$name.asok
pid file = ${dir}/run/$name.pid
log file = ${dir}/log/$name.log
log to stderr = false
err to stderr = false
mon data = ${dir}/mon/$cluster-$id
osd data = ${dir}/osd/$cluster-$id
osd objectstore = memstore
memstore device bytes = ${memstoreBytes}
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon allow pool size one = true
mon allow pool delete = true
mon max pg per osd = 1000
osd crush chooseleaf type = 0
mon warn on pool no redundancy = false
# Ceph builds every log line up to a subsystem's second level (default 1/5, kept in memory for a
# crash dump) even when the file gets none: on the request path that cost the gateway and OSD
# 20-35% of their CPU a small PUT here (measured A/B on one gateway, 5,000 PUTs a run). Level 0
# still writes errors, which the start-up checks below read.
debug rgw = 0/0
debug rgw sync = 0/0
debug osd = 0/0
debug objclass = 0/0
debug optracker = 0/0
debug objecter = 0/0
debug rados = 0/0
debug memstore = 0/0
debug bluestore = 0/0
debug filestore = 0/0
debug auth = 0/0
debug monc = 0/0
debug mon = 0/0
debug paxos = 0/0
debug finisher = 0/0
debug throttle = 0/0
debug heartbeatmap = 0/0
debug perfcounter = 0/0
debug asok = 0/0
debug crypto = 0/0
debug context = 0/0
debug civetweb = 0/0

[osd]
# Read the fsid from the monmap file: a client that only has "mon host" may send its first
# monitor command with a zero fsid and get "wrong fsid" back.
monmap = ${dir}/monmap
# The OSD is placed in the CRUSH map by this script; no monitor commands at OSD start-up.
osd crush update on start = false
osd class update on start = false

[client]
monmap = ${dir}/monmap

[client.rgw]
# Plain HTTP for most tests, HTTPS (a certificate from the folder's private test CA) for the TLS ones.
rgw frontends = beast ${tcpNoDelay ? 'tcp_nodelay=1 ' : ''}endpoint=127.0.0.1:${rgwPort} ssl_endpoint=127.0.0.1:${rgwTlsPort} ssl_certificate=${dir}/tls/server.pem ssl_private_key=${dir}/tls/server.key
rgw init timeout = 90
# Free the space of deleted objects within a minute (the default waits two
# hours), so the in-memory store does not fill up over a test run.
rgw gc obj min wait = 30
rgw gc processor period = 30
rgw gc processor max time = 30
# Ceph 16's concurrent handling of a batch delete (the pacific backport of ceph#48679) crashes
# radosgw with a segfault when several DeleteObjects run on one bucket at once (seen under
# the request fuzz test); one object at a time within a batch avoids that path.
rgw multi obj del max aio = 1
# SSE-KMS with a key of the gateway's own (Ceph's "testing" KMS backend reads keys from this file),
# so uploads with aws:kms are tested against a real server. Encryption headers need HTTPS here
# (rgw crypt require ssl, on by default), as on real providers.
rgw crypt s3 kms backend = testing
rgw crypt s3 kms encryption keys = ${KMS_KEY_ID}=${crypto.randomBytes(32).toString('base64')}
`;
}

function readPid(dir, name) {
  try {
    const pid = Number.parseInt(fs.readFileSync(path.join(dir, 'run', `${name}.pid`), 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function cmdlineOf(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

/** True when the process exists and is not a zombie (zombies cannot be killed, only reaped). */
function isAlive(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    // No /proc (not Linux) or process gone: fall back to signal 0.
    try {
      process.kill(pid, 0);
      return fs.existsSync('/proc') ? false : true;
    } catch {
      return false;
    }
  }
}

/** A process is "ours" when it runs one of the Ceph daemons with this folder's ceph.conf. */
function isOurDaemon(pid, confPath) {
  const argv = cmdlineOf(pid);
  if (!argv) return false;
  return argv.includes(confPath) || argv.some((a) => a === `--conf=${confPath}` || a === `-c${confPath}`);
}

/** Pids of this folder's daemons: from the pid files, plus any process running with our ceph.conf. */
function findDaemonPids(dir) {
  const confPath = path.join(dir, 'ceph.conf');
  const found = new Map(); // pid -> key
  for (const d of DAEMONS) {
    const pid = readPid(dir, d.name);
    if (pid && isAlive(pid) && isOurDaemon(pid, confPath)) found.set(pid, d.key);
  }
  // Daemons that died before writing a pid file, or whose pid file is gone.
  let entries = [];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    // not Linux
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid || found.has(pid)) continue;
    const argv = cmdlineOf(pid);
    if (!argv || !argv.includes(confPath)) continue;
    const bin = path.basename(argv[0] ?? '');
    const d = DAEMONS.find((x) => x.bin === bin);
    if (d && isAlive(pid)) found.set(pid, d.key);
  }
  return found;
}

async function waitForExit(pids, ms) {
  const deadline = Date.now() + ms;
  let alive = pids.filter(isAlive);
  while (alive.length > 0 && Date.now() < deadline) {
    await sleep(100);
    alive = alive.filter(isAlive);
  }
  return alive;
}

async function killDaemons(dir) {
  const found = findDaemonPids(dir);
  for (const d of DAEMONS) {
    const pids = [...found].filter(([, key]) => key === d.key).map(([pid]) => pid);
    if (pids.length === 0) continue;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    let alive = await waitForExit(pids, 10_000);
    if (alive.length > 0) {
      log(`${d.bin} (pid ${alive.join(', ')}) did not exit within 10 s of SIGTERM: sending SIGKILL`);
      for (const pid of alive) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      alive = await waitForExit(alive, 5_000);
      if (alive.length > 0) throw new Error(`${d.bin} (pid ${alive.join(', ')}) survived SIGKILL`);
    }
    log(`stopped ${d.bin} (pid ${pids.join(', ')})`);
  }
}

function looksLikeOurs(dir) {
  try {
    const entries = fs.readdirSync(dir);
    return entries.length === 0 || entries.includes('ceph.conf') || entries.includes('gateway.json');
  } catch {
    return false;
  }
}

function writeJsonAtomic(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

function readState() {
  try {
    return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Starts a one-node Ceph cluster with a RADOS Gateway.
 * @param {object} [opts]
 * @param {string} [opts.dir] folder to use (created if missing; must not hold a running gateway).
 *   Default: a fresh `${os.tmpdir()}/pail-gateway-XXXXXX`.
 * @param {boolean} [opts.state=true] also write `${os.tmpdir()}/pail-gateway-current.json`.
 * @param {number} [opts.memstoreBytes=3 GiB] size of the in-memory object store.
 * @param {boolean} [opts.tcpNoDelay=false] radosgw sends each answer without waiting for the client's ACK
 *   (beast's tcp_nodelay). Without it, on some connections an answer's last segment waits for the client's
 *   delayed ACK (Nagle): listing pages took 26 ms or 67 ms by the connection, halves of the same run apart.
 *   The listing benchmark uses it; the tests keep the default.
 * @param {number} [opts.readyTimeoutMs=90000] how long to wait for the gateway to answer HTTP 200.
 * @param {boolean} [opts.keepOnFailure] keep the folder (logs) when start-up fails
 *   (also: env PAIL_GATEWAY_KEEP=1).
 * @returns {Promise<{endpoint: string, httpsEndpoint: string, caBundle: string, region: string, kmsKeyId: string, dir: string,
 *   users: {uid: string, accessKeyId: string, secretAccessKey: string}[],
 *   pids: {mon: number, osd: number, rgw: number}}>}
 */
export async function startGateway(opts = {}) {
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const writeState = opts.state !== false;
  const memstoreBytes = opts.memstoreBytes ?? DEFAULT_MEMSTORE_BYTES;
  const readyTimeoutMs = opts.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  const keepOnFailure = opts.keepOnFailure ?? process.env.PAIL_GATEWAY_KEEP === '1';

  ensureCeph();

  let dir;
  let createdDir = false;
  if (opts.dir) {
    dir = path.resolve(opts.dir);
    if (fs.existsSync(path.join(dir, 'ceph.conf'))) {
      if (findDaemonPids(dir).size > 0) {
        throw new Error(`${dir} holds a running gateway: stop it first (node scripts/gateway.mjs stop --dir ${dir})`);
      }
      log(`${dir} holds a stopped gateway's files: removing them`);
      for (const e of OWN_ENTRIES) fs.rmSync(path.join(dir, e), { recursive: true, force: true });
    }
    if (!fs.existsSync(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      createdDir = true;
    }
  } else {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pail-gateway-'));
    createdDir = true;
  }
  // Ceph's config parser treats spaces, '$', ';' and '#' specially.
  if (/[\s$;#=]/.test(dir)) throw new Error(`the folder path must not contain spaces or $;#=: ${dir}`);

  const conf = path.join(dir, 'ceph.conf');
  const logDir = path.join(dir, 'log');
  const c = ['-c', conf];

  try {
    for (const sub of ['run', 'log', 'mon', 'osd/ceph-0']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
    const [monPort, rgwPort, rgwTlsPort] = await freePorts(3);
    const fsid = crypto.randomUUID();
    const caBundle = makeTestCertificates(dir);
    fs.writeFileSync(conf, confText({ dir, fsid, monPort, rgwPort, rgwTlsPort, memstoreBytes, tcpNoDelay: opts.tcpNoDelay === true }));
    log(`folder ${dir}, monitor on 127.0.0.1:${monPort}, gateway on 127.0.0.1:${rgwPort} (HTTPS ${rgwTlsPort})`);

    // Monitor.
    const monmap = path.join(dir, 'monmap');
    const keyring = path.join(dir, 'keyring');
    run('monmaptool', ['--create', '--addv', 'a', `[v1:127.0.0.1:${monPort}]`, '--fsid', fsid, monmap]);
    run('ceph-authtool', ['--create-keyring', keyring, '--gen-key', '-n', 'mon.', '--cap', 'mon', 'allow *']);
    run('ceph-mon', [...c, '-i', 'a', '--mkfs', '--monmap', monmap, '--keyring', keyring]);
    run('ceph-mon', [...c, '-i', 'a'], {
      logFile: path.join(logDir, 'mon.a.out'),
      daemonLog: path.join(logDir, 'mon.a.log'),
    });
    log(`monitor started (${elapsed()})`);

    // OSD. `osd create <uuid>` is idempotent, so retrying it cannot make a second OSD.
    const ceph = (...args) => run('ceph', [...c, '--connect-timeout', '30', ...args]).stdout.trim();
    const osdUuid = crypto.randomUUID();
    const osdId = await retry('ceph osd create', () => ceph('osd', 'create', osdUuid));
    if (osdId !== '0') throw new Error(`expected OSD id 0, got ${JSON.stringify(osdId)}`);
    run('ceph-osd', [...c, '-i', '0', '--mkfs', '--osd-uuid', osdUuid]);
    await retry('ceph osd crush add', () => ceph('osd', 'crush', 'add', 'osd.0', '1', 'root=default', 'host=localhost'));
    await retry('starting ceph-osd', () =>
      run('ceph-osd', [...c, '-i', '0'], {
        logFile: path.join(logDir, 'osd.0.out'),
        daemonLog: path.join(logDir, 'osd.0.log'),
      }),
    );
    log(`OSD started (${elapsed()})`);

    // Gateway.
    const endpoint = `http://127.0.0.1:${rgwPort}`;
    const rgwLog = path.join(logDir, 'client.rgw.log');
    const deadline = Date.now() + readyTimeoutMs;
    const startRgw = () =>
      retry(
        'starting radosgw',
        async () => {
          run('radosgw', [...c, '-n', 'client.rgw'], { logFile: path.join(logDir, 'client.rgw.out'), daemonLog: rgwLog });
          log(`radosgw started, waiting for ${endpoint}/ to answer 200 (${elapsed()})`);
          let status;
          for (;;) {
            status = await httpStatus(`${endpoint}/`);
            if (status === 200) return;
            const rgwPid = readPid(dir, 'client.rgw');
            if (rgwPid && !isAlive(rgwPid)) {
              throw new Error(`radosgw exited before answering.\n--- ${rgwLog} (tail) ---\n${tailFile(rgwLog)}`);
            }
            if (Date.now() > deadline) {
              throw Object.assign(
                new Error(
                  `radosgw did not answer HTTP 200 on ${endpoint}/ within ${readyTimeoutMs / 1000} s ` +
                    `(last status: ${status ?? 'no connection'}).\n--- ${rgwLog} (tail) ---\n${tailFile(rgwLog)}` +
                    `\n--- OSD log (tail) ---\n${tailFile(path.join(logDir, 'osd.0.log'), 15)}`,
                ),
                { noRetry: true },
              );
            }
            await sleep(250);
          }
        },
        2,
      );
    await startRgw();
    const httpsEndpoint = `https://127.0.0.1:${rgwTlsPort}`;
    const tlsStatus = await httpsStatus(`${httpsEndpoint}/`, fs.readFileSync(caBundle));
    if (tlsStatus !== 200) {
      throw new Error(
        `radosgw answers HTTP but not HTTPS on ${httpsEndpoint}/ (status: ${tlsStatus ?? 'no connection'}).\n--- ${rgwLog} (tail) ---\n${tailFile(rgwLog)}`,
      );
    }
    log(`gateway answers (${elapsed()})`);

    // Users.
    const users = [];
    for (const [uid, display] of [
      ['pail-a', 'Pail test user A'],
      ['pail-b', 'Pail test user B'],
    ]) {
      const accessKeyId = randomString(20, ALNUM_UPPER);
      const secretAccessKey = randomString(40, ALNUM);
      await retry(`radosgw-admin user create --uid=${uid}`, () => {
        const res = run(
          'radosgw-admin',
          [...c, 'user', 'create', `--uid=${uid}`, `--display-name=${display}`, `--access-key=${accessKeyId}`, `--secret-key=${secretAccessKey}`],
          { allowFail: true },
        );
        if (res.ok) return;
        // An earlier attempt may have created the user before failing: check it has our key.
        const got = run('radosgw-admin', [...c, 'user', 'info', `--uid=${uid}`], { allowFail: true });
        if (got.ok && got.stdout.includes(accessKeyId)) return;
        throw new Error(`radosgw-admin user create --uid=${uid} failed (${res.problem}):\n${tail(res.stdout + res.stderr, 20)}`);
      });
      users.push({ uid, accessKeyId, secretAccessKey });
    }
    log(`users ${users.map((u) => u.uid).join(', ')} created (${elapsed()})`);

    // A second storage class, COLD, beside STANDARD (as providers offer STANDARD_IA, GLACIER…), so that
    // uploads and storage-class changes are tested against a class the server really has. The zonegroup
    // exists once the gateway has started, and the gateway reads its classes when it starts: so it starts again.
    await retry('adding the COLD storage class', () => {
      run('radosgw-admin', [
        ...c,
        'zonegroup',
        'placement',
        'add',
        '--rgw-zonegroup',
        'default',
        '--placement-id',
        'default-placement',
        '--storage-class',
        'COLD',
      ]);
      run('radosgw-admin', [
        ...c,
        'zone',
        'placement',
        'add',
        '--rgw-zone',
        'default',
        '--placement-id',
        'default-placement',
        '--storage-class',
        'COLD',
        '--data-pool',
        'default.rgw.cold.data',
      ]);
    });
    const rgwPid = readPid(dir, 'client.rgw');
    if (rgwPid) {
      process.kill(rgwPid, 'SIGTERM');
      for (let waited = 0; isAlive(rgwPid) && waited < 20_000; waited += 100) await sleep(100);
    }
    await startRgw();
    log(`storage class COLD added, gateway started again (${elapsed()})`);

    // The zonegroup's api_name is what CreateBucket's LocationConstraint must match.
    let region = 'default';
    const zg = run('radosgw-admin', [...c, 'zonegroup', 'get'], { allowFail: true });
    if (zg.ok) {
      try {
        const parsed = JSON.parse(zg.stdout);
        region = parsed.api_name || parsed.name || region;
      } catch {
        // keep the default
      }
    }

    const pids = {};
    for (const d of [...DAEMONS].reverse()) pids[d.key] = readPid(dir, d.name);
    const info = { endpoint, httpsEndpoint, caBundle, region, kmsKeyId: KMS_KEY_ID, dir, users, pids, tcpNoDelay: opts.tcpNoDelay === true };
    writeJsonAtomic(path.join(dir, 'gateway.json'), info);
    if (writeState) {
      const previous = readState();
      if (previous?.dir && path.resolve(previous.dir) !== dir && findDaemonPids(path.resolve(previous.dir)).size > 0) {
        log(
          `note: ${STATE_FILE} pointed at a gateway that still runs in ${previous.dir}; ` +
            `it now points here (stop the other one with: node scripts/gateway.mjs stop --dir ${previous.dir})`,
        );
      }
      writeJsonAtomic(STATE_FILE, info);
    }
    log(`ready in ${elapsed()}`);
    return info;
  } catch (err) {
    log(`start failed after ${elapsed()}: stopping what was started`);
    try {
      await killDaemons(dir);
    } catch (killErr) {
      log(`while cleaning up: ${killErr.message}`);
    }
    if (keepOnFailure) {
      log(`kept ${dir} for inspection (logs in ${logDir})`);
    } else if (createdDir) {
      fs.rmSync(dir, { recursive: true, force: true });
    } else {
      for (const e of OWN_ENTRIES) fs.rmSync(path.join(dir, e), { recursive: true, force: true });
    }
    throw err;
  }
}

/**
 * Stops a gateway and removes its folder. Idempotent.
 * @param {string | {dir: string} | undefined} target the info object from startGateway, its folder,
 *   or nothing to use the state file `${os.tmpdir()}/pail-gateway-current.json`.
 */
export async function stopGateway(target) {
  let dir = typeof target === 'string' ? target : target?.dir;
  const state = readState();
  if (!dir) {
    dir = state?.dir;
    if (!dir) {
      log(`nothing to stop (no --dir and no ${STATE_FILE})`);
      fs.rmSync(STATE_FILE, { force: true });
      return;
    }
  }
  dir = path.resolve(dir);
  if (fs.existsSync(dir)) {
    await killDaemons(dir);
    if (looksLikeOurs(dir)) {
      fs.rmSync(dir, { recursive: true, force: true });
      log(`removed ${dir}`);
    } else {
      log(`not removing ${dir}: it does not look like a gateway folder`);
    }
  } else {
    log(`${dir} does not exist: nothing to stop`);
  }
  if (state && (!state.dir || path.resolve(state.dir) === dir)) fs.rmSync(STATE_FILE, { force: true });
}

function parseArgs(argv) {
  const out = { command: undefined, dir: undefined, state: true, memstoreBytes: undefined, tcpNoDelay: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--dir') {
      out.dir = argv[++i];
      if (!out.dir) throw new Error('--dir needs a folder');
    } else if (a.startsWith('--dir=')) {
      out.dir = a.slice('--dir='.length);
    } else if (a === '--memstore') {
      out.memstoreBytes = parseSize(argv[++i] ?? '', '--memstore');
    } else if (a === '--no-state') {
      out.state = false;
    } else if (a === '--tcp-nodelay') {
      out.tcpNoDelay = true;
    } else if (a === '-h' || a === '--help') {
      out.command = 'help';
    } else if (!out.command && !a.startsWith('-')) {
      out.command = a;
    } else {
      throw new Error(`unknown argument: ${a}`);
    }
  }
  return out;
}

const USAGE = `usage:
  node scripts/gateway.mjs start [--dir <folder>] [--no-state] [--memstore <size>] [--tcp-nodelay]
  node scripts/gateway.mjs stop  [--dir <folder>]
  --tcp-nodelay: radosgw answers without waiting for the client's ACK (Nagle off), as the listing
              benchmark's gateway does; without it some connections wait 40 ms an answer.
  --memstore: the in-memory object store (default 3G). Deleted objects are freed only after
              Ceph's garbage collection (30-60 s); a full store makes writes wait, so give
              experiments with big objects room (e.g. --memstore 10G).`;

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.command === 'start') {
    const info = await startGateway({ dir: args.dir, state: args.state, memstoreBytes: args.memstoreBytes, tcpNoDelay: args.tcpNoDelay });
    process.stdout.write(`${JSON.stringify(info)}\n`);
  } else if (args.command === 'stop') {
    await stopGateway(args.dir);
  } else if (args.command === 'help') {
    process.stdout.write(`${USAGE}\n`);
  } else {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
  }
}

function isMain() {
  if (!process.argv[1]) return false;
  try {
    return import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href;
  } catch {
    return import.meta.url === pathToFileURL(process.argv[1]).href;
  }
}

if (isMain()) {
  main().catch((err) => {
    log(`error: ${process.env.PAIL_GATEWAY_DEBUG ? err?.stack : (err?.message ?? err)}`);
    process.exitCode = 1;
  });
}
