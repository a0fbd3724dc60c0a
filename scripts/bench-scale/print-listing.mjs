// The scale benchmark's listing report: how the seeded folders came to be, Pail's UI beside raw SDK
// paging at each size with PASS/FAIL beside each figure, the growth between sizes, the renderer's
// memory in detail, and the command lines' time and peak memory.
import os from 'node:os';
import { CPU_COLUMNS, cpuTableRow } from '../bench/cpu-usage.mjs';
import { mb, median, ms, runs, spread, table } from '../bench/report.mjs';
import { FOLDER } from '../bench/s3.mjs';
import { LISTING_COMMANDS } from './listing.mjs';
import { count, FIRST_PAGE_ROWS, growth, judged, medianOf, seconds, TARGETS } from './targets.mjs';

const LISTING_CLIS = Object.keys(LISTING_COMMANDS);

/** The renderer's own memory in a processMemory() figure: private bytes, else RSS. */
const ownBytes = (process) => process.private ?? process.rss;

/** What a listing added to its renderer's own memory: after it less before it, each after a full GC. */
const listingBytes = (run) => ownBytes(run.memory.afterGc.process) - ownBytes(run.memory.before.process);

/** The page's renderer process around a folder's listings: medians of its memory figures. */
function memoryOf(pail) {
  const pailMedian = (pick) => median(pail.map(pick));
  return {
    before: pailMedian((p) => ownBytes(p.memory.before.process)),
    after: pailMedian((p) => ownBytes(p.memory.after.process)),
    afterGc: pailMedian((p) => ownBytes(p.memory.afterGc.process)),
    rssAfter: pailMedian((p) => p.memory.after.process.rss),
    heapAfterGc: pailMedian((p) => p.memory.afterGc.heapUsed),
    domNodes: pailMedian((p) => p.memory.domNodes),
  };
}

/**
 * The same folder in Pail's own window (no DevTools client: listInBareWindow), where the issue's renderer and
 * whole-listing targets are judged: medians over the rounds; bytes/row = what the listing added to the RSS (after
 * GC less before) less what a folder of one page added in the same window, over every row beyond the first page.
 */
function bareFiguresOf(keys, sdk, bare, firstPageBareBytes) {
  if (bare.length === 0) return undefined;
  return {
    whole: median(bare.map((b) => b.wholeMs)),
    ratio: median(bare.map((b, i) => b.wholeMs / sdk[i].totalMs)),
    peak: median(bare.map((b) => b.peakRss)),
    after: median(bare.map((b) => b.afterRss)),
    bytesPerRow: keys > FIRST_PAGE_ROWS ? median(bare.map((b) => (b.afterRss - b.beforeRss - firstPageBareBytes) / (keys - FIRST_PAGE_ROWS))) : undefined,
  };
}

/** One folder's figures: medians over its rounds; `firstPageBytes` is what listing one page added. */
function figuresOf({ keys, sdk, pail, bare = [], cli }, firstPageBytes, firstPageBareBytes) {
  const pailMedian = (pick) => median(pail.map(pick));
  return {
    keys,
    firstRows: pailMedian((p) => p.firstRowsMs),
    whole: pailMedian((p) => p.wholeMs),
    sdk: median(sdk.map((s) => s.totalMs)),
    // Each round's Pail run against the same round's SDK run: slow swings in the machine's load cancel out.
    ratio: median(pail.map((p, i) => p.wholeMs / sdk[i].totalMs)),
    peak: pailMedian((p) => p.rendererPeakRss),
    bytesPerRow: keys > FIRST_PAGE_ROWS ? pailMedian((p) => (listingBytes(p) - firstPageBytes) / (keys - FIRST_PAGE_ROWS)) : undefined,
    sort: pailMedian((p) => p.sort.ms),
    filter: pailMedian((p) => p.filter.ms),
    memory: memoryOf(pail),
    bare: bareFiguresOf(keys, sdk, bare, firstPageBareBytes),
    cli: Object.fromEntries(
      LISTING_CLIS.map((id) => [
        id,
        { ms: medianOf(cli[id], (r) => r.ms), peak: medianOf(cli[id], (r) => r.peakBytes), failed: cli[id].some((r) => !r.ok), ran: cli[id].length > 0 },
      ]),
    ),
  };
}

/** The seeding line: what this run PUT and how fast, or the earlier run's figures from the markers. */
function seedingLines(folders) {
  const now = folders.filter((f) => f.put > 0);
  const earlier = folders.filter((f) => f.put === 0 && f.earlier);
  const lines = [];
  if (now.length) {
    const puts = now.reduce((a, f) => a + f.put, 0);
    const secs = now.reduce((a, f) => a + f.seconds, 0);
    lines.push(
      `  seeding   this run PUT ${count(puts)} empty objects in ${secs.toFixed(1)} s = ${Math.round(puts / secs)} PUTs/s ` +
        `(${now.map((f) => `${count(f.put)} in ${f.seconds.toFixed(1)} s`).join(', ')}; ${now[0].concurrency} in flight, keep-alive, hand-signed SigV4)`,
    );
  }
  if (earlier.length) {
    lines.push(
      `  seeding   none now for ${earlier.map((f) => count(f.keys)).join(', ')} keys: an earlier run seeded them ` +
        `(${earlier.map((f) => `${count(f.earlier.put)} PUTs in ${f.earlier.seconds.toFixed(1)} s on ${f.earlier.at.slice(0, 16)}Z`).join('; ')})`,
    );
  }
  return lines;
}

/** Writes the listing part's report to stdout. */
export function printListing({ firstPage, folders, results, rounds, browserVersion, scheme, loadAtStart, loadAtEnd }) {
  const out = [];
  const line = (text = '') => out.push(text);
  const firstPageBytes = median(firstPage.pail.map(listingBytes));
  // What one page costs Pail's own window (RSS after GC less before), left out of its bytes a row likewise.
  const firstPageBareBytes = firstPage.bare?.length ? median(firstPage.bare.map((b) => b.afterRss - b.beforeRss)) : 0;
  const figures = results.map((result) => figuresOf(result, firstPageBytes, firstPageBareBytes));
  const largest = Math.max(...figures.map((f) => f.keys));
  const ratio = (v) => `${v.toFixed(2)}×`;
  line(`Listing one folder of N empty objects (s3://pail-bench-scale-N/${FOLDER}) at ${figures.map((f) => count(f.keys)).join(', ')} keys`);
  line(`  load      ${loadAtStart} at the start of this part, ${loadAtEnd} at its end (1, 5, 15 min)`);
  line(`  browser   Chromium ${browserVersion} (headless), a fresh context each run, Pail's web mode on loopback`);
  line(`  scheme    every listing over ${scheme.label} (${scheme.endpoint})`);
  for (const text of seedingLines(folders)) line(text);
  const ranClis = LISTING_CLIS.filter((id) => results.some((r) => r.cli[id].length > 0)).map((id) => LISTING_COMMANDS[id]);
  const afterUi = figures.every((f) => f.bare) ? ", then Pail's UI in its own window" : '';
  line(`  figures   medians of ${rounds} round(s); each round runs the SDK, Pail's UI${afterUi}${ranClis.length ? `, then ${ranClis.join(', ')}` : ''}`);
  line();

  line("Pail's UI (web mode in Chromium, headless) beside raw SDK paging (ListObjectsV2, 1,000 a page, one after another)");
  line(
    table(
      [
        ['keys', 'first rows', 'whole listing', 'SDK paging', 'Pail ÷ SDK', 'renderer peak', 'bytes/row', 'sort Z→A', 'filter'],
        ...figures.map((f) => {
          // The issue sets these targets for the biggest folder; the smaller ones show how the figures grow toward it.
          const at = (value, format, ok) => (f.keys === largest ? judged(value, format, ok) : value === undefined ? '—' : format(value));
          return [
            count(f.keys),
            at(f.firstRows, ms, (v) => v < TARGETS.firstRowsMs),
            ms(f.whole),
            ms(f.sdk),
            // With the own window measured, these three are judged there (below): here DevTools' copies weigh in.
            f.bare ? ratio(f.ratio) : at(f.ratio, ratio, (v) => v <= TARGETS.wholeRatio),
            f.bare ? mb(f.peak) : at(f.peak, mb, (v) => v <= TARGETS.rendererPeakBytes),
            f.bare
              ? f.bytesPerRow === undefined
                ? '—'
                : String(Math.round(f.bytesPerRow))
              : judged(
                  f.bytesPerRow,
                  (v) => String(Math.round(v)),
                  (v) => v <= TARGETS.bytesPerRow,
                ),
            at(f.sort, ms, (v) => v < TARGETS.sortMs),
            at(f.filter, ms, (v) => v < TARGETS.filterMs),
          ];
        }),
        ...figures.slice(1).map((f, i) => {
          const b = figures[i];
          return [
            `${count(b.keys)} → ${count(f.keys)}`,
            growth(b.firstRows, f.firstRows),
            growth(b.whole, f.whole),
            growth(b.sdk, f.sdk),
            growth(b.ratio, f.ratio),
            growth(b.peak, f.peak),
            growth(b.bytesPerRow, f.bytesPerRow),
            growth(b.sort, f.sort),
            growth(b.filter, f.filter),
          ];
        }),
      ],
      { gap: '  ' },
    ),
  );
  line(
    `  targets   at ${count(largest)} keys: first rows < ${TARGETS.firstRowsMs} ms; whole listing ≤ ${TARGETS.wholeRatio}× the SDK's (median of each round's ` +
      `Pail ÷ SDK); renderer peak ≤ ${mb(TARGETS.rendererPeakBytes)};`,
  );
  line(`            sort and filter < ${TARGETS.sortMs} ms; at every size: ≤ ${TARGETS.bytesPerRow} bytes a row beyond the first page`);
  line(`  measured  first rows and whole listing from the double-click on the folder to the rows (the status line's count) painted;`);
  line(`            renderer peak = VmHWM of the page's renderer process after the listing, the sort and the filter;`);
  line(
    `            bytes/row = (what the listing added to the renderer's private memory − what a folder of one page, ${count(FIRST_PAGE_ROWS)} keys, ` +
      `added: ${mb(firstPageBytes)}) ÷ (rows − ${count(FIRST_PAGE_ROWS)});`,
  );
  line(`            "added" = after the listing less before the double-click, both after a full GC, in the page's own renderer process;`);
  line(`            sort = click on the Name header (A→Z to Z→A), filter = one key typed in "Filter this folder", each to the first row changed, painted`);
  line(`  growth    rows "A → B": each figure at B keys ÷ the same figure at A keys (flat per row: ×B/A for the listing's times, ×1 for bytes/row)`);
  line();

  if (figures.every((f) => f.bare)) {
    line("The same folders in Pail's own window: a Chromium no DevTools client instruments (Playwright's session makes Chromium keep a copy");
    line("of every listing answer, up to about 200 MB, and costs CPU; Pail's window has no DevTools attached): the renderer and whole-listing targets");
    line(
      table(
        [
          ['keys', 'whole listing', 'Pail ÷ SDK', 'renderer peak', 'after GC', 'bytes/row'],
          ...figures.map((f) => {
            const at = (value, format, ok) => (f.keys === largest ? judged(value, format, ok) : value === undefined ? '—' : format(value));
            return [
              count(f.keys),
              ms(f.bare.whole),
              at(f.bare.ratio, ratio, (v) => v <= TARGETS.wholeRatio),
              at(f.bare.peak, mb, (v) => v <= TARGETS.rendererPeakBytes),
              mb(f.bare.after),
              judged(
                f.bare.bytesPerRow,
                (v) => String(Math.round(v)),
                (v) => v <= TARGETS.bytesPerRow,
              ),
            ];
          }),
          ...figures
            .slice(1)
            .map((f, i) => [
              `${count(figures[i].keys)} → ${count(f.keys)}`,
              growth(figures[i].bare.whole, f.bare.whole),
              growth(figures[i].bare.ratio, f.bare.ratio),
              growth(figures[i].bare.peak, f.bare.peak),
              growth(figures[i].bare.after, f.bare.after),
              growth(figures[i].bare.bytesPerRow, f.bare.bytesPerRow),
            ]),
        ],
        { gap: '  ' },
      ),
    );
    line(
      `  measured  whole listing = the double-click to the status line's count, timed in the page; renderer peak = the higher of VmHWM and RSS sampled every 200 ms;`,
    );
    line(
      `            after GC = RSS once the listing, the sort worker's orders and a full GC are done; bytes/row = (after GC − before − what a folder of one page,`,
    );
    line(`            ${count(FIRST_PAGE_ROWS)} keys, added there: ${mb(firstPageBareBytes)}) ÷ (rows − ${count(FIRST_PAGE_ROWS)})`);
    line();
    // Where the two cores went: Pail's listing costs the machine what the SDK's does plus Pail's server and Chromium.
    line(`CPU time each process spent listing, the SDK beside Pail's own window (medians; ms of CPU; the machine has ${os.cpus().length} cores)`);
    line(
      table(
        [
          ['', 'wall', ...CPU_COLUMNS, 'all', 'cores busy'],
          ...results.flatMap((result) => [
            cpuTableRow(`${count(result.keys)}: SDK`, result.sdk, median(result.sdk.map((s) => s.totalMs))),
            cpuTableRow(`${count(result.keys)}: own window`, result.bare, median(result.bare.map((b) => b.wholeMs))),
          ]),
        ],
        { gap: '  ' },
      ),
    );
    line(`  measured  "bench (SDK)" is the benchmark's own process: the SDK's paging, or driving the window (DevTools calls, polling the count)`);
    line();
    line("Where a listing page's time went (medians over the rounds of each listing's p50 / p90 / sum, in ms)");
    const pageCell = (list, pick) => {
      const m = (q) => median(list.map((x) => pick(x)?.[q]).filter((v) => v !== undefined));
      return `${ms(m('p50'))} / ${ms(m('p90'))} / ${seconds(m('sum'))}`;
    };
    line(
      table(
        [
          ['keys', 'SDK: a page', "own window: Pail's server", 'the answer on the wire', "the page's turnaround"],
          ...results.map((result) => [
            count(result.keys),
            pageCell(result.sdk, (s) => (s.pageMs?.length ? spread(s.pageMs) : undefined)),
            pageCell(result.bare, (b) => b.pageTimes?.server),
            pageCell(result.bare, (b) => b.pageTimes?.body),
            pageCell(result.bare, (b) => b.pageTimes?.turnaround),
          ]),
        ],
        { gap: '  ' },
      ),
    );
    line(`  measured  Pail's server = the request sent to the answer's first byte (waiting for S3, or handing over the page read ahead);`);
    line(`            turnaround = the answer's last byte to the next request (the page merging rows and asking again); Resource Timing, in the page`);
    line();
  }

  line("The page's renderer process in detail (private memory; medians)");
  line(
    table([
      ['keys', 'before', 'listing in', 'after GC', 'RSS listing in', 'JS heap after GC', 'DOM nodes'],
      ...[
        { label: `${count(firstPage.keys)} (one page)`, memory: memoryOf(firstPage.pail) },
        ...figures.map((f) => ({ label: count(f.keys), memory: f.memory })),
      ].map(({ label, memory }) => [
        label,
        mb(memory.before),
        mb(memory.after),
        mb(memory.afterGc),
        mb(memory.rssAfter),
        mb(memory.heapAfterGc),
        memory.domNodes === undefined ? '—' : count(memory.domNodes),
      ]),
    ]),
  );
  line();

  const shown = LISTING_CLIS.filter((id) => figures.some((f) => f.cli[id].ran));
  if (shown.length) {
    line('Command lines listing the same folder (time, with start-up; peak memory = maximum RSS, GNU time %M; growth rows: time ×, memory ×)');
    const cell = (c) => (!c.ran ? '—' : c.failed ? 'FAIL (see below)' : `${seconds(c.ms)}  ${mb(c.peak)}`);
    line(
      table(
        [
          ['keys', ...shown.map((id) => LISTING_COMMANDS[id])],
          ...figures.map((f) => [count(f.keys), ...shown.map((id) => cell(f.cli[id]))]),
          ...figures
            .slice(1)
            .map((f, i) => [
              `${count(figures[i].keys)} → ${count(f.keys)}`,
              ...shown.map((id) => `${growth(figures[i].cli[id].ms, f.cli[id].ms)}  ${growth(figures[i].cli[id].peak, f.cli[id].peak)}`),
            ]),
        ],
        { gap: '    ' },
      ),
    );
    line();
  }

  if (rounds > 1) {
    line('Runs (round by round)');
    for (const r of results) {
      const pail = (pick) => runs(r.pail.map(pick));
      line(
        `  ${count(r.keys).padStart(9)}  Pail first rows ${pail((p) => p.firstRowsMs)} ms, whole ${pail((p) => p.wholeMs)} ms, ` +
          `sort ${pail((p) => p.sort.ms)} ms, filter ${pail((p) => p.filter.ms)} ms; SDK ${runs(r.sdk.map((s) => s.totalMs))} ms`,
      );
      line(`             load after each round ${r.loads.join(' | ')}`);
    }
    line();
  }
  const failures = results.flatMap((r) =>
    shown.flatMap((id) => r.cli[id].filter((run) => !run.ok).map((run) => `  FAIL  ${LISTING_COMMANDS[id]}, ${count(r.keys)} keys: ${run.error}`)),
  );
  if (failures.length) {
    line('Failures');
    for (const text of failures) line(text);
    line();
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
