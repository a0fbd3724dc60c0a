import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import type { Locator, Page } from '@playwright/test';
import { expect, gatewayClient, seedBucket, test, type GatewayInfo } from './fixtures';
import { openBucket } from './profile-steps';

const bucketName = (label: string) => `pail-e2e-${label}-${randomBytes(3).toString('hex')}`;

/** A real 2×2 PNG (red, green, blue, white). */
const PNG_2X2 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFElEQVR42mP4z8DAAMIM/////w8AH+4F+2BscPIAAAAASUVORK5CYII=', 'base64');

/** Selects an object's row in the table; returns the inspector panel. */
async function inspectRow(page: Page, name: string): Promise<Locator> {
  await page.getByRole('table', { name: 'Objects' }).getByRole('row', { name, exact: true }).click();
  const panel = page.getByRole('region', { name: 'Inspector' });
  await expect(panel.getByRole('heading', { name, exact: true })).toBeVisible();
  return panel;
}

/** The value a details list shows for a term ("Content-Type", "Size", a metadata name). */
const fact = (scope: Locator, term: string) =>
  scope
    .getByRole('term')
    .filter({ hasText: new RegExp(`^${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
    .locator('xpath=following-sibling::dd[1]');

/** Creates a bucket that keeps versions; returns a function that removes every version and the bucket. */
async function versionedBucket(gateway: GatewayInfo, name: string): Promise<() => Promise<void>> {
  const client = gatewayClient(gateway);
  await client.send(new CreateBucketCommand({ Bucket: name }));
  await client.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }));
  return async () => {
    const listed = await client.send(new ListObjectVersionsCommand({ Bucket: name }));
    const all = [...(listed.Versions ?? []), ...(listed.DeleteMarkers ?? [])];
    for (const v of all) await client.send(new DeleteObjectCommand({ Bucket: name, Key: v.Key!, VersionId: v.VersionId! }));
    await client.send(new DeleteBucketCommand({ Bucket: name }));
  };
}

test('the inspector shows an object’s details; its metadata is edited, checked as typed, and saved to the object', async ({ app, page, gateway }) => {
  const bucket = bucketName('inspect');
  const cleanup = await seedBucket(gateway, bucket, []);
  const client = gatewayClient(gateway);
  try {
    await client.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'docs/report.txt', Body: 'hello inspector', ContentType: 'text/plain', Metadata: { owner: 'alice' } }),
    );
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'other.txt', Body: 'x' }));
    await openBucket(app, gateway, bucket, { name: 'Gateway' });
    const inspector = page.getByRole('region', { name: 'Inspector' });
    await expect(inspector).toContainText('Select an object to see its details');

    // A folder shows as one; several rows are not inspected.
    const objects = page.getByRole('table', { name: 'Objects' });
    await objects.getByRole('row', { name: 'docs', exact: true }).click();
    await expect(fact(inspector, 'Kind')).toHaveText('Folder');
    await expect(fact(inspector, 'Prefix')).toHaveText('docs/');
    await objects.getByRole('row', { name: 'other.txt', exact: true }).click({ modifiers: ['ControlOrMeta'] });
    await expect(inspector).toContainText('2 items selected. Select one object to see its details.');

    await objects.getByRole('row', { name: 'docs', exact: true }).dblclick();
    const panel = await inspectRow(page, 'report.txt');
    const info = panel.getByRole('region', { name: 'Info' });
    await expect(fact(info, 'Size')).toHaveText('15 B (15 bytes)');
    await expect(fact(info, 'Key')).toContainText('docs/report.txt');
    await expect(fact(info, 'Content-Type')).toHaveText('text/plain');
    await expect(fact(info, 'owner')).toHaveText('alice');
    await expect(panel.getByRole('region', { name: 'Versions' })).toContainText('Versioning is off for this bucket');

    await info.getByRole('button', { name: 'Edit metadata' }).click();
    const form = info.getByRole('form', { name: 'Edit metadata' });
    await expect(form).toContainText('keeps its access settings');
    await form.getByRole('textbox', { name: 'Content-Type' }).fill('text/markdown');
    await form.getByRole('button', { name: 'Add metadata' }).click();
    const newName = form.getByRole('textbox', { name: 'Metadata name' }).last();
    await expect(newName).toBeFocused();
    await newName.fill('reviewed by');
    await expect(newName).toHaveAttribute('aria-invalid', 'true');
    await expect(newName).toHaveAccessibleDescription(/only letters, digits/);
    await newName.fill('reviewed-by');
    await expect(newName).not.toHaveAttribute('aria-invalid');
    await form.getByRole('textbox', { name: 'Metadata value' }).last().fill('bob');
    await form.getByRole('button', { name: 'Save metadata' }).click();

    await expect(form).toBeHidden();
    await expect(fact(info, 'Content-Type')).toHaveText('text/markdown');
    await expect(fact(info, 'reviewed-by')).toHaveText('bob');
    await expect(fact(info, 'owner')).toHaveText('alice');
    await expect(info.getByRole('button', { name: 'Edit metadata' })).toBeFocused();
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'docs/report.txt' }));
    expect(head.ContentType).toBe('text/markdown');
    expect(head.Metadata).toEqual({ owner: 'alice', 'reviewed-by': 'bob' });

    // Removing a row and cancelling leaves the object as it was.
    await info.getByRole('button', { name: 'Edit metadata' }).click();
    await form.getByRole('button', { name: 'Remove metadata owner' }).click();
    await form.getByRole('button', { name: 'Cancel' }).click();
    await expect(fact(info, 'owner')).toHaveText('alice');
  } finally {
    await cleanup();
  }
});

test('previews an image, a text file, JSON, CSV and the start of a big file; other types offer a download', async ({ app, page, gateway }) => {
  const bucket = bucketName('preview');
  const cleanup = await seedBucket(gateway, bucket, []);
  const client = gatewayClient(gateway);
  const put = (Key: string, Body: string | Buffer, ContentType?: string) => client.send(new PutObjectCommand({ Bucket: bucket, Key, Body, ContentType }));
  try {
    await put('pixel.png', PNG_2X2, 'image/png');
    await put('notes.txt', 'first line\nsecond line\n');
    await put('data.json', '{"name":"pail","tags":["a","b"]}', 'application/json');
    await put('people.csv', 'name,city\n"Smith, Jo",Paris\nAda,London\n', 'text/csv');
    await put('big.log', 'a log line that repeats itself\n'.repeat(50_000), 'text/plain');
    await put('blob.bin', Buffer.from([0, 1, 2, 3, 4, 5]));
    await openBucket(app, gateway, bucket, { name: 'Gateway' });

    let panel = await inspectRow(page, 'pixel.png');
    const preview = panel.getByRole('region', { name: 'Preview' });
    const image = preview.getByRole('img', { name: 'pixel.png' });
    await expect(image).toBeVisible();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(2);

    panel = await inspectRow(page, 'notes.txt');
    await expect(preview.getByRole('region', { name: 'Text of notes.txt' })).toHaveText('first line\nsecond line\n');

    panel = await inspectRow(page, 'data.json');
    await expect(preview.getByRole('region', { name: 'Text of data.json' })).toContainText('"tags": [\n    "a",');

    panel = await inspectRow(page, 'people.csv');
    const table = preview.getByRole('table', { name: 'CSV preview' });
    await expect(table.getByRole('columnheader')).toHaveText(['name', 'city']);
    await expect(table.getByRole('row').nth(1).getByRole('cell')).toHaveText(['Smith, Jo', 'Paris']);

    panel = await inspectRow(page, 'big.log');
    await expect(preview.getByText('Showing the first 1 MiB of 1.5 MiB')).toBeVisible();
    await expect(preview.getByRole('region', { name: 'Text of big.log' })).toContainText('a log line that repeats itself');

    panel = await inspectRow(page, 'blob.bin');
    await expect(preview).toContainText('No preview for this type');
    const download = page.waitForEvent('download');
    await preview.getByRole('button', { name: 'Download blob.bin', exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('blob.bin');
    expect([...readFileSync(await file.path())]).toEqual([0, 1, 2, 3, 4, 5]);
  } finally {
    await cleanup();
  }
});

test('lists an object’s versions; restoring an old one makes it current, deleting one removes it for good', async ({ app, page, gateway }) => {
  const bucket = bucketName('versions');
  const cleanup = await versionedBucket(gateway, bucket);
  const client = gatewayClient(gateway);
  try {
    const first = await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'doc.txt', Body: 'first version', ContentType: 'text/plain' }));
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'doc.txt', Body: 'second version, longer', ContentType: 'text/plain' }));
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'doc.txt.bak', Body: 'not this key' }));
    await openBucket(app, gateway, bucket, { name: 'Gateway' });

    const panel = await inspectRow(page, 'doc.txt');
    const versions = panel.getByRole('list', { name: 'Versions of doc.txt' });
    const items = versions.getByRole('listitem');
    await expect(items).toHaveCount(2);
    await expect(items.first()).toContainText('Latest');
    await expect(items.nth(1)).not.toContainText('Latest');
    await expect(panel.getByRole('region', { name: 'Preview' })).toContainText('second version, longer');

    await items
      .nth(1)
      .getByRole('button', { name: /^Restore version from / })
      .click();
    const restore = page.getByRole('alertdialog', { name: /^Restore the version from / });
    await expect(restore).toContainText('copies this version over the latest one');
    await restore.getByRole('button', { name: 'Restore version' }).click();
    await expect(restore).toBeHidden();
    await expect(items).toHaveCount(3);
    await expect(panel.getByRole('region', { name: 'Preview' }).getByRole('region', { name: 'Text of doc.txt' })).toHaveText('first version');
    await expect(fact(panel.getByRole('region', { name: 'Info' }), 'ETag')).toHaveText(first.ETag!);
    const current = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'doc.txt' }));
    expect(await current.Body!.transformToString()).toBe('first version');

    // The oldest version goes for good; the key keeps the other two.
    await items
      .nth(2)
      .getByRole('button', { name: /^Delete version from / })
      .click();
    const remove = page.getByRole('alertdialog', { name: /^Delete the version from .* for good\?$/ });
    await expect(remove).toContainText('deleted permanently');
    await remove.getByRole('button', { name: 'Cancel' }).click();
    await expect(remove).toBeHidden();
    await expect(items).toHaveCount(3);
    await items
      .nth(2)
      .getByRole('button', { name: /^Delete version from / })
      .click();
    await remove.getByRole('button', { name: 'Delete version' }).click();
    await expect(remove).toBeHidden();
    await expect(items).toHaveCount(2);
    const listed = await client.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: 'doc.txt' }));
    expect((listed.Versions ?? []).filter((v) => v.Key === 'doc.txt')).toHaveLength(2);
  } finally {
    await cleanup();
  }
});

test('the inspector folds away with its button or Ctrl+I and comes back', async ({ page }) => {
  const panel = page.getByRole('region', { name: 'Inspector' });
  await expect(panel).toContainText('Select an object to see its details');
  await panel.getByRole('button', { name: 'Hide inspector' }).click();
  await expect(panel).toBeHidden();
  const show = page.getByRole('button', { name: 'Show inspector' });
  await expect(show).toBeFocused();
  await page.keyboard.press('Control+i');
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Hide inspector' })).toBeFocused();
  await page.keyboard.press('Control+i');
  await expect(show).toBeVisible();
  await show.click();
  await expect(panel).toBeVisible();
});
