// Pail's side of the listing benchmark, part 2: the web UI in Chromium, driven by Playwright and
// timed inside the page (event timestamps, a MutationObserver and the next animation frame), so
// the figures hold no Playwright round trips.
/* global window, document */
import fs from 'node:fs';
import { chromium } from '@playwright/test';
import { armListing, armRow, instrumentPage, startFrameClock } from './in-page.mjs';
import { pageMetrics, pageRendererPid, processMemory, sampleHeap } from './renderer-memory.mjs';

// The same browser and flags as the e2e suite.
const chromiumSetup = JSON.parse(fs.readFileSync(new URL('../../e2e/chromium.json', import.meta.url), 'utf8'));
const CHROMIUM = process.env.PAIL_CHROMIUM ?? chromiumSetup.executablePath;
const CHROMIUM_ARGS = chromiumSetup.args;
const VIEWPORT = { width: 1280, height: 800 };
/** The Chromium binary and flags every benchmark launches. */
export const chromiumLaunchSetup = { executablePath: CHROMIUM, args: CHROMIUM_ARGS };

/** Launches Debian's Chromium, headless, with the flags that work on these machines. */
export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Awaits a promise the page keeps at `window.__bench[name]`, failing after `ms`. */
export function awaitInPage(page, name, ms) {
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

/**
 * One measured run in a fresh browser context: open the app, pick the profile and the bucket,
 * double-click the folder, and time first rows and the whole listing; then memory, End to the
 * last row, and wheel scrolling. `cpuProfile` also records a V8 CPU profile and a trace of the listing;
 * `cpu()`, when given, is called just before the double-click and just after the listing is in.
 * `afterListing({ page, table, rendererPid })`, when given, runs once memory is measured and
 * before scrolling (more work on the listed rows); what it resolves with is returned as `afterListing`.
 * `gcBefore` runs a full GC before the memory taken before the double-click, so that figure and the
 * one after the listing's GC differ by what the listing holds, not by garbage.
 */
export async function measurePail(browser, web, options) {
  const { profileName, bucket, folderName, total, firstName, lastName, timeoutMs, cpuProfile = false, cpu, afterListing, gcBefore = false } = options;
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

    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const renderer = await pageRendererPid(browser, page);
    if (gcBefore) await cdp.send('HeapProfiler.collectGarbage');
    const before = { ...(await pageMetrics(cdp)), process: processMemory(renderer.pid) };
    await page.evaluate(armListing, { statusPrefix: `${total.toLocaleString('en-US')} object`, rowPrefix: 'item-' });
    if (cpuProfile) {
      await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink', 'loading'] });
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const stopSampling = sampleHeap(cdp);
    const cpuBefore = cpu ? await cpu() : undefined;
    await folderRow.dblclick();
    await awaitInPage(page, 'finished', timeoutMs);
    const cpuAfter = cpu ? await cpu() : undefined;
    const peak = stopSampling();
    const profile = cpuProfile ? (await cdp.send('Profiler.stop')).profile : undefined;
    const trace = cpuProfile ? JSON.parse((await browser.stopTracing()).toString('utf8')) : undefined;
    const { run, fetches, longTasks } = await page.evaluate(() => ({
      run: window.__bench.run,
      fetches: window.__bench.fetches,
      longTasks: window.__bench.longTasks,
    }));
    if (run.error) throw new Error(`the listing failed in the page: status "${run.error}"`);

    const after = { ...(await pageMetrics(cdp)), process: processMemory(renderer.pid) };
    const dom = await cdp.send('Memory.getDOMCounters').catch(() => undefined);
    // Blink's own garbage-collected heap (Oilpan) and ArrayBuffer backing stores sit outside the JS heap figure.
    const heapUsage = await cdp.send('Runtime.getHeapUsage').catch(() => undefined);
    await cdp.send('HeapProfiler.collectGarbage');
    const afterGc = { ...(await pageMetrics(cdp)), process: processMemory(renderer.pid) };
    const memory = {
      rendererCount: renderer.count,
      before,
      peak,
      after,
      afterGc,
      domNodes: dom?.nodes ?? after.nodes,
      blinkHeap: heapUsage?.embedderHeapUsedSize,
      backingStores: heapUsage?.backingStorageSize,
      backingStoresAfterGc: (await cdp.send('Runtime.getHeapUsage').catch(() => undefined))?.backingStorageSize,
    };
    await cdp.detach();

    const extra = afterListing ? await afterListing({ page, table, rendererPid: renderer.pid }) : undefined;
    const scroll = await measureScroll(page, table, firstName, lastName);
    return { run, fetches, longTasks, memory, scroll, profile, trace, cpuBefore, cpuAfter, afterListing: extra };
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
