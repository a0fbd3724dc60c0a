import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { expect, gatewayClient, seedBucket, test } from './fixtures';
import { openBucket } from './profile-steps';
import { acceptUploadSheet } from './upload-steps';

const MiB = 1024 * 1024;
const panel = (page: Page) => page.getByRole('region', { name: 'Transfers' });

/** Sets a limit in the open speed limit dialog: on with an amount and unit, or off. */
async function setLimit(page: Page, dialogName: string | RegExp, field: string, limit: { amount: string; unit: 'KiB/s' | 'MiB/s' } | 'off') {
  const dialog = page.getByRole('dialog', { name: dialogName });
  const group = dialog.getByRole('group', { name: field });
  const on = group.getByRole('checkbox', { name: `Limit ${field.toLowerCase()}` });
  if (limit === 'off') await on.uncheck();
  else {
    await on.check();
    await group.getByRole('textbox', { name: `${field} limit` }).fill(limit.amount);
    await group.getByRole('combobox', { name: `${field} limit unit` }).selectOption(limit.unit);
  }
  await dialog.getByRole('button', { name: 'Set limit' }).click();
  await expect(dialog).toBeHidden();
}

test('speed limits: all uploads, then one file of its own, changed while it moves, then lifted', async ({ app, page, gateway }, testInfo) => {
  const bucket = `pail-e2e-speed-${randomBytes(3).toString('hex')}`;
  const cleanup = await seedBucket(gateway, bucket, ['keep.txt']);
  const dir = mkdtempSync(join(tmpdir(), 'pail-e2e-speed-'));
  try {
    const big = join(dir, 'big.bin');
    writeFileSync(big, randomBytes(3 * MiB));
    await openBucket(app, gateway, bucket);
    const transfers = panel(page);
    await transfers.getByRole('button', { name: 'Transfers' }).click();
    await expect(transfers).toContainText('No speed limit');

    // All uploads at 256 KiB/s; a typo is refused in words first.
    await transfers.getByRole('button', { name: 'Speed limits…' }).click();
    const limits = page.getByRole('dialog', { name: 'Speed limits' });
    const uploads = limits.getByRole('group', { name: 'Uploads' });
    await uploads.getByRole('checkbox', { name: 'Limit uploads' }).check();
    await uploads.getByRole('textbox', { name: 'Uploads limit' }).fill('8');
    await uploads.getByRole('combobox', { name: 'Uploads limit unit' }).selectOption('KiB/s');
    await limits.getByRole('button', { name: 'Set limit' }).click();
    await expect(uploads.getByRole('textbox', { name: 'Uploads limit' })).toHaveAccessibleDescription(/8 KiB\/s is below the lowest limit, 16 KiB\/s/);
    await uploads.getByRole('textbox', { name: 'Uploads limit' }).fill('256');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await limits.screenshot({ path: testInfo.outputPath(`speed-limits-${scheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await limits.getByRole('button', { name: 'Set limit' }).click();
    await expect(limits).toBeHidden();
    await expect(transfers).toContainText('Up 256 KiB/s, down no limit');

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.getByRole('menu', { name: 'Upload' }).getByRole('menuitem', { name: 'Upload files…' }).click();
    await (await chooser).setFiles(big);
    await acceptUploadSheet(page);
    const item = transfers.getByRole('listitem', { name: 'big.bin', exact: true });
    await expect(item).toContainText(/KiB\/s/);

    // Its own, lower limit, set while it moves: said on the item.
    await item.getByRole('button', { name: 'Limit the speed of big.bin' }).click();
    const own = page.getByRole('dialog', { name: 'Speed limit of big.bin' });
    await expect(own).toContainText('The limit of all uploads (256 KiB/s) applies too.');
    await setLimit(page, 'Speed limit of big.bin', 'This file', { amount: '128', unit: 'KiB/s' });
    await expect(item).toContainText('limited to 128 KiB/s');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await transfers.screenshot({ path: testInfo.outputPath(`speed-limit-panel-${scheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    // At most 256 KiB/s so far: 3 MiB is far from done.
    await expect(item).not.toContainText('Done');

    // Lifting the global limit leaves the file's own; lifting that too lets it finish.
    await transfers.getByRole('button', { name: 'Speed limits…' }).click();
    await setLimit(page, 'Speed limits', 'Uploads', 'off');
    await expect(transfers).toContainText('No speed limit');
    await expect(item).toContainText('limited to 128 KiB/s');
    await item.getByRole('button', { name: 'Limit the speed of big.bin' }).click();
    await setLimit(page, 'Speed limit of big.bin', 'This file', 'off');
    await expect(item).toContainText('Done', { timeout: 30_000 });
    await expect(item).not.toContainText('limited to');
    const head = await gatewayClient(gateway).send(new HeadObjectCommand({ Bucket: bucket, Key: 'big.bin' }));
    expect(head.ContentLength).toBe(3 * MiB);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await cleanup();
  }
});
