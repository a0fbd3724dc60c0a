#!/usr/bin/env node
// `npm run bench`: how fast Pail's transfer engine (through its CLI) moves one big file up and
// down and many small files up, side by side in the same run with `aws s3 cp`, rclone and, as the
// gateway's own pace, one curl stream to and from presigned URLs; over the gateway's plain-HTTP
// endpoint and over its HTTPS one (a test CA every client is given). Prints one report per
// scheme; it is not a test and nothing in `npm test` runs it.
//
//   node scripts/bench-transfer.mjs [--gateway <gateway.json>] [--rounds 1] [--skip-build]
//                                   [--size 1GiB] [--small-files 2000]
//                                   [--scheme http|https|both] [--only up,down,small]
//
// Without --gateway it starts a Ceph gateway of its own (scripts/gateway.mjs) and stops it at the
// end. Per round: each client uploads the big file (then its object is hashed and deleted, and
// Ceph's garbage collector run, since the in-memory store holds 3 GiB), downloads one source
// object (the file is hashed and removed), and uploads the folder of small files (ETags checked,
// then deleted). Before each run, dirty pages are synced and the gateway let go idle, so no run
// pays for the one before. Each client runs under GNU time for its peak memory. Progress goes to stderr,
// the report (scripts/bench-transfer/print.mjs) to stdout.

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseSize } from './gateway.mjs';
import { loadAverage } from './bench/report.mjs';
import { log, runBench } from './bench/run.mjs';
import { benchClient, removeBucket } from './bench/s3.mjs';
import { awsClient, curlClient, pailClient, rcloneClient, schemeOf } from './bench-transfer/clients.mjs';
import { makeRandomFile, makeSmallFiles, sha256File } from './bench-transfer/local-files.mjs';
import { bigDownload, bigUpload, smallUpload } from './bench-transfer/measure.mjs';
import { printReport, sizeLabel, summarize, TRANSFERS } from './bench-transfer/print.mjs';
import { ensureBucket, freeSpace, presign, putSource } from './bench-transfer/store.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ROOT = path.join(import.meta.dirname, '..');
const BUCKET = 'pail-bench-transfer';
const SOURCE_KEY = 'source/big.bin';
const SMALL_SIZE = 4096;

const USAGE = `usage: node scripts/bench-transfer.mjs [options]
  --gateway FILE     reuse a running gateway (its gateway.json) instead of starting one
  --rounds N         measured rounds of each client (default 1; the report shows medians)
  --skip-build       use the existing out/ instead of running electron-vite build
  --size SIZE        the big file: bytes, or with K/M/G (binary: 1G = 1 GiB; default 1G, at most 1G)
  --small-files N    how many 4 KiB files the folder upload sends (default 2000)
  --scheme S         http, https or both (default both: one report each, runs alternating)
  --only LIST        which column sets, comma-separated: up, down, small (default all three)`;

function options() {
  const { values } = parseArgs({
    options: {
      gateway: { type: 'string' },
      rounds: { type: 'string', default: '1' },
      'skip-build': { type: 'boolean', default: false },
      size: { type: 'string', default: '1G' },
      'small-files': { type: 'string', default: '2000' },
      scheme: { type: 'string', default: 'both' },
      only: { type: 'string', default: TRANSFERS.join(',') },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const count = (name, min) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number of at least ${min}`);
    return n;
  };
  const size = parseSize(values.size, '--size');
  // The store holds 3 GiB: the source object plus one upload at a time must stay well under it.
  if (size < 1 || size > 2 ** 30) throw new Error('--size must be between 1 byte and 1 GiB (the gateway keeps 3 GiB in memory)');
  const schemes = { http: ['http'], https: ['https'], both: ['http', 'https'] }[values.scheme];
  if (!schemes) throw new Error('--scheme must be http, https or both');
  const only = values.only.split(',').map((t) => t.trim());
  const unknown = only.filter((t) => !TRANSFERS.includes(t));
  if (unknown.length || !only.length) throw new Error(`--only takes ${TRANSFERS.join(', ')} (comma-separated), not ${unknown.join(', ')}`);
  return {
    help: values.help,
    schemes,
    transfers: TRANSFERS.filter((t) => only.includes(t)),
    gatewayFile: values.gateway,
    rounds: count('rounds', 1),
    skipBuild: values['skip-build'],
    size,
    smallCount: count('small-files', 1),
  };
}

/** Other benchmarks on this (shared, 2-core) machine move every figure: say so. */
function warnAboutOtherBenchmarks() {
  const found = spawnSync('pgrep', ['-af', 'scripts/bench-(list|transfer)'], { encoding: 'utf8' }).stdout ?? '';
  // Not this run, nor the shell npm started it from.
  const ours = [process.pid, process.ppid].map((pid) => `${pid} `);
  const others = found.split('\n').filter((l) => l.trim() && !ours.some((p) => l.startsWith(p)));
  if (others.length) log(`another benchmark is running; figures will suffer:\n  ${others.join('\n  ')}`);
}

const seconds = (run) => (run.ok ? `${(run.ms / 1000).toFixed(2)} s, peak ${Math.round((run.peakBytes ?? 0) / 1e6)} MB` : `FAIL: ${run.error}`);

/** Writes the files, has each client move them round by round over each scheme, prints a report a scheme. */
async function main({ opts, cleanup, benchGateway, buildApp, makeWorkDir }) {
  warnAboutOtherBenchmarks();

  const startedAt = new Date();
  const loadAtStart = loadAverage();
  const { gateway, ownGateway } = await benchGateway();

  const appRoot = await buildApp(ROOT, { skipBuild: opts.skipBuild });

  const workDir = makeWorkDir('pail-bench-transfer-', 'local files');
  const bigFile = path.join(workDir, 'big.bin');
  const big = opts.transfers.includes('up') || opts.transfers.includes('down');
  const small = opts.transfers.includes('small');
  let started = performance.now();
  if (big) makeRandomFile(bigFile, opts.size);
  const bigSha256 = big ? await sha256File(bigFile) : undefined;
  const smallDir = path.join(workDir, 'small');
  const smallMd5s = small ? makeSmallFiles(smallDir, opts.smallCount, SMALL_SIZE) : new Map();
  log(
    `wrote the random bytes (${[big && sizeLabel(opts.size), small && `${opts.smallCount} × ${sizeLabel(SMALL_SIZE)}`].filter(Boolean).join(' and ')}) in ${Math.round(performance.now() - started)} ms`,
  );

  const s3 = benchClient(gateway, { sockets: 8, requestTimeout: 600_000 });
  cleanup.add('closing the SDK client', () => s3.destroy());
  await freeSpace(gateway, 2 * opts.size, { log });
  await ensureBucket(s3, BUCKET);
  cleanup.add(`removing bucket ${BUCKET}`, async () => {
    await removeBucket(gateway, BUCKET, { log });
    await freeSpace(gateway, 0, { log });
  });
  if (opts.transfers.includes('down')) {
    started = performance.now();
    await putSource(s3, BUCKET, SOURCE_KEY, bigFile);
    log(`put the source object s3://${BUCKET}/${SOURCE_KEY} in ${Math.round(performance.now() - started)} ms (not measured)`);
  }

  const runs = opts.schemes.map((id) => {
    const scheme = schemeOf(gateway, id);
    // Presigning sends nothing: a client with the scheme's endpoint only signs curl's URLs.
    const signer = id === 'http' ? s3 : benchClient({ ...gateway, endpoint: scheme.endpoint });
    const clients = [
      pailClient(appRoot, gateway, scheme),
      awsClient(gateway, scheme),
      rcloneClient(gateway, scheme),
      curlClient((bucket, key) => presign(signer, bucket, key), scheme),
    ];
    for (const c of clients) cleanup.add(`clearing ${c.id}'s files (${id})`, () => c.dispose());
    if (signer !== s3) cleanup.add('closing the signing client', () => signer.destroy());
    return { scheme, clients, results: Object.fromEntries(clients.map((c) => [c.id, { up: [], down: [], small: [] }])) };
  });
  for (const c of runs[0].clients.filter((x) => !x.available)) log(`${c.label}: not installed; its row stays empty`);

  const ctx = { gateway, s3, bucket: BUCKET, sourceKey: SOURCE_KEY, size: opts.size, bigFile, bigSha256, smallDir, smallMd5s, workDir, log };
  const measures = { up: bigUpload, down: bigDownload, small: smallUpload };
  for (let round = 1; round <= opts.rounds; round += 1) {
    for (const transfer of opts.transfers) {
      // Schemes alternate within each column set, so a drift in the machine's speed hits both alike.
      for (const { scheme, clients, results } of runs) {
        for (const client of clients) {
          if (!client.available || (transfer === 'small' && !client.uploadDir)) continue;
          const run = await measures[transfer](ctx, client);
          results[client.id][transfer].push(run);
          log(`round ${round}, ${scheme.id}, ${transfer}, ${client.label}: ${seconds(run)} (load ${loadAverage()})`);
        }
      }
    }
  }

  for (const [i, { scheme, clients, results }] of runs.entries()) {
    if (i > 0) process.stdout.write('\n');
    const figures = Object.fromEntries(clients.map((c) => [c.id, Object.fromEntries(opts.transfers.map((t) => [t, summarize(results[c.id][t])]))]));
    printReport({
      startedAt,
      loadAtStart,
      gateway,
      scheme,
      ownGateway,
      bucket: BUCKET,
      rounds: opts.rounds,
      size: opts.size,
      smallCount: opts.smallCount,
      smallSize: SMALL_SIZE,
      transfers: opts.transfers,
      clients,
      figures,
    });
  }
}

runBench({ usage: USAGE, options, withoutTime: 'no peak memory figures' }, main).catch((error) => {
  log(`error: ${error?.stack ?? error}`);
  process.exitCode = 1;
});
