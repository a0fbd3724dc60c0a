import { randomBytes } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { startFaultProxy, type FaultProxy } from '../electron/test-support/fault-proxy';
import { answerLost, holdRequests } from '../electron/test-support/fault-rules';
import { expect, gatewayClient, seedBucket, test } from './fixtures';
import { openBucket } from './profile-steps';

let proxy: FaultProxy | undefined;
test.afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

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

test('Edit through a failing network: saving is said while it waits; a failed save keeps the text, says why, and Try again or Save sends it, never as a conflict with its own bytes', async ({
  app,
  page,
  gateway,
}, testInfo) => {
  const bucket = `pail-e2e-edit-faults-${randomBytes(3).toString('hex')}`;
  const cleanup = await seedBucket(gateway, bucket, ['notes.md']);
  const client = gatewayClient(gateway);
  const body = async () => (await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'notes.md' }))).Body!.transformToString();
  const isPut = (req: { method: string }) => req.method === 'PUT';
  proxy = await startFaultProxy({ target: gateway.endpoint });
  try {
    await openBucket(app, gateway, bucket, { name: 'Flaky', endpoint: proxy.endpoint });
    await page.getByRole('table', { name: 'Objects' }).getByRole('row', { name: 'notes.md', exact: true }).click();
    await page.getByRole('button', { name: 'Edit notes.md' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit notes.md' });
    const text = dialog.getByRole('textbox', { name: 'Text of notes.md' });
    const save = dialog.getByRole('button', { name: 'Save', exact: true });
    await expect(text).toHaveValue('content of notes.md');

    // A save the server is slow to take: said while it waits.
    const held = holdRequests(isPut);
    proxy.setRules([held]);
    await text.fill('first');
    await save.click();
    await expect(dialog.getByRole('status')).toHaveText('Saving notes.md…');
    held.release();
    await expect(dialog.getByRole('status')).toHaveText('Saved.');
    expect(await body()).toBe('first');

    // The server stores the text but the connection is cut before its answer, on every try: not called saved.
    proxy.setRules([answerLost(isPut, 'reset')]);
    await text.fill('second');
    await save.click();
    const problem = dialog.getByRole('alert').filter({ hasText: 'Could not save notes.md' });
    await expect(problem).toContainText(/was cut off before the request was done \(ECONNRESET\) \(saving notes\.md\)\./);
    await expect(problem).toContainText('Your edits are kept: save again to retry.');
    await expect(dialog.getByRole('status')).toHaveText('Unsaved changes.');
    await expect(text).toHaveValue('second');
    await page.emulateMedia({ colorScheme: 'light' });
    await dialog.screenshot({ path: testInfo.outputPath('edit-text-save-failed.png') });
    expect(await body()).toBe('second');

    // More typing, then Save once the network is back: the unheard save is the editor's own, not someone else's change.
    proxy.setRules([]);
    await text.fill('second, and more');
    await save.click();
    await expect(dialog.getByRole('status')).toHaveText('Saved.');
    await expect(problem).toBeHidden();
    expect(await body()).toBe('second, and more');

    // Try again in the error sends the same text.
    proxy.setRules([answerLost(isPut, 'reset')]);
    await text.fill('third');
    await save.click();
    await expect(problem).toBeVisible();
    proxy.setRules([]);
    await problem.getByRole('button', { name: 'Try again' }).click();
    await expect(dialog.getByRole('status')).toHaveText('Saved.');
    expect(await body()).toBe('third');

    // Someone else's change is still a conflict.
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'notes.md', Body: 'their version' }));
    await text.fill('fourth');
    await save.click();
    await expect(dialog.getByText(/notes\.md changed on the server after you opened it/)).toBeVisible();
    expect(await body()).toBe('their version');
  } finally {
    await cleanup();
  }
});
