import { randomBytes } from 'node:crypto';
import { CreateBucketCommand, DeleteBucketCommand, DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { openActivity } from './activity-steps';
import { BIG_FOLDER, seedBigFolder } from './big-buckets';
import { expect, gatewayClient, test } from './fixtures';
import { saveGatewayProfile } from './profile-steps';

// A folder of 100,000 keys, browsed as a user would: the count, the last key, sorting, filtering, Select all and
// the delete confirmation's count. The folder is seeded once per gateway (big-buckets.ts; global setup does it).
const COUNT = BIG_FOLDER.count;
const BUCKET = BIG_FOLDER.bucket;
const LAST = BIG_FOLDER.keyOf(COUNT - 1).slice('big/'.length);

test('a folder of 100,000 objects: counted, scrolled to its end, sorted, filtered and selected whole', async ({ page, gateway, app }, testInfo) => {
  test.setTimeout(300_000);
  await seedBigFolder(gateway);

  await saveGatewayProfile(app, gateway);
  await page.getByRole('region', { name: 'Buckets' }).getByRole('button', { name: BUCKET, exact: true }).click();
  const table = page.getByRole('table', { name: 'Objects' });
  await table.getByRole('row', { name: 'big', exact: true }).dblclick();
  const count = page.getByRole('status').filter({ hasText: 'objects' }).first();
  await expect(count).toHaveText('100,000 objects, 0 folders', { timeout: 60_000 });

  // The last key, at the end of the list.
  const body = table.getByRole('rowgroup').last();
  await body.getByRole('row', { name: 'k-00000', exact: true }).click();
  await page.keyboard.press('End');
  await expect(table.getByRole('row', { name: LAST, exact: true })).toBeVisible();
  await expect(table.getByRole('row', { name: LAST, exact: true })).toHaveAttribute('aria-rowindex', String(COUNT + 1));

  // Name, Z to A: the last key comes first.
  await table.getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
  await expect(table.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'descending');
  await body.getByRole('row').first().click();
  await page.keyboard.press('Home');
  await expect(body.getByRole('row').first()).toHaveAccessibleName(LAST);
  await expect(body.getByRole('row').first()).toHaveAttribute('aria-rowindex', '2');

  // Size, largest first, then smallest first: every object is empty, so the names decide (Z to A, then A to Z). The
  // orders come from the sort worker, which sorted the folder once it was all in (renderer/browser/sort-ahead.ts).
  const sortedAhead = () => page.evaluate(() => performance.getEntriesByType('measure').some((m) => m.name === 'Pail sorted 100000 rows ahead by size'));
  await expect.poll(sortedAhead, { timeout: 30_000 }).toBe(true);
  const sizeHeader = table.getByRole('columnheader', { name: 'Size' });
  await sizeHeader.getByRole('button').click();
  await expect(sizeHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(body.getByRole('row').first()).toHaveAccessibleName('k-00000');
  await sizeHeader.getByRole('button').click();
  await expect(sizeHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(body.getByRole('row').first()).toHaveAccessibleName(LAST);
  await table.getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
  await table.getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
  await expect(table.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'descending');

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: testInfo.outputPath(`big-folder-${scheme}.png`) });
  }

  // The filter finds one key among them all.
  const filter = page.getByRole('searchbox', { name: 'Filter this folder' });
  await filter.fill('K-54321');
  await expect(body.getByRole('row')).toHaveCount(1);
  await expect(body.getByRole('row').first()).toHaveAccessibleName('k-54321');
  await expect(page.getByText('1 of 100,000')).toBeVisible();
  await filter.fill('');
  await expect(count).toHaveText('100,000 objects, 0 folders');

  // Select all: every row, counted in the status bar and in the delete question (answered No: the folder is kept).
  await body.getByRole('row').first().click();
  await page.keyboard.press('ControlOrMeta+a');
  await expect(page.getByRole('status').filter({ hasText: 'selected' })).toHaveText('100,000 selected');
  await page.keyboard.press('Delete');
  const question = page.getByRole('alertdialog', { name: 'Delete 100,000 objects?' });
  await expect(question).toBeVisible();
  await expect(question).toContainText(`and 99,995 more`);
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(question).toBeHidden();
  await expect(count).toHaveText('100,000 objects, 0 folders');
});

test('Select all and Delete in a folder deletes its contents as the folder, and the folder stays', async ({ page, gateway, app }) => {
  const client = gatewayClient(gateway);
  const bucket = `pail-e2e-contents-${randomBytes(3).toString('hex')}`;
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  try {
    const keys = ['photos/', ...Array.from({ length: 30 }, (_, i) => `photos/p-${i}.jpg`), 'photos/old/a.jpg', 'photos/old/b.jpg', 'beside.txt'];
    await Promise.all(keys.map((key) => client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: '' }))));
    // Listed a moment after they were written, as a user would: what was written in the second or two before a
    // listing began is kept by the delete (it may not be among the rows shown; see delete-folder-contents.test.ts).
    await page.waitForTimeout(2100);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));

    await saveGatewayProfile(app, gateway);
    await page.getByRole('region', { name: 'Buckets' }).getByRole('button', { name: bucket, exact: true }).click();
    const table = page.getByRole('table', { name: 'Objects' });
    await table.getByRole('row', { name: 'photos', exact: true }).dblclick();
    await expect(page.getByRole('status').filter({ hasText: 'objects' }).first()).toHaveText('30 objects, 1 folder');
    await table.getByRole('row', { name: 'p-0.jpg', exact: true }).click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Delete');
    const question = page.getByRole('alertdialog', { name: 'Delete 30 objects and 1 folder (everything inside it)?' });
    await expect(question).toContainText('and 26 more');
    await question.getByRole('button', { name: 'Delete', exact: true }).click();

    const jobs = (await openActivity(page)).getByRole('listitem');
    await expect(jobs.first()).toContainText('Deleted 32 objects.');
    await expect(page.getByText('This folder is empty')).toBeVisible();
    const left = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect((left.Contents ?? []).map((c) => c.Key).sort()).toEqual(['beside.txt', 'photos/']);
    // One small request named the folder; no key crossed over.
    if (app.transport === 'web') {
      expect(requests.filter((path) => path === '/api/s3:deleteFolderContents')).toHaveLength(1);
      expect(requests.filter((path) => path === '/api/s3:deleteEntries')).toHaveLength(0);
    }
  } finally {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
    if (listed.Contents?.length)
      await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: listed.Contents.map((c) => ({ Key: c.Key! })), Quiet: true } }));
    await client.send(new DeleteBucketCommand({ Bucket: bucket }));
  }
});
