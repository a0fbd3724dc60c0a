#!/usr/bin/env node
// How much renderer memory a folder of a million keys takes in Pail's window, and how long the table takes to
// sort and filter it there, without seeding a million objects: the page's `s3:listObjects` requests for the
// folder are answered by Playwright with made-up pages of 1,000 keys (as the gateway would answer them); the
// profile, the bucket and everything else are real. Prints figures; it is not a test.
//
//   node scripts/bench-rows-browser.mjs --gateway <gateway.json> [--keys 1000000] [--skip-build]
//                                       [--app-dir <another Pail tree, e.g. an export of an older commit>]
/* global window, document, requestAnimationFrame */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { benchGateway } from './bench/gateway.mjs';
import { cleanupOnSignals, createCleanup } from './bench/cleanup.mjs';
import { buildApp, createProfile, startWebMode } from './bench/pail-app.mjs';
import { launchChromium } from './bench/pail-browser.mjs';
import { pageMetrics, pageRendererPid, processMemory } from './bench/renderer-memory.mjs';
import { loadAverage, mb } from './bench/report.mjs';
import { benchClient } from './bench/s3.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ROOT = path.join(import.meta.dirname, '..');
const BUCKET = 'pail-bench-rows-browser';
const FOLDER = 'big/';
const PAGE = 1000;
const { values } = parseArgs({
  options: {
    gateway: { type: 'string' },
    keys: { type: 'string', default: '1000000' },
    'skip-build': { type: 'boolean', default: false },
    'app-dir': { type: 'string' },
  },
});
const total = Number(values.keys);
const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const name = (i) => `key-${String(i).padStart(7, '0')}.txt`;

/** Page `n` of the made-up folder, as the web transport's answer to `s3:listObjects`. */
function pageBody(n) {
  const first = n * PAGE;
  const objects = [];
  for (let i = first; i < Math.min(total, first + PAGE); i += 1) {
    objects.push({
      kind: 'object',
      key: FOLDER + name(i),
      name: name(i),
      size: (i * 7919) % 100_000,
      lastModified: new Date(1.7e12 + ((i * 104_729) % 86_400_000)).toISOString(),
      storageClass: i % 5 === 3 ? 'GLACIER' : 'STANDARD',
      etag: `"${i.toString(16).padStart(32, '0')}"`,
    });
  }
  const more = first + PAGE < total;
  return JSON.stringify({ ok: true, data: { bucket: BUCKET, prefix: FOLDER, folders: [], objects, ...(more && { nextContinuationToken: `page-${n + 1}` }) } });
}

/** Runs `action` in the page and answers how long until the frame after it, in ms. */
async function timedInPage(page, action, done) {
  await page.evaluate(() => (window.__t0 = performance.now()));
  await action();
  await done();
  return page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now() - window.__t0))));
}

async function main() {
  const cleanup = createCleanup(log);
  cleanupOnSignals(cleanup, log);
  try {
    const { gateway } = await benchGateway(values.gateway, { cleanup, log });
    const client = benchClient(gateway);
    await client.send(new CreateBucketCommand({ Bucket: BUCKET })).catch(() => undefined);
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: FOLDER, Body: new Uint8Array(0) }));
    const appRoot = await buildApp(path.resolve(values['app-dir'] ?? ROOT), { skipBuild: values['skip-build'], log });
    cleanup.add('removing the app copy', () => fs.rmSync(appRoot, { recursive: true, force: true }));
    const web = await startWebMode(appRoot);
    cleanup.add('stopping the web mode', () => web.stop());
    await createProfile(web, gateway, 'Rows bench');
    const browser = await launchChromium();
    cleanup.add('closing Chromium', () => browser.close());
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.route('**/api/s3:listObjects', async (route) => {
      const request = route.request().postDataJSON();
      if (request.bucket !== BUCKET || request.prefix !== FOLDER) return route.continue();
      const n = request.continuationToken ? Number(request.continuationToken.slice('page-'.length)) : 0;
      return route.fulfill({ status: 200, contentType: 'application/json', body: pageBody(n) });
    });
    await page.goto(web.url);
    await page.getByRole('button', { name: 'Rows bench', exact: true }).click();
    await page.getByRole('region', { name: 'Buckets' }).getByRole('button', { name: BUCKET, exact: true }).click();
    const table = page.getByRole('table', { name: 'Objects' });
    await table.getByRole('row', { name: 'big', exact: true }).waitFor();

    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const renderer = await pageRendererPid(browser, page);
    const memory = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const usage = await cdp.send('Runtime.getHeapUsage');
      return { ...(await pageMetrics(cdp)), backing: usage.backingStorageSize, process: processMemory(renderer.pid) };
    };
    const before = await memory();
    const count = total.toLocaleString('en-US');
    const listedMs = await timedInPage(
      page,
      () => table.getByRole('row', { name: 'big', exact: true }).dblclick(),
      () =>
        page
          .getByRole('status')
          .filter({ hasText: new RegExp(`^${count} objects, 0 folders$`) })
          .waitFor({ timeout: 600_000 }),
    );
    const peakRss = processMemory(renderer.pid).peakRss;
    const after = await memory();
    const sortMs = await timedInPage(
      page,
      () => table.getByRole('columnheader', { name: 'Size' }).click(),
      () => page.waitForFunction(() => document.querySelector('[role="columnheader"][aria-sort="ascending"]')?.textContent?.includes('Size')),
    );
    const filterMs = await timedInPage(
      page,
      () => page.getByRole('searchbox', { name: 'Filter this folder' }).fill('key-09'),
      () => page.getByText(`of ${count}`).waitFor(),
    );
    const selectMs = await timedInPage(
      page,
      async () => {
        await page.getByRole('searchbox', { name: 'Filter this folder' }).fill('');
        await table.getByRole('rowgroup').last().getByRole('row').first().click();
        await page.keyboard.press('Control+a');
      },
      () =>
        page
          .getByRole('status')
          .filter({ hasText: `${count} selected` })
          .waitFor(),
    );
    const rows = after.heapUsed + after.backing - (before.heapUsed + before.backing);
    console.log(`Pail's window with a folder of ${count} keys (made-up pages of ${PAGE}), load ${loadAverage()}`);
    console.log(`  listed (double-click to the count, painted): ${Math.round(listedMs).toLocaleString('en-US')} ms`);
    console.log(
      `  JS heap + ArrayBuffers after GC: ${mb(before.heapUsed + before.backing)} before, ${mb(after.heapUsed + after.backing)} with the folder: ${Math.round(rows / total)} bytes a row`,
    );
    console.log(`  JS heap allocated after GC: ${mb(before.heapTotal)} before, ${mb(after.heapTotal)} with the folder`);
    console.log(`  renderer RSS: ${mb(before.process.rss)} before, ${mb(after.process.rss)} with the folder (after GC), peak ${mb(peakRss)}`);
    console.log(
      `  sort by size (click to painted): ${Math.round(sortMs)} ms; filter "key-09": ${Math.round(filterMs)} ms; clear filter, click, Select all: ${Math.round(selectMs)} ms`,
    );
  } finally {
    await cleanup.run();
  }
}

main().catch((error) => {
  log(`error: ${error.stack ?? error}`);
  process.exitCode = 1;
});
