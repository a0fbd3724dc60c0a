import { randomBytes } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { GetObjectAclCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { expect, gatewayClient, seedBucket, test } from './fixtures';
import { openBucket } from './profile-steps';

const bucketName = (label: string) => `pail-e2e-${label}-${randomBytes(3).toString('hex')}`;
const bucketButton = (page: Page, bucket: string) => page.getByRole('region', { name: 'Buckets' }).getByRole('button', { name: bucket, exact: true });
const row = (page: Page, name: string) => page.getByRole('table', { name: 'Objects' }).getByRole('row', { name, exact: true });
const settingsDialog = (page: Page, bucket: string) => page.getByRole('dialog', { name: `Bucket settings: ${bucket}` });

/** Drops files made in the page onto a target, as a desktop drop arrives. */
async function dropFiles(target: Locator, files: { name: string; text: string }[]) {
  const dataTransfer = await target.page().evaluateHandle((list) => {
    const data = new DataTransfer();
    for (const f of list) data.items.add(new File([f.text], f.name));
    return data;
  }, files);
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

test("a bucket's settings, from the link dialog and the sidebar: its custom domain makes the public links, its upload settings go on uploads", async ({
  app,
  page,
  gateway,
}) => {
  const bucket = bucketName('settings');
  const domain = 'https://cdn.example.test';
  const cleanup = await seedBucket(gateway, bucket, ['logo.png']);
  try {
    await openBucket(app, gateway, bucket);

    // The link dialog says where links go, and "Change…" opens the bucket's settings.
    await row(page, 'logo.png').click();
    await page.getByRole('toolbar', { name: 'Actions' }).getByRole('button', { name: 'Copy link…' }).click();
    const links = page.getByRole('dialog', { name: 'Links to logo.png' });
    await links.getByRole('tab', { name: 'Public URL' }).click();
    const host = new URL(gateway.endpoint).host;
    await expect(links.getByText(`Links for this bucket use: the endpoint (${host})`)).toBeVisible();
    await links.getByRole('button', { name: 'Change…' }).click();

    let dialog = settingsDialog(page, bucket);
    await expect(dialog.getByRole('textbox', { name: 'Public URL base' })).toHaveAccessibleDescription(
      /Signed requests always go to the endpoint; public links may use this domain instead, e\.g\. a CNAME or CDN/,
    );
    await dialog.getByRole('textbox', { name: 'Public URL base' }).fill('cdn.example.test');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByText('A public URL base must be a full URL, e.g. https://cdn.example.com.')).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Public URL base' }).fill(domain);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();

    // Back in the link dialog, which now builds the public URL on the domain.
    await links.getByRole('tab', { name: 'Public URL' }).click();
    await expect(links.getByText(`Links for this bucket use: the custom domain ${domain}`)).toBeVisible();
    await expect(links.getByRole('textbox', { name: 'Public URL' })).toHaveValue(`${domain}/logo.png`);
    await links.getByRole('button', { name: 'Close' }).click();
    await expect(links).toBeHidden();

    // From the bucket's menu in the sidebar: the upload settings.
    await bucketButton(page, bucket).click({ button: 'right' });
    await page
      .getByRole('menu', { name: `Actions for bucket ${bucket}` })
      .getByRole('menuitem', { name: 'Bucket settings…' })
      .click();
    dialog = settingsDialog(page, bucket);
    await expect(dialog.getByRole('textbox', { name: 'Public URL base' })).toHaveValue(domain);
    await dialog.getByRole('combobox', { name: 'Access' }).selectOption({ label: 'Public read' });
    await dialog.getByRole('textbox', { name: 'Cache-Control' }).fill('max-age=600');
    await dialog.getByRole('combobox', { name: 'Content-Disposition' }).selectOption({ label: 'Attachment (download)' });
    await dialog.getByRole('button', { name: 'Add metadata' }).click();
    await dialog.getByRole('textbox', { name: 'Metadata name' }).fill('team');
    await dialog.getByRole('textbox', { name: 'Metadata value' }).fill('web');
    await dialog.getByRole('checkbox', { name: 'Ask before uploading a drop into this bucket' }).uncheck();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    // Saving keeps the user in the open bucket.
    await expect(page.getByRole('textbox', { name: 'Address' })).toHaveValue(`${bucket}/`);
    await expect(row(page, 'logo.png')).toBeVisible();

    // A drop uploads with the bucket's settings.
    await dropFiles(page.getByRole('table', { name: 'Objects' }), [{ name: 'notes.txt', text: 'hello' }]);
    await expect(row(page, 'notes.txt')).toBeVisible({ timeout: 20_000 });
    const s3 = gatewayClient(gateway);
    await expect
      .poll(async () => (await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'notes.txt' }))).CacheControl, { timeout: 15_000 })
      .toBe('max-age=600');
    expect(await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'notes.txt' }))).toMatchObject({
      ContentType: 'text/plain',
      ContentDisposition: 'attachment',
      Metadata: { team: 'web' },
    });
    const grants = (await s3.send(new GetObjectAclCommand({ Bucket: bucket, Key: 'notes.txt' }))).Grants ?? [];
    expect(grants.some((g) => g.Grantee?.URI?.endsWith('AllUsers') && g.Permission === 'READ')).toBe(true);
  } finally {
    await cleanup();
  }
});

/** Fills "Add profile" for the gateway under the host name "vm" (this machine's name in /etc/hosts: no provider's, like a custom domain) with a refused secret. */
async function addProfileOnCustomHost(page: Page, endpoint: string, accessKeyId: string) {
  await page.getByRole('button', { name: 'Add profile', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Add profile' });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('On a domain');
  await dialog.getByRole('textbox', { name: 'Endpoint URL' }).fill(endpoint);
  await dialog.getByRole('textbox', { name: 'Region' }).fill('default');
  await dialog.getByRole('textbox', { name: 'Access key ID' }).fill(accessKeyId);
  await dialog.getByLabel('Secret access key').fill('refused-by-the-server');
  return dialog;
}

test('a refused signature on a custom-domain-like endpoint offers to move it to a bucket’s settings, in the connection test', async ({ page, gateway }) => {
  const byName = gateway.endpoint.replace('127.0.0.1', 'vm');
  const dialog = await addProfileOnCustomHost(page, byName, gateway.users[0].accessKeyId);
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  const report = dialog.getByRole('region', { name: 'Connection test' });
  await report.getByRole('button', { name: 'Move it to a bucket’s custom domain…' }).click({ timeout: 45_000 });

  const host = new URL(byName).host;
  const move = page.getByRole('dialog', { name: `Move ${host} to a bucket’s custom domain` });
  await move.getByRole('textbox', { name: 'The provider’s S3 endpoint' }).fill(byName);
  await move.getByRole('button', { name: 'Move' }).click();
  await expect(move.getByText('This is the address you typed before; give the provider’s own S3 endpoint.')).toBeVisible();
  await expect(move.getByText('A bucket name has at least 3 characters.')).toBeVisible();
  await move.getByRole('textbox', { name: 'Bucket', exact: true }).fill('photos');
  await move.getByRole('textbox', { name: 'The provider’s S3 endpoint' }).fill(gateway.endpoint);
  await move.getByRole('button', { name: 'Move' }).click();
  await expect(move).toBeHidden();

  await expect(dialog.getByRole('textbox', { name: 'Endpoint URL' })).toHaveValue(gateway.endpoint);
  const row = dialog.getByRole('group', { name: 'Bucket settings 1' });
  await expect(row.getByRole('textbox', { name: 'Bucket', exact: true })).toHaveValue('photos');
  await expect(row.getByRole('textbox', { name: 'Public URL base' })).toHaveValue(byName);
});

test('a refused signature on a custom-domain-like endpoint offers the move from the bucket list’s error too, and saves it', async ({ page, gateway }) => {
  const byName = gateway.endpoint.replace('127.0.0.1', 'vm');
  const bucket = bucketName('domain');
  const dialog = await addProfileOnCustomHost(page, byName, gateway.users[0].accessKeyId);
  await dialog.getByRole('button', { name: 'Save profile', exact: true }).click();
  await expect(dialog).toBeHidden();

  const alert = page.getByRole('alert').filter({ hasText: 'Could not list buckets' });
  await expect(alert).toContainText('SignatureDoesNotMatch');
  await alert.getByRole('button', { name: 'Move it to a bucket’s custom domain…' }).click();
  const move = page.getByRole('dialog', { name: `Move ${new URL(byName).host} to a bucket’s custom domain` });
  await move.getByRole('textbox', { name: 'Bucket', exact: true }).fill(bucket);
  await move.getByRole('textbox', { name: 'The provider’s S3 endpoint' }).fill(gateway.endpoint);
  await move.getByRole('button', { name: 'Move' }).click();
  await expect(move).toBeHidden();

  // The profile now signs for the gateway's own address (the secret is still wrong, so no offer this time).
  await expect(page.getByRole('button', { name: 'On a domain', exact: true })).toContainText(new URL(gateway.endpoint).host);
  await expect(page.getByRole('alert').filter({ hasText: 'Could not list buckets' })).toContainText('SignatureDoesNotMatch');
  await expect(page.getByRole('button', { name: 'Move it to a bucket’s custom domain…' })).toHaveCount(0);
  // The bucket's settings hold the domain.
  await page.getByRole('textbox', { name: 'Address' }).fill(`${bucket}/`);
  await page.getByRole('textbox', { name: 'Address' }).press('Enter');
  await page.getByRole('region', { name: 'Buckets' }).getByRole('button', { name: bucket, exact: true }).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Bucket settings…' }).click();
  await expect(settingsDialog(page, bucket).getByRole('textbox', { name: 'Public URL base' })).toHaveValue(byName);
});
