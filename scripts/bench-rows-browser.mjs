#!/usr/bin/env node
// How much renderer memory a folder of a million keys takes in Pail's window, and how long the table takes to
// sort and filter it there, without seeding a million objects: the page's `s3:listObjects` requests for the
// folder are answered by Playwright with made-up pages of 1,000 keys (as the gateway would answer them); the
// profile, the bucket and everything else are real. Prints figures; it is not a test.
//
// Memory is measured twice: in the Playwright-driven window, and in one no DevTools client instruments
// (bench/bare-chromium.mjs), because Playwright's DevTools session makes Chromium keep a copy of every
// listing response (up to about 200 MB) that Pail's own window never holds. Times (first rows, sort,
// filter, Select all) run from the input event's own timestamp to the frame painted after the change.
// --memory-dump adds Chromium's memory-infra account of the renderer (which allocator grew).
//
//   node scripts/bench-rows-browser.mjs --gateway <gateway.json> [--keys 1000000] [--skip-build] [--memory-dump]
//                                       [--app-dir <another Pail tree, e.g. an export of an older commit>]
/* global window, document, requestAnimationFrame, MutationObserver */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createProfile, startWebMode } from './bench/pail-app.mjs';
import { armListing, instrumentPage } from './bench/in-page.mjs';
import { awaitInPage, launchChromium } from './bench/pail-browser.mjs';
import { listInBareWindow } from './bench/bare-listing.mjs';
import { summarizeCpuProfile } from './bench/cpu-profile.mjs';
import { summarizeTrace } from './bench/trace-summary.mjs';
import { allocatorSizes, playwrightBrowserSession } from './bench/memory-dump.mjs';
import { pageMetrics, pageRendererPid, processMemory } from './bench/renderer-memory.mjs';
import { loadAverage, mb } from './bench/report.mjs';
import { log, runBench } from './bench/run.mjs';
import { benchClient } from './bench/s3.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ROOT = path.join(import.meta.dirname, '..');
const BUCKET = 'pail-bench-rows-browser';
const FOLDER = 'big/';
const PAGE = 1000;
const PROFILE_NAME = 'Rows bench';
const { values } = parseArgs({
  options: {
    gateway: { type: 'string' },
    keys: { type: 'string', default: '1000000' },
    'skip-build': { type: 'boolean', default: false },
    'app-dir': { type: 'string' },
    'memory-dump': { type: 'boolean', default: false },
    'cpu-profile': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
const USAGE = `usage: node scripts/bench-rows-browser.mjs --gateway FILE [options]
  --gateway FILE     a running gateway (its gateway.json): the profile and the bucket are real, the big folder's pages made up
  --keys N           rows in the made-up folder (default 1000000)
  --skip-build       use the existing out/ instead of running electron-vite build
  --memory-dump      add Chromium's memory-infra account of the renderer (which allocator grew; DUMP_DEPTH=3 segments)
  --cpu-profile      profile the renderer while it lists and sorts (with source maps: where the time goes)
  --app-dir DIR      build and measure the Pail tree in DIR (with node_modules) instead of this one`;
const total = Number(values.keys);
if (!values.help && (!values.gateway || !Number.isInteger(total) || total < 1)) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
const name = (i) => `key-${String(i).padStart(7, '0')}.txt`;

/** Page `n` of the made-up folder, as the web transport's answer to `s3:listObjects` (objects in columns: shared/object-rows.ts). */
function pageBody(n) {
  const first = n * PAGE;
  const objects = { base: FOLDER, keys: '', ends: [], sizes: [], modified: [], classNames: ['', 'STANDARD', 'GLACIER'], classes: [] };
  const names = [];
  let end = 0;
  for (let i = first; i < Math.min(total, first + PAGE); i += 1) {
    names.push(name(i));
    objects.ends.push((end += name(i).length));
    objects.sizes.push((i * 7919) % 100_000);
    objects.modified.push(1.7e12 + ((i * 104_729) % 86_400_000));
    objects.classes.push(i % 5 === 3 ? 2 : 1);
  }
  objects.keys = names.join('');
  const more = first + PAGE < total;
  return JSON.stringify({ ok: true, data: { bucket: BUCKET, prefix: FOLDER, folders: [], objects, ...(more && { nextContinuationToken: `page-${n + 1}` }) } });
}

/** The made-up answer to a `s3:listObjects` request body: the page of the folder it asks for, or undefined for any other listing. */
function listingAnswer(request) {
  if (request?.bucket !== BUCKET || request.prefix !== FOLDER) return undefined;
  return pageBody(request.continuationToken ? Number(request.continuationToken.slice('page-'.length)) : 0);
}

/**
 * Times one user action in the page: from the input event that starts it (`eventType` with
 * `eventKey` for a key, seen first at the window, by its own timestamp, so Playwright's
 * actionability checks before the event are not counted) until the frame painted after the DOM
 * first satisfies `doneInPage` (a function run in the page after each DOM change). Answers ms.
 */
async function timedInPage(page, { eventType, eventKey }, action, doneInPage) {
  await page.evaluate(
    ([type, key, done]) => {
      const isDone = new Function(`return (${done})();`);
      const run = {};
      window.__timed = new Promise((resolve) => {
        const listener = (event) => {
          if (key !== null && event.key !== key) return;
          run.t0 ??= event.timeStamp;
        };
        window.addEventListener(type, listener, { capture: true });
        const observer = new MutationObserver(() => {
          if (run.t0 === undefined || !isDone()) return;
          observer.disconnect();
          window.removeEventListener(type, listener, { capture: true });
          requestAnimationFrame(() => resolve(performance.now() - run.t0));
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      });
    },
    [eventType, eventKey ?? null, doneInPage.toString()],
  );
  await action();
  return page.evaluate(() => window.__timed);
}

/** Lists the made-up folder in a Playwright-driven window, then in a bare one, and prints what each cost. */
async function main({ cleanup, benchGateway, buildApp }) {
  const { gateway } = await benchGateway();
  const client = benchClient(gateway);
  await client.send(new CreateBucketCommand({ Bucket: BUCKET })).catch(() => undefined);
  await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: FOLDER, Body: new Uint8Array(0) }));
  const appRoot = await buildApp(path.resolve(values['app-dir'] ?? ROOT), { skipBuild: values['skip-build'], sourcemap: values['cpu-profile'] });
  const web = await startWebMode(appRoot);
  cleanup.add('stopping the web mode', () => web.stop());
  await createProfile(web, gateway, PROFILE_NAME);
  const browser = await launchChromium();
  cleanup.add('closing Chromium', () => browser.close());
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.route('**/api/s3:listObjects', async (route) => {
    const body = listingAnswer(route.request().postDataJSON());
    return body === undefined ? route.continue() : route.fulfill({ status: 200, contentType: 'application/json', body });
  });
  const pageErrors = [];
  page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('worker', (worker) => log(`the page started a worker: ${worker.url()}`));
  await page.addInitScript(instrumentPage);
  await page.goto(web.url);
  await page.getByRole('button', { name: PROFILE_NAME, exact: true }).click();
  await page.getByRole('region', { name: 'Buckets' }).getByRole('button', { name: BUCKET, exact: true }).click();
  const table = page.getByRole('table', { name: 'Objects' });
  await table.getByRole('row', { name: 'big', exact: true }).waitFor();

  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const renderer = await pageRendererPid(browser, page);
  const memory = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = await cdp.send('Runtime.getHeapUsage');
    const allocators = values['memory-dump']
      ? await allocatorSizes(await playwrightBrowserSession(browser), renderer.pid, Number(process.env.DUMP_DEPTH ?? 3))
      : undefined;
    return { ...(await pageMetrics(cdp)), backing: usage.backingStorageSize, process: processMemory(renderer.pid), allocators };
  };
  const before = await memory();
  const count = total.toLocaleString('en-US');
  // First rows and the whole listing, timed in the page from the double-click's own timestamp.
  await page.evaluate(armListing, { statusPrefix: `${count} object`, rowPrefix: 'key-' });
  if (values['cpu-profile']) {
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink', 'loading'] });
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
  }
  await table.getByRole('row', { name: 'big', exact: true }).dblclick();
  let firstRowsProfile;
  let firstRowsTrace;
  if (values['cpu-profile']) {
    // Where the main thread's time goes between the double-click and the first rows painted.
    await page.waitForFunction(() => window.__bench.run.firstRow !== undefined, undefined, { polling: 10 });
    firstRowsProfile = (await cdp.send('Profiler.stop')).profile;
    firstRowsTrace = JSON.parse((await browser.stopTracing()).toString('utf8'));
  }
  await awaitInPage(page, 'finished', 600_000);
  const run = await page.evaluate(() => window.__bench.run);
  if (run.error) throw new Error(`the listing failed in the page: status "${run.error}"`);
  const listedMs = run.done - run.t0;
  const firstFetch = await page.evaluate(() => window.__bench.fetches[0]);
  const since = (t) => (t === undefined ? '?' : `${Math.round(t - run.t0)} ms`);
  const firstPageText = `first page requested at ${since(firstFetch?.start)}, answered ${since(firstFetch?.answered)}, parsed ${since(firstFetch?.parsed)}; first row in the DOM ${since(run.firstRowDom)}, painted ${since(run.firstRow)}`;
  const firstRowsMs = run.firstRow - run.t0;
  const peakRss = processMemory(renderer.pid).peakRss;
  const after = await memory();
  const clickAt = await page.evaluate(() => performance.now());
  // With --cpu-profile, where the main thread's time goes between the click on Size and the sorted rows.
  if (values['cpu-profile']) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const sortMs = await timedInPage(
    page,
    { eventType: 'click' },
    () => table.getByRole('columnheader', { name: 'Size' }).click(),
    () => document.querySelector('[role="columnheader"][aria-sort="ascending"]')?.textContent?.includes('Size'),
  );
  const dateSortMs = await timedInPage(
    page,
    { eventType: 'click' },
    () => table.getByRole('columnheader', { name: 'Last modified' }).click(),
    () => document.querySelector('[role="columnheader"][aria-sort="ascending"]')?.textContent?.includes('Last modified'),
  );
  // The orders the sort worker made once the listing was in (renderer/browser/sort-ahead.ts), and when.
  const ahead = await page.evaluate(() => ({
    now: performance.now(),
    measures: performance
      .getEntriesByType('measure')
      .filter((m) => m.name.startsWith('Pail sorted'))
      .map((m) => [m.name, m.startTime, m.duration]),
  }));
  const aheadText = ahead.measures.map(
    ([name, start, duration]) =>
      `${name.replace(/^Pail sorted \d+ rows ahead /, '')} ${Math.round(duration)} ms, ready ${Math.round(start + duration - run.done)} ms after the listing`,
  );
  const sortProfile = values['cpu-profile'] ? (await cdp.send('Profiler.stop')).profile : undefined;
  const filterMs = await timedInPage(
    page,
    { eventType: 'input' },
    () => page.getByRole('searchbox', { name: 'Filter this folder' }).fill('key-09'),
    () => / of [0-9,]+$/.test(document.querySelector('.find-count')?.textContent ?? ''),
  );
  await page.getByRole('searchbox', { name: 'Filter this folder' }).fill('');
  await page
    .getByRole('status')
    .filter({ hasText: new RegExp(`^${count} objects, 0 folders$`) })
    .waitFor();
  await table.getByRole('rowgroup').last().getByRole('row').first().click();
  const selectMs = await timedInPage(
    page,
    { eventType: 'keydown', eventKey: 'a' },
    () => page.keyboard.press('Control+a'),
    () => [...document.querySelectorAll('[role="status"]')].some((el) => / selected/.test(el.textContent) && !/^1 selected/.test(el.textContent)),
  );
  const rows = after.heapUsed + after.backing - (before.heapUsed + before.backing);
  console.log(`Pail's window with a folder of ${count} keys (made-up pages of ${PAGE}), load ${loadAverage()}`);
  console.log(
    `  first rows painted: ${Math.round(firstRowsMs)} ms (target: under 150 ms); listed (double-click to the count, painted): ${Math.round(listedMs).toLocaleString('en-US')} ms`,
  );
  console.log(`  from the double-click: ${firstPageText}`);
  console.log(
    `  JS heap + ArrayBuffers after GC: ${mb(before.heapUsed + before.backing)} before, ${mb(after.heapUsed + after.backing)} with the folder: ${Math.round(rows / total)} bytes a row`,
  );
  console.log(`  JS heap allocated after GC: ${mb(before.heapTotal)} before, ${mb(after.heapTotal)} with the folder`);
  console.log(
    `  renderer RSS: ${mb(before.process.rss)} before, ${mb(after.process.rss)} with the folder (after GC), peak ${mb(peakRss)}; this includes the copies of response bodies DevTools' network agent keeps for Playwright (up to about 200 MB), not there in Pail's own window: see below`,
  );
  printAllocators(before.allocators, after.allocators);
  console.log(
    `  sort by size (click to painted): ${Math.round(sortMs)} ms, then by date ${Math.round(dateSortMs)} ms; filter "key-09": ${Math.round(filterMs)} ms; Select all (Ctrl+A): ${Math.round(selectMs)} ms`,
  );
  if (firstRowsProfile)
    console.log(
      ['  the double-click to the first rows, profiled:', ...summarizeCpuProfile(firstRowsProfile, path.join(appRoot, 'out/renderer'), { top: 25 })].join(
        '\n    ',
      ),
    );
  if (firstRowsTrace) console.log(['  the double-click to the first rows, traced:', ...summarizeTrace(firstRowsTrace)].join('\n    '));
  if (sortProfile) console.log(['  the sort by size, profiled:', ...summarizeCpuProfile(sortProfile, path.join(appRoot, 'out/renderer'))].join('\n    '));
  console.log(
    `  sorted ahead in the worker: ${aheadText.join('; ') || 'nothing'}; the click on Size came ${Math.round(clickAt - run.done)} ms after the listing`,
  );
  if (pageErrors.length) console.log(`  errors in the page: ${pageErrors.join(' | ')}`);
  await browser.close();

  // The same listing in a window without Playwright's DevTools instrumentation (see bench/bare-chromium.mjs).
  const bare = await listInBareWindow({
    url: web.url,
    profileName: PROFILE_NAME,
    bucket: BUCKET,
    folderName: FOLDER.slice(0, -1),
    total,
    timeoutMs: 600_000,
    answerListing: (request) => {
      const body = listingAnswer(request);
      return body === undefined ? undefined : { body };
    },
    heapAtPeak: true,
    allocatorDepth: values['memory-dump'] ? Number(process.env.DUMP_DEPTH ?? 3) : undefined,
  });
  const passes = (ok) => (ok ? 'PASS' : 'FAIL');
  console.log(`The same folder in a window no DevTools client instruments (as Pail's own window), load ${loadAverage()}`);
  console.log(
    `  renderer RSS: ${mb(bare.beforeRss)} before; with the folder ${mb(bare.afterRss)} after GC (the sort worker's orders in, the worker ended): ${passes(bare.afterRss <= 400e6)}; peak while listing ${mb(bare.peakRss)}: ${passes(bare.peakRss <= 400e6)} (target: at most 400 MB)`,
  );
  const at = bare.peakSample;
  console.log(
    `  at the largest RSS sampled while listing (${mb(at.rss)}): JS heap ${mb(at.heapUsed)} used of ${mb(at.heapTotal)}, ArrayBuffers ${mb(at.backing)}`,
  );
  printAllocators(bare.allocators.before, bare.allocators.after);
  if (at.allocators) {
    console.log('  the same, before -> when the renderer first passed 380 MB while listing:');
    printAllocators(bare.allocators.before, at.allocators);
  }
  console.log(
    `  sort by size ${passes(sortMs < 200)}, by date ${passes(dateSortMs < 200)}, filter ${passes(filterMs < 200)} (target: under 200 ms each, in the instrumented window above)`,
  );
}

/** Chromium's own account of the renderer's memory (memory-infra): the allocators that grew with the folder. */
function printAllocators(before, after) {
  if (!after) return;
  const was = new Map(before);
  console.log('  renderer memory by allocator (memory-infra), before -> with the folder:');
  for (const [name, size] of after) {
    if (Math.abs(size - (was.get(name) ?? 0)) >= 2e6 || (!name.includes('/') && size >= 5e6)) console.log(`    ${name}: ${mb(was.get(name))} -> ${mb(size)}`);
  }
}

runBench({ usage: USAGE, options: () => ({ gatewayFile: values.gateway, help: values.help }) }, main).catch((error) => {
  log(`error: ${error.stack ?? error}`);
  process.exitCode = 1;
});
