import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { GetObjectAclCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { expect, gatewayClient, seedBucket, test } from './fixtures';
import { openBucket } from './profile-steps';
import { dropFiles, dropFolderTree, uploadSheet } from './upload-steps';

const bucketName = (label: string) => `pail-e2e-${label}-${randomBytes(3).toString('hex')}`;
const table = (page: Page) => page.getByRole('table', { name: 'Objects' });
const row = (page: Page, name: string) => table(page).getByRole('row', { name, exact: true });
const transfer = (page: Page, name: string) => page.getByRole('region', { name: 'Transfers' }).getByRole('listitem', { name, exact: true });

const head = (client: S3Client, bucket: string, key: string) => client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));

/** Whether anyone may read the object (an AllUsers READ grant). */
async function isPublic(client: S3Client, bucket: string, key: string): Promise<boolean> {
  const acl = await client.send(new GetObjectAclCommand({ Bucket: bucket, Key: key }));
  return (acl.Grants ?? []).some((g) => g.Grantee?.URI?.endsWith('/global/AllUsers') && g.Permission === 'READ');
}

/** The options the page sends with its next upload request (web transport). */
function nextUploadRequest(page: Page) {
  return page
    .waitForRequest((request) => decodeURIComponent(request.url()).includes('/api/transfers:uploadStreams'))
    .then((request) => request.postDataJSON() as { acl?: string; options?: Record<string, unknown> });
}

test('the upload sheet sets access and headers for a drop, remembers them for the bucket, and stops asking when told', async ({ app, page, gateway }) => {
  const bucket = bucketName('sheet');
  const client = gatewayClient(gateway);
  const cleanup = await seedBucket(gateway, bucket, ['readme.txt']);
  try {
    await openBucket(app, gateway, bucket);
    await dropFiles(table(page), [
      { name: 'one.jpg', text: 'jpeg one' },
      { name: 'two.jpg', text: 'jpeg two' },
      { name: 'notes.txt', text: 'some notes' },
    ]);
    const sheet = uploadSheet(page);
    await expect(sheet).toBeVisible();
    await expect(sheet).toHaveAccessibleName(`Upload to ${bucket}`);
    await expect(sheet).toContainText(`3 files, 26 B into ${bucket}/`);
    // One row per file type, with the type detected from the names.
    await expect(sheet.getByText('.jpg')).toBeVisible();
    await expect(sheet.getByText('2 files')).toBeVisible();
    await expect(sheet.getByRole('combobox', { name: 'Content-Type of .jpg' })).toHaveValue('image/jpeg');
    await expect(sheet.getByRole('combobox', { name: 'Content-Type of .txt' })).toHaveValue('text/plain');
    await expect(sheet.getByRole('radio', { name: 'Bucket default' })).toBeChecked();

    await sheet.getByRole('radio', { name: 'Public-read' }).check();
    await sheet.getByRole('combobox', { name: 'Content-Type of .txt' }).fill('text/plain; charset=utf-8');
    await sheet.getByRole('combobox', { name: 'Cache-Control' }).fill('max-age=3600, public');
    await sheet.getByRole('combobox', { name: 'Content-Disposition' }).selectOption({ label: 'Attachment (downloaded)' });
    await sheet.getByRole('button', { name: 'Add metadata' }).click();
    // A new row takes focus in its name.
    await expect(sheet.getByRole('textbox', { name: 'Metadata name' })).toBeFocused();
    await sheet.getByRole('textbox', { name: 'Metadata name' }).fill('made by');
    await sheet.getByRole('textbox', { name: 'Metadata value' }).fill('ann');
    // Validation says what is wrong, in the shared schema's words, and nothing is sent.
    await sheet.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect(sheet.getByText(/A metadata name has letters, digits/)).toBeVisible();
    await expect(sheet).toBeVisible();
    await sheet.getByRole('textbox', { name: 'Metadata name' }).fill('made-by');
    await expect(sheet.getByText(/A metadata name has letters, digits/)).toBeHidden();

    const sent = nextUploadRequest(page);
    // Enter uploads.
    await sheet.getByRole('textbox', { name: 'Metadata value' }).press('Enter');
    await expect(sheet).toBeHidden();
    expect(await sent).toMatchObject({
      acl: 'public-read',
      options: {
        acl: 'public-read',
        cacheControl: 'max-age=3600, public',
        contentDisposition: 'attachment',
        metadata: { 'made-by': 'ann' },
        contentTypes: { txt: 'text/plain; charset=utf-8' },
      },
    });
    for (const name of ['one.jpg', 'two.jpg', 'notes.txt']) await expect(transfer(page, name)).toContainText('Done', { timeout: 30_000 });
    const jpg = await head(client, bucket, 'one.jpg');
    expect(jpg.ContentType).toBe('image/jpeg');
    expect(jpg.CacheControl).toBe('max-age=3600, public');
    expect(jpg.ContentDisposition).toBe('attachment');
    expect(jpg.Metadata).toEqual({ 'made-by': 'ann' });
    expect(await isPublic(client, bucket, 'one.jpg')).toBe(true);
    expect(await isPublic(client, bucket, 'notes.txt')).toBe(true);

    // The next drop opens with what was remembered for the bucket; "don't ask again" saves that too.
    await dropFiles(table(page), [{ name: 'three.jpg', text: 'jpeg three' }]);
    await expect(sheet).toBeVisible();
    await expect(sheet.getByRole('radio', { name: 'Public-read' })).toBeChecked();
    await expect(sheet.getByRole('combobox', { name: 'Cache-Control' })).toHaveValue('max-age=3600, public');
    await expect(sheet.getByRole('combobox', { name: 'Content-Disposition' })).toHaveValue('attachment');
    await expect(sheet.getByRole('textbox', { name: 'Metadata value' })).toHaveValue('ann');
    await expect(sheet.getByRole('radio', { name: 'Public-read' })).toHaveAccessibleDescription(/Anyone with the URL/);
    await expect(sheet.getByText('Saved for this bucket: Public-read.')).toBeVisible();
    await sheet.getByRole('checkbox', { name: 'Don’t ask again for this bucket' }).check();
    await expect(sheet.getByRole('checkbox', { name: 'Remember for this bucket' })).toBeChecked();
    await sheet.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect(sheet).toBeHidden();
    await expect(transfer(page, 'three.jpg')).toContainText('Done', { timeout: 30_000 });

    // Now a drop uploads at once with the remembered settings, and says so.
    await dropFiles(table(page), [{ name: 'four.jpg', text: 'jpeg four' }]);
    const notice = page.getByRole('status', { name: 'Upload settings used' });
    await expect(notice).toContainText(`Uploaded into ${bucket} with its remembered settings: access: public-read`);
    await expect(notice).toContainText('Bucket settings…');
    await expect(sheet).toBeHidden();
    await expect(transfer(page, 'four.jpg')).toContainText('Done', { timeout: 30_000 });
    const four = await head(client, bucket, 'four.jpg');
    expect(four.CacheControl).toBe('max-age=3600, public');
    expect(four.ContentDisposition).toBe('attachment');
    expect(four.Metadata).toEqual({ 'made-by': 'ann' });
    expect(await isPublic(client, bucket, 'four.jpg')).toBe(true);
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toBeHidden();
  } finally {
    await cleanup();
  }
});

test('a Content-Type typed for one file type reaches the objects of that type', async ({ app, page, gateway }) => {
  const bucket = bucketName('types');
  const client = gatewayClient(gateway);
  const cleanup = await seedBucket(gateway, bucket, ['keep.txt']);
  try {
    await openBucket(app, gateway, bucket);
    await dropFiles(table(page), [
      { name: 'a.txt', text: 'a' },
      { name: 'b.jpg', text: 'b' },
    ]);
    const sheet = uploadSheet(page);
    await sheet.getByRole('combobox', { name: 'Content-Type of .txt' }).fill('text/plain; charset=utf-8');
    await sheet.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect(transfer(page, 'a.txt')).toContainText('Done', { timeout: 30_000 });
    expect((await head(client, bucket, 'a.txt')).ContentType).toBe('text/plain; charset=utf-8');
    expect((await head(client, bucket, 'b.jpg')).ContentType).toBe('image/jpeg');
  } finally {
    await cleanup();
  }
});

test('a field emptied in the sheet stays empty on the objects even where the bucket remembers a value for it', async ({ app, page, gateway }) => {
  const bucket = bucketName('emptied');
  const client = gatewayClient(gateway);
  const cleanup = await seedBucket(gateway, bucket, ['keep.txt']);
  try {
    await openBucket(app, gateway, bucket);
    // The first drop remembers a Cache-Control, an attachment disposition and a type for .txt.
    await dropFiles(table(page), [{ name: 'first.txt', text: 'one' }]);
    const sheet = uploadSheet(page);
    await sheet.getByRole('combobox', { name: 'Cache-Control' }).fill('max-age=600');
    await sheet.getByRole('combobox', { name: 'Content-Disposition' }).selectOption('attachment');
    await sheet.getByRole('combobox', { name: 'Content-Type of .txt' }).fill('text/x-remembered');
    await sheet.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect(transfer(page, 'first.txt')).toContainText('Done', { timeout: 30_000 });
    expect(await head(client, bucket, 'first.txt')).toMatchObject({
      CacheControl: 'max-age=600',
      ContentDisposition: 'attachment',
      ContentType: 'text/x-remembered',
    });

    // The second drop empties them for this drop only (not remembered): the bucket's values must not fill them in.
    await dropFiles(table(page), [{ name: 'second.txt', text: 'two' }]);
    await expect(sheet.getByRole('combobox', { name: 'Cache-Control' })).toHaveValue('max-age=600');
    await sheet.getByRole('combobox', { name: 'Cache-Control' }).fill('');
    await sheet.getByRole('combobox', { name: 'Content-Disposition' }).selectOption('none');
    await sheet.getByRole('combobox', { name: 'Content-Type of .txt' }).fill('text/plain');
    await sheet.getByRole('checkbox', { name: 'Remember for this bucket' }).uncheck();
    await sheet.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect(transfer(page, 'second.txt')).toContainText('Done', { timeout: 30_000 });
    const second = await head(client, bucket, 'second.txt');
    expect(second.CacheControl).toBeUndefined();
    expect(second.ContentDisposition).toBeUndefined();
    expect(second.ContentType).toBe('text/plain');
  } finally {
    await cleanup();
  }
});

test('unticking "apply to all" steps through the dropped items, each its own upload with its own settings', async ({ app, page, gateway }) => {
  const bucket = bucketName('steps');
  const client = gatewayClient(gateway);
  const cleanup = await seedBucket(gateway, bucket, ['keep.txt']);
  try {
    await openBucket(app, gateway, bucket);
    await dropFolderTree(table(page), ['photos/a.jpg', 'photos/b.png', 'docs/c.txt']);
    const sheet = uploadSheet(page);
    await expect(sheet).toContainText('3 files');
    await sheet.getByRole('checkbox', { name: 'Apply to all files in this drop' }).uncheck();
    await expect(sheet).toContainText('Item 1 of 2: photos/');
    await expect(sheet.getByRole('combobox', { name: 'Content-Type of .png' })).toHaveValue('image/png');
    await expect(sheet.getByRole('combobox', { name: 'Content-Type of .txt' })).toBeHidden();
    await sheet.getByRole('radio', { name: 'Public-read' }).check();
    await sheet.getByRole('combobox', { name: 'Cache-Control' }).fill('max-age=31536000, immutable');
    await sheet.getByRole('button', { name: 'Upload', exact: true }).click();

    await expect(sheet).toContainText('Item 2 of 2: docs/');
    await expect(sheet.getByRole('combobox', { name: 'Content-Type of .txt' })).toBeVisible();
    await sheet.getByRole('radio', { name: 'Private' }).check();
    await sheet.getByRole('combobox', { name: 'Cache-Control' }).fill('no-cache');
    await sheet.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect(sheet).toBeHidden();

    await expect(transfer(page, 'docs/c.txt')).toContainText('Done', { timeout: 30_000 });
    await expect(transfer(page, 'photos/b.png')).toContainText('Done', { timeout: 30_000 });
    expect((await head(client, bucket, 'photos/a.jpg')).CacheControl).toBe('max-age=31536000, immutable');
    expect(await isPublic(client, bucket, 'photos/b.png')).toBe(true);
    expect((await head(client, bucket, 'docs/c.txt')).CacheControl).toBe('no-cache');
    expect(await isPublic(client, bucket, 'docs/c.txt')).toBe(false);
    await expect(row(page, 'photos')).toBeVisible();
  } finally {
    await cleanup();
  }
});

test('a storage class the server does not offer fails the upload in words; Public-read is off where the profile has no ACLs; Escape cancels, Enter uploads', async ({
  app,
  page,
  gateway,
}) => {
  const bucket = bucketName('class');
  const cleanup = await seedBucket(gateway, bucket, ['keep.txt']);
  try {
    await openBucket(app, gateway, bucket, { aclSupport: 'no' });
    await dropFiles(table(page), [{ name: 'cold.bin', text: 'cold' }]);
    const sheet = uploadSheet(page);
    await expect(sheet.getByRole('radio', { name: 'Public-read' })).toBeDisabled();
    await expect(sheet.getByRole('radio', { name: 'Public-read' })).toHaveAccessibleDescription(/Not available: This profile says the server has no ACLs/);
    await sheet.getByRole('checkbox', { name: 'Remember for this bucket' }).uncheck();
    await sheet.getByRole('combobox', { name: 'Storage class' }).fill('glacier');
    await sheet.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect(sheet.getByText('A storage class is a name in capitals like STANDARD or STANDARD_IA.')).toBeVisible();
    await sheet.getByRole('combobox', { name: 'Storage class' }).fill('GLACIER');
    await sheet.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect(sheet).toBeHidden();
    await expect(transfer(page, 'cold.bin')).toContainText('The server does not offer the storage class "GLACIER"', { timeout: 30_000 });

    // Escape cancels a sheet: nothing is sent.
    await dropFiles(table(page), [{ name: 'never.bin', text: 'x' }]);
    await expect(sheet).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();
    await expect(transfer(page, 'never.bin')).toHaveCount(0);

    // Enter right after a drop uploads with what the sheet opened with.
    await dropFiles(table(page), [{ name: 'at-once.bin', text: 'x' }]);
    await expect(sheet.getByRole('button', { name: 'Upload', exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(sheet).toBeHidden();
    await expect(transfer(page, 'at-once.bin')).toContainText('Done', { timeout: 30_000 });
  } finally {
    await cleanup();
  }
});
