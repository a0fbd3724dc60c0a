import { randomBytes } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { expect, gatewayClient, seedBucket, test } from './fixtures';
import { openBucket } from './profile-steps';

test('Edit on a text object: saved back over it; a change made meanwhile on the server is a conflict, saved over only when asked', async ({
  app,
  page,
  gateway,
}, testInfo) => {
  const bucket = `pail-e2e-edit-${randomBytes(3).toString('hex')}`;
  const cleanup = await seedBucket(gateway, bucket, ['notes.md']);
  const client = gatewayClient(gateway);
  const body = async () => (await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'notes.md' }))).Body!.transformToString();
  try {
    await openBucket(app, gateway, bucket, { name: 'Gateway' });
    await page.getByRole('table', { name: 'Objects' }).getByRole('row', { name: 'notes.md', exact: true }).click();
    await page.getByRole('button', { name: 'Edit notes.md' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit notes.md' });
    const text = dialog.getByRole('textbox', { name: 'Text of notes.md' });
    await expect(text).toHaveValue('content of notes.md');
    await expect(dialog.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
    await text.fill('# Notes\n\nfirst edit ✓\n');
    await expect(dialog.getByRole('status')).toHaveText('Unsaved changes.');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await dialog.screenshot({ path: testInfo.outputPath(`edit-text-${scheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await text.press('Control+s');
    await expect(dialog.getByRole('status')).toHaveText('Saved.');
    expect(await body()).toBe('# Notes\n\nfirst edit ✓\n');

    // Someone else saves; this window's next save is refused, then saved over it when asked.
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'notes.md', Body: 'their version' }));
    await text.fill('# Notes\n\nsecond edit\n');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog.getByText(/notes\.md changed on the server after you opened it/)).toBeVisible();
    expect(await body()).toBe('their version');
    await dialog.getByRole('button', { name: 'Save mine over it' }).click();
    await expect(dialog.getByRole('status')).toHaveText('Saved.');
    expect(await body()).toBe('# Notes\n\nsecond edit\n');

    // Closing with unsaved changes asks once.
    await text.fill('unsaved');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('notes.md has unsaved changes: Close again to discard them, or Save.');
    await dialog.getByRole('button', { name: 'Discard changes' }).click();
    await expect(dialog).toBeHidden();
    expect(await body()).toBe('# Notes\n\nsecond edit\n');
  } finally {
    await cleanup();
  }
});
