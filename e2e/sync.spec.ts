import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { GetObjectAclCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { expect, gatewayClient, seedBucket, test } from './fixtures';
import { openBucket } from './profile-steps';

const table = (page: Page) => page.getByRole('table', { name: 'Objects' });

async function writeAt(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

test('Synchronize… on a folder: the differences before anything moves, then the sync in Transfers; nothing left to send after, and delete removes what is only in the bucket', async ({
  app,
  page,
  gateway,
}, testInfo) => {
  const bucket = `pail-e2e-sync-${randomBytes(3).toString('hex')}`;
  const cleanup = await seedBucket(gateway, bucket, ['site/old.txt', 'site/same.txt']);
  const client = gatewayClient(gateway);
  const local = await mkdtemp(join(tmpdir(), 'pail-e2e-sync-'));
  const keys = async () => ((await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'site/' }))).Contents ?? []).map((c) => c.Key).sort();
  try {
    await writeAt(join(local, 'index.html'), '<p>hi</p>');
    await writeAt(join(local, 'css/site.css'), 'body{}');
    // Written before the object (as if uploaded from here): size and date say it is the same.
    await writeAt(join(local, 'same.txt'), 'content of site/same.txt');
    await utimes(join(local, 'same.txt'), new Date('2020-01-01'), new Date('2020-01-01'));
    await writeAt(join(local, 'node_modules/x.js'), 'left out');
    await openBucket(app, gateway, bucket, { name: 'Gateway' });
    await table(page).getByRole('row', { name: 'site', exact: true }).click({ button: 'right' });
    await page.getByRole('menu').getByRole('menuitem', { name: 'Synchronize…' }).click();

    const dialog = page.getByRole('dialog', { name: `Synchronize ${bucket}/site/` });
    await dialog.getByRole('button', { name: 'Compare', exact: true }).click();
    await expect(dialog.getByText('Name the local folder (a full path).')).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Local folder' }).fill(local);
    await expect(dialog.getByRole('radio', { name: `Upload: the folder to ${bucket}/site/` })).toBeChecked();
    await expect(dialog.getByText('Uploads get access: the bucket’s own access (this bucket’s saved upload settings, as for a drop).')).toBeVisible();
    await dialog.getByText('Comparison options').click();
    await dialog.getByRole('textbox', { name: 'Leave out (one pattern a line, as in .gitignore)' }).fill('node_modules/');
    await dialog.getByRole('button', { name: 'Compare', exact: true }).click();

    await expect(dialog.getByRole('status').filter({ hasText: 'the same' })).toHaveText('2 new files, 0 changed, 1 only in the bucket, 1 the same.');
    const differences = dialog.getByRole('table', { name: 'Differences' });
    await expect(differences.getByRole('row', { name: 'css/site.css' })).toContainText('New');
    await expect(differences.getByRole('row', { name: 'old.txt' })).toContainText('Only in the bucket');
    await expect(differences.getByRole('row', { name: 'same.txt' })).toHaveCount(0);
    await dialog.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'Same (1)' });
    await expect(differences.getByRole('row', { name: 'same.txt' })).toContainText('Same');
    await dialog.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'Differences (3)' });
    await expect(dialog.getByText('Uploads 2 files; leaves 1 object only in the bucket.')).toBeVisible();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await dialog.screenshot({ path: testInfo.outputPath(`sync-preview-${scheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });

    // This sync's uploads: the upload sheet's options, a Content-Type row for each type it sends.
    await dialog.getByRole('button', { name: 'Upload options' }).click();
    await expect(dialog.getByText('Nothing saved for this bucket yet: the profile’s default applies (Bucket default).')).toBeVisible();
    await dialog.getByRole('radio', { name: 'Public-read' }).check();
    await expect(dialog.getByRole('combobox', { name: 'Content-Type of .html' })).toHaveValue('text/html');
    await dialog.getByRole('combobox', { name: 'Content-Type of .css' }).fill('text/x-test');
    await dialog.getByRole('combobox', { name: 'Storage class' }).fill('cold');
    await dialog.getByRole('button', { name: 'Add metadata' }).click();
    await dialog.getByRole('textbox', { name: 'Metadata name' }).fill('origin');
    await dialog.getByRole('textbox', { name: 'Metadata value' }).fill('sync');
    // A problem stops the sync and is said at its field.
    await dialog.getByRole('button', { name: 'Synchronize', exact: true }).click();
    await expect(dialog.getByText('A storage class is a name in capitals like STANDARD or STANDARD_IA.')).toBeVisible();
    await dialog.getByRole('combobox', { name: 'Storage class' }).fill('COLD');
    await dialog.getByRole('button', { name: 'Upload options' }).evaluate((button) => button.scrollIntoView({ block: 'start' }));
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await dialog.screenshot({ path: testInfo.outputPath(`sync-upload-options-${scheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await dialog.getByRole('button', { name: 'Upload options' }).click();
    await expect(
      dialog.getByText('Uploads get access: public-read · Content-Type .css text/x-test · storage class COLD · metadata origin (set for this sync only).'),
    ).toBeVisible();
    await dialog.getByRole('button', { name: 'Synchronize', exact: true }).click();
    await expect(dialog).toBeHidden();
    const transfers = page.getByRole('region', { name: 'Transfers' });
    await expect(transfers.getByRole('listitem', { name: 'index.html', exact: true })).toContainText('Done', { timeout: 30_000 });
    await expect.poll(keys).toEqual(['site/css/site.css', 'site/index.html', 'site/old.txt', 'site/same.txt']);
    // On the gateway: the synced objects got this sync's options.
    await expect
      .poll(async () => (await client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'site/css/site.css' }))).ContentType, { timeout: 15_000 })
      .toBe('text/x-test');
    for (const key of ['site/css/site.css', 'site/index.html']) {
      expect(await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).toMatchObject({ StorageClass: 'COLD', Metadata: { origin: 'sync' } });
      const grants = (await client.send(new GetObjectAclCommand({ Bucket: bucket, Key: key }))).Grants ?? [];
      expect(
        grants.some((g) => g.Grantee?.URI?.endsWith('AllUsers') && g.Permission === 'READ'),
        key,
      ).toBe(true);
    }
    expect((await client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'site/index.html' }))).ContentType).toBe('text/html');

    // Again: nothing to send; with delete, the object only in the bucket goes.
    await table(page).getByRole('row', { name: 'site', exact: true }).click({ button: 'right' });
    await page.getByRole('menu').getByRole('menuitem', { name: 'Compare with folder…' }).click();
    const compare = page.getByRole('dialog', { name: `Compare ${bucket}/site/ with a folder` });
    await compare.getByRole('textbox', { name: 'Local folder' }).fill(local);
    await compare.getByText('Comparison options').click();
    await compare.getByRole('textbox', { name: 'Leave out (one pattern a line, as in .gitignore)' }).fill('node_modules/');
    await compare.getByRole('button', { name: 'Compare', exact: true }).click();
    await expect(compare.getByRole('status').filter({ hasText: 'the same' })).toHaveText('0 new files, 0 changed, 1 only in the bucket, 3 the same.');
    await expect(compare.getByRole('button', { name: 'Synchronize', exact: true })).toBeDisabled();
    await compare.getByRole('checkbox', { name: 'Also delete the 1 file only in the bucket' }).check();
    await expect(compare.getByText('Uploads 0 files; deletes 1 object only in the bucket.')).toBeVisible();
    await compare.getByRole('button', { name: 'Synchronize', exact: true }).click();
    await expect.poll(keys).toEqual(['site/css/site.css', 'site/index.html', 'site/same.txt']);

    // A bad folder is said in words.
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'site/later.txt', Body: 'x' }));
    await table(page).getByRole('row', { name: 'site', exact: true }).click({ button: 'right' });
    await page.getByRole('menu').getByRole('menuitem', { name: 'Synchronize…' }).click();
    await dialog.getByRole('textbox', { name: 'Local folder' }).fill(join(local, 'missing'));
    await dialog.getByRole('button', { name: 'Compare', exact: true }).click();
    await expect(dialog.getByText(`${join(local, 'missing')} does not exist.`)).toBeVisible();
  } finally {
    await rm(local, { recursive: true, force: true });
    await cleanup();
  }
});
