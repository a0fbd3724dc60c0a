// Pail's side of the listing benchmark, part 2: the web UI in Chromium, driven by Playwright and
// timed inside the page (event timestamps, a MutationObserver and the next animation frame), so
// the figures hold no Playwright round trips.
/* global window, document, performance, requestAnimationFrame, MutationObserver, PerformanceObserver, URL */
import fs from 'node:fs';
import { chromium } from '@playwright/test';

const CHROMIUM = process.env.PAIL_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const VIEWPORT = { width: 1280, height: 800 };

/** Launches Debian's Chromium, headless, with the flags that work on these machines. */
export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Runs in the page before the app: records every `s3:listObjects` request (sent, answered, body
 * parsed, entries) and every long task (a main-thread task over 50 ms).
 */
function instrumentPage() {
  const bench = { fetches: [], longTasks: [] };
  window.__bench = bench;
  const originalFetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.includes('/api/s3:listObjects')) return originalFetch(input, init);
    const record = { start: performance.now() };
    bench.fetches.push(record);
    const response = await originalFetch(input, init);
    record.answered = performance.now();
    const json = response.json.bind(response);
    response.json = async () => {
      const body = await json();
      record.parsed = performance.now();
      record.entries = body?.ok ? body.data.objects.length + body.data.folders.length : 0;
      return body;
    };
    return response;
  };
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.longTasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long-task timing in this browser: the figures just lack it.
  }
}

/**
 * Runs in the page just before the double-click: forgets earlier requests, then records the
 * double-click's timestamp, the first object row in the DOM and the frame after it, and the
 * status line reaching `statusPrefix` without "loading" and the frame after that.
 */
function armListing({ statusPrefix, rowPrefix }) {
  const bench = window.__bench;
  bench.fetches.length = 0;
  bench.longTasks.length = 0;
  const run = {};
  bench.run = run;
  let finish;
  bench.finished = new Promise((resolve) => (finish = resolve));
  window.addEventListener('dblclick', (event) => (run.t0 = event.timeStamp), { capture: true, once: true });
  const afterFrame = (key) =>
    requestAnimationFrame(() => {
      run[key] = performance.now();
      check();
    });
  const check = () => {
    const now = performance.now();
    if (run.firstRowDom === undefined && document.querySelector(`[role="row"][aria-label^="${rowPrefix}"]`)) {
      run.firstRowDom = now;
      afterFrame('firstRow');
    }
    const text = document.querySelector('main [role="status"]')?.textContent ?? '';
    if (run.doneDom === undefined && text.startsWith(statusPrefix) && !/loading/i.test(text)) {
      run.doneDom = now;
      run.statusText = text;
      afterFrame('done');
    }
    if (/incomplete|failed/i.test(text)) {
      run.error = text;
      observer.disconnect();
      finish();
    }
    if (run.firstRow !== undefined && run.done !== undefined) {
      observer.disconnect();
      finish();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
}

/** Runs in the page: times a key press until the row named `rowName` is in the DOM and painted. */
function armRow({ rowName, key }) {
  const run = {};
  window.__bench.scroll = run;
  let finish;
  window.__bench.scrolled = new Promise((resolve) => (finish = resolve));
  window.addEventListener('keydown', (event) => {
    if (event.key === key) run.t0 ??= event.timeStamp;
  }, { capture: true });
  const check = () => {
    if (run.dom === undefined && document.querySelector(`[role="row"][aria-label="${rowName}"]`)) {
      run.dom = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => {
        run.painted = performance.now();
        finish();
      });
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
}

/** Runs in the page: the gaps between animation frames until stopped (for scrolling smoothness). */
function startFrameClock() {
  const frames = [];
  window.__bench.frames = frames;
  window.__bench.framesOn = true;
  const tick = (t) => {
    frames.push(t);
    if (window.__bench.framesOn) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Awaits a promise the page keeps at `window.__bench[name]`, failing after `ms`. */
function awaitInPage(page, name, ms) {
  return page.evaluate(
    ([n, limit]) =>
      Promise.race([
        window.__bench[n],
        new Promise((_, reject) =>
          setTimeout(() => {
            const status = document.querySelector('main [role="status"]')?.textContent;
            const state = JSON.stringify({ run: window.__bench.run, scroll: window.__bench.scroll, requests: window.__bench.fetches.length });
            reject(new Error(`${n}: not done after ${limit} ms; status "${status}"; ${state}`));
          }, limit),
        ),
      ]),
    [name, ms],
  );
}

function readProcKb(file, field) {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(file, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The renderer processes Chromium reports (SystemInfo.getProcessInfo), with RSS and PSS from
 * /proc. With one page open, the largest is the page's own.
 */
async function rendererProcesses(browser) {
  const session = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = await session.send('SystemInfo.getProcessInfo');
    return processInfo
      .filter((p) => p.type === 'renderer')
      .map((p) => ({
        pid: p.id,
        rssKb: readProcKb(`/proc/${p.id}/status`, 'VmRSS'),
        pssKb: readProcKb(`/proc/${p.id}/smaps_rollup`, 'Pss'),
        privateKb:
          (readProcKb(`/proc/${p.id}/smaps_rollup`, 'Private_Clean') ?? 0) +
          (readProcKb(`/proc/${p.id}/smaps_rollup`, 'Private_Dirty') ?? 0),
      }))
      .filter((p) => p.rssKb !== undefined)
      .sort((a, b) => b.rssKb - a.rssKb);
  } finally {
    await session.detach();
  }
}

/** JS heap, DOM counters and renderer process memory, as the page stands now and after a full GC. */
async function measureMemory(browser, page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Performance.enable');
    const metrics = async () =>
      Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const before = await metrics();
    const dom = await cdp.send('Memory.getDOMCounters').catch(() => undefined);
    const renderers = await rendererProcesses(browser);
    await cdp.send('HeapProfiler.collectGarbage');
    const after = await metrics();
    const renderersAfterGc = await rendererProcesses(browser);
    return {
      jsHeapUsed: before.JSHeapUsedSize,
      jsHeapTotal: before.JSHeapTotalSize,
      jsHeapUsedAfterGc: after.JSHeapUsedSize,
      domNodes: dom?.nodes ?? before.Nodes,
      listeners: dom?.jsEventListeners ?? before.JSEventListeners,
      renderer: renderers[0],
      rendererAfterGc: renderersAfterGc[0],
      rendererCount: renderers.length,
    };
  } finally {
    await cdp.detach();
  }
}

/**
 * One measured run in a fresh browser context: open the app, pick the profile and the bucket,
 * double-click the folder, and time first rows and the whole listing; then memory, End to the
 * last row, and wheel scrolling. `cpuProfile` also records a V8 CPU profile of the listing.
 */
export async function measurePail(browser, web, options) {
  const { profileName, bucket, folderName, total, firstName, lastName, timeoutMs, cpuProfile = false } = options;
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.addInitScript(instrumentPage);
    await page.goto(web.url);
    await page.getByRole('button', { name: profileName, exact: true }).click();
    await page.getByRole('region', { name: 'Buckets' }).getByRole('button', { name: bucket, exact: true }).click();
    const table = page.getByRole('table', { name: 'Objects' });
    const folderRow = table.getByRole('row', { name: folderName, exact: true });
    await folderRow.waitFor({ state: 'visible', timeout: 30_000 });
    // Let the bucket's own listing settle so its work is not counted.
    await page.waitForFunction(() => !/loading/i.test(document.querySelector('main [role="status"]')?.textContent ?? ''));

    await page.evaluate(armListing, { statusPrefix: `${total.toLocaleString('en-US')} object`, rowPrefix: 'item-' });
    let profiler;
    if (cpuProfile) {
      profiler = await context.newCDPSession(page);
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.setSamplingInterval', { interval: 200 });
      await profiler.send('Profiler.start');
    }
    await folderRow.dblclick();
    await awaitInPage(page, 'finished', timeoutMs);
    const profile = profiler ? (await profiler.send('Profiler.stop')).profile : undefined;
    if (profiler) await profiler.detach();
    const { run, fetches, longTasks } = await page.evaluate(() => ({
      run: window.__bench.run,
      fetches: window.__bench.fetches,
      longTasks: window.__bench.longTasks,
    }));
    if (run.error) throw new Error(`the listing failed in the page: status "${run.error}"`);

    const memory = await measureMemory(browser, page);
    const scroll = await measureScroll(page, table, firstName, lastName);
    return { run, fetches, longTasks, memory, scroll, profile };
  } finally {
    await context.close();
  }
}

/** End from the first row to the last (time to the last row painted), then wheel scrolling back up. */
async function measureScroll(page, table, firstName, lastName) {
  await table.getByRole('row', { name: firstName, exact: true }).click();
  await page.evaluate(armRow, { rowName: lastName, key: 'End' });
  await page.keyboard.press('End');
  await awaitInPage(page, 'scrolled', 30_000);
  const end = await page.evaluate(() => window.__bench.scroll);

  const box = await table.getByRole('rowgroup').last().boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate(startFrameClock);
  const wheelStarted = Date.now();
  for (let i = 0; i < 40; i += 1) await page.mouse.wheel(0, -1600);
  const wheelMs = Date.now() - wheelStarted;
  const frames = await page.evaluate(() => {
    window.__bench.framesOn = false;
    return window.__bench.frames;
  });
  const gaps = frames.slice(1).map((t, i) => t - frames[i]);
  return {
    endToLastRowMs: end.painted - end.t0,
    wheelEvents: 40,
    wheelMs,
    worstFrameMs: gaps.length ? Math.max(...gaps) : undefined,
    frames: frames.length,
  };
}
