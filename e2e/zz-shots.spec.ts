import { join } from 'node:path';
import { expect, seedBucket, test } from './fixtures';

const AWS_HOME = join(__dirname, 'fixtures', 'aws-home');

for (const scheme of ['light', 'dark'] as const) {
  test.describe(scheme, () => {
    test.use({ colorScheme: scheme, viewport: { width: 1280, height: 1000 }, appEnv: { HOME: AWS_HOME, AWS_SHARED_CREDENTIALS_FILE: '', AWS_CONFIG_FILE: '' } });

    test(`shots ${scheme}`, async ({ page, gateway }) => {
      const cleanup = await seedBucket(gateway, `pail-shots-${scheme}`, ['a.txt']);
      try {
        await page.getByRole('button', { name: 'Add profile' }).click();
        const first = page.getByRole('dialog', { name: 'Add profile' });
        await first.getByRole('textbox', { name: 'Name', exact: true }).fill('work');
        await first.getByRole('textbox', { name: 'Endpoint URL' }).fill(gateway.endpoint);
        await first.getByRole('textbox', { name: 'Access key ID' }).fill(gateway.users[0].accessKeyId);
        await first.getByLabel('Secret access key').fill(gateway.users[0].secretAccessKey);
        await first.getByRole('button', { name: 'Save profile' }).click();
        await expect(first).toBeHidden();
        await page.getByRole('button', { name: 'Add profile' }).click();
        const dialog = page.getByRole('dialog', { name: 'Add profile' });
        await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Paris');
        await dialog.getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'Linode / Akamai Object Storage' });
        await dialog.getByRole('combobox', { name: 'Region' }).selectOption('fr-par-1');
        await page.screenshot({ path: `/tmp/shot-${scheme}-editor.png` });
        await dialog.getByRole('textbox', { name: 'Endpoint URL' }).fill('https://files.example.com');
        await dialog.getByRole('button', { name: 'Compatibility settings' }).click();
        await dialog.getByRole('button', { name: 'Add URL base' }).click();
        await dialog.getByRole('button', { name: 'Save profile' }).click();
        await page.screenshot({ path: `/tmp/shot-${scheme}-editor-compat.png` });
        await dialog.getByRole('textbox', { name: 'Base URL' }).fill('ftp://x');
        await dialog.getByRole('textbox', { name: 'Default bucket' }).fill('ab');
        await dialog.getByRole('button', { name: 'Save profile' }).click();
        await dialog.getByRole('button', { name: 'Add URL base' }).scrollIntoViewIfNeeded();
        await page.screenshot({ path: `/tmp/shot-${scheme}-editor-compat2.png` });
        await dialog.getByRole('textbox', { name: 'Default bucket' }).fill('');
        await dialog.getByRole('button', { name: 'Remove URL base 1' }).click();
        await dialog.getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'Ceph RADOS Gateway' });
        await dialog.getByRole('textbox', { name: 'Endpoint URL' }).fill(gateway.endpoint);
        await dialog.getByRole('textbox', { name: 'Access key ID' }).fill(gateway.users[0].accessKeyId);
        await dialog.getByLabel('Secret access key').fill('wrong-secret');
        await dialog.getByRole('button', { name: 'Compatibility settings' }).click();
        await dialog.getByRole('button', { name: 'Test connection' }).click();
        await expect(dialog.getByRole('region', { name: 'Connection test' }).getByText(/^Not connected/)).toBeVisible({ timeout: 30000 });
        await dialog.getByRole('region', { name: 'Connection test' }).scrollIntoViewIfNeeded();
        await page.screenshot({ path: `/tmp/shot-${scheme}-report-fail.png` });
        await dialog.getByLabel('Secret access key').fill(gateway.users[0].secretAccessKey);
        await dialog.getByRole('textbox', { name: 'Test bucket' }).fill(`pail-shots-${scheme}`);
        await dialog.getByRole('button', { name: 'Test connection' }).click();
        await expect(dialog.getByRole('region', { name: 'Connection test' }).getByText('Connected', { exact: true })).toBeVisible({ timeout: 30000 });
        await dialog.getByRole('region', { name: 'Connection test' }).scrollIntoViewIfNeeded();
        await page.screenshot({ path: `/tmp/shot-${scheme}-report-ok.png` });
        await dialog.getByRole('button', { name: 'Save profile' }).click();
        await expect(dialog).toBeHidden();

        await page.getByRole('button', { name: 'Import profiles' }).click();
        const imp = page.getByRole('dialog', { name: 'Import profiles' });
        await imp.getByRole('button', { name: 'Preview' }).click();
        await expect(imp.getByRole('listitem', { name: 'sso-only' })).toBeVisible();
        await page.screenshot({ path: `/tmp/shot-${scheme}-import.png` });
        await imp.getByRole('listitem', { name: 'work (imported)', exact: true }).scrollIntoViewIfNeeded();
        await page.screenshot({ path: `/tmp/shot-${scheme}-import2.png` });
        await imp.getByRole('button', { name: 'Cancel' }).click();

        await page.getByRole('button', { name: 'Actions for Paris', exact: true }).click();
        await page.screenshot({ path: `/tmp/shot-${scheme}-menu.png` });
        await page.getByRole('menuitem', { name: 'Delete' }).click();
        await page.screenshot({ path: `/tmp/shot-${scheme}-delete.png` });
      } finally {
        await cleanup();
      }
    });
  });
}
