import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { GetObjectCommand, HeadObjectCommand, ListMultipartUploadsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { expect, gatewayClient, seedBucket, test } from './fixtures';
import { openBucket } from './profile-steps';
import { acceptUploadSheet, dropFiles as dropFilesOnly, dropFolderTree as dropFolderTreeOnly } from './upload-steps';

const bucketName = (label: string) => `pail-e2e-${label}-${randomBytes(3).toString('hex')}`;
const MiB = 1024 * 1024;

const table = (page: Page) => page.getByRole('table', { name: 'Objects' });
const row = (page: Page, name: string) => table(page).getByRole('row', { name, exact: true });
const panel = (page: Page) => page.getByRole('region', { name: 'Transfers' });
/** One transfer in the panel, by the name it shows (its path inside the batch). */
const transfer = (page: Page, name: string) => panel(page).getByRole('listitem', { name, exact: true });

/** Picks files (or a folder) through the Upload menu's picker and accepts the upload sheet. */
async function pickToUpload(page: Page, item: 'Upload files…' | 'Upload folder…', paths: string | string[]) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await page.getByRole('menu', { name: 'Upload' }).getByRole('menuitem', { name: item }).click();
  await (await chooser).setFiles(paths);
  await acceptUploadSheet(page);
}

/** Drops files, then accepts the upload sheet as it opens. */
async function dropFiles(target: Locator, files: { name: string; text: string; type?: string }[]) {
  await dropFilesOnly(target, files);
  await acceptUploadSheet(target.page());
}

/** Drops a folder tree, then accepts the upload sheet as it opens. */
async function dropFolderTree(target: Locator, paths: string[]) {
  await dropFolderTreeOnly(target, paths);
  await acceptUploadSheet(target.page());
}

async function head(client: S3Client, bucket: string, key: string) {
  return client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
}

/** Keys of unfinished multipart uploads: invisible to HeadObject, but they hold storage (as electron/test-support/leftovers.ts). */
async function unfinishedUploads(client: S3Client, bucket: string): Promise<string[]> {
  return ((await client.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? []).map((u) => u.Key ?? '');
}

async function exists(client: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await head(client, bucket, key);
    return true;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
    throw error;
  }
}

async function textOf(client: S3Client, bucket: string, key: string): Promise<string> {
  const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return out.Body!.transformToString();
}

/** A temp folder removed after the test. */
function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `pail-e2e-${label}-`));
}

test('a dropped folder keeps its empty subfolders as folders; nested empty ones become one marker', async ({ app, page, gateway }) => {
  const bucket = bucketName('empty');
  const client = gatewayClient(gateway);
  const cleanup = await seedBucket(gateway, bucket, ['readme.txt']);
  try {
    await openBucket(app, gateway, bucket);
    await dropFolderTree(table(page), ['album/photo.txt', 'album/empty/', 'album/deep/er/est/']);
    for (const name of ['album/photo.txt', 'album/empty/', 'album/deep/er/est/']) await expect(transfer(page, name)).toContainText('Done', { timeout: 30_000 });
    await expect(panel(page).getByRole('listitem', { name: /^Uploading/ })).toContainText('Finished: 3 files');

    await row(page, 'album').dblclick();
    await expect(row(page, 'empty')).toBeVisible({ timeout: 15_000 });
    await row(page, 'deep').dblclick();
    await row(page, 'er').dblclick();
    await expect(row(page, 'est')).toBeVisible();
    const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'album/' }));
    expect((listed.Contents ?? []).map((o) => o.Key)).toEqual(['album/deep/er/est/', 'album/empty/', 'album/photo.txt']);

    // A browser's folder picker lists no empty folders: its menu item says so and points to the drop.
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect(page.getByRole('menu', { name: 'Upload' }).getByRole('menuitem', { name: 'Upload folder…' })).toHaveAccessibleDescription(
      /leaves empty folders out.*drop the folder/,
    );
  } finally {
    await cleanup();
  }
});

test('upload a folder with the folder picker and files by drop; progress shows and Content-Types follow the names', async ({ app, page, gateway }) => {
  const bucket = bucketName('up');
  const client = gatewayClient(gateway);
  const cleanup = await seedBucket(gateway, bucket, ['inbox/', 'readme.txt']);
  const dir = tempDir('album');
  try {
    mkdirSync(join(dir, 'album', 'notes'), { recursive: true });
    writeFileSync(join(dir, 'album', 'a.jpg'), randomBytes(2048));
    writeFileSync(join(dir, 'album', 'data.json'), '{"ok":true}');
    writeFileSync(join(dir, 'album', 'notes', 'todo.txt'), 'buy milk');
    await openBucket(app, gateway, bucket);

    // A folder through the folder picker: its structure is kept.
    await pickToUpload(page, 'Upload folder…', join(dir, 'album'));
    await expect(panel(page).getByRole('button', { name: 'Transfers', exact: true })).toHaveAttribute('aria-expanded', 'true');
    for (const name of ['album/a.jpg', 'album/data.json', 'album/notes/todo.txt'])
      await expect(transfer(page, name)).toContainText('Done', { timeout: 30_000 });
    await expect(panel(page).getByRole('progressbar', { name: 'album/a.jpg' })).toHaveAttribute('aria-valuenow', '100');
    await expect(panel(page).getByRole('img', { name: /^Throughput over the last/ })).toBeVisible();
    await expect(row(page, 'album')).toBeVisible({ timeout: 15_000 });
    expect((await head(client, bucket, 'album/a.jpg')).ContentType).toBe('image/jpeg');
    expect((await head(client, bucket, 'album/data.json')).ContentType).toBe('application/json');
    expect((await head(client, bucket, 'album/notes/todo.txt')).ContentType).toMatch(/^text\/plain/);
    expect(await textOf(client, bucket, 'album/notes/todo.txt')).toBe('buy milk');

    // Files dropped onto a folder row go into that folder.
    await dropFiles(row(page, 'inbox'), [
      { name: 'table.csv', text: 'a,b\n1,2\n' },
      { name: 'page.html', text: '<p>hi</p>' },
    ]);
    await expect(transfer(page, 'table.csv')).toContainText('Done', { timeout: 30_000 });
    await expect(transfer(page, 'page.html')).toContainText('Done');
    expect((await head(client, bucket, 'inbox/table.csv')).ContentType).toBe('text/csv');
    expect((await head(client, bucket, 'inbox/page.html')).ContentType).toBe('text/html');
    expect(await textOf(client, bucket, 'inbox/table.csv')).toBe('a,b\n1,2\n');

    // Files dropped onto the table (not a folder row) go into the folder it shows.
    await dropFiles(table(page), [{ name: 'dropped.md', text: '# hi' }]);
    await expect(row(page, 'dropped.md')).toBeVisible({ timeout: 30_000 });
    expect((await head(client, bucket, 'dropped.md')).ContentType).toBe('text/markdown');

    // Clear finished empties the panel.
    await panel(page).getByRole('button', { name: 'Clear finished', exact: true }).click();
    await expect(panel(page).getByRole('listitem')).toHaveCount(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await cleanup();
  }
});

test('the panel says when a batch finished and how, keeps failures apart and open, folds clean batches and sums up only what moves', async ({
  app,
  page,
  gateway,
}) => {
  const bucket = bucketName('panel');
  const cleanup = await seedBucket(gateway, bucket, ['taken.txt']);
  const server: Server = createServer((_req, res) => res.writeHead(404).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const missing = `http://127.0.0.1:${(server.address() as AddressInfo).port}/gone.csv`;
  const header = panel(page).locator('.activity-summary');
  try {
    await openBucket(app, gateway, bucket);

    // A clean batch says it finished, with its size and time.
    await dropFiles(table(page), [
      { name: 'one.txt', text: 'x'.repeat(1000) },
      { name: 'two.txt', text: 'y'.repeat(1048) },
    ]);
    const clean = panel(page).getByRole('listitem', { name: /^Uploading 2 / });
    await expect(clean).toContainText(/Finished: 2 files, 2 KiB in \d+(\.\d)? s/, { timeout: 30_000 });
    await expect(header).toHaveText('All finished');

    // A failed import is not counted as finished work: the batch and the header say it failed.
    await page.getByRole('button', { name: 'Import from URL…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Import from URL' });
    await dialog.getByRole('textbox', { name: 'URL' }).fill(missing);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    const failed = panel(page).getByRole('listitem', { name: /^Importing/ });
    await expect(failed).toContainText('Finished with 1 failure: 0 of 1 file done', { timeout: 30_000 });
    await expect(header).toHaveText('Finished with 1 failure');

    // A clean batch folds to its summary line after a few seconds; the failed one stays open.
    const cleanFiles = clean.getByRole('button', { name: /^Files of Uploading 2 / });
    await expect(cleanFiles).toHaveAttribute('aria-expanded', 'false', { timeout: 15_000 });
    await expect(transfer(page, 'one.txt')).toBeHidden();
    await expect(failed.getByRole('button', { name: /^Files of Importing/ })).toHaveAttribute('aria-expanded', 'true');
    await expect(failed.getByRole('listitem')).toContainText('Failed');
    await cleanFiles.click();
    await expect(transfer(page, 'one.txt')).toContainText('Done');

    // The header counts only the batch still open (a question about taken.txt), not the bytes of finished ones.
    await dropFiles(table(page), [{ name: 'taken.txt', text: 'z'.repeat(100) }]);
    const question = page.getByRole('alertdialog', { name: '“taken.txt” already exists' });
    await expect(question).toBeVisible({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    await expect(question).toBeHidden();
    await expect(header).toHaveText('1 waiting · 0 done · 0 B of 100 B');

    // The graph is labelled, with a rate scale and the time it spans.
    const graph = panel(page).getByRole('figure', { name: 'Throughput' });
    await expect(graph).toContainText(/\d+ (B|KiB|MiB)\/s/);
    await expect(graph).toContainText(/\d+(\.\d)? s ago/);
    await expect(graph).toContainText('now');
    await expect(graph.getByRole('img')).toHaveAccessibleName(/^Throughput over the last .+ now, .+ at most \(scale 0 to \d+ (KiB|MiB)\/s\)$/);

    // Each finished batch has its own Clear.
    await failed.getByRole('button', { name: /^Clear Importing/ }).click();
    await expect(failed).toBeHidden();
    await expect(clean).toBeVisible();
  } finally {
    server.close();
    await cleanup();
  }
});

/**
 * Web transport: slows the page's uploads (Chromium's network emulation), so
 * a 40 MB file takes seconds to send, whatever the machine: the test's Pause
 * and Cancel then come before the end. Returns the function that lifts it.
 */
async function throttleUploads(page: Page, transport: string, bytesPerSecond: number): Promise<() => Promise<void>> {
  if (transport !== 'web') return async () => {};
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: bytesPerSecond });
  return async () => {
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  };
}

test.describe('in a tab of its own (its network emulation must not outlive it)', () => {
  test.use({ freshPage: true });

  test('pause and resume a big upload; cancel another and nothing is left', async ({ page, app, gateway }) => {
    const bucket = bucketName('pause');
    const client = gatewayClient(gateway);
    const cleanup = await seedBucket(gateway, bucket, ['keep.txt']);
    const dir = tempDir('big');
    try {
      const big = join(dir, 'big.bin');
      writeFileSync(big, randomBytes(40 * MiB));
      await openBucket(app, gateway, bucket);
      const unthrottle = await throttleUploads(page, app.transport, 8 * MiB);

      await pickToUpload(page, 'Upload files…', big);
      const item = transfer(page, 'big.bin');
      await expect(item).toContainText(/Uploading|Queued/);
      await item.getByRole('button', { name: 'Pause big.bin' }).click();
      await expect(item).toContainText('Paused', { timeout: 30_000 });
      await expect(item.getByRole('button', { name: 'Resume big.bin' })).toBeVisible();
      expect(await exists(client, bucket, 'big.bin')).toBe(false);
      await unthrottle();
      await item.getByRole('button', { name: 'Resume big.bin' }).click();
      await expect(item).toContainText('Done', { timeout: 60_000 });
      expect((await head(client, bucket, 'big.bin')).ContentLength).toBe(40 * MiB);

      const other = join(dir, 'cancel.bin');
      writeFileSync(other, randomBytes(40 * MiB));
      const unthrottleAgain = await throttleUploads(page, app.transport, 8 * MiB);
      await pickToUpload(page, 'Upload files…', other);
      const cancelled = transfer(page, 'cancel.bin');
      await expect(cancelled).toContainText(/Uploading|Queued/);
      await cancelled.getByRole('button', { name: 'Cancel cancel.bin' }).click();
      await expect(cancelled).toContainText('Cancelled', { timeout: 30_000 });
      await expect(cancelled.getByRole('button', { name: 'Retry cancel.bin' })).toBeVisible();
      expect(await exists(client, bucket, 'cancel.bin')).toBe(false);
      expect(await unfinishedUploads(client, bucket)).toEqual([]);
      await unthrottleAgain();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await cleanup();
    }
  });
});

test('import a file from a URL: it lands in the open folder with the server Content-Type', async ({ app, page, gateway }) => {
  const bucket = bucketName('import');
  const client = gatewayClient(gateway);
  const cleanup = await seedBucket(gateway, bucket, ['data/keep.txt']);
  const body = 'city,pop\nParis,2100000\n';
  const server: Server = createServer((req, res) => {
    if (req.url === '/exports/cities.csv') {
      res.writeHead(200, { 'Content-Type': 'text/csv', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/exports/cities.csv`;
  try {
    await openBucket(app, gateway, bucket);
    await row(page, 'data').dblclick();
    await expect(row(page, 'keep.txt')).toBeVisible();

    await page.getByRole('button', { name: 'Import from URL…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Import from URL' });
    await dialog.getByRole('textbox', { name: 'URL' }).fill('ftp://nope');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByText('Enter an http:// or https:// URL.')).toBeVisible();
    await dialog.getByRole('textbox', { name: 'URL' }).fill(url);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog).toBeHidden();

    await expect(panel(page).getByRole('listitem', { name: /^Importing/ })).toContainText('Done', { timeout: 30_000 });
    await expect(row(page, 'cities.csv')).toBeVisible({ timeout: 15_000 });
    const object = await head(client, bucket, 'data/cities.csv');
    expect(object.ContentType).toBe('text/csv');
    expect(await textOf(client, bucket, 'data/cities.csv')).toBe(body);
  } finally {
    server.close();
    await cleanup();
  }
});

test('a name that exists asks; "Keep both" for the batch keeps the old objects and adds numbered ones', async ({ app, page, gateway }) => {
  const bucket = bucketName('ask');
  const client = gatewayClient(gateway);
  const cleanup = await seedBucket(gateway, bucket, ['report.txt', 'notes.txt']);
  try {
    await openBucket(app, gateway, bucket);
    await expect(panel(page).getByRole('combobox', { name: 'If a name exists' })).toBeHidden();
    await panel(page).getByRole('button', { name: 'Transfers', exact: true }).click();
    await expect(panel(page).getByRole('combobox', { name: 'If a name exists' })).toHaveValue('ask');

    await dropFiles(table(page), [
      { name: 'report.txt', text: 'new report' },
      { name: 'notes.txt', text: 'new notes' },
    ]);
    const question = page.getByRole('alertdialog', { name: /^“(report|notes)\.txt” already exists$/ });
    await expect(question).toBeVisible({ timeout: 30_000 });
    await expect(question).toContainText('There now');
    await question.getByRole('checkbox', { name: 'Do the same for the rest of this batch' }).check();
    await question.getByRole('button', { name: 'Keep both', exact: true }).click();
    await expect(question).toBeHidden();

    await expect(row(page, 'report (1).txt')).toBeVisible({ timeout: 30_000 });
    await expect(row(page, 'notes (1).txt')).toBeVisible();
    expect(await textOf(client, bucket, 'report (1).txt')).toBe('new report');
    expect(await textOf(client, bucket, 'notes (1).txt')).toBe('new notes');
    expect(await textOf(client, bucket, 'report.txt')).toBe('content of report.txt');
  } finally {
    await cleanup();
  }
});

test('download one object through the browser, and a folder to a folder typed in the dialog', async ({ app, page, gateway }) => {
  const bucket = bucketName('down');
  const cleanup = await seedBucket(gateway, bucket, ['single.txt', 'docs/one.txt', 'docs/sub/two.txt', 'docs/empty/']);
  const target = tempDir('downloads');
  try {
    await openBucket(app, gateway, bucket);

    await row(page, 'single.txt').click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download', exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('single.txt');
    expect(readFileSync((await file.path())!, 'utf8')).toBe('content of single.txt');

    await row(page, 'docs').click();
    await page.getByRole('button', { name: 'Download', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Download 1 folder' });
    const folder = dialog.getByRole('textbox', { name: 'Folder on this machine' });
    await expect(folder).not.toHaveValue('');
    await folder.fill(target);
    await dialog.getByRole('button', { name: 'Download', exact: true }).click();
    await expect(dialog).toBeHidden();

    const batch = panel(page).getByRole('listitem', { name: /^Downloading/ });
    await expect(batch).toContainText('Finished: 3 files', { timeout: 30_000 });
    expect(readFileSync(join(target, 'docs', 'one.txt'), 'utf8')).toBe('content of docs/one.txt');
    expect(readFileSync(join(target, 'docs', 'sub', 'two.txt'), 'utf8')).toBe('content of docs/sub/two.txt');
  } finally {
    rmSync(target, { recursive: true, force: true });
    await cleanup();
  }
});
