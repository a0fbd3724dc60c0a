// A folder listed in a window no DevTools client instruments (bench/bare-chromium.mjs), as Pail's
// own window lists it: Playwright's DevTools session makes Chromium keep a copy of every listing
// response (up to about 200 MB) and costs CPU besides, so the renderer's memory and the whole
// listing's time are measured here too. One fresh Chromium per measurement: its renderer's peak
// (VmHWM) is this listing's alone.
import { launchBareChromium, openBarePage } from './bare-chromium.mjs';
import { cpuSnapshot, cpuSpent } from './cpu-usage.mjs';
import { allocatorSizes } from './memory-dump.mjs';
import { chromiumLaunchSetup } from './pail-browser.mjs';
import { processMemory } from './renderer-memory.mjs';
import { spread } from './report.mjs';

/** How often the renderer's RSS is sampled while the folder lists (Chromium may reset VmHWM). */
const SAMPLE_MS = 200;

/** With an allocator depth asked for, memory-infra's account is also taken the first time the renderer passes this while listing (just under the 400 MB target). */
const DUMP_ABOVE_RSS = 380e6;

/** Folders of at least this many rows get sort orders from a worker (renderer/browser/sort-ahead.ts), part of what they keep. */
const SORT_AHEAD_ROWS = 20_000;

/**
 * Where each listing page's time went, from the page's Resource Timing entries ([start, requestStart, responseStart,
 * responseEnd], in order): `server` = request sent to the answer's first byte (Pail's server waiting for S3, or handing
 * over the page it read ahead), `body` = the answer's first byte to its last, `turnaround` = the answer's last byte to
 * the next request's start (the page merging the rows and asking again). Each is { sum, p50, p90 } in ms.
 */
export function pageTimesOf(entries) {
  const ordered = [...(entries ?? [])].sort((a, b) => a[0] - b[0]);
  return {
    pages: ordered.length,
    server: spread(ordered.map(([, requestStart, responseStart]) => responseStart - requestStart)),
    body: spread(ordered.map(([, , responseStart, responseEnd]) => responseEnd - responseStart)),
    turnaround: spread(ordered.slice(1).map(([start], i) => start - ordered[i][3])),
  };
}

/**
 * The renderer process (pid) that does the page's work: the one whose CPU time grows while the page
 * spins `spin(ms)`. Chromium gives no direct way to map a DevTools target to a pid.
 */
export async function busiestRenderer(browser, spin) {
  const cpu = async () => {
    const { processInfo } = await browser.send('SystemInfo.getProcessInfo');
    return new Map(processInfo.filter((p) => p.type === 'renderer').map((p) => [p.id, p.cpuTime]));
  };
  for (const ms of [300, 1000, 3000]) {
    const before = await cpu();
    await spin(ms);
    const growth = [...(await cpu())].map(([pid, t]) => [pid, t - (before.get(pid) ?? t)]).sort((a, b) => b[1] - a[1]);
    if (growth[0] && growth[0][1] >= 0.03 && growth[0][1] > 3 * Math.max(growth[1]?.[1] ?? 0, 0.005)) return growth[0][0];
  }
  throw new Error('could not tell which renderer process is the page');
}

/** An element by its accessible name as Pail gives it (aria-label, else its text), as a page expression. */
const byName = (selector, name) =>
  `[...document.querySelectorAll(${JSON.stringify(selector)})].find((el) => (el.getAttribute('aria-label') ?? el.textContent.trim()) === ${JSON.stringify(name)})`;

/**
 * Lists `bucket`/`folderName`/ (holding `total` objects) in Pail's web mode at `url`, in a bare window. Answers
 * { wholeMs (the double-click to the status line's count, timed in the page), beforeRss, afterRss (after the
 * listing, the sort worker's orders and a full GC), peakRss (the higher of VmHWM and the samples), listingPeakRss (the
 * same when the listing was in, before the sort worker's orders), peakSample,
 * allocators }. Options for looking closer:
 * - `answerListing(request)`: answers the page's `s3:listObjects` requests (`{ body }`, the web transport's JSON)
 *   instead of Pail's web server, or lets one through (undefined); without it, every request reaches the server;
 * - `heapAtPeak`: the JS heap is sampled with the RSS; `peakSample` is { rss, heapUsed, heapTotal, backing } at
 *   the largest RSS sampled;
 * Also `pageTimes` (pageTimesOf: each listing request's time at the server, on the wire, and the page's own turnaround).
 * - `cpuOf` ({ gateway, webPid }): `cpu` is also answered, the CPU each process spent from the double-click to the
 *   count (cpu-usage.mjs: the gateway, Pail's server, Chromium's processes by kind);
 * - `allocatorDepth`: memory-infra's account of the renderer (memory-dump.mjs, allocator names of at most that
 *   many segments): `allocators` { before, after } the listing, and `peakSample.allocators` the first time the
 *   renderer passed DUMP_ABOVE_RSS while listing.
 */
export async function listInBareWindow({ url, profileName, bucket, folderName, total, timeoutMs, answerListing, heapAtPeak = false, cpuOf, allocatorDepth }) {
  const browser = await launchBareChromium(chromiumLaunchSetup);
  try {
    // Without answerListing nothing is intercepted: every request reaches Pail's web server.
    const interception = answerListing
      ? { intercept: '/api/s3:listObjects', answer: answerListing }
      : { intercept: '/pail-bench-intercepts-nothing/', answer: () => undefined };
    const page = await openBarePage(browser, interception);
    await page.navigate(url);
    await page.click(byName('button', profileName));
    await page.click(byName('[aria-label="Buckets"] button', bucket));
    const folderRow = `document.querySelector('[role="table"][aria-label="Objects"] [role="row"][aria-label=${JSON.stringify(folderName)}]')`;
    await page.waitFor(`!!${folderRow}`);
    const pid = await busiestRenderer(browser, (ms) =>
      page.evaluate(`(() => { const until = performance.now() + ${ms}; while (performance.now() < until); })()`),
    );
    const allocators = () => (allocatorDepth === undefined ? undefined : allocatorSizes(browser, pid, allocatorDepth));
    const afterGc = async () => {
      await page.send('HeapProfiler.collectGarbage');
      const { rss, peakRss } = processMemory(pid);
      return { rss, peakRss, allocators: await allocators() };
    };
    const before = await afterGc();
    let peakSample = { rss: 0 };
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const rss = processMemory(pid).rss ?? 0;
        const heap = heapAtPeak ? await page.send('Runtime.getHeapUsage').catch(() => undefined) : undefined;
        if (rss > peakSample.rss)
          peakSample = { rss, ...(heapAtPeak && { heapUsed: heap?.usedSize, heapTotal: heap?.totalSize, backing: heap?.backingStorageSize }) };
        if (allocatorDepth !== undefined && !peakSample.allocators && rss > DUMP_ABOVE_RSS) peakSample.allocators = await allocators();
        await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
      }
    })();
    // The double-click's own timestamp, taken in the page: the clock the end is read on.
    await page.evaluate(`window.addEventListener('dblclick', (event) => { window.__bareListingT0 = event.timeStamp; }, { capture: true, once: true })`);
    // Each listing request's Resource Timing (kept by the page itself, no DevTools needed): where a page's time goes.
    await page.evaluate(`(() => {
      window.__bareListingPages = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          if (e.name.includes('/api/s3:listObjects')) window.__bareListingPages.push([e.startTime, e.requestStart, e.responseStart, e.responseEnd]);
      }).observe({ type: 'resource' });
    })()`);
    const cpu = cpuOf && (() => cpuSnapshot({ ...cpuOf, processInfo: async () => (await browser.send('SystemInfo.getProcessInfo')).processInfo }));
    const cpuBefore = await cpu?.();
    await page.click(folderRow, 2);
    const counted = `${total.toLocaleString('en-US')} objects, 0 folders`;
    const wholeMs = await page.waitFor(
      `(document.querySelector('main [role="status"]')?.textContent ?? '').startsWith(${JSON.stringify(counted)}) && performance.now() - window.__bareListingT0`,
      timeoutMs,
    );
    const cpuAfter = await cpu?.();
    const pageTimes = pageTimesOf(await page.evaluate('window.__bareListingPages'));
    sampling = false;
    await sampler;
    // The peak up to here is the listing's; the sort worker's orders come after it.
    const listingHwm = processMemory(pid).peakRss ?? 0;
    if (total >= SORT_AHEAD_ROWS) {
      await page.waitFor(`performance.getEntriesByType('measure').some((m) => m.name.startsWith('Pail sorted') && m.name.endsWith('storageClass'))`, 120_000);
      // The worker ends 5 s after its last job; what stays is measured after that.
      await new Promise((resolve) => setTimeout(resolve, 6_000));
    }
    const after = await afterGc();
    return {
      wholeMs,
      beforeRss: before.rss,
      afterRss: after.rss,
      // Chromium resets the peak (VmHWM) now and then (clear_refs): the samples and the peak read when the listing was in can be above it.
      peakRss: Math.max(peakSample.rss, listingHwm, after.peakRss ?? 0),
      listingPeakRss: Math.max(peakSample.rss, listingHwm),
      peakSample,
      ...(cpuOf && { cpu: cpuSpent(cpuBefore, cpuAfter) }),
      pageTimes,
      allocators: { before: before.allocators, after: after.allocators },
    };
  } finally {
    await browser.close();
  }
}
