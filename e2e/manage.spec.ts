import { randomBytes } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { openActivity } from './activity-steps';
import { saveGatewayProfile } from './profile-steps';
import { expect, gatewayClient, seedBucket, test } from './fixtures';

const bucketName = (label: string) => `pail-e2e-${label}-${randomBytes(3).toString('hex')}`;

const bucketButton = (page: Page, bucket: string) => page.getByRole('region', { name: 'Buckets' }).getByRole('button', { name: bucket, exact: true });
const table = (scope: Page | Locator) => scope.getByRole('table', { name: 'Objects' });
const row = (scope: Page | Locator, name: string | RegExp) => table(scope).getByRole('row', { name, exact: typeof name === 'string' });

/** The names (accessible names) of the rows the table shows, in order. */
async function rowNames(scope: Page | Locator): Promise<string[]> {
  const rows = table(scope).getByRole('rowgroup').last().getByRole('row');
  return rows.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
}

/** The folder's live count ("3 objects, 1 folder"), the first status of a pane. */
const countStatus = (scope: Page | Locator) => scope.getByRole('status').filter({ hasText: /\d+ (objects?|versions?), \d+ folders?/ });

/** Empties a bucket of every object, version and delete marker, then deletes it (it may be gone already). */
async function removeBucket(client: S3Client, bucket: string) {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch {
    return;
  }
  for (;;) {
    const page = await client.send(new ListObjectVersionsCommand({ Bucket: bucket }));
    const items = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((v) => ({ Key: v.Key!, VersionId: v.VersionId }));
    if (!items.length) break;
    await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: items, Quiet: true } }));
  }
  await client.send(new DeleteBucketCommand({ Bucket: bucket }));
}

/** Every key in a bucket (below a prefix). */
async function keysIn(client: S3Client, bucket: string, prefix = ''): Promise<string[]> {
  const out = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (out.Contents ?? []).map((c) => c.Key!).sort();
}

test('navigate with Back, Forward, Up, the address bar, Refresh and their keys', async ({ app, page, gateway }) => {
  const bucket = bucketName('nav');
  const client = gatewayClient(gateway);
  const cleanup = await seedBucket(gateway, bucket, ['a/1.txt', 'a/b/2.txt', 'c/3.txt', 'top.txt']);
  try {
    await saveGatewayProfile(app, gateway);
    await bucketButton(page, bucket).click();
    const address = page.getByRole('textbox', { name: 'Address' });
    await expect(address).toHaveValue(`${bucket}/`);
    await expect(page.getByRole('button', { name: 'Forward', exact: true })).toBeDisabled();

    await row(page, 'a').dblclick();
    await expect(row(page, '1.txt')).toBeVisible();
    await row(page, 'b').dblclick();
    await expect(row(page, '2.txt')).toBeVisible();
    await expect(address).toHaveValue(`${bucket}/a/b/`);

    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await expect(row(page, '1.txt')).toBeVisible();
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await expect(row(page, 'top.txt')).toBeVisible();
    await page.getByRole('button', { name: 'Forward', exact: true }).click();
    await expect(row(page, '1.txt')).toBeVisible();
    await page.keyboard.press('Alt+ArrowLeft');
    await expect(row(page, 'top.txt')).toBeVisible();
    await page.keyboard.press('Alt+ArrowRight');
    await expect(address).toHaveValue(`${bucket}/a/`);

    // A pasted path opens; input that cannot be a place is explained.
    await address.fill(`s3://${bucket}/c`);
    await address.press('Enter');
    await expect(row(page, '3.txt')).toBeVisible();
    await expect(address).toHaveValue(`${bucket}/c/`);
    await address.fill('not a bucket/x/');
    await address.press('Enter');
    await expect(page.getByRole('alert')).toContainText('cannot be a bucket name');
    await expect(address).toHaveAttribute('aria-invalid', 'true');
    await address.press('Escape');
    await expect(address).toHaveValue(`${bucket}/c/`);

    await page.getByRole('button', { name: 'Up', exact: true }).click();
    await expect(row(page, 'top.txt')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Up', exact: true })).toBeDisabled();

    // Keyboard: Enter opens a folder and focuses its first row; Backspace goes up and focuses the folder left.
    await row(page, 'c').click();
    await page.keyboard.press('Enter');
    await expect(row(page, '3.txt')).toBeFocused();
    await page.keyboard.press('Backspace');
    await expect(row(page, 'c')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(row(page, '3.txt')).toBeFocused();
    await page.keyboard.press('Alt+ArrowUp');
    await expect(row(page, 'c')).toBeFocused();

    // F5 and Ctrl+R list the folder again (and never reload the page).
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'new.txt', Body: 'new' }));
    await page.keyboard.press('F5');
    await expect(row(page, 'new.txt')).toBeVisible();
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'newer.txt', Body: 'newer' }));
    await page.keyboard.press('Control+r');
    await expect(row(page, 'newer.txt')).toBeVisible();
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'newest.txt', Body: 'newest' }));
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect(row(page, 'newest.txt')).toBeVisible();
    await expect(countStatus(page)).toHaveText('4 objects, 2 folders');
  } finally {
    await cleanup();
  }
});

test('sort by column, filter the folder, select with mouse and keyboard, and list the shortcuts', async ({ app, page, gateway }) => {
  const bucket = bucketName('sort');
  const cleanup = await seedBucket(gateway, bucket, ['bb.txt', 'a-long-name.txt', 'c.txt', 'zz/x', 'mm/y']);
  try {
    await saveGatewayProfile(app, gateway);
    await bucketButton(page, bucket).click();
    await expect(countStatus(page)).toHaveText('3 objects, 2 folders');
    const objects = table(page);
    expect(await rowNames(page)).toEqual(['mm', 'zz', 'a-long-name.txt', 'bb.txt', 'c.txt']);
    await expect(objects.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'ascending');

    await objects.getByRole('button', { name: 'Name', exact: true }).click();
    await expect(objects.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'descending');
    expect(await rowNames(page)).toEqual(['zz', 'mm', 'c.txt', 'bb.txt', 'a-long-name.txt']);

    // Sizes: "content of <key>" is 11 bytes plus the key. Folders stay first.
    await objects.getByRole('button', { name: 'Size', exact: true }).click();
    await expect(objects.getByRole('columnheader', { name: 'Size' })).toHaveAttribute('aria-sort', 'ascending');
    await expect(objects.getByRole('columnheader', { name: 'Name' })).not.toHaveAttribute('aria-sort');
    expect(await rowNames(page)).toEqual(['mm', 'zz', 'c.txt', 'bb.txt', 'a-long-name.txt']);
    await objects.getByRole('button', { name: 'Size', exact: true }).click();
    expect((await rowNames(page)).slice(2)).toEqual(['a-long-name.txt', 'bb.txt', 'c.txt']);
    await objects.getByRole('button', { name: 'Last modified', exact: true }).click();
    await expect(objects.getByRole('columnheader', { name: 'Last modified' })).toHaveAttribute('aria-sort', 'ascending');
    await objects.getByRole('button', { name: 'Name', exact: true }).click();

    const filter = page.getByRole('searchbox', { name: 'Filter this folder' });
    await filter.fill('B');
    expect(await rowNames(page)).toEqual(['bb.txt']);
    await expect(page.getByText('1 of 5', { exact: true })).toBeVisible();
    await filter.fill('m');
    expect(await rowNames(page)).toEqual(['mm', 'a-long-name.txt']);
    await expect(page.getByText('2 of 5', { exact: true })).toBeVisible();
    await filter.press('Escape');
    await expect(filter).toHaveValue('');
    expect(await rowNames(page)).toHaveLength(5);

    // Selection: click, Shift+click, Ctrl+click, Shift+arrows, Ctrl+A.
    await row(page, 'zz').click();
    await expect(row(page, 'zz')).toHaveAttribute('aria-selected', 'true');
    await row(page, 'bb.txt').click({ modifiers: ['Shift'] });
    await expect(page.getByRole('status').filter({ hasText: 'selected' })).toHaveText('3 selected');
    await row(page, 'a-long-name.txt').click({ modifiers: ['Control'] });
    await expect(row(page, 'a-long-name.txt')).toHaveAttribute('aria-selected', 'false');
    await expect(page.getByRole('status').filter({ hasText: 'selected' })).toHaveText('2 selected');
    await row(page, 'mm').click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await expect(page.getByRole('status').filter({ hasText: 'selected' })).toHaveText('3 selected');
    await expect(row(page, 'a-long-name.txt')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(row(page, 'bb.txt')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('status').filter({ hasText: 'selected' })).toHaveText('1 selected');
    await page.keyboard.press('Control+a');
    await expect(page.getByRole('status').filter({ hasText: 'selected' })).toHaveText('5 selected');
    await page.keyboard.press('Escape');
    await expect(row(page, 'bb.txt')).toHaveAttribute('aria-selected', 'false');

    // The row menu opens from the keyboard too, and lists the toolbar's actions.
    await row(page, 'c.txt').click();
    await page.keyboard.press('Shift+F10');
    const menu = page.getByRole('menu', { name: 'Actions for c.txt' });
    await expect(menu).toBeVisible();
    for (const item of ['Info', 'Download', 'Rename', 'Copy', 'Cut', 'Paste', 'Delete', 'New folder']) {
      await expect(menu.getByRole('menuitem', { name: item, exact: true })).toBeVisible();
    }
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(row(page, 'c.txt')).toBeFocused();

    await page.keyboard.press('?');
    const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(shortcuts.getByRole('rowheader', { name: 'Refresh' })).toBeVisible();
    await shortcuts.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(shortcuts).toBeHidden();
  } finally {
    await cleanup();
  }
});

test('search below a folder: results stream in with their folder, open a result folder, clear the search', async ({ app, page, gateway }) => {
  const bucket = bucketName('search');
  const cleanup = await seedBucket(gateway, bucket, [
    'docs/report-2024.txt',
    'docs/old/report-2019.txt',
    'photos/cat.jpg',
    'reports/summary.txt',
    'readme.txt',
  ]);
  try {
    await saveGatewayProfile(app, gateway);
    await bucketButton(page, bucket).click();
    await expect(row(page, 'readme.txt')).toBeVisible();

    const search = page.getByRole('searchbox', { name: 'Search below this folder' });
    await search.fill('REPORT');
    await search.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: /match/ })).toHaveText(/^Found 3 matches/);
    expect(await rowNames(page)).toEqual(['reports', 'report-2019.txt', 'report-2024.txt']);
    await expect(row(page, 'report-2019.txt').getByRole('cell').nth(1)).toHaveText('docs/old/');
    await expect(table(page).getByRole('columnheader', { name: 'Folder' })).toBeVisible();

    // Escape returns to the folder (and empties the box); the Search button searches too.
    await row(page, 'report-2024.txt').click();
    await page.keyboard.press('Escape');
    await expect(row(page, 'readme.txt')).toBeVisible();
    await expect(search).toHaveValue('');
    await search.fill('report');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(row(page, 'reports')).toBeVisible();
    await page.getByRole('button', { name: 'Clear search', exact: true }).click();
    await expect(row(page, 'photos')).toBeVisible();

    await search.fill('report');
    await search.press('Enter');
    await row(page, 'reports').dblclick();
    await expect(row(page, 'summary.txt')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Address' })).toHaveValue(`${bucket}/reports/`);
  } finally {
    await cleanup();
  }
});

test('create a bucket (rules explained), then delete an empty and a non-empty bucket', async ({ app, page, gateway }) => {
  const made = bucketName('made');
  const full = bucketName('full');
  const client = gatewayClient(gateway);
  await seedBucket(gateway, full, ['one.txt', 'two.txt', 'dir/three.txt']);
  try {
    await saveGatewayProfile(app, gateway);
    await page.getByRole('button', { name: 'Create bucket', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Create bucket' });
    const name = dialog.getByRole('textbox', { name: 'Bucket name' });
    await name.fill('Bad_Name');
    const problems = dialog.getByRole('list', { name: 'Problems with the name' });
    await expect(problems.getByRole('listitem')).toHaveCount(2);
    await expect(problems).toContainText('Use lowercase letters only');
    await expect(problems).toContainText('not "_"');
    await name.fill('with.dots-ok');
    await expect(dialog.getByRole('list', { name: 'Warnings' })).toContainText('Dots in a bucket name');
    await expect(dialog.getByRole('combobox', { name: 'Region' })).toHaveValue(gateway.region);
    await name.fill(made);
    await dialog.getByRole('button', { name: 'Create bucket', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(bucketButton(page, made)).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Address' })).toHaveValue(`${made}/`);
    await expect(page.getByText('This folder is empty')).toBeVisible();

    // An empty bucket: a plain question, from the bucket's context menu.
    await bucketButton(page, made).click({ button: 'right' });
    await page
      .getByRole('menu', { name: `Actions for bucket ${made}` })
      .getByRole('menuitem', { name: 'Delete bucket' })
      .click();
    const question = page.getByRole('alertdialog', { name: `Delete bucket ${made}?` });
    await expect(question).toContainText('The bucket is empty');
    await question.getByRole('button', { name: 'Delete bucket', exact: true }).click();
    await expect(question).toBeHidden();
    await expect(bucketButton(page, made)).toBeHidden();

    // A non-empty one: its counts, and its name typed to confirm (menu from the keyboard).
    await bucketButton(page, full).focus();
    await page.keyboard.press('Shift+F10');
    await page
      .getByRole('menu', { name: `Actions for bucket ${full}` })
      .getByRole('menuitem', { name: 'Delete bucket' })
      .click();
    const confirm = page.getByRole('alertdialog', { name: `Delete bucket ${full}?` });
    await expect(confirm).toContainText('It holds 3 objects');
    const deleteButton = confirm.getByRole('button', { name: 'Delete bucket', exact: true });
    await expect(deleteButton).toHaveAttribute('aria-disabled', 'true');
    await confirm.getByRole('textbox', { name: 'Type the bucket name to confirm' }).fill(full);
    await expect(deleteButton).not.toHaveAttribute('aria-disabled');
    await deleteButton.click();
    await expect(confirm).toBeHidden({ timeout: 30_000 });
    await expect(bucketButton(page, full)).toBeHidden();
    const activity = await openActivity(page);
    await expect(activity.getByRole('listitem', { name: `Deleting bucket ${full}` })).toContainText('Done');
    await expect(client.send(new HeadBucketCommand({ Bucket: full }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
  } finally {
    await removeBucket(client, made);
    await removeBucket(client, full);
  }
});

test('new folder, rename a folder, copy and cut and paste, delete folders', async ({ app, page, gateway }) => {
  const bucket = bucketName('ops');
  const client = gatewayClient(gateway);
  const cleanup = await seedBucket(gateway, bucket, ['src/one.txt', 'src/two.txt', 'src/deep/three.txt', 'dest/keep.txt', 'root.txt']);
  try {
    await saveGatewayProfile(app, gateway);
    await bucketButton(page, bucket).click();
    await expect(row(page, 'root.txt')).toBeVisible();

    await page.getByRole('button', { name: 'New folder', exact: true }).click();
    const newFolder = page.getByRole('dialog', { name: 'New folder' });
    await newFolder.getByRole('textbox', { name: 'Folder name' }).fill('fresh');
    await newFolder.getByRole('textbox', { name: 'Folder name' }).press('Enter');
    await expect(newFolder).toBeHidden();
    await expect(row(page, 'fresh')).toBeFocused();
    await expect(row(page, 'fresh')).toHaveAttribute('aria-selected', 'true');

    // Rename a folder of three objects with F2: they all move.
    await row(page, 'src').click();
    await page.keyboard.press('F2');
    const rename = page.getByRole('dialog', { name: 'Rename folder src' });
    await expect(rename.getByRole('textbox', { name: 'New name' })).toHaveValue('src');
    await rename.getByRole('textbox', { name: 'New name' }).fill('moved');
    await rename.getByRole('textbox', { name: 'New name' }).press('Enter');
    await expect(row(page, 'moved')).toBeVisible({ timeout: 30_000 });
    await expect(row(page, 'src')).toBeHidden();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect((await openActivity(page)).getByRole('listitem', { name: 'Renaming src/ to moved' })).toContainText('Moved 3 objects.');
    expect(await keysIn(client, bucket, 'src/')).toEqual([]);
    expect(await keysIn(client, bucket, 'moved/')).toEqual(['moved/deep/three.txt', 'moved/one.txt', 'moved/two.txt']);

    // Copy two objects, paste them into another folder.
    await row(page, 'moved').dblclick();
    await row(page, 'one.txt').click();
    await row(page, 'two.txt').click({ modifiers: ['Control'] });
    await page.keyboard.press('Control+c');
    const address = page.getByRole('textbox', { name: 'Address' });
    await address.fill(`${bucket}/dest/`);
    await address.press('Enter');
    await row(page, 'keep.txt').click();
    await page.keyboard.press('Control+v');
    await expect(row(page, 'two.txt')).toBeVisible({ timeout: 30_000 });
    expect(await keysIn(client, bucket, 'dest/')).toEqual(['dest/keep.txt', 'dest/one.txt', 'dest/two.txt']);
    expect(await keysIn(client, bucket, 'moved/')).toHaveLength(3);

    // Cut a folder from the row menu, paste with the toolbar: it moves.
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await row(page, 'deep').click({ button: 'right' });
    await page.getByRole('menu', { name: 'Actions for deep' }).getByRole('menuitem', { name: 'Cut' }).click();
    await page.getByRole('button', { name: 'Forward', exact: true }).click();
    await expect(row(page, 'keep.txt')).toBeVisible();
    await page.getByRole('button', { name: 'Paste', exact: true }).click();
    await expect(row(page, 'deep')).toBeVisible({ timeout: 30_000 });
    expect(await keysIn(client, bucket, 'moved/deep/')).toEqual([]);
    expect(await keysIn(client, bucket, 'dest/deep/')).toEqual(['dest/deep/three.txt']);

    // Download one object through its local link.
    await page.getByRole('button', { name: 'Up', exact: true }).click();
    await row(page, 'root.txt').click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download', exact: true }).click();
    expect((await download).suggestedFilename()).toBe('root.txt');

    // Delete an object and two folders: the question counts them; everything inside goes.
    await row(page, 'dest').click();
    await row(page, 'moved').click({ modifiers: ['Control'] });
    await row(page, 'root.txt').click({ modifiers: ['Control'] });
    await page.keyboard.press('Delete');
    const question = page.getByRole('alertdialog', { name: 'Delete 1 object and 2 folders (everything inside them)?' });
    await expect(question).toBeVisible();
    await question.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(question).toBeHidden();
    await expect(row(page, 'dest')).toBeHidden({ timeout: 30_000 });
    await expect(row(page, 'moved')).toBeHidden();
    expect(await rowNames(page)).toEqual(['fresh']);
    expect(await keysIn(client, bucket)).toEqual(['fresh/']);
  } finally {
    await cleanup();
  }
});

test('two panes: each goes its own way, and rows dragged onto the other pane move there', async ({ app, page, gateway }) => {
  const bucket = bucketName('panes');
  const client = gatewayClient(gateway);
  const cleanup = await seedBucket(gateway, bucket, ['left/a.txt', 'left/b.txt', 'right/']);
  try {
    await saveGatewayProfile(app, gateway);
    await bucketButton(page, bucket).click();
    await page.getByRole('button', { name: 'Two panes', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Two panes', exact: true })).toHaveAttribute('aria-pressed', 'true');
    const left = page.getByRole('region', { name: 'Left pane' });
    const right = page.getByRole('region', { name: 'Right pane' });
    await row(left, 'left').dblclick();
    await row(right, 'right').dblclick();
    await expect(right.getByText('This folder is empty')).toBeVisible();
    await expect(row(left, 'a.txt')).toBeVisible();
    await left.getByRole('button', { name: 'Back', exact: true }).click();
    await expect(row(left, 'right')).toBeVisible();
    await left.getByRole('button', { name: 'Forward', exact: true }).click();
    await expect(right.getByRole('textbox', { name: 'Address' })).toHaveValue(`${bucket}/right/`);

    await row(left, 'a.txt').dragTo(right.getByText('This folder is empty'));
    await expect(row(right, 'a.txt')).toBeVisible({ timeout: 30_000 });
    await expect(row(left, 'a.txt')).toBeHidden();
    expect(await keysIn(client, bucket)).toEqual(['left/b.txt', 'right/', 'right/a.txt']);
  } finally {
    await cleanup();
  }
});

test('versions mode lists versions and delete markers, restores one; versioning can be enabled', async ({ app, page, gateway }) => {
  const bucket = bucketName('versions');
  const plain = bucketName('plain');
  const client = gatewayClient(gateway);
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  await client.send(new CreateBucketCommand({ Bucket: plain }));
  try {
    await client.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'doc.txt', Body: 'first' }));
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'doc.txt', Body: 'second' }));
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'doc.txt' }));
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'other.txt', Body: 'other' }));

    await saveGatewayProfile(app, gateway);
    await bucketButton(page, bucket).click();
    await expect(row(page, 'other.txt')).toBeVisible();
    await expect(row(page, 'doc.txt')).toBeHidden();
    const toggle = page.getByRole('button', { name: 'Show versions', exact: true });
    await expect(toggle).toBeEnabled();
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(row(page, 'doc.txt, delete marker')).toBeVisible();
    await expect(row(page, /^doc\.txt, version /)).toHaveCount(2);
    await expect(row(page, 'other.txt, latest version')).toBeVisible();
    await expect(table(page).getByRole('columnheader', { name: 'Version' })).toBeVisible();
    await expect(countStatus(page)).toHaveText('4 versions, 0 folders');

    // The oldest version ("first") is the last of doc.txt's rows: restore it.
    await row(page, /^doc\.txt, version /)
      .last()
      .click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Restore this version' }).click();
    await expect(row(page, 'doc.txt, latest version')).toBeVisible({ timeout: 30_000 });
    const restored = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'doc.txt' }));
    expect(await restored.Body!.transformToString()).toBe('first');

    // Delete the delete marker's old row? No: delete one old version, with a confirmation.
    await row(page, 'doc.txt, delete marker').click();
    await page.getByRole('button', { name: 'Delete this version', exact: true }).click();
    const question = page.getByRole('alertdialog', { name: 'Delete this delete marker of doc.txt?' });
    await question.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(question).toBeHidden();
    await expect(row(page, 'doc.txt, delete marker')).toBeHidden();

    await toggle.click();
    await expect(row(page, 'doc.txt')).toBeVisible();

    // A bucket without versioning explains it and offers to turn it on.
    await bucketButton(page, plain).click();
    await expect(page.getByRole('button', { name: 'Show versions', exact: true })).toBeDisabled();
    await page.getByRole('button', { name: 'Enable versioning', exact: true }).click();
    const enable = page.getByRole('alertdialog', { name: `Enable versioning on ${plain}?` });
    await enable.getByRole('button', { name: 'Enable versioning', exact: true }).click();
    await expect(enable).toBeHidden();
    // The pane stays on the current objects; "Show versions" is now on offer.
    await expect(page.getByRole('button', { name: 'Show versions', exact: true })).toBeEnabled();
    await expect(page.getByRole('button', { name: 'Show versions', exact: true })).toHaveAttribute('aria-pressed', 'false');
  } finally {
    await removeBucket(client, bucket);
    await removeBucket(client, plain);
  }
});
