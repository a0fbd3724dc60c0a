import { randomBytes } from 'node:crypto';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { openActivity } from './activity-steps';
import { expect, gatewayClient, seedBucket, test } from './fixtures';
import { openBucket } from './profile-steps';

// The test gateway offers STANDARD and COLD (scripts/gateway.mjs).
test('Storage class… on a folder and an object moves every object below to the class, as a job; the table then shows it', async ({
  app,
  page,
  gateway,
}, testInfo) => {
  const bucket = `pail-e2e-class-${randomBytes(3).toString('hex')}`;
  const cleanup = await seedBucket(gateway, bucket, ['logs/a.log', 'logs/deep/b.log', 'report.pdf', 'stay.txt']);
  const client = gatewayClient(gateway);
  const classOf = async (key: string) => (await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).StorageClass ?? 'STANDARD';
  try {
    await openBucket(app, gateway, bucket, { name: 'Gateway' });
    const table = page.getByRole('table', { name: 'Objects' });
    await table.getByRole('row', { name: 'logs', exact: true }).click();
    await table.getByRole('row', { name: 'report.pdf', exact: true }).click({ modifiers: ['ControlOrMeta'] });
    await table.getByRole('row', { name: 'report.pdf', exact: true }).click({ button: 'right' });
    await page.getByRole('menu').getByRole('menuitem', { name: 'Storage class…' }).click();

    const dialog = page.getByRole('dialog', { name: 'Storage class of 1 object and 1 folder' });
    const field = dialog.getByRole('combobox', { name: 'Move to storage class' });
    await field.fill('cold');
    await expect(field).toHaveAccessibleDescription(/A storage class is a name in capitals like STANDARD or STANDARD_IA\./);
    await field.fill('COLD');
    await expect(dialog.getByRole('status')).toHaveText(
      'Moves 1 object and 1 folder (every object below) to COLD: each is copied onto itself, keeping its headers, metadata and grants. Objects already in COLD are left alone.',
    );
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await dialog.screenshot({ path: testInfo.outputPath(`storage-class-${scheme}.png`) });
    }
    await dialog.getByRole('button', { name: 'Move to class' }).click();
    await expect(dialog).toBeHidden();

    const activity = await openActivity(page);
    await expect(activity.getByRole('listitem').first()).toContainText('Moved 3 objects to COLD.');
    expect([await classOf('logs/a.log'), await classOf('logs/deep/b.log'), await classOf('report.pdf'), await classOf('stay.txt')]).toEqual([
      'COLD',
      'COLD',
      'COLD',
      'STANDARD',
    ]);
    await expect(table.getByRole('row', { name: 'report.pdf', exact: true })).toContainText('COLD');
    await expect(table.getByRole('row', { name: 'stay.txt', exact: true })).toContainText('STANDARD');
  } finally {
    await cleanup();
  }
});
