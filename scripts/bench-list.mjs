#!/usr/bin/env node
// `npm run bench:list`: how fast Pail lists one big folder, side by side with the raw SDK and
// `aws s3 ls` in the same run. Prints figures; it is not a test and nothing in `npm test` runs it.
//
//   node scripts/bench-list.mjs [--keys 100000] [--gateway <gateway.json>] [--keep]
//                               [--rounds 3] [--concurrency 96] [--skip-build] [--profile]
//                               [--app-dir <Pail source tree>]
//
// Without --gateway it starts a Ceph gateway of its own (scripts/gateway.mjs) and stops it at the
// end. Seeds s3://pail-bench-list-<keys>/big/ with <keys> tiny objects (skipped when a reused
// gateway already holds them), then per round: the SDK paging ListObjectsV2; Pail's web mode in
// Chromium (double-click the folder, time first rows and the whole listing inside the page, then
// memory and scrolling); Pail's web API paged from Node (the UI's share, by difference); and
// `aws s3 ls`. Each figure is the median of the rounds; the CPU each process spent is reported
// too. Progress goes to stderr, the report (scripts/bench/print-report.mjs) to stdout.

import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { summarizeCpuProfile } from './bench/cpu-profile.mjs';
import { summarizeTrace } from './bench/trace-summary.mjs';
import { cpuSnapshot, cpuSpent } from './bench/cpu-usage.mjs';
import { createProfile, startWebMode } from './bench/pail-app.mjs';
import { launchChromium, measurePail } from './bench/pail-browser.mjs';
import { pailFigures } from './bench/pail-figures.mjs';
import { awsListing, awsVersion, pailApiListing, sdkListing } from './bench/peers.mjs';
import { printReport } from './bench/print-report.mjs';
import { loadAverage, ms } from './bench/report.mjs';
import { log, runBench } from './bench/run.mjs';
import { FOLDER, keyName, removeBucket, seedFolder } from './bench/s3.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ROOT = path.join(import.meta.dirname, '..');
const PROFILE_NAME = 'Bench gateway';

const USAGE = `usage: node scripts/bench-list.mjs [options]
  --keys N           keys in the folder (default 100000)
  --gateway FILE     reuse a running gateway (its gateway.json) instead of starting one
  --keep             keep the seeded bucket on a reused gateway (the next run skips seeding)
  --rounds N         measured rounds of each client (default 3; the report shows medians)
  --concurrency N    PUTs in flight while seeding (default 96)
  --skip-build       serve the existing out/ instead of running electron-vite build
  --profile          one more Pail run under the V8 CPU profiler and a trace: where renderer time goes
  --app-dir DIR      build and measure the Pail tree in DIR (with node_modules) instead of this one,
                     e.g. an export of another commit, to compare before and after a change`;

function options() {
  const { values } = parseArgs({
    options: {
      keys: { type: 'string', default: '100000' },
      gateway: { type: 'string' },
      keep: { type: 'boolean', default: false },
      rounds: { type: 'string', default: '3' },
      concurrency: { type: 'string', default: '96' },
      'skip-build': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      'app-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const count = (name, min) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number of at least ${min}`);
    return n;
  };
  return {
    help: values.help,
    keys: count('keys', 1),
    rounds: count('rounds', 1),
    concurrency: count('concurrency', 1),
    gatewayFile: values.gateway,
    keep: values.keep,
    skipBuild: values['skip-build'],
    profile: values.profile,
    appDir: path.resolve(values['app-dir'] ?? ROOT),
  };
}

/** Seeds the folder, lists it round by round with each client, prints the report. */
async function main({ opts, cleanup, benchGateway, buildApp }) {
  const startedAt = new Date();
  const loadAtStart = loadAverage();
  const total = opts.keys;
  const bucket = `pail-bench-list-${total}`;
  const firstName = keyName(1, total).slice(FOLDER.length);
  const lastName = keyName(total, total).slice(FOLDER.length);

  const { gateway, ownGateway } = await benchGateway();

  // The folder.
  const seeding = await seedFolder(gateway, bucket, total, { concurrency: opts.concurrency, log });
  if (opts.gatewayFile && !opts.keep) {
    cleanup.add(`removing bucket ${bucket}`, () => removeBucket(gateway, bucket, { log }));
  }

  // Pail: a private copy of the build, its web mode, a profile, and Chromium.
  const appRoot = await buildApp(opts.appDir, { skipBuild: opts.skipBuild, sourcemap: opts.profile });
  const web = await startWebMode(appRoot);
  cleanup.add('stopping the web mode', () => web.stop());
  const profileId = await createProfile(web, gateway, PROFILE_NAME);
  const browser = await launchChromium();
  cleanup.add('closing Chromium', () => browser.close());
  const chromiumVersion = browser.version();
  const awsCli = await awsVersion();

  // Listings nobody counts, so every client meets a warm gateway and Pail's server has compiled its code.
  const warm = await sdkListing(gateway, bucket, FOLDER);
  if (warm.entries !== total) throw new Error(`the SDK listed ${warm.entries} entries under ${FOLDER}, not ${total}`);
  const warmApi = await pailApiListing(web, profileId, bucket, FOLDER);
  log(`warm-up listings: SDK ${ms(warm.totalMs)}, Pail's API ${ms(warmApi.totalMs)}`);

  const sdk = [];
  const aws = [];
  const api = [];
  const pail = [];
  const timeoutMs = Math.max(120_000, total * 3);
  const cpu = () => cpuSnapshot({ gateway, webPid: web.pid, browser });
  /** Runs a listing and adds the CPU each process spent on it. */
  const withCpu = async (listing) => {
    const before = await cpu();
    const result = await listing();
    return { ...result, cpu: cpuSpent(before, await cpu()) };
  };
  // Pail's UI runs right after the SDK so that each round's pair meets the same machine load
  // (other work on a shared 2-core machine moves these figures a lot); aws, the slowest, runs last.
  const loads = [];
  for (let round = 1; round <= opts.rounds; round += 1) {
    const s = await withCpu(() => sdkListing(gateway, bucket, FOLDER));
    if (s.entries !== total) throw new Error(`the SDK listed ${s.entries} entries, not ${total}`);
    sdk.push(s);
    const p = pailFigures(
      await measurePail(browser, web, { profileName: PROFILE_NAME, bucket, folderName: 'big', total, firstName, lastName, timeoutMs, cpu }),
    );
    if (p.entries !== total) throw new Error(`Pail received ${p.entries} entries, not ${total}`);
    pail.push(p);
    const w = await withCpu(() => pailApiListing(web, profileId, bucket, FOLDER));
    if (w.entries !== total) throw new Error(`Pail's web API listed ${w.entries} entries, not ${total}`);
    api.push(w);
    const a = await awsListing(gateway, bucket, FOLDER);
    if (a.entries !== total) throw new Error(`aws s3 ls printed ${a.entries} lines, not ${total}`);
    aws.push(a);
    loads.push(os.loadavg()[0]);
    log(
      `round ${round} of ${opts.rounds}: SDK ${ms(s.firstMs)} / ${ms(s.totalMs)}, Pail ${ms(p.firstRowsMs)} / ${ms(p.wholeMs)}, ` +
        `API ${ms(w.firstMs)} / ${ms(w.totalMs)}, aws ${ms(a.firstMs)} / ${ms(a.totalMs)} (load ${loadAverage()})`,
    );
  }

  let profileSummary;
  if (opts.profile) {
    log('one more Pail run under the CPU profiler…');
    const raw = await measurePail(browser, web, {
      profileName: PROFILE_NAME,
      bucket,
      folderName: 'big',
      total,
      firstName,
      lastName,
      timeoutMs,
      cpuProfile: true,
    });
    profileSummary = {
      figures: pailFigures(raw),
      summary: [...summarizeCpuProfile(raw.profile, path.join(appRoot, 'out/renderer')), ...summarizeTrace(raw.trace)],
    };
  }

  printReport({
    opts,
    total,
    bucket,
    lastName,
    gateway,
    ownGateway,
    seeding,
    chromiumVersion,
    awsCli,
    startedAt,
    loadAtStart,
    sdk,
    aws,
    api,
    pail,
    loads,
    profileSummary,
  });
  if (opts.gatewayFile && opts.keep) log(`kept bucket ${bucket} on ${gateway.endpoint}`);
  if (!opts.gatewayFile && opts.keep) log('--keep has no effect on a gateway this run started: it is stopped at the end');
}

runBench({ usage: USAGE, options }, main).catch((error) => {
  log(`error: ${error?.stack ?? error}`);
  process.exitCode = 1;
});
