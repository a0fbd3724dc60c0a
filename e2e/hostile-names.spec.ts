import { randomBytes } from 'node:crypto';
import { CreateBucketCommand, DeleteBucketCommand, DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Locator, Page } from '@playwright/test';
import { expect, gatewayClient, test } from './fixtures';
import { saveGatewayProfile } from './profile-steps';

const table = (scope: Page | Locator) => scope.getByRole('table', { name: 'Objects' });
const row = (scope: Page | Locator, name: string) => table(scope).getByRole('row', { name, exact: true });

test('a key with ESC or LF shows as visible symbols, the inspector names them, and the UI deletes it', async ({ app, page, gateway }) => {
  const client = gatewayClient(gateway);
  const bucket = `pail-e2e-ctl-${randomBytes(3).toString('hex')}`;
  const keys = ['esc\x1b[31mred.txt', 'two\nlines.txt', 'plain.txt'];
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  for (const Key of keys) await client.send(new PutObjectCommand({ Bucket: bucket, Key, Body: Buffer.from('x') }));
  try {
    await saveGatewayProfile(app, gateway);
    await page.getByRole('region', { name: 'Buckets' }).getByRole('button', { name: bucket, exact: true }).click();
    const esc = row(page, 'esc␛[31mred.txt');
    await expect(esc).toBeVisible();
    await expect(esc.getByRole('cell').first()).toHaveText('esc␛[31mred.txt');
    await expect(row(page, 'two␊lines.txt').getByRole('cell').first()).toHaveText('two␊lines.txt');

    // The inspector shows the key escaped and says which control character it holds.
    await esc.click();
    const details = page.getByRole('definition').filter({ hasText: 'Copy key' });
    await expect(details).toContainText('esc␛[31mred.txt');
    await expect(details).toContainText('Holds control characters, shown as symbols: ESC (U+001B).');

    // Both odd keys deleted from the UI in one go (one of them cannot travel in DeleteObjects' XML).
    await row(page, 'two␊lines.txt').click({ modifiers: ['Control'] });
    await page.keyboard.press('Delete');
    const question = page.getByRole('alertdialog', { name: 'Delete 2 objects?' });
    await expect(question).toContainText('esc␛[31mred.txt');
    await question.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(esc).toBeHidden({ timeout: 30_000 });
    await expect(row(page, 'two␊lines.txt')).toBeHidden();
    const left = await client.send(new ListObjectsV2Command({ Bucket: bucket, EncodingType: 'url' }));
    expect((left.Contents ?? []).map((c) => decodeURIComponent(c.Key!))).toEqual(['plain.txt']);
  } finally {
    for (const Key of keys) await client.send(new DeleteObjectCommand({ Bucket: bucket, Key }));
    await client.send(new DeleteBucketCommand({ Bucket: bucket }));
  }
});
