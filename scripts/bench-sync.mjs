#!/usr/bin/env node
// `npm run bench:sync`: how fast Pail syncs a tree up to a bucket, side by side in the same run with
// `aws s3 sync` and `rclone sync`: the first sync of a tree of small files and a few big ones, a sync
// with nothing changed, and a sync after changing some small files. After every run the bucket is
// checked against the folder independently of the client, byte for byte (each small object's ETag is
// the MD5 the server computed from its bytes; each big object is read back and hashed). Prints a
// report; it is not a test and nothing in `npm test` runs it.
//
//   node scripts/bench-sync.mjs [--gateway <gateway.json>] [--skip-build] [--scheme http|https|both]
//                               [--small-files 10000] [--big-files 20] [--big-size 20M] [--changed 100]
//
// Without --gateway it starts a Ceph gateway of its own (scripts/gateway.mjs) and stops it at the end.
// Each client syncs its own copy of the tree to its own prefix; the clients take turns, so none pays
// for another. Progress goes to stderr, the report to stdout.

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseSize } from './gateway.mjs';
import { loadAverage, table } from './bench/report.mjs';
import { log, runBench } from './bench/run.mjs';
import { benchClient } from './bench/s3.mjs';
import { awsClient, pailClient, rcloneClient, schemeOf } from './bench-transfer/clients.mjs';
import { makeRandomFile, sha256File } from './bench-transfer/local-files.mjs';
import { deletePrefix, ensureBucket, freeSpace, listObjects, objectSha256 } from './bench-transfer/store.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ROOT = path.join(import.meta.dirname, '..');
const BUCKET = 'pail-bench-sync';
const SMALL_SIZE = 4096;
const RUNS = ['first', 'unchanged', 'changed'];
/** The targets of issue 18: faster than the faster peer in each run, peak memory at most 200 MB. */
const MEMORY_TARGET = 200e6;

const USAGE = `usage: node scripts/bench-sync.mjs [options]
  --gateway FILE     reuse a running gateway (its gateway.json) instead of starting one
  --skip-build       use the existing out/ instead of running electron-vite build
  --scheme S         http, https or both (default both: one report each)
  --small-files N    small files (4 KiB) in the tree (default 10000, in folders of 100)
  --big-files N      big files in the tree (default 20)
  --big-size SIZE    size of each big file (default 20M)
  --changed N        small files changed before the third run (default 100)`;

function options() {
  const { values } = parseArgs({
    options: {
      gateway: { type: 'string' },
      'skip-build': { type: 'boolean', default: false },
      scheme: { type: 'string', default: 'both' },
      'small-files': { type: 'string', default: '10000' },
      'big-files': { type: 'string', default: '20' },
      'big-size': { type: 'string', default: '20M' },
      changed: { type: 'string', default: '100' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const count = (name, min) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number of at least ${min}`);
    return n;
  };
  const schemes = { http: ['http'], https: ['https'], both: ['http', 'https'] }[values.scheme];
  if (!schemes) throw new Error('--scheme must be http, https or both');
  const small = count('small-files', 1);
  const changed = count('changed', 0);
  if (changed > small) throw new Error('--changed cannot be more than --small-files');
  return {
    help: values.help,
    gatewayFile: values.gateway,
    skipBuild: values['skip-build'],
    schemes,
    small,
    big: count('big-files', 0),
    bigSize: parseSize(values['big-size'], '--big-size'),
    changed,
  };
}

/** Writes the tree: small files in folders of 100 (their MD5s kept), big files (their SHA-256s kept). */
async function makeTree(dir, { small, big, bigSize }) {
  const md5s = new Map();
  for (let i = 0; i < small; i += 1) {
    const rel = `small/d${String(Math.floor(i / 100)).padStart(3, '0')}/f-${String(i).padStart(5, '0')}.bin`;
    const body = crypto.randomBytes(SMALL_SIZE);
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), body);
    md5s.set(rel, crypto.createHash('md5').update(body).digest('hex'));
  }
  const sha256s = new Map();
  fs.mkdirSync(path.join(dir, 'big'), { recursive: true });
  for (let i = 0; i < big; i += 1) {
    const rel = `big/b-${String(i).padStart(3, '0')}.bin`;
    makeRandomFile(path.join(dir, rel), bigSize);
    sha256s.set(rel, await sha256File(path.join(dir, rel)));
  }
  return { md5s, sha256s };
}

/** Changes `count` small files (new bytes, same size, written now) and their expected MD5s. */
function changeSmallFiles(dir, md5s, count) {
  const paths = [...md5s.keys()].filter((_, i) => i % Math.max(1, Math.floor(md5s.size / count)) === 0).slice(0, count);
  for (const rel of paths) {
    const body = crypto.randomBytes(SMALL_SIZE);
    fs.writeFileSync(path.join(dir, rel), body);
    md5s.set(rel, crypto.createHash('md5').update(body).digest('hex'));
  }
  return paths.length;
}

/**
 * Checks the prefix holds exactly the tree: the same paths, each small object's ETag the MD5 of its
 * file, each big object read back with the SHA-256 of its file. Answers "" or what differs.
 */
async function verify(s3, prefix, tree) {
  const objects = await listObjects(s3, BUCKET, prefix);
  const want = new Set([...tree.md5s.keys(), ...tree.sha256s.keys()]);
  const have = new Set([...objects.keys()].map((key) => key.slice(prefix.length)));
  const missing = [...want].filter((rel) => !have.has(rel));
  const extra = [...have].filter((rel) => !want.has(rel));
  if (missing.length || extra.length) return `${missing.length} missing (${missing.slice(0, 2).join(', ')}), ${extra.length} extra`;
  for (const [rel, md5] of tree.md5s) if (objects.get(prefix + rel).etag !== md5) return `${rel}: ETag ${objects.get(prefix + rel).etag}, MD5 ${md5}`;
  for (const [rel, sha256] of tree.sha256s) if ((await objectSha256(s3, BUCKET, prefix + rel)) !== sha256) return `${rel}: other bytes`;
  return '';
}

const secondsOf = (run) => (run.code === 0 ? `${(run.ms / 1000).toFixed(2)} s` : 'FAIL');
const mbOf = (run) => (run.peakBytes ? `${Math.round(run.peakBytes / 1e6)} MB` : '—');

function printReport({ scheme, clients, results, opts, startedAt, loadAtStart, loadAtEnd }) {
  const out = [];
  out.push(`Sync benchmark over ${scheme.label} (${scheme.endpoint}), ${startedAt.toISOString()}`);
  out.push(
    `Tree: ${opts.small.toLocaleString('en-US')} × 4 KiB in folders of 100, and ${opts.big} × ${Math.round(opts.bigSize / 2 ** 20)} MiB; the third run after changing ${opts.changed} small files.`,
  );
  out.push(`Machine: ${os.cpus().length} cores, load ${loadAtStart} at the start, ${loadAtEnd} at the end.`);
  out.push('');
  const header = ['client', 'first sync', 'nothing changed', `${opts.changed} changed`, 'peak memory', 'bucket = folder after each run'];
  const rows = [header];
  for (const client of clients) {
    const r = results.get(client.id);
    if (!r) continue;
    rows.push([
      client.label,
      ...RUNS.map((run) => secondsOf(r[run])),
      Math.max(...RUNS.map((run) => r[run].peakBytes ?? 0)) ? `${Math.round(Math.max(...RUNS.map((run) => r[run].peakBytes ?? 0)) / 1e6)} MB` : '—',
      RUNS.map((run) => (r.checks[run] ? `FAIL (${run}: ${r.checks[run]})` : 'yes')).every((v) => v === 'yes')
        ? 'yes, byte for byte'
        : RUNS.map((run) => r.checks[run])
            .filter(Boolean)
            .join('; '),
    ]);
  }
  out.push(table(rows, { align: ['l', 'r', 'r', 'r', 'r', 'l'] }));
  out.push('');
  out.push('Clients:');
  for (const client of clients) out.push(`  ${client.label}: ${client.version ?? 'not installed'}; ${client.flags}`);
  const pail = results.get('pail');
  if (pail) {
    out.push('');
    out.push('Targets (issue 18): faster than the faster peer in each run; peak memory at most 200 MB.');
    for (const run of RUNS) {
      const peers = clients.filter((c) => c.id !== 'pail' && results.get(c.id)?.[run]?.code === 0).map((c) => results.get(c.id)[run].ms);
      if (!peers.length || pail[run].code !== 0) {
        out.push(`  ${run}: no verdict (a run failed)`);
        continue;
      }
      const best = Math.min(...peers);
      out.push(`  ${run}: ${pail[run].ms <= best ? 'PASS' : 'FAIL'} (${(pail[run].ms / best).toFixed(2)}× the faster peer)`);
    }
    const peak = Math.max(...RUNS.map((run) => pail[run].peakBytes ?? 0));
    out.push(`  memory: ${peak ? (peak <= MEMORY_TARGET ? 'PASS' : 'FAIL') : 'not measured'} (${mbOf({ peakBytes: peak })})`);
  }
  process.stdout.write(`${out.join('\n')}\n\n`);
}

/** Writes the tree, then has each client sync it over each scheme, checks the bucket after every run, prints a report a scheme. */
async function main({ opts, cleanup, benchGateway, buildApp, makeWorkDir }) {
  const { gateway } = await benchGateway();
  const appRoot = await buildApp(ROOT, { skipBuild: opts.skipBuild });
  const workDir = makeWorkDir('pail-bench-sync-', 'local trees');
  const source = path.join(workDir, 'source');
  let started = performance.now();
  const tree = await makeTree(source, opts);
  log(`wrote the tree in ${Math.round(performance.now() - started)} ms`);

  const s3 = benchClient(gateway, { sockets: 16, requestTimeout: 600_000 });
  cleanup.add('closing the SDK client', () => s3.destroy());
  await ensureBucket(s3, BUCKET);

  for (const schemeId of opts.schemes) {
    const scheme = schemeOf(gateway, schemeId);
    // The transfer benchmark's clients, each running its sync command (their labels and flags said so).
    const clients = [pailClient(appRoot, gateway, scheme), awsClient(gateway, scheme), rcloneClient(gateway, scheme)].map((client) => ({
      ...client,
      label: { pail: 'Pail (pail sync)', aws: 'aws s3 sync', rclone: 'rclone sync' }[client.id],
      flags: client.id === 'pail' ? `defaults${scheme.caBundle ? '; the profile made with --ca-bundle CA' : ''}` : client.flags.replace('pail cp', 'pail sync'),
    }));
    cleanup.add(`closing the ${scheme.id} clients`, () => clients.forEach((c) => c.dispose()));
    const startedAt = new Date();
    const loadAtStart = loadAverage();
    const results = new Map();
    for (const client of clients) {
      if (!client.available) {
        log(`${client.label}: not installed, left out`);
        continue;
      }
      const prefix = `${scheme.id}-${client.id}/`;
      const dir = path.join(workDir, `${scheme.id}-${client.id}`);
      fs.cpSync(source, dir, { recursive: true, preserveTimestamps: true });
      const own = { md5s: new Map(tree.md5s), sha256s: tree.sha256s };
      await deletePrefix(s3, BUCKET, prefix);
      await freeSpace(gateway, (opts.big * opts.bigSize + opts.small * SMALL_SIZE) * 2, { log });
      const r = { checks: {} };
      for (const run of RUNS) {
        if (run === 'changed') log(`${client.label}: changed ${changeSmallFiles(dir, own.md5s, opts.changed)} small files`);
        started = performance.now();
        r[run] = await client.sync(dir, BUCKET, prefix, 30 * 60_000);
        log(`${client.label} over ${scheme.label}, ${run}: ${secondsOf(r[run])} (${Math.round(performance.now() - started)} ms), ${mbOf(r[run])}`);
        if (r[run].code !== 0) log(`  ${r[run].stderr.trim().split('\n').slice(-3).join('\n  ')}`);
        r.checks[run] = await verify(s3, prefix, own);
        if (r.checks[run]) log(`  the bucket does not match the folder: ${r.checks[run]}`);
      }
      results.set(client.id, r);
      await deletePrefix(s3, BUCKET, prefix);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    printReport({ scheme, clients, results, opts, startedAt, loadAtStart, loadAtEnd: loadAverage() });
  }
}

runBench({ usage: USAGE, options, withoutTime: 'no peak memory figures' }, main).catch((error) => {
  log(`failed: ${error.stack ?? error}`);
  process.exitCode = 1;
});
