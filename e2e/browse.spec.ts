import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, seedBucket, test, type GatewayInfo } from './fixtures';
import { saveGatewayProfile } from './profile-steps';

const bucketName = (label: string) => `pail-e2e-${label}-${randomBytes(3).toString('hex')}`;

/** Fills and saves the "Add profile" dialog, as a user would. */
async function addProfile(page: Page, gateway: GatewayInfo, values: { name: string; secret?: string }) {
  await page.getByRole('button', { name: 'Add profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add profile' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Name' }).fill(values.name);
  await dialog.getByRole('textbox', { name: 'Endpoint URL' }).fill(gateway.endpoint);
  await dialog.getByRole('textbox', { name: 'Region' }).fill(gateway.region);
  await dialog.getByRole('textbox', { name: 'Access key ID' }).fill(gateway.users[0].accessKeyId);
  await dialog.getByLabel('Secret access key').fill(values.secret ?? gateway.users[0].secretAccessKey);
  await dialog.getByRole('button', { name: 'Compatibility settings' }).click();
  await expect(dialog.getByRole('radio', { name: 'Path', exact: true })).toBeChecked();
  await dialog.getByRole('button', { name: 'Save profile' }).click();
  await expect(dialog).toBeHidden();
}

/** The names of the rows the object table shows, in order. */
async function rowNames(page: Page): Promise<string[]> {
  const rows = page.getByRole('table', { name: 'Objects' }).getByRole('rowgroup').last().getByRole('row');
  return rows.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
}

test('add a profile, see its buckets, open one, enter folders and go back by breadcrumb', async ({ page, gateway }) => {
  const bucket = bucketName('browse');
  const cleanup = await seedBucket(gateway, bucket, ['readme.txt', 'photos/cat.jpg', 'photos/2024/a b+c#?.jpg', 'ünï folder/x.txt', 'zeta/']);
  try {
    await addProfile(page, gateway, { name: 'Local Ceph' });
    await expect(page.getByRole('button', { name: 'Local Ceph', exact: true })).toBeVisible();

    const buckets = page.getByRole('region', { name: 'Buckets' });
    await buckets.getByRole('button', { name: bucket }).click();

    const table = page.getByRole('table', { name: 'Objects' });
    await expect(table.getByRole('row', { name: 'readme.txt' })).toBeVisible();
    // Folders first, each kind in name order.
    expect(await rowNames(page)).toEqual(['photos', 'zeta', 'ünï folder', 'readme.txt']);
    await expect(table.getByRole('columnheader', { name: 'Name' })).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'Storage class' })).toBeVisible();

    await table.getByRole('row', { name: 'photos' }).dblclick();
    await expect(table.getByRole('row', { name: 'cat.jpg' })).toBeVisible();
    expect(await rowNames(page)).toEqual(['2024', 'cat.jpg']);

    await table.getByRole('row', { name: '2024' }).dblclick();
    await expect(table.getByRole('row', { name: 'a b+c#?.jpg' })).toBeVisible();

    const crumbs = page.getByRole('navigation', { name: 'Breadcrumbs' });
    await expect(crumbs.getByRole('button', { name: '2024' })).toHaveAttribute('aria-current', 'page');
    await crumbs.getByRole('button', { name: 'photos' }).click();
    await expect(table.getByRole('row', { name: 'cat.jpg' })).toBeVisible();
    await crumbs.getByRole('button', { name: bucket }).click();
    await expect(table.getByRole('row', { name: 'readme.txt' })).toBeVisible();

    // Keyboard: Enter opens the focused folder.
    await table.getByRole('row', { name: 'ünï folder' }).focus();
    await page.keyboard.press('Enter');
    await expect(table.getByRole('row', { name: 'x.txt' })).toBeVisible();
  } finally {
    await cleanup();
  }
});

test('the profile form explains each invalid field before saving', async ({ page }) => {
  await page.getByRole('button', { name: 'Add profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add profile' });
  await dialog.getByRole('textbox', { name: 'Endpoint URL' }).fill('us-east-1.linodeobjects.com');
  await dialog.getByRole('button', { name: 'Save profile' }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('Enter a name for the profile.')).toBeVisible();
  await expect(dialog.getByText(/must be a full URL starting with https:\/\//)).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Endpoint URL' })).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText('Enter the access key id.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('a wrong secret shows the error code, what happened and what to do', async ({ page, gateway }) => {
  await addProfile(page, gateway, { name: 'Wrong secret', secret: 'this-is-not-the-secret' });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('SignatureDoesNotMatch');
  await expect(alert).toContainText('The server could not verify the request signature.');
  await expect(alert).toContainText('secret access key is wrong');
});

test('a folder of 1,500 objects lists past the first 1,000', async ({ app, page, gateway }) => {
  const bucket = bucketName('paging');
  const keys = Array.from({ length: 1500 }, (_, i) => `many/item-${String(i).padStart(4, '0')}.txt`);
  const cleanup = await seedBucket(gateway, bucket, keys);
  try {
    await saveGatewayProfile(app, gateway, { name: 'Paging' });
    await page.getByRole('region', { name: 'Buckets' }).getByRole('button', { name: bucket }).click();
    const table = page.getByRole('table', { name: 'Objects' });
    await table.getByRole('row', { name: 'many' }).dblclick();
    await expect(page.getByRole('status').filter({ hasText: 'objects' })).toHaveText(/^1,500 objects(?!.*loading)/);
    // The virtualised table reaches the last entry when scrolled to the end.
    await table.getByRole('row', { name: 'item-0000.txt' }).hover();
    for (let i = 0; i < 200 && !(await table.getByRole('row', { name: 'item-1499.txt' }).isVisible()); i += 1) {
      await page.mouse.wheel(0, 4000);
    }
    await expect(table.getByRole('row', { name: 'item-1499.txt' })).toBeVisible();
  } finally {
    await cleanup();
  }
});
