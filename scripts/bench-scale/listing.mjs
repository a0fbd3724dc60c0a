// The listing part of the scale benchmark: each seeded folder (keys/100, keys/10, keys) listed by
// raw SDK paging, by Pail's UI in Chromium (first rows, whole listing, the renderer's memory, then
// a sort and a filter on every row, timed inside the page), and by the command lines: `pail ls`,
// `rclone lsf` and `aws s3 ls`, each under GNU time for its peak memory.
/* global window */
import { listInBareWindow } from '../bench/bare-listing.mjs';
import { awaitInPage, measurePail } from '../bench/pail-browser.mjs';
import { pailFigures } from '../bench/pail-figures.mjs';
import { cpuSnapshot, cpuSpent } from '../bench/cpu-usage.mjs';
import { sdkListing } from '../bench/peers.mjs';
import { processMemory } from '../bench/renderer-memory.mjs';
import { loadAverage, mb, ms } from '../bench/report.mjs';
import { FOLDER, keyName } from '../bench/s3.mjs';
import { failureText } from '../bench-transfer/timed-run.mjs';
import { armFirstRowChange } from './in-page.mjs';

/** The command lines that list (by client id, with the command each runs), in the order they run and the report shows them. */
export const LISTING_COMMANDS = { pail: 'pail ls', rclone: 'rclone lsf', aws: 'aws s3 ls' };
const LISTING_CLIS = Object.keys(LISTING_COMMANDS);

/** How long a sort or a filter may take to change the first row before the run fails: far past any target. */
const CHANGE_TIMEOUT_MS = 120_000;

/** How long one listing may take: 2 minutes, or 3 ms a key for the big folders. */
const listingTimeoutMs = (keys) => Math.max(120_000, keys * 3);

/**
 * What to type in the filter box: a digit the last key's name lacks, so the first row after the
 * sort (that key) is hidden and the table shows another; "q" (no row) if the name has every digit.
 */
function filterTextFor(name) {
  return [...'5739246810'].find((digit) => !name.includes(digit)) ?? 'q';
}

/**
 * Runs in the measured page once the folder is listed: a click on the Name header (Z to A) and
 * one key typed in the filter box, each timed from the event to the first row changing, painted.
 * Then puts the table back (no filter, A to Z) for the scrolling measurePail does next, and reads
 * the renderer's peak resident memory so far.
 */
async function sortAndFilter({ page, table, rendererPid }, { firstName, lastName, timeoutMs, log }) {
  const timed = async (trigger, act) => {
    await page.evaluate(armFirstRowChange, { trigger });
    await act();
    await awaitInPage(page, 'rowChanged', CHANGE_TIMEOUT_MS);
    const run = await page.evaluate(() => window.__bench.rowChange);
    return { ms: run.painted - run.t0, domMs: run.dom - run.t0, before: run.before, after: run.after };
  };
  const nameHeader = table.getByRole('columnheader', { name: 'Name', exact: true });
  const sort = await timed('click', () => nameHeader.click());
  if (sort.after !== lastName) log(`after the sort the first row is "${sort.after}", not "${lastName}"`);
  const filterBox = page.getByRole('searchbox', { name: 'Filter this folder' });
  await filterBox.focus();
  const filterText = filterTextFor(lastName);
  const filter = await timed('keydown', () => page.keyboard.type(filterText));
  await filterBox.fill('');
  await nameHeader.click();
  await table.getByRole('row', { name: firstName, exact: true }).waitFor({ timeout: timeoutMs });
  return { sort, filter, filterText, rendererPeakRss: processMemory(rendererPid).peakRss };
}

/** One command line's listing of the folder: its timedRun() figures, and an error when it listed another count. */
async function cliListing(client, bucket, keys, timeoutMs) {
  const run = await client.list(bucket, FOLDER, timeoutMs);
  let error;
  if (run.code !== 0) error = failureText(run);
  else if (run.stdoutLines !== keys) error = `printed ${run.stdoutLines.toLocaleString('en-US')} lines, not ${keys.toLocaleString('en-US')}`;
  return { ok: !error, ms: run.ms, peakBytes: run.peakBytes, cpuSeconds: run.cpuSeconds, error };
}

/**
 * Lists every folder `rounds` times, smallest first; each round runs the SDK, Pail's UI, then the
 * command lines, so that Pail's UI and the SDK it is compared with meet the same machine load.
 * `folders` and `firstPage` (a folder of one page of keys) are ensureListingFolder() results;
 * `clis` the clients by id (one missing is left out). Returns { firstPage: { keys, pail: [], bare: [] },
 * results }, with one result per folder: { keys, bucket, sdk: [], pail: [], bare: [], cli: { id: [] }, loads: [] }
 * (`bare`: listInBareWindow() runs).
 */
export async function measureListings({ gateway, folders, firstPage, rounds, web, profileName, browser, clis, log }) {
  // Pail is driven as a user drives it, and the listing counted by its status line ("1,000,000
  // objects"), which the run waits for: nothing here depends on how the page gets its rows.
  const listInPail = async (keys, bucket) => {
    const firstName = keyName(1, keys).slice(FOLDER.length);
    const lastName = keyName(keys, keys).slice(FOLDER.length);
    const timeoutMs = listingTimeoutMs(keys);
    const raw = await measurePail(browser, web, {
      profileName,
      bucket,
      folderName: FOLDER.slice(0, -1),
      total: keys,
      firstName,
      lastName,
      timeoutMs,
      gcBefore: true,
      afterListing: (listed) => sortAndFilter(listed, { firstName, lastName, timeoutMs, log }),
    });
    return { ...pailFigures(raw), ...raw.afterListing };
  };

  // A listing of the first-page folder nobody counts, each way, so the gateway is warm and Pail's
  // server has compiled its code; then that folder in Pail's UI alone, `rounds` times: what one
  // page costs the renderer, which the bytes a row beyond the first page leave out.
  const listInOwnWindow = (keys, bucket) =>
    listInBareWindow({
      url: web.url,
      profileName,
      bucket,
      folderName: FOLDER.slice(0, -1),
      total: keys,
      timeoutMs: listingTimeoutMs(keys),
      cpuOf: { gateway, webPid: web.pid },
    });
  /** The SDK's listing, with the CPU each process spent on it (the gateway's, this process's). */
  const sdkWithCpu = async (bucket) => {
    const before = await cpuSnapshot({ gateway });
    const sdk = await sdkListing(gateway, bucket, FOLDER);
    return { ...sdk, cpu: cpuSpent(before, await cpuSnapshot({ gateway })) };
  };
  await sdkListing(gateway, firstPage.bucket, FOLDER);
  await listInPail(firstPage.keys, firstPage.bucket);
  const firstPageRuns = [];
  const firstPageBare = [];
  for (let round = 1; round <= rounds; round += 1) {
    firstPageRuns.push(await listInPail(firstPage.keys, firstPage.bucket));
    firstPageBare.push(await listInOwnWindow(firstPage.keys, firstPage.bucket));
  }

  const results = [];
  for (const { keys, bucket } of folders) {
    const result = { keys, bucket, sdk: [], pail: [], bare: [], cli: Object.fromEntries(LISTING_CLIS.map((id) => [id, []])), loads: [] };
    for (let round = 1; round <= rounds; round += 1) {
      const sdk = await sdkWithCpu(bucket);
      if (sdk.entries !== keys) throw new Error(`the SDK listed ${sdk.entries} entries under ${bucket}/${FOLDER}, not ${keys}`);
      result.sdk.push(sdk);
      const pail = await listInPail(keys, bucket);
      result.pail.push(pail);
      // The same listing as Pail's own window has it: no DevTools client keeping copies of the answers.
      const bare = await listInOwnWindow(keys, bucket);
      result.bare.push(bare);
      // Each figure is logged as soon as it is in: a run stopped halfway still shows what it measured.
      const where = `${keys.toLocaleString('en-US')} keys, round ${round} of ${rounds}`;
      log(
        `${where}: SDK ${ms(sdk.totalMs)}; Pail first rows ${ms(pail.firstRowsMs)}, whole ${ms(pail.wholeMs)}, ` +
          `renderer peak ${mb(pail.rendererPeakRss)}, sort ${ms(pail.sort.ms)}, filter ${ms(pail.filter.ms)}; ` +
          `own window: whole ${ms(bare.wholeMs)}, renderer peak ${mb(bare.peakRss)} (${mb(bare.listingPeakRss)} when the listing was in), ${mb(bare.afterRss)} after GC (load ${loadAverage()})`,
      );
      for (const id of LISTING_CLIS) {
        if (!clis[id]?.available) continue;
        const run = await cliListing(clis[id], bucket, keys, listingTimeoutMs(keys));
        result.cli[id].push(run);
        log(`${where}: ${LISTING_COMMANDS[id]} ${run.ok ? `${ms(run.ms)}, peak ${mb(run.peakBytes)}` : `FAIL: ${run.error}`}`);
      }
      result.loads.push(loadAverage());
    }
    results.push(result);
  }
  return { firstPage: { keys: firstPage.keys, pail: firstPageRuns, bare: firstPageBare }, results };
}
