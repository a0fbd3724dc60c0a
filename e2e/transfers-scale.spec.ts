import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { MANY_FILES, seedManyFiles } from './big-buckets';
import { expect, test } from './fixtures';
import { openBucket } from './profile-steps';

// A batch of 20,000 files in the Transfers panel: a folder of 20,000 small objects downloaded to a folder typed in
// the dialog (the main process writes the files, so the batch is as big as a desktop user's, and a run takes about
// a minute; an upload through the web transport would send each file from the page in a request of its own). The
// bucket is seeded once per gateway (big-buckets.ts; global setup does it).
const FILES = MANY_FILES.count;
const BUCKET = MANY_FILES.bucket;
const keyOf = MANY_FILES.keyOf;
const panel = (page: Page) => page.getByRole('region', { name: 'Transfers' });

/** Files under `dir`, at any depth. */
function filesUnder(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
}

/** The number at the start of a batch's summary line ("1,234 of 20,000 files done · …"). */
const doneIn = (summary: string) => Number(/^([\d,]+) of /.exec(summary)?.[1]?.replace(/,/g, '') ?? NaN);

test('a batch of 20,000 files in the panel, which stays usable: it scrolls, pauses and resumes, and counts honestly', async ({
  app,
  page,
  gateway,
}, testInfo) => {
  test.setTimeout(300_000);
  await seedManyFiles(gateway);
  const target = mkdtempSync(join(tmpdir(), 'pail-e2e-scale-'));
  try {
    await openBucket(app, gateway, BUCKET);
    await page.getByRole('table', { name: 'Objects' }).getByRole('row', { name: 'many', exact: true }).click();
    await page.getByRole('button', { name: 'Download', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Download 1 folder' });
    await dialog.getByRole('textbox', { name: 'Folder on this machine' }).fill(target);
    await dialog.getByRole('button', { name: 'Download', exact: true }).click();
    await expect(dialog).toBeHidden();

    const batch = panel(page).getByRole('listitem', { name: /^Downloading/ });
    const title = (await batch.getAttribute('aria-label'))!;
    const summary = batch.locator('.transfer-batch-summary');
    await expect(summary).toHaveText(/^[1-9][\d,]* of [\d,]+ files/, { timeout: 120_000 });

    // The batch's rows scroll within it: the last row in view changes, and rows still answer to their names.
    const rows = batch.getByRole('list', { name: `Files of ${title}` });
    await expect(rows.getByRole('listitem').first()).toBeVisible();
    const scroller = batch.locator('.transfer-list-scroll');
    await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await expect.poll(() => scroller.evaluate((element) => element.scrollTop)).toBeGreaterThan(0);
    await expect(rows.getByRole('listitem').last()).toBeVisible();

    // Pause the whole batch: the button answers, and the count stops moving.
    await batch.getByRole('button', { name: `Pause all in ${title}`, exact: true }).click();
    const resume = batch.getByRole('button', { name: `Resume all in ${title}`, exact: true });
    await expect(resume).toBeVisible();
    // "paused" once the files in flight have finished ("pausing: 12 files finishing" before): the count then stands still.
    await expect(summary).toContainText(/^[\d,]+ of [\d,]+ files (found so far )?done · paused · [\d,]+ remaining \([\d,]+ paused\)/);
    const pausedAt = doneIn((await summary.textContent())!);
    expect(pausedAt).toBeLessThan(FILES);
    await page.waitForTimeout(1_500);
    expect(doneIn((await summary.textContent())!)).toBe(pausedAt);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await panel(page).screenshot({ path: testInfo.outputPath(`scale-paused-${scheme}.png`) });
    }

    // Resumed, it finishes, counting every file once; every file is on disk.
    await resume.click();
    await expect(batch.getByRole('button', { name: `Pause all in ${title}`, exact: true })).toBeVisible();
    await expect(summary).toHaveText(/^Finished: 20,000 files/, { timeout: 240_000 });
    expect(filesUnder(join(target, 'many'))).toBe(FILES);
    expect(readFileSync(join(target, keyOf(12_345)), 'utf8')).toBe('file 12345');
    // The finished files are counted, not all listed: the panel says so.
    await expect(batch).toContainText(/[\d,]+ finished files not listed \(counted above\)\./);
    await page.emulateMedia({ colorScheme: 'light' });
    await panel(page).screenshot({ path: testInfo.outputPath('scale-finished-light.png') });
  } finally {
    rmSync(target, { recursive: true, force: true });
  }
});
