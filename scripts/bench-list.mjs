#!/usr/bin/env node
// `npm run bench:list`: how fast Pail lists one big folder, side by side with the raw SDK and
// `aws s3 ls` in the same run. Prints figures; it is not a test and nothing in `npm test` runs it.
//
//   node scripts/bench-list.mjs [--keys 100000] [--gateway <gateway.json>] [--keep]
//                               [--rounds 3] [--concurrency 96] [--skip-build] [--profile]
//
// Without --gateway it starts a Ceph gateway of its own (scripts/gateway.mjs) and stops it at the
// end. Seeds s3://pail-bench-list-<keys>/big/ with <keys> tiny objects (skipped when a reused
// gateway already holds them), then per round: the SDK paging ListObjectsV2, `aws s3 ls`, and
// Pail's web mode in Chromium (double-click the folder, time first rows and the whole listing
// inside the page, then memory and scrolling). Each figure is the median of the rounds.
// Progress goes to stderr, the report to stdout.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startGateway, stopGateway } from './gateway.mjs';
import { summarizeCpuProfile } from './bench/cpu-profile.mjs';
import { buildApp, createProfile, startWebMode } from './bench/pail-app.mjs';
import { launchChromium, measurePail } from './bench/pail-browser.mjs';
import { pailFigures } from './bench/pail-figures.mjs';
import { awsListing, awsVersion, sdkListing } from './bench/peers.mjs';
import { mb, median, ms, runs, table } from './bench/report.mjs';
import { FOLDER, keyName, removeBucket, seedFolder } from './bench/s3.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ROOT = path.join(import.meta.dirname, '..');
const TARGETS = { firstRowsMs: 300, ratio: 1.2, memoryBytes: 300e6 };
const PROFILE_NAME = 'Bench gateway';

const USAGE = `usage: node scripts/bench-list.mjs [options]
  --keys N           keys in the folder (default 100000)
  --gateway FILE     reuse a running gateway (its gateway.json) instead of starting one
  --keep             keep the seeded bucket on a reused gateway (the next run skips seeding)
  --rounds N         measured rounds of each client (default 3; the report shows medians)
  --concurrency N    PUTs in flight while seeding (default 96)
  --skip-build       serve the existing out/ instead of running electron-vite build
  --profile          one more Pail run under the V8 CPU profiler; prints where renderer time goes`;

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
  };
}

const log = (message) => process.stderr.write(`[bench] ${message}\n`);

/** Everything started so far, stopped in reverse order; safe to call twice. */
function createCleanup() {
  const steps = [];
  let ran = false;
  return {
    add(what, fn) {
      steps.push([what, fn]);
    },
    async run() {
      if (ran) return;
      ran = true;
      for (const [what, fn] of steps.reverse()) {
        try {
          await fn();
        } catch (error) {
          log(`while cleaning up (${what}): ${error.message}`);
        }
      }
    },
  };
}

function loadAverage() {
  return os.loadavg().map((l) => l.toFixed(2)).join(' ');
}

/** A short description of the code measured: the commit, and whether the tree has changes. */
function sourceState() {
  try {
    const head = fs.readFileSync(path.join(ROOT, '.git/HEAD'), 'utf8').trim();
    const ref = head.startsWith('ref: ') ? head.slice(5) : undefined;
    const commit = ref ? fs.readFileSync(path.join(ROOT, '.git', ref), 'utf8').trim() : head;
    return `${ref ? ref.replace('refs/heads/', '') + ' ' : ''}${commit.slice(0, 10)} (plus the working tree as built)`;
  } catch {
    return 'unknown';
  }
}

async function main() {
  const opts = options();
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const cleanup = createCleanup();
  const onSignal = (signal) => {
    log(`${signal}: cleaning up`);
    void cleanup.run().then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const startedAt = new Date();
  const loadAtStart = loadAverage();
  const total = opts.keys;
  const bucket = `pail-bench-list-${total}`;
  const firstName = keyName(1, total).slice(FOLDER.length);
  const lastName = keyName(total, total).slice(FOLDER.length);

  try {
    // The gateway: reused, or our own for this run.
    let gateway;
    let ownGateway = false;
    if (opts.gatewayFile) {
      gateway = JSON.parse(fs.readFileSync(opts.gatewayFile, 'utf8'));
      log(`reusing the gateway at ${gateway.endpoint} (${opts.gatewayFile})`);
    } else {
      log('starting a Ceph gateway for this run…');
      gateway = await startGateway({ state: false });
      ownGateway = true;
      cleanup.add('stopping the gateway', () => stopGateway(gateway));
    }

    // The folder.
    const seeding = await seedFolder(gateway, bucket, total, { concurrency: opts.concurrency, log });
    if (opts.gatewayFile && !opts.keep) {
      cleanup.add(`removing bucket ${bucket}`, () => removeBucket(gateway, bucket, { log }));
    }

    // Pail: a private copy of the build, its web mode, a profile, and Chromium.
    const appRoot = buildApp(ROOT, { skipBuild: opts.skipBuild, sourcemap: opts.profile, log });
    cleanup.add('removing the app copy', () => fs.rmSync(appRoot, { recursive: true, force: true }));
    const web = await startWebMode(appRoot);
    cleanup.add('stopping the web mode', () => web.stop());
    await createProfile(web, gateway, PROFILE_NAME);
    const browser = await launchChromium();
    cleanup.add('closing Chromium', () => browser.close());
    const chromiumVersion = browser.version();
    const awsCli = await awsVersion();

    // A listing nobody counts, so every client meets a warm gateway.
    const warm = await sdkListing(gateway, bucket, FOLDER);
    if (warm.entries !== total) throw new Error(`the SDK listed ${warm.entries} entries under ${FOLDER}, not ${total}`);
    log(`warm-up listing: ${ms(warm.totalMs)}`);

    const sdk = [];
    const aws = [];
    const pail = [];
    const timeoutMs = Math.max(120_000, total * 3);
    for (let round = 1; round <= opts.rounds; round += 1) {
      const s = await sdkListing(gateway, bucket, FOLDER);
      if (s.entries !== total) throw new Error(`the SDK listed ${s.entries} entries, not ${total}`);
      sdk.push(s);
      const a = await awsListing(gateway, bucket, FOLDER);
      if (a.entries !== total) throw new Error(`aws s3 ls printed ${a.entries} lines, not ${total}`);
      aws.push(a);
      const p = pailFigures(
        await measurePail(browser, web, { profileName: PROFILE_NAME, bucket, folderName: 'big', total, firstName, lastName, timeoutMs }),
      );
      if (p.entries !== total) throw new Error(`Pail received ${p.entries} entries, not ${total}`);
      pail.push(p);
      log(
        `round ${round} of ${opts.rounds}: SDK ${ms(s.firstMs)} / ${ms(s.totalMs)}, aws ${ms(a.firstMs)} / ${ms(a.totalMs)}, ` +
          `Pail ${ms(p.firstRowsMs)} / ${ms(p.wholeMs)} (load ${loadAverage()})`,
      );
    }

    let profileSummary;
    if (opts.profile) {
      log('one more Pail run under the CPU profiler…');
      const raw = await measurePail(browser, web, {
        profileName: PROFILE_NAME, bucket, folderName: 'big', total, firstName, lastName, timeoutMs, cpuProfile: true,
      });
      profileSummary = { figures: pailFigures(raw), summary: summarizeCpuProfile(raw.profile, path.join(appRoot, 'out/renderer')) };
    }

    printReport({
      opts, total, bucket, lastName, gateway, ownGateway, seeding, chromiumVersion, awsCli, startedAt, loadAtStart,
      sdk, aws, pail, profileSummary,
    });
    if (opts.gatewayFile && opts.keep) log(`kept bucket ${bucket} on ${gateway.endpoint}`);
    if (!opts.gatewayFile && opts.keep) log('--keep has no effect on a gateway this run started: it is stopped at the end');
  } finally {
    await cleanup.run();
  }
}

function printReport(r) {
  const { total, lastName, sdk, aws, pail } = r;
  const sdkWhole = median(sdk.map((s) => s.totalMs));
  const pailWhole = median(pail.map((p) => p.wholeMs));
  const awsWhole = median(aws.map((a) => a.totalMs));
  const pailFirst = median(pail.map((p) => p.firstRowsMs));
  const rss = median(pail.map((p) => p.memory.renderer?.rssKb * 1024));
  const heap = median(pail.map((p) => p.memory.jsHeapUsed));
  const memoryFigure = rss ?? heap;
  const ratio = (v) => (v === undefined || !sdkWhole ? '—' : `${(v / sdkWhole).toFixed(2)}×`);
  const out = [];
  const line = (text = '') => out.push(text);

  line(`Pail listing benchmark: ${total.toLocaleString('en-US')} keys in s3://${r.bucket}/${FOLDER}`);
  line(`  when      ${r.startedAt.toISOString()}; load average ${r.loadAtStart} at start, ${loadAverage()} at the end (${os.cpus().length} cores)`);
  line(`  gateway   Ceph RADOS Gateway at ${r.gateway.endpoint} (${r.ownGateway ? 'started for this run' : 'reused'})`);
  line(`  clients   Node ${process.version}, @aws-sdk/client-s3, ${r.awsCli ?? 'aws (version unknown)'}, Chromium ${r.chromiumVersion} (headless)`);
  line(`  code      ${sourceState()}`);
  if (r.seeding.put > 0) {
    line(
      `  seeding   ${r.seeding.put.toLocaleString('en-US')} PUTs in ${(r.seeding.ms / 1000).toFixed(1)} s = ` +
        `${Math.round(r.seeding.rate)} PUTs/s (${r.seeding.concurrency} in flight, keep-alive, hand-signed SigV4)`,
    );
  } else {
    line('  seeding   none: the bucket already held every key');
  }
  line(`  figures   medians of ${r.opts.rounds} round(s); each round runs the SDK, then aws, then Pail; runs in brackets`);
  line();
  line(
    table([
      ['', 'first rows', 'whole listing', 'vs raw SDK', 'memory'],
      ['Pail (web mode, Chromium)', ms(pailFirst), ms(pailWhole), ratio(pailWhole),
        rss !== undefined ? `renderer RSS ${mb(rss)}, JS heap ${mb(heap)}` : `JS heap ${mb(heap)}`],
      ['raw SDK ListObjectsV2', ms(median(sdk.map((s) => s.firstMs))), ms(sdkWhole), ratio(sdkWhole), '—'],
      ['aws s3 ls (CLI v1)', ms(median(aws.map((a) => a.firstMs))), ms(awsWhole), ratio(awsWhole), '—'],
    ]),
  );
  line();
  line('  runs      Pail first rows ' + runs(pail.map((p) => p.firstRowsMs)) + ' ms; whole ' + runs(pail.map((p) => p.wholeMs)) + ' ms');
  line('            SDK  first page ' + runs(sdk.map((s) => s.firstMs)) + ' ms; whole ' + runs(sdk.map((s) => s.totalMs)) + ' ms');
  line('            aws  first line ' + runs(aws.map((a) => a.firstMs)) + ' ms; whole ' + runs(aws.map((a) => a.totalMs)) + ' ms');
  line();
  line('Targets');
  const verdict = (ok) => (ok ? 'PASS' : 'MISS');
  line(`  ${verdict(pailFirst < TARGETS.firstRowsMs)}  first rows under ${TARGETS.firstRowsMs} ms: ${ms(pailFirst)}`);
  line(`  ${verdict(pailWhole <= sdkWhole * TARGETS.ratio)}  whole listing within ${TARGETS.ratio}× the raw SDK paging: ${ratio(pailWhole)} (${ms(pailWhole)} vs ${ms(sdkWhole)})`);
  line(
    `  ${verdict(memoryFigure < TARGETS.memoryBytes)}  renderer memory under ${mb(TARGETS.memoryBytes)}: ` +
      (rss !== undefined ? `${mb(rss)} RSS of the page's renderer process` : `${mb(heap)} JS heap (no process figure)`),
  );
  line();
  line('Pail in detail (medians over the runs)');
  const m = (pick) => median(pail.map(pick));
  line(`  first rows  in the DOM ${ms(m((p) => p.firstRowsDomMs))}, painted ${ms(m((p) => p.firstRowsMs))}; first request sent ${ms(m((p) => p.firstRequestAfterMs))} after the double-click; first page request ${ms(m((p) => p.firstPageMs))} (SDK first page ${ms(median(sdk.map((s) => s.firstMs)))})`);
  line(`  pages       ${m((p) => p.pages)} requests; each page sent → parsed ${ms(m((p) => p.requestMedianMs))} (of which body + JSON ${ms(m((p) => p.transferMedianMs))}); SDK page ${ms(median(sdk.map((s) => median(s.pageMs))))}`);
  line(`              requests in all ${ms(m((p) => p.requestTotalMs))}; renderer between a page and the next request: median ${ms(m((p) => p.gapMedianMs))}, max ${ms(m((p) => p.gapMaxMs))}, in all ${ms(m((p) => p.gapTotalMs))}; last page → status ${ms(m((p) => p.tailMs))}`);
  line(`  main thread ${m((p) => p.longTaskCount)} long tasks (> 50 ms) during the listing, ${ms(m((p) => p.longTaskTotalMs))} in all, longest ${ms(m((p) => p.longTaskMaxMs))}`);
  const mem = (pick) => m((p) => pick(p.memory));
  line(
    `  memory      JS heap used ${mb(mem((x) => x.jsHeapUsed))} (${mb(mem((x) => x.jsHeapUsedAfterGc))} after a full GC), allocated ${mb(mem((x) => x.jsHeapTotal))}; ` +
      `DOM nodes ${mem((x) => x.domNodes)}`,
  );
  if (rss !== undefined) {
    line(
      `              renderer process RSS ${mb(rss)}, PSS ${mb(mem((x) => x.renderer?.pssKb * 1024))}, private ${mb(mem((x) => x.renderer?.privateKb * 1024))}; ` +
        `after GC RSS ${mb(mem((x) => x.rendererAfterGc?.rssKb * 1024))} (${mem((x) => x.rendererCount)} renderer process(es); the largest is the page's)`,
    );
  }
  line(
    `  scrolling   End on the first row → ${lastName} painted: ${ms(m((p) => p.scroll.endToLastRowMs))}; ` +
      `${pail[0].scroll.wheelEvents} wheel steps of 1,600 px in ${ms(m((p) => p.scroll.wheelMs))}, worst frame gap ${ms(m((p) => p.scroll.worstFrameMs))}`,
  );
  if (r.profileSummary) {
    line();
    line(`CPU profile of one more Pail listing (whole ${ms(r.profileSummary.figures.wholeMs)} with the profiler on)`);
    for (const text of r.profileSummary.summary) line(`  ${text}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((error) => {
  log(`error: ${error?.stack ?? error}`);
  process.exitCode = 1;
});
