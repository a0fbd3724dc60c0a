#!/usr/bin/env node
// `npm run bench:scale` (issue 19): does every cost stay flat as the work grows 10× and 100×?
// Two parts, each printing one report with its figures, the growth factor between sizes and
// PASS/FAIL beside the targets; peers run in the same run. It is not a test and nothing in
// `npm test` runs it.
//
//   node scripts/bench-scale.mjs [--gateway <gateway.json>] [--keys 1000000] [--sizes 2000,20000,100000]
//                                [--download-sizes 2000,20000] [--only listing|transfers] [--rounds 1]
//                                [--concurrency 256] [--skip-build] [--no-cli-listings]
//                                [--transfer-clients pail,rclone,aws]
//
// Listing: folders of keys/100, keys/10 and keys empty objects (seeded once per gateway, kept, and
// found again by a marker object; see bench-scale/seed.mjs), each listed by raw SDK paging, by Pail's UI
// in Chromium (first rows, whole listing, the renderer process's memory, a sort and a filter on
// every row), and by `pail ls`, `rclone lsf` and `aws s3 ls`; and a folder of one page, whose cost
// to the renderer the bytes a row beyond the first page leave out. Transfers: folders of small files up
// (and, for the download sizes, down) with `pail cp --recursive`, rclone and `aws s3 cp`, each under
// GNU time. Without --gateway it starts a Ceph gateway of its own and stops it at the end (its
// folders then go with it). Progress goes to stderr, the reports to stdout.

import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createProfile, startWebMode } from './bench/pail-app.mjs';
import { launchChromium } from './bench/pail-browser.mjs';
import { sourceState } from './bench/print-report.mjs';
import { loadAverage } from './bench/report.mjs';
import { log, runBench } from './bench/run.mjs';
import { benchClient, removeBucket } from './bench/s3.mjs';
import { awsClient, pailClient, rcloneClient, schemeOf } from './bench-transfer/clients.mjs';
import { ensureBucket, freeSpace } from './bench-transfer/store.mjs';
import { measureListings } from './bench-scale/listing.mjs';
import { printListing } from './bench-scale/print-listing.mjs';
import { printTransfers } from './bench-scale/print-transfers.mjs';
import { ensureListingFolder, SEED_CONCURRENCY } from './bench-scale/seed.mjs';
import { FIRST_PAGE_ROWS } from './bench-scale/targets.mjs';
import { FILE_SIZE, FILES_BUCKET, measureTransfers } from './bench-scale/transfers.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ROOT = path.join(import.meta.dirname, '..');
const PROFILE_NAME = 'Bench gateway';
const PARTS = ['listing', 'transfers'];

const USAGE = `usage: node scripts/bench-scale.mjs [options]
  --gateway FILE          reuse a running gateway (its gateway.json) instead of starting one; the listing
                          folders stay on it, and a later run with the same FILE skips their seeding
  --keys N                the biggest folder listed (default 1000000); the others are N/100 and N/10
  --sizes LIST            folders of 4 KiB files uploaded, comma-separated (default 2000,20000,100000)
  --download-sizes LIST   folders downloaded, comma-separated (default 2000,20000)
  --only PART             listing or transfers (default both)
  --rounds N              measured rounds of everything (default 1; the reports show medians)
  --concurrency N         PUTs in flight while seeding (default ${SEED_CONCURRENCY})
  --skip-build            use the existing out/ instead of running electron-vite build
  --transfer-clients LIST who moves the folders of files, comma-separated (default pail,rclone,aws; pail always)
  --scheme S              list over http or https (default http; the gateway's HTTPS endpoint and test CA; the
                          folders of files always move over plain HTTP)
  --no-cli-listings       list with the SDK and Pail's UI only (pail ls, rclone lsf and aws s3 ls left out: at a
                          million keys they take about 10 minutes of a run)`;

function options() {
  const { values } = parseArgs({
    options: {
      gateway: { type: 'string' },
      keys: { type: 'string', default: '1000000' },
      sizes: { type: 'string', default: '2000,20000,100000' },
      'download-sizes': { type: 'string', default: '2000,20000' },
      only: { type: 'string' },
      rounds: { type: 'string', default: '1' },
      concurrency: { type: 'string', default: String(SEED_CONCURRENCY) },
      'skip-build': { type: 'boolean', default: false },
      'no-cli-listings': { type: 'boolean', default: false },
      'transfer-clients': { type: 'string', default: 'pail,rclone,aws' },
      scheme: { type: 'string', default: 'http' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const whole = (name, text, min) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} takes whole numbers of at least ${min}, not "${text}"`);
    return n;
  };
  const list = (name) => [...new Set(values[name].split(',').map((t) => whole(name, t.trim(), 1)))].sort((a, b) => a - b);
  const keys = whole('keys', values.keys, 100);
  if (keys % 100 !== 0) throw new Error('--keys must be a multiple of 100 (the folders listed are keys/100, keys/10 and keys)');
  if (values.only !== undefined && !PARTS.includes(values.only)) throw new Error(`--only takes ${PARTS.join(' or ')}`);
  if (!['http', 'https'].includes(values.scheme)) throw new Error('--scheme takes http or https');
  return {
    help: values.help,
    gatewayFile: values.gateway,
    // Nagle off: some connections waited 40 ms an answer for the client's delayed ACK (scripts/gateway.mjs).
    gatewayStart: { tcpNoDelay: true },
    listingSizes: [keys / 100, keys / 10, keys],
    uploadSizes: list('sizes'),
    downloadSizes: list('download-sizes'),
    parts: values.only ? [values.only] : PARTS,
    rounds: whole('rounds', values.rounds, 1),
    concurrency: whole('concurrency', values.concurrency, 1),
    skipBuild: values['skip-build'],
    cliListings: !values['no-cli-listings'],
    scheme: values.scheme,
    transferClients: new Set(['pail', ...values['transfer-clients'].split(',').map((id) => id.trim())]),
  };
}

/** Seeds what is missing, lists every folder in Pail's UI and with the peers, prints the listing report. */
async function listingPart({ opts, gateway, appRoot, clis, cleanup }) {
  const loadAtStart = loadAverage();
  // Each folder seeded (or found seeded) once, the one-page folder being one of the others when --keys is 100,000.
  const seeded = new Map();
  const seed = async (keys) => {
    if (!seeded.has(keys)) seeded.set(keys, await ensureListingFolder(gateway, keys, { concurrency: opts.concurrency, log }));
    return seeded.get(keys);
  };
  const firstPage = await seed(FIRST_PAGE_ROWS);
  const folders = [];
  for (const keys of opts.listingSizes) folders.push(await seed(keys));
  // The folders are listed over the scheme asked for: the SDK, Pail's profile and the command lines alike.
  const scheme = schemeOf(gateway, opts.scheme);
  const listed = { ...gateway, endpoint: scheme.endpoint };
  const web = await startWebMode(appRoot);
  cleanup.add('stopping the web mode', () => web.stop());
  await createProfile(web, listed, PROFILE_NAME);
  const browser = await launchChromium();
  cleanup.add('closing Chromium', () => browser.close());
  log(`listing in Chromium ${browser.version()} through Pail's web mode…`);
  const listingClis = !opts.cliListings ? {} : scheme.id === 'http' ? clis : listingClientsOver(appRoot, gateway, scheme, cleanup);
  const measured = await measureListings({
    gateway: listed,
    folders,
    firstPage,
    rounds: opts.rounds,
    web,
    profileName: PROFILE_NAME,
    browser,
    clis: listingClis,
    log,
  });
  printListing({
    ...measured,
    folders: [...seeded.values()],
    rounds: opts.rounds,
    browserVersion: browser.version(),
    scheme,
    loadAtStart,
    loadAtEnd: loadAverage(),
  });
  // Not left running through the transfers: they would hold memory and wake up now and then.
  await browser.close();
  await web.stop();
}

/** The command lines that list, over `scheme` (the others in the run use plain HTTP). */
function listingClientsOver(appRoot, gateway, scheme, cleanup) {
  const clis = { pail: pailClient(appRoot, gateway, scheme), rclone: rcloneClient(gateway, scheme), aws: awsClient(gateway, scheme) };
  cleanup.add("clearing the listing clients' files", () => Object.values(clis).forEach((c) => c.dispose()));
  return clis;
}

/** Uploads and downloads the folders of small files with each client, prints the transfer report. */
async function transfersPart({ opts, gateway, clis: allClis, cleanup, makeWorkDir }) {
  const loadAtStart = loadAverage();
  const clis = Object.fromEntries(Object.entries(allClis).filter(([id]) => opts.transferClients.has(id)));
  const s3 = benchClient(gateway, { sockets: 16, requestTimeout: 600_000 });
  cleanup.add('closing the SDK client', () => s3.destroy());
  await ensureBucket(s3, FILES_BUCKET);
  cleanup.add(`removing bucket ${FILES_BUCKET}`, () => removeBucket(gateway, FILES_BUCKET, { log }));
  await freeSpace(gateway, 2 * Math.max(...opts.uploadSizes, ...opts.downloadSizes) * FILE_SIZE, { log });
  const workDir = makeWorkDir('pail-bench-scale-', 'local folders');
  const results = await measureTransfers({
    gateway,
    s3,
    clis,
    uploadSizes: opts.uploadSizes,
    downloadSizes: opts.downloadSizes,
    rounds: opts.rounds,
    workDir,
    log,
  });
  printTransfers({ results, clis, rounds: opts.rounds, scheme: schemeOf(gateway, 'http'), loadAtStart, loadAtEnd: loadAverage() });
}

/** Both parts (or the one --only names), after a header saying where and with what they run. */
async function main({ opts, cleanup, benchGateway, buildApp, makeWorkDir }) {
  const started = performance.now();
  const { gateway, ownGateway } = await benchGateway();
  const appRoot = await buildApp(ROOT, { skipBuild: opts.skipBuild });
  // Plain HTTP only: the AWS CLI 1.x here fails many-file uploads over HTTPS.
  const scheme = schemeOf(gateway, 'http');
  const clis = { pail: pailClient(appRoot, gateway, scheme), rclone: rcloneClient(gateway, scheme), aws: awsClient(gateway, scheme) };
  cleanup.add("clearing the clients' files", () => Object.values(clis).forEach((c) => c.dispose()));

  const out = [
    `Pail scale benchmark (issue 19), ${new Date().toISOString()}`,
    `  machine   ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB; load average ${loadAverage()} at the start`,
    `  gateway   Ceph RADOS Gateway at ${gateway.endpoint} (${ownGateway ? 'started for this run' : `reused: ${opts.gatewayFile}`}; ` +
      `${gateway.tcpNoDelay ? 'tcp_nodelay' : 'Nagle on: start it with --tcp-nodelay, or some connections wait 40 ms an answer'})`,
    `  code      ${sourceState(ROOT)}`,
    `  clients   Node ${process.version}; ${Object.values(clis)
      .map((c) => (c.available ? c.version : `${c.id} not installed`))
      .join('; ')}`,
  ];
  process.stdout.write(`${out.join('\n')}\n\n`);
  if (opts.parts.includes('listing')) await listingPart({ opts, gateway, appRoot, clis, cleanup });
  if (opts.parts.includes('transfers')) {
    if (opts.parts.length > 1) process.stdout.write('\n');
    await transfersPart({ opts, gateway, clis, cleanup, makeWorkDir });
  }
  process.stdout.write(`\nThe run took ${((performance.now() - started) / 60_000).toFixed(1)} min; load average ${loadAverage()} at the end.\n`);
}

runBench({ usage: USAGE, options, withoutTime: 'no peak memory figures for the command lines' }, main).catch((error) => {
  log(`error: ${error?.stack ?? error}`);
  process.exitCode = 1;
});
