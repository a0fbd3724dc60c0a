import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { expect, gatewayClient, seedBucket, test } from './fixtures';
import { openBucket } from './profile-steps';
import { acceptUploadSheet } from './upload-steps';

const FILES = 20_000;
const panel = (page: Page) => page.getByRole('region', { name: 'Transfers' });

/** How many objects the bucket holds under `prefix` (every page). */
async function countObjects(client: ReturnType<typeof gatewayClient>, bucket: string, prefix: string): Promise<number> {
  let count = 0;
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    count += page.KeyCount ?? 0;
    token = page.NextContinuationToken;
  } while (token);
  return count;
}

/** The number at the start of a batch's summary line ("1,234 of 20,000 files done · …"). */
const doneIn = (summary: string) => Number(/^([\d,]+) of /.exec(summary)?.[1]?.replace(/,/g, '') ?? NaN);

test('a folder of 20,000 files uploads through the panel, which stays usable: it scrolls, pauses and resumes, and counts honestly', async ({
  app,
  page,
  gateway,
}, testInfo) => {
  // A page sends each body in a request of its own (the web transport): 20,000 of them take minutes on a loaded machine.
  test.setTimeout(1_500_000);
  const bucket = `pail-e2e-scale-${randomBytes(3).toString('hex')}`;
  const cleanup = await seedBucket(gateway, bucket, []);
  const dir = mkdtempSync(join(tmpdir(), 'pail-e2e-scale-'));
  try {
    // 100 folders of 200 files of a few bytes each: the count is what is big, not the bytes.
    for (let d = 0; d < 100; d += 1) {
      const folder = join(dir, 'many', `d${String(d).padStart(2, '0')}`);
      mkdirSync(folder, { recursive: true });
      for (let f = 0; f < 200; f += 1) writeFileSync(join(folder, `f${String(f).padStart(3, '0')}.txt`), `${d}/${f}`);
    }
    await openBucket(app, gateway, bucket);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.getByRole('menu', { name: 'Upload' }).getByRole('menuitem', { name: 'Upload folder…' }).click();
    await (await chooser).setFiles(join(dir, 'many'));
    await acceptUploadSheet(page);

    const batch = panel(page).getByRole('listitem', { name: /^Uploading 20,000 items/ });
    const title = (await batch.getAttribute('aria-label'))!;
    const summary = batch.locator('.transfer-batch-summary');
    await expect(summary).toHaveText(/^[1-9][\d,]* of 20,000 files done/, { timeout: 120_000 });

    // The batch's rows scroll within it: the last row in view changes, and rows still answer to their names.
    const rows = batch.getByRole('list', { name: `Files of ${title}` });
    await expect(rows.getByRole('listitem').first()).toBeVisible();
    const scroller = batch.locator('.transfer-list-scroll');
    await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await expect.poll(() => scroller.evaluate((element) => element.scrollTop)).toBeGreaterThan(0);
    await expect(rows.getByRole('listitem').last()).toBeVisible();

    // Pause the whole batch: the button answers at once, and the count stops moving.
    await batch.getByRole('button', { name: `Pause all in ${title}`, exact: true }).click();
    const resume = batch.getByRole('button', { name: `Resume all in ${title}`, exact: true });
    await expect(resume).toBeVisible();
    await expect(summary).toContainText('paused');
    // The header counts the whole drop's bytes, not only those of the files taken up so far.
    await expect(panel(page).locator('.activity-summary')).toContainText(/ of 104 KiB/);
    await expect(summary).toContainText(/\d+ remaining \([\d,]+ paused\)/);
    const pausedAt = doneIn((await summary.textContent())!);
    await page.waitForTimeout(1_500);
    expect(doneIn((await summary.textContent())!)).toBe(pausedAt);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await panel(page).screenshot({ path: testInfo.outputPath(`scale-paused-${scheme}.png`) });
    }

    // Resumed, it finishes, counting every file once.
    await resume.click();
    await expect(batch.getByRole('button', { name: `Pause all in ${title}`, exact: true })).toBeVisible();
    await expect(summary).toHaveText(/^Finished: 20,000 files/, { timeout: 1_200_000 });
    expect(await countObjects(gatewayClient(gateway), bucket, 'many/')).toBe(FILES);
    // The finished files are counted, not all listed: the panel says so.
    await expect(batch).toContainText(/[\d,]+ finished files not listed \(counted above\)\./);
    await page.emulateMedia({ colorScheme: 'light' });
    await panel(page).screenshot({ path: testInfo.outputPath('scale-finished-light.png') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await cleanup();
  }
});
