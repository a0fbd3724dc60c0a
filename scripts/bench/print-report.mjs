// The listing benchmark's printout: the side-by-side table, the targets with PASS/MISS, Pail's
// figures in detail, the CPU each process spent, and the profile summary when one was taken.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { CPU_COLUMNS, cpuTableRow } from './cpu-usage.mjs';
import { loadAverage, mb, median, ms, runs, table } from './report.mjs';
import { FOLDER } from './s3.mjs';

/** The issue's targets: first rows, whole listing against the raw SDK, renderer memory. */
export const TARGETS = { firstRowsMs: 300, ratio: 1.2, memoryBytes: 300e6 };

/** A short description of the code measured: its folder, and the branch and commit when it is a checkout (or a worktree). */
export function sourceState(dir) {
  const git = (...args) => spawnSync('git', ['-C', dir, ...args], { encoding: 'utf8', timeout: 10_000 });
  const commit = git('rev-parse', 'HEAD');
  if (commit.status !== 0) return `${dir} (not a git checkout)`;
  const branch = git('symbolic-ref', '--short', '-q', 'HEAD').stdout?.trim();
  return `${dir}: ${branch ? `${branch} ` : ''}${commit.stdout.trim().slice(0, 10)} plus the working tree as built`;
}

/** Writes the report to stdout; `r` holds the options, the run's context and every run's figures. */
export function printReport(r) {
  const { total, lastName, sdk, aws, api, pail } = r;
  const sdkWhole = median(sdk.map((s) => s.totalMs));
  const pailWhole = median(pail.map((p) => p.wholeMs));
  const awsWhole = median(aws.map((a) => a.totalMs));
  const pailFirst = median(pail.map((p) => p.firstRowsMs));
  const mem = (pick) => median(pail.map((p) => pick(p.memory)));
  const rss = mem((x) => x.after.process.rss);
  const heap = mem((x) => x.after.heapUsed);
  const memoryFigure = rss ?? heap;
  // Each round's Pail run against the same round's SDK run: slow swings in machine load cancel out.
  const pairRatios = pail.map((p, i) => p.wholeMs / sdk[i].totalMs);
  const pairRatio = median(pairRatios);
  const ratio = (v) => (v === undefined || !sdkWhole ? '—' : `${(v / sdkWhole).toFixed(2)}×`);
  const out = [];
  const line = (text = '') => out.push(text);

  line(`Pail listing benchmark: ${total.toLocaleString('en-US')} keys in s3://${r.bucket}/${FOLDER}`);
  line(`  when      ${r.startedAt.toISOString()}; load average ${r.loadAtStart} at start, ${loadAverage()} at the end (${os.cpus().length} cores)`);
  line(`  gateway   Ceph RADOS Gateway at ${r.gateway.endpoint} (${r.ownGateway ? 'started for this run' : 'reused'})`);
  line(`  clients   Node ${process.version}, @aws-sdk/client-s3, ${r.awsCli ?? 'aws (version unknown)'}, Chromium ${r.chromiumVersion} (headless)`);
  line(`  code      ${sourceState(r.opts.appDir)}`);
  if (r.seeding.put > 0) {
    line(
      `  seeding   ${r.seeding.put.toLocaleString('en-US')} PUTs in ${(r.seeding.ms / 1000).toFixed(1)} s = ` +
        `${Math.round(r.seeding.rate)} PUTs/s (${r.seeding.concurrency} in flight, keep-alive, hand-signed SigV4)`,
    );
  } else {
    line('  seeding   none: the bucket already held every key');
  }
  line(`  figures   medians of ${r.opts.rounds} round(s); each round runs the SDK, Pail's UI, Pail's API, then aws; every run under "runs"`);
  line();
  line(
    table(
      [
        ['', 'first rows', 'whole listing', 'vs raw SDK', 'memory'],
        [
          'Pail (web mode, Chromium)',
          ms(pailFirst),
          ms(pailWhole),
          ratio(pailWhole),
          rss !== undefined ? `renderer RSS ${mb(rss)} (peak ${mb(mem((x) => x.after.process.peakRss))}), JS heap ${mb(heap)}` : `JS heap ${mb(heap)}`,
        ],
        ['raw SDK ListObjectsV2', ms(median(sdk.map((s) => s.firstMs))), ms(sdkWhole), ratio(sdkWhole), '—'],
        ['aws s3 ls (CLI v1)', ms(median(aws.map((a) => a.firstMs))), ms(awsWhole), ratio(awsWhole), '—'],
        [
          '(diagnostic) Pail web API, no UI',
          ms(median(api.map((w) => w.firstMs))),
          ms(median(api.map((w) => w.totalMs))),
          ratio(median(api.map((w) => w.totalMs))),
          '—',
        ],
      ],
      { align: ['l', 'r', 'r', 'r', 'l'] },
    ),
  );
  line();
  line('  runs      Pail first rows ' + runs(pail.map((p) => p.firstRowsMs)) + ' ms; whole ' + runs(pail.map((p) => p.wholeMs)) + ' ms');
  line('            SDK  first page ' + runs(sdk.map((s) => s.firstMs)) + ' ms; whole ' + runs(sdk.map((s) => s.totalMs)) + ' ms');
  line('            aws  first line ' + runs(aws.map((a) => a.firstMs)) + ' ms; whole ' + runs(aws.map((a) => a.totalMs)) + ' ms');
  line('            API  first page ' + runs(api.map((w) => w.firstMs)) + ' ms; whole ' + runs(api.map((w) => w.totalMs)) + ' ms');
  line(
    `            Pail ÷ SDK in the same round ${runs(pairRatios, (v) => `${v.toFixed(2)}×`)}; load average (1 min) after each round ${runs(r.loads, (v) => v.toFixed(1))}`,
  );
  line();
  line('Targets');
  const verdict = (ok) => (ok ? 'PASS' : 'MISS');
  line(`  ${verdict(pailFirst < TARGETS.firstRowsMs)}  first rows under ${TARGETS.firstRowsMs} ms: ${ms(pailFirst)}`);
  line(
    `  ${verdict(pairRatio <= TARGETS.ratio)}  whole listing within ${TARGETS.ratio}× the raw SDK paging: ${pairRatio.toFixed(2)}× ` +
      `(median of the rounds' Pail ÷ SDK; the medians' ratio is ${ratio(pailWhole)}: ${ms(pailWhole)} vs ${ms(sdkWhole)})`,
  );
  line(
    `  ${verdict(memoryFigure < TARGETS.memoryBytes)}  renderer memory under ${mb(TARGETS.memoryBytes)}: ` +
      (rss !== undefined
        ? `${mb(rss)} RSS of the page's renderer process once the listing is in (its peak so far: ${mb(mem((x) => x.after.process.peakRss))})`
        : `${mb(heap)} JS heap (no process figure)`),
  );
  line();
  line('Pail in detail (medians over the runs)');
  const m = (pick) => median(pail.map(pick));
  line(
    `  first rows  in the DOM ${ms(m((p) => p.firstRowsDomMs))}, painted ${ms(m((p) => p.firstRowsMs))}; first request sent ${ms(m((p) => p.firstRequestAfterMs))} after the double-click; first page request ${ms(m((p) => p.firstPageMs))} (SDK first page ${ms(median(sdk.map((s) => s.firstMs)))})`,
  );
  line(
    `  pages       ${m((p) => p.pages)} requests; each page sent → parsed ${ms(m((p) => p.requestMedianMs))} (of which body + JSON ${ms(m((p) => p.transferMedianMs))}); SDK page ${ms(median(sdk.map((s) => median(s.pageMs))))}, API page ${ms(median(api.map((w) => median(w.pageMs))))}`,
  );
  line(
    `              requests in all ${ms(m((p) => p.requestTotalMs))}; renderer between a page and the next request: median ${ms(m((p) => p.gapMedianMs))}, max ${ms(m((p) => p.gapMaxMs))}, in all ${ms(m((p) => p.gapTotalMs))}; last page → status ${ms(m((p) => p.tailMs))}`,
  );
  line(
    `  main thread long tasks (> 50 ms) during the listing, per run: ${runs(pail.map((p) => p.longTaskCount))}; ` +
      `in all ${runs(pail.map((p) => p.longTaskTotalMs))} ms; longest ${runs(pail.map((p) => p.longTaskMaxMs))} ms`,
  );
  if (rss !== undefined) {
    line(
      `  memory      renderer RSS ${mb(mem((x) => x.before.process.rss))} before the double-click, ${mb(rss)} with the listing in, ` +
        `peak ${mb(mem((x) => x.after.process.peakRss))}; PSS ${mb(mem((x) => x.after.process.pss))}, ` +
        `private ${mb(mem((x) => x.after.process.private))}; RSS ${mb(mem((x) => x.afterGc.process.rss))} after a full GC ` +
        `(the page's own renderer, of ${mem((x) => x.rendererCount)} renderer processes)`,
    );
  }
  line(
    `${rss !== undefined ? '              ' : '  memory      '}JS heap used ${mb(mem((x) => x.before.heapUsed))} before, peak sampled ${mb(mem((x) => x.peak.heapUsed))} ` +
      `(allocated ${mb(mem((x) => x.peak.heapTotal))}), ${mb(heap)} after, ${mb(mem((x) => x.afterGc.heapUsed))} after a full GC; ` +
      `DOM nodes ${mem((x) => x.domNodes)}; Blink heap ${mb(mem((x) => x.blinkHeap))}, ArrayBuffers ${mb(mem((x) => x.backingStores))} (${mb(mem((x) => x.backingStoresAfterGc))} after GC)`,
  );
  line(
    `  scrolling   End on the first row → ${lastName} painted: ${ms(m((p) => p.scroll.endToLastRowMs))}; ` +
      `${pail[0].scroll.wheelEvents} wheel steps of 1,600 px in ${ms(m((p) => p.scroll.wheelMs))}, worst frame gap ${ms(m((p) => p.scroll.worstFrameMs))}`,
  );
  line();
  line('CPU time each process spent during the listing (medians; a core-second is 1,000 ms; the machine has ' + os.cpus().length + ' cores)');
  line(
    table(
      [
        ['', 'wall', ...CPU_COLUMNS, 'all', 'cores busy'],
        cpuTableRow('raw SDK', sdk, sdkWhole),
        cpuTableRow('Pail web API, no UI', api, median(api.map((w) => w.totalMs))),
        cpuTableRow('Pail UI', pail, pailWhole),
      ],
      { gap: '  ' },
    ),
  );
  if (r.profileSummary) {
    line();
    line(`CPU profile and trace of one more Pail listing (whole ${ms(r.profileSummary.figures.wholeMs)} with the profiler on)`);
    for (const text of r.profileSummary.summary) line(`  ${text}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
